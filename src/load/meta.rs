//! Checking front matter: [`RawFrontMatter`] in, typed [`FrontMatter`] out.
//!
//! Each known key is a field of the raw struct, checked by one conversion
//! that names every field; the other keys go to `extra` for templates, with
//! a warning for keys that look like a typo of a known one. Every problem
//! names the key's line.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{
    Diagnostic, FrontMatter, Location, PAGE_SETTINGS, PageDate, SECTION_SETTINGS, SortBy, Status, keys, parse_date,
};

/// Which file kind the front matter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page.
    Page,
    /// A section's `_index.md`.
    Section,
}

/// Where problems are reported: the file, its text, and the key lines.
struct Reporter<'a> {
    file: &'a Path,
    text: &'a str,
    key_lines: &'a HashMap<String, usize>,
    problems: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn at_key(&self, key: &str) -> Location {
        let line = self.key_lines.get(key).copied().unwrap_or(1);
        let location = Location::new(self.file, line, 1).with_source(self.text);
        let width = location.source_line.as_deref().map_or(1, |l| l.chars().count());
        location.with_width(width)
    }

    fn error(&mut self, key: &str, message: String, hint: &str) {
        let location = self.at_key(key);
        self.problems.push(Diagnostic::error(message).at(location).hint(hint));
    }

    fn string(&mut self, key: &str, value: Option<Value>) -> Option<String> {
        match value? {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => None,
            other => {
                self.error(
                    key,
                    format!("`{key}` must be text, found {}", describe(&other)),
                    "write a single value on the same line, e.g. `title: My post`",
                );
                None
            }
        }
    }

    /// Text that is nothing when empty: an empty title or description
    /// leaves the heading or the first paragraph to stand in, as when it
    /// is not given.
    fn non_empty(&mut self, key: &str, value: Option<Value>) -> Option<String> {
        self.string(key, value).filter(|text| !text.trim().is_empty())
    }

    fn bool(&mut self, key: &str, value: Option<Value>) -> Option<bool> {
        match value? {
            Value::Bool(b) => Some(b),
            Value::Null => None,
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            other => {
                self.error(
                    key,
                    format!("`{key}` must be true or false, found {}", describe(&other)),
                    "write `true` or `false`",
                );
                None
            }
        }
    }

    fn integer(&mut self, key: &str, value: Option<Value>) -> Option<i64> {
        match value? {
            Value::Number(n) if n.is_i64() => n.as_i64(),
            Value::Null => None,
            Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            other => {
                self.error(
                    key,
                    format!("`{key}` must be a whole number, found {}", describe(&other)),
                    "write a whole number, e.g. `weight: 10`",
                );
                None
            }
        }
    }

    fn list(&mut self, key: &str, value: Option<Value>, separators: &[char]) -> Vec<String> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => {
                s.split(separators).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            }
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s),
                        Value::Number(n) => out.push(n.to_string()),
                        other => self.error(
                            key,
                            format!("`{key}` must be a list of text, found {} in it", describe(&other)),
                            "write each entry as plain text, e.g. `tags: [rust, writing]`",
                        ),
                    }
                }
                out
            }
            Some(other) => {
                self.error(
                    key,
                    format!("`{key}` must be a list, found {}", describe(&other)),
                    "write a list, e.g. `tags: [rust, writing]`",
                );
                Vec::new()
            }
        }
    }

    fn date(&mut self, key: &str, value: Option<Value>) -> Option<PageDate> {
        let text = self.string(key, value)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.error(
                key,
                format!("`{key}` is not a valid date: `{text}`"),
                "write dates as YYYY-MM-DD, optionally with a time: 2025-10-31 or 2025-10-31T09:30:00+02:00",
            );
        }
        date
    }

    /// Tags, written with or without their `#`.
    fn tags(&mut self, value: Option<Value>) -> Vec<String> {
        let tags = self.list("tags", value, &[',']).into_iter();
        tags.map(|t| t.trim_start_matches('#').to_owned()).filter(|t| !t.is_empty()).collect()
    }

    fn paginate_by(&mut self, value: Option<Value>) -> Option<usize> {
        let n = self.integer("paginate_by", value)?;
        match usize::try_from(n) {
            Ok(n) if n > 0 => Some(n),
            _ => {
                self.error(
                    "paginate_by",
                    format!("`paginate_by` must be a positive number, found {n}"),
                    "write how many pages one list page shows, e.g. `paginate_by: 10`",
                );
                None
            }
        }
    }

    fn sort_by(&mut self, value: Option<Value>) -> Option<SortBy> {
        let word = self.string("sort_by", value)?;
        let sort_by = SortBy::parse(&word);
        if sort_by.is_none() {
            let message = format!("`sort_by` must be date, weight or title, found `{word}`");
            self.error("sort_by", message, "write `sort_by: date`, `sort_by: weight` or `sort_by: title`");
        }
        sort_by
    }

    /// The keys under `extra`, added to `out`.
    fn extra(&mut self, value: Option<Value>, out: &mut Map<String, Value>) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => out.extend(map),
            Some(other) => self.error(
                "extra",
                format!("`extra` must be a map of keys, found {}", describe(&other)),
                "put free keys under `extra:` indented, one per line",
            ),
        }
    }

    /// Spellings of a key given beside the spelling read (`Tags` beside
    /// `tags`): each a warning, its value added to `out` for templates.
    fn doubled(&mut self, doubled: Vec<(&str, &str, Value)>, out: &mut Map<String, Value>) {
        for (key, read, value) in doubled {
            let location = self.at_key(key);
            self.problems.push(
                Diagnostic::warning(format!("`{key}` is not read: `{read}` is given too"))
                    .at(location)
                    .hint(format!("keep one of them; tend reads `{read}`")),
            );
            out.insert(key.to_owned(), value);
        }
    }

    /// Keys tend does not read, added to `out` for templates; one that looks
    /// like a typo of a setting of `kind` is a warning.
    fn unknown(&mut self, rest: Map<String, Value>, kind: Kind, out: &mut Map<String, Value>) {
        let known = keys(if kind == Kind::Page { PAGE_SETTINGS } else { SECTION_SETTINGS });
        let mut unknown: Vec<_> = rest.into_iter().collect();
        unknown.sort_by_key(|(key, _)| self.key_lines.get(key).copied().unwrap_or(0));
        for (key, value) in unknown {
            if let Some(suggestion) = suggest(&key, &known) {
                let location = self.at_key(&key);
                self.problems.push(
                    Diagnostic::warning(format!("unknown front-matter key `{key}`"))
                        .at(location)
                        .hint(format!("did you mean `{suggestion}`?")),
                );
            }
            out.insert(key, value);
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map of keys",
    }
}

