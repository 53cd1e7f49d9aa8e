//! Front-matter keys: structured front matter, made of the keys tend reads
//! (and near misses of them) with values of every shape, goes through the
//! same parse and typed check as a page's or a section's. The check must
//! not panic, must place every problem on a line of the block, and must
//! never call a key it reads unknown.

#![no_main]

use std::path::Path;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Number, Value};
use tend::load::front_matter::{parse, split};
use tend::load::{FileKind, check_front_matter};
use tend::model::{PAGE_SETTINGS, SECTION_SETTINGS, keys};

/// Obsidian's older spellings, read beside the settings.
const SPELLINGS: &[&str] = &["tag", "Tags", "alias", "Aliases"];

#[derive(Arbitrary, Debug)]
enum Key {
    Known(u8),
    /// A known key with one character changed.
    Typo(u8, u8, char),
    /// A known key in capitals.
    Shouted(u8),
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum Shape {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Date(u16, u8, u8, Option<(u8, u8)>),
    List(Vec<Shape>),
    Map(Vec<(String, Shape)>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    section: bool,
    fields: Vec<(Key, Shape)>,
    body: String,
}

fn all_keys() -> Vec<&'static str> {
    let mut all = keys(PAGE_SETTINGS);
    all.extend(keys(SECTION_SETTINGS));
    all.extend_from_slice(SPELLINGS);
    all
}

fn key(key: &Key, all: &[&str]) -> String {
    let pick = |i: &u8| all[usize::from(*i) % all.len()];
    match key {
        Key::Known(i) => pick(i).to_owned(),
        Key::Typo(i, at, c) => {
            let mut chars: Vec<char> = pick(i).chars().collect();
            let at = usize::from(*at) % chars.len();
            chars[at] = *c;
            chars.into_iter().collect()
        }
        Key::Shouted(i) => pick(i).to_uppercase(),
        Key::Other(text) => text.clone(),
    }
}

fn value(shape: &Shape, depth: usize) -> Value {
    match shape {
        Shape::Null => Value::Null,
        Shape::Bool(b) => Value::Bool(*b),
        Shape::Int(i) => Value::Number((*i).into()),
        Shape::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Shape::Text(text) => Value::String(text.clone()),
        Shape::Date(y, m, d, time) => {
            let day = format!("{:04}-{:02}-{:02}", y % 10_000, m % 14, d % 33);
            Value::String(match time {
                Some((h, min)) => format!("{day}T{:02}:{:02}:00", h % 25, min % 61),
                None => day,
            })
        }
        Shape::List(items) if depth < 3 => Value::Array(items.iter().map(|s| value(s, depth + 1)).collect()),
        Shape::Map(entries) if depth < 3 => {
            Value::Object(entries.iter().map(|(k, s)| (k.clone(), value(s, depth + 1))).collect::<Map<_, _>>())
        }
        Shape::List(_) | Shape::Map(_) => Value::Null,
    }
}

fuzz_target!(|input: Input| {
    let all = all_keys();
    let kind = if input.section { FileKind::Section } else { FileKind::Page };
    let known = keys(if input.section { SECTION_SETTINGS } else { PAGE_SETTINGS });
    // JSON is YAML's flow style: one `"key": value` line per field.
    let mut text = String::from("---\n");
    for (k, shape) in &input.fields {
        let line = format!("{}: {}\n", Value::String(key(k, &all)), value(shape, 0));
        text.push_str(&line);
    }
    text.push_str("---\n");
    text.push_str(&input.body);
    let file = Path::new("content/fuzz.md");
    let Ok(parts) = split(&text, file) else { return };
    let Some((format, block)) = parts.block else { return };
    let Ok(raw) = parse(format, block, parts.block_line, file, &text) else { return };
    let (_, problems) = check_front_matter(raw, kind, file, &text);
    let last = input.fields.len() + 2;
    for problem in &problems {
        if let Some(location) = &problem.location {
            assert!((1..=last).contains(&location.line), "{}: line {} of {last}", problem.message, location.line);
        }
        if let Some(rest) = problem.message.strip_prefix("unknown front-matter key `") {
            let name = rest.trim_end_matches('`');
            assert!(!known.contains(&name), "a key tend reads called unknown: {name}");
        }
    }
});
