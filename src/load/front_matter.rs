//! Splitting a Markdown file into front matter and body, and parsing the front
//! matter (YAML between `---`, TOML between `+++`, JSON between `---json`
//! and `---`, as Eleventy writes it) into a plain map.
//!
//! Line numbers reported from here are lines of the whole file: the block's
//! own line numbers are shifted by the line it starts on.

use std::collections::HashMap;
use std::path::Path;

use super::meta::RawFrontMatter;
use crate::model::{Diagnostic, Location, line_column};

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `---` fences.
    Yaml,
    /// `+++` fences.
    Toml,
    /// `---json` and `---` (Eleventy).
    Json,
    /// `---js` or `---javascript` and `---` (Eleventy): code, which tend
    /// does not run.
    JavaScript,
}

/// A file split in two.
#[derive(Debug)]
pub struct Split<'a> {
    /// The front-matter text between the fences, if any.
    pub block: Option<(Format, &'a str)>,
    /// 1-based line on which the block's first line stands.
    pub block_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

/// Splits `text` at its front-matter fences. A file that opens a fence but
/// never closes it is an error at line 1.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let (format, fence) = match text[..first_line_end].trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        "---json" => (Format::Json, "---"),
        "---js" | "---javascript" => (Format::JavaScript, "---"),
        _ => return Ok(Split { block: None, block_line: 1, body: text, body_line: 1 }),
    };
    if !text[..first_line_end].trim_end().starts_with(fence) {
        // `----` or `--- text` is Markdown (a rule or a heading underline).
        return Ok(Split { block: None, block_line: 1, body: text, body_line: 1 });
    }
    let block_start = (first_line_end + 1).min(text.len());
    let mut offset = block_start;
    for (line, raw_line) in (2..).zip(text[block_start..].split_inclusive('\n')) {
        let trimmed = raw_line.trim_end();
        let closes = trimmed == fence || (format == Format::Yaml && trimmed == "...");
        if closes {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                block: Some((format, &text[block_start..offset])),
                block_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(Diagnostic::error(format!("front matter opened with `{fence}` is never closed"))
        .at(Location::new(file, 1, 1).with_source(text).with_width(3))
        .hint(format!("close the front matter with a line holding only `{fence}`")))
}

/// Parses a front-matter block. `whole` is the whole file, for snippets.
pub fn parse(
    format: Format,
    block: &str,
    block_line: usize,
    file: &Path,
    whole: &str,
) -> Result<RawFrontMatter, Diagnostic> {
    let map = match format {
        Format::Yaml => parse_yaml(block, block_line, file, whole)?,
        Format::Toml => parse_toml(block, block_line, file, whole)?,
        Format::Json => parse_json(block, block_line, file, whole)?,
        Format::JavaScript => Map::new(),
    };
    Ok(RawFrontMatter::new(map, key_lines(format, block, block_line)))
}

type Map = serde_json::Map<String, serde_json::Value>;

fn parse_yaml(block: &str, block_line: usize, file: &Path, whole: &str) -> Result<Map, Diagnostic> {
    if block.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_saphyr::from_str::<serde_json::Value>(block) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(serde_json::Value::Null) => Ok(Map::new()),
        Ok(_) => Err(not_a_map(file, block_line, whole, "---")),
        Err(err) => {
            let (line, column) = err.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((1, 1));
            Err(Diagnostic::error(format!("front matter is not valid YAML: {}", first_line(&yaml_message(&err))))
                .at(Location::new(file, block_line + line.max(1) - 1, column.max(1)).with_source(whole))
                .hint(
                    "check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&` or `#`",
                ))
        }
    }
}

fn yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.to_string();
    // The crate adds its own "error:" and location, before the message or
    // after it; the diagnostic shows its own instead.
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let text = match text.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        Some((place, message)) if place.contains(" column ") => message,
        _ => text,
    };
    match text.find(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text.to_owned(),
    }
}

fn parse_toml(block: &str, block_line: usize, file: &Path, whole: &str) -> Result<Map, Diagnostic> {
    match block.parse::<toml::Table>() {
        Ok(table) => Ok(toml_table_to_json(table)),
        Err(err) => {
            let (line, column) = err.span().map(|span| line_column(block, span.start)).unwrap_or((1, 1));
            Err(Diagnostic::error(format!("front matter is not valid TOML: {}", first_line(err.message())))
                .at(Location::new(file, block_line + line - 1, column).with_source(whole))
                .hint("TOML front matter is `key = value` lines; quote strings, e.g. title = \"My post\""))
        }
    }
}

fn parse_json(block: &str, block_line: usize, file: &Path, whole: &str) -> Result<Map, Diagnostic> {
    if block.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<serde_json::Value>(block) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(not_a_map(file, block_line, whole, "---json")),
        Err(err) => Err(Diagnostic::error(format!("front matter is not valid JSON: {err}"))
            .at(Location::new(file, block_line + err.line().max(1) - 1, err.column().max(1)).with_source(whole))
            .hint("JSON front matter is one object: {\"title\": \"My post\"}; check its commas and quotes")),
    }
}