/// Front matter as written: one field for every key of
/// [`PAGE_SETTINGS`] and [`SECTION_SETTINGS`] and for Obsidian's older
/// spellings of three of them, each the value as written; every other key
/// in `rest`. [`check`] turns it into a [`FrontMatter`].
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RawFrontMatter {
    title: Option<Value>,
    date: Option<Value>,
    updated: Option<Value>,
    description: Option<Value>,
    tags: Option<Value>,
    tag: Option<Value>,
    #[serde(rename = "Tags")]
    tags_titled: Option<Value>,
    series: Option<Value>,
    draft: Option<Value>,
    slug: Option<Value>,
    aliases: Option<Value>,
    alias: Option<Value>,
    #[serde(rename = "Aliases")]
    aliases_titled: Option<Value>,
    template: Option<Value>,
    weight: Option<Value>,
    status: Option<Value>,
    toc: Option<Value>,
    publish: Option<Value>,
    permalink: Option<Value>,
    #[serde(rename = "translationKey")]
    translation_key: Option<Value>,
    cssclasses: Option<Value>,
    cssclass: Option<Value>,
    image: Option<Value>,
    cover: Option<Value>,
    sort_by: Option<Value>,
    paginate_by: Option<Value>,
    feed: Option<Value>,
    extra: Option<Value>,
    #[serde(flatten)]
    rest: Map<String, Value>,
    #[serde(skip)]
    pub(super) key_lines: HashMap<String, usize>,
}

impl RawFrontMatter {
    /// The front matter of `map`, its keys on the lines `key_lines` gives.
    pub fn new(map: Map<String, Value>, key_lines: HashMap<String, usize>) -> RawFrontMatter {
        // Every field takes any value, so this cannot fail.
        let fields = RawFrontMatter::deserialize(Value::Object(map)).unwrap_or_default();
        RawFrontMatter { key_lines, ..fields }
    }
}

/// Checks raw front matter. Returns what could be read, and every problem.
pub fn check(raw: RawFrontMatter, kind: Kind, file: &Path, text: &str) -> (FrontMatter, Vec<Diagnostic>) {
    let RawFrontMatter {
        title,
        date,
        updated,
        description,
        tags,
        tag,
        tags_titled,
        series,
        draft,
        slug,
        aliases,
        alias,
        aliases_titled,
        template,
        weight,
        status,
        toc,
        publish,
        permalink,
        translation_key,
        cssclasses,
        cssclass,
        image,
        cover,
        sort_by,
        paginate_by,
        feed,
        extra,
        rest,
        key_lines,
    } = raw;
    // Spellings given beside the one read: (the one not read, the one read).
    let mut doubled = Vec::new();
    let tags = first_given([("tags", tags), ("tag", tag), ("Tags", tags_titled)], &mut doubled);
    let aliases = first_given([("aliases", aliases), ("alias", alias), ("Aliases", aliases_titled)], &mut doubled);
    let cssclasses = first_given([("cssclasses", cssclasses), ("cssclass", cssclass)], &mut doubled);
    let image = first_given([("image", image), ("cover", cover)], &mut doubled);
    let mut r = Reporter { file, text, key_lines: &key_lines, problems: Vec::new() };
    let mut meta = FrontMatter {
        title: r.non_empty("title", title),
        date: r.date("date", date),
        updated: r.date("updated", updated),
        description: r.non_empty("description", description),
        tags: r.tags(tags),
        series: r.string("series", series),
        draft: r.bool("draft", draft).unwrap_or(false),
        slug: r.string("slug", slug),
        aliases: r.list("aliases", aliases, &[]),
        template: r.string("template", template),
        weight: r.integer("weight", weight),
        status: None,
        toc: r.bool("toc", toc),
        publish: r.bool("publish", publish).unwrap_or(true),
        permalink: r.string("permalink", permalink),
        translation_key: r.non_empty("translationKey", translation_key),
        cssclasses: r.list("cssclasses", cssclasses, &[' ', ',']),
        image: r.string("image", image),
        sort_by: r.sort_by(sort_by),
        paginate_by: r.paginate_by(paginate_by),
        feed: r.bool("feed", feed),
        extra: Map::new(),
        key_lines: HashMap::new(),
    };
    // A growth stage shows as one; any other status (a vault's own
    // `in-progress`, a list) is the writer's, kept for templates.
    match status {
        Some(Value::String(word)) if Status::parse(&word).is_some() => meta.status = Status::parse(&word),
        Some(Value::Null) | None => {}
        Some(other) => {
            meta.extra.insert("status".to_owned(), other);
        }
    }
    r.extra(extra, &mut meta.extra);
    r.unknown(rest, kind, &mut meta.extra);
    r.doubled(doubled, &mut meta.extra);
    let problems = std::mem::take(&mut r.problems);
    (FrontMatter { key_lines, ..meta }, problems)
}

/// The value of the first spelling given; the others given too are
/// `doubled`, each with the spelling read instead and its value.
fn first_given<const N: usize>(
    spellings: [(&'static str, Option<Value>); N],
    doubled: &mut Vec<(&'static str, &'static str, Value)>,
) -> Option<Value> {
    let mut chosen: Option<(&'static str, Value)> = None;
    for (key, value) in spellings {
        match (value, &chosen) {
            (Some(value), None) => chosen = Some((key, value)),
            (Some(value), Some((read, _))) => doubled.push((key, read, value)),
            (None, _) => {}
        }
    }
    chosen.map(|(_, value)| value)
}

/// A warning for `key`, which table `table` of tend.toml (`[images]`) does
/// not know, with the setting it is probably meant to be, or the list.
pub(super) fn unknown_setting(
    table: &str,
    key: &str,
    settings: &[crate::model::Setting],
    at: &dyn Fn(&str) -> Location,
) -> Diagnostic {
    let known = keys(settings);
    let hint = match suggest(key, &known) {
        Some(known) => format!("did you mean `{known}`?"),
        None => format!("{table} knows {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::warning(format!("unknown setting `{key}` in {table} of {}", crate::model::CONFIG_FILE))
        .at(at(key))
        .hint(hint)
}

/// The known key an unknown one is probably a typo of, if any.
pub(super) fn suggest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key = key.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&key, k), *k))
        // One letter off, or two swapped: `published`, `loc` or `color`
        // are a vault's own properties, not typos of `publish`, `toc` or
        // `cover`.
        .filter(|(distance, k)| *distance <= 1 && key.len() > 3 && k.len() > 3)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{RawFrontMatter, suggest};
    use crate::model::{PAGE_SETTINGS, SECTION_SETTINGS, keys};

    #[test]
    fn every_setting_is_a_field_and_every_field_a_setting() {
        let fields = serde_json::to_value(RawFrontMatter::default()).expect("serialises");
        let fields: BTreeSet<&str> = fields.as_object().expect("a map").keys().map(String::as_str).collect();
        // The older spellings Obsidian reads, not listed as settings.
        let older = ["tag", "Tags", "alias", "Aliases"];
        let settings: BTreeSet<&str> =
            keys(PAGE_SETTINGS).into_iter().chain(keys(SECTION_SETTINGS)).chain(older).collect();
        assert_eq!(fields, settings);
    }

    #[test]
    fn typos_get_suggestions() {
        assert_eq!(suggest("titel", &keys(PAGE_SETTINGS)), Some("title"));
        assert_eq!(suggest("dtae", &keys(PAGE_SETTINGS)), Some("date"));
        assert_eq!(suggest("Date", &keys(PAGE_SETTINGS)), Some("date"));
        assert_eq!(suggest("tagss", &keys(PAGE_SETTINGS)), Some("tags"));
        assert_eq!(suggest("updatd", &keys(PAGE_SETTINGS)), Some("updated"));
        assert_eq!(suggest("descripton", &keys(PAGE_SETTINGS)), Some("description"));
    }

    #[test]
    fn other_keys_are_left_alone() {
        assert_eq!(suggest("author", &keys(PAGE_SETTINGS)), None);
        assert_eq!(suggest("mood", &keys(PAGE_SETTINGS)), None);
        assert_eq!(suggest("canonical_url", &keys(PAGE_SETTINGS)), None);
        assert_eq!(suggest("id", &keys(PAGE_SETTINGS)), None);
        // Issue 18: a vault's own properties.
        for key in ["published", "loc", "color", "created"] {
            assert_eq!(suggest(key, &keys(PAGE_SETTINGS)), None, "{key}");
        }
    }
}