fn not_a_map(file: &Path, block_line: usize, whole: &str, fence: &str) -> Diagnostic {
    Diagnostic::error("front matter must be a set of `key: value` lines")
        .at(Location::new(file, block_line, 1).with_source(whole))
        .hint(format!("write keys such as `title: My post` between the `{fence}` lines"))
}

/// Converts a TOML table into the JSON-like map the rest of loading uses;
/// dates become their RFC 3339 text.
pub fn toml_table_to_json(table: toml::Table) -> Map {
    table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()
}

/// A TOML value as JSON; dates become the text they were written as.
pub fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(toml_table_to_json(t)),
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_owned()
}

/// Finds the line of each top-level key by looking for lines that start a
/// key at column 1: `key:` in YAML, `key =` or `[key]` in TOML.
fn key_lines(format: Format, block: &str, block_line: usize) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    for (index, line) in block.lines().enumerate() {
        if format != Format::Json && line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let key = match format {
            Format::Yaml => line.split_once(':').map(|(k, _)| k),
            Format::Toml if line.starts_with('[') => line.trim_start_matches('[').split(']').next(),
            Format::Toml => line.split_once('=').map(|(k, _)| k),
            Format::Json | Format::JavaScript => {
                line.trim_start().strip_prefix('"').and_then(|l| l.split_once('"')).map(|(k, _)| k)
            }
        };
        if let Some(key) = key {
            let key = key.trim().trim_matches(['"', '\'']).to_owned();
            let key = key.split('.').next().unwrap_or_default().to_owned();
            lines.entry(key).or_insert(block_line + index);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Format, parse, split};

    #[test]
    fn splits_yaml_and_counts_body_line() {
        let text = "---\ntitle: A\n---\nBody\n";
        let s = split(text, Path::new("a.md")).expect("splits");
        assert_eq!(s.block, Some((Format::Yaml, "title: A\n")));
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn splits_toml() {
        let text = "+++\ntitle = \"A\"\n+++\n\nBody";
        let s = split(text, Path::new("a.md")).expect("splits");
        assert_eq!(s.block, Some((Format::Toml, "title = \"A\"\n")));
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Hi\n", Path::new("a.md")).expect("splits");
        assert!(s.block.is_none());
        let s = split("--- not a fence\n", Path::new("a.md")).expect("splits");
        assert!(s.block.is_none());
    }

    #[test]
    fn unclosed_block_is_an_error_at_line_one() {
        let err = split("---\ntitle: A\nBody\n", Path::new("a.md")).expect_err("unclosed");
        let loc = err.location.expect("located");
        assert_eq!((loc.line, loc.column), (1, 1));
        assert!(err.hint.expect("hint").contains("`---`"));
    }

    #[test]
    fn yaml_error_lines_count_from_the_file_start() {
        let text = "---\ntitle: A\ntags: [a, b\n---\n";
        let s = split(text, Path::new("a.md")).expect("splits");
        let (format, block) = s.block.expect("block");
        let err = parse(format, block, s.block_line, Path::new("a.md"), text).expect_err("bad");
        let line = err.location.expect("located").line;
        assert!((3..=4).contains(&line), "line {line}");
    }

    #[test]
    fn a_yaml_error_says_error_and_its_place_once() {
        let text = "---\ntitle: A\ntags: [a, b\n---\n";
        let s = split(text, Path::new("a.md")).expect("splits");
        let (format, block) = s.block.expect("block");
        let err = parse(format, block, s.block_line, Path::new("a.md"), text).expect_err("bad");
        assert!(err.message.starts_with("front matter is not valid YAML: "), "{}", err.message);
        assert!(!err.message.contains("error") && !err.message.contains("line"), "{}", err.message);
    }

    #[test]
    fn toml_error_lines_count_from_the_file_start() {
        let text = "+++\ntitle = \"A\"\ndate = \n+++\n";
        let s = split(text, Path::new("a.md")).expect("splits");
        let (format, block) = s.block.expect("block");
        let err = parse(format, block, s.block_line, Path::new("a.md"), text).expect_err("bad");
        assert_eq!(err.location.expect("located").line, 3);
    }

    #[test]
    fn key_lines_are_whole_file_lines() {
        let text = "---\ntitle: A\ntags:\n  - x\ndate: 2025-01-01\n---\n";
        let s = split(text, Path::new("a.md")).expect("splits");
        let (format, block) = s.block.expect("block");
        let raw = parse(format, block, s.block_line, Path::new("a.md"), text).expect("ok");
        assert_eq!(raw.key_lines["title"], 2);
        assert_eq!(raw.key_lines["date"], 5);
    }
}
