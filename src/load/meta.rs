//! Checking front matter: raw keys and values in, typed [`FrontMatter`] out.
//!
//! Each known key is taken out of the raw map and checked; what remains goes
//! to `extra` for templates, with a warning for keys that look like a typo of
//! a known one. Every problem names the key's line.

use std::path::Path;

use serde_json::Value;

use super::front_matter::RawFrontMatter;
use crate::model::{
    Diagnostic, FrontMatter, Location, PAGE_SETTINGS, PageDate, SECTION_SETTINGS, Status, keys, parse_date,
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
    raw: &'a RawFrontMatter,
    problems: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn at_key(&self, key: &str) -> Location {
        let line = self.raw.key_lines.get(key).copied().unwrap_or(1);
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

/// Checks raw front matter. Returns what could be read, and every problem.
pub fn check(mut raw: RawFrontMatter, kind: Kind, file: &Path, text: &str) -> (FrontMatter, Vec<Diagnostic>) {
    let mut map = std::mem::take(&mut raw.map);
    let mut take = |key: &str| map.remove(key);
    let title = take("title");
    let date = take("date");
    let updated = take("updated");
    let description = take("description");
    // Obsidian reads its older singular and capitalised names too.
    let tags = take("tags").or_else(|| take("tag")).or_else(|| take("Tags"));
    let series = take("series");
    let draft = take("draft");
    let slug = take("slug");
    let aliases = take("aliases").or_else(|| take("alias")).or_else(|| take("Aliases"));
    let template = take("template");
    let weight = take("weight");
    let status = take("status");
    let toc = take("toc");
    let publish = take("publish");
    let permalink = take("permalink");
    let cssclasses = take("cssclasses").or_else(|| take("cssclass"));
    let image = take("image").or_else(|| take("cover"));
    let sort_by = take("sort_by");
    let paginate_by = take("paginate_by");
    let feed = take("feed");
    let extra = take("extra");

    let mut r = Reporter { file, text, raw: &raw, problems: Vec::new() };
    let mut meta = FrontMatter {
        title: r.string("title", title),
        date: r.date("date", date),
        updated: r.date("updated", updated),
        description: r.string("description", description),
        tags: r
            .list("tags", tags, &[','])
            .into_iter()
            .map(|t| t.trim_start_matches('#').to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
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
        cssclasses: r.list("cssclasses", cssclasses, &[' ', ',']),
        image: r.string("image", image),
        sort_by: r.string("sort_by", sort_by),
        paginate_by: None,
        feed: r.bool("feed", feed),
        extra: serde_json::Map::new(),
        key_lines: raw.key_lines.clone(),
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
    if let Some(n) = r.integer("paginate_by", paginate_by) {
        match usize::try_from(n) {
            Ok(n) if n > 0 => meta.paginate_by = Some(n),
            _ => r.error(
                "paginate_by",
                format!("`paginate_by` must be a positive number, found {n}"),
                "write how many pages one list page shows, e.g. `paginate_by: 10`",
            ),
        }
    }
    if let Some(sort_by) = &meta.sort_by
        && !matches!(sort_by.as_str(), "date" | "weight" | "title")
    {
        let message = format!("`sort_by` must be date, weight or title, found `{sort_by}`");
        r.error("sort_by", message, "write `sort_by: date`, `sort_by: weight` or `sort_by: title`");
    }
    match extra {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => meta.extra.extend(map),
        Some(other) => r.error(
            "extra",
            format!("`extra` must be a map of keys, found {}", describe(&other)),
            "put free keys under `extra:` indented, one per line",
        ),
    }

    let page_keys = keys(PAGE_SETTINGS);
    let known = if kind == Kind::Page { page_keys.clone() } else { keys(SECTION_SETTINGS) };
    let mut unknown: Vec<_> = map.into_iter().collect();
    unknown.sort_by_key(|(key, _)| r.raw.key_lines.get(key).copied().unwrap_or(0));
    for (key, value) in unknown {
        if let Some(suggestion) = suggest(&key, &known) {
            let location = r.at_key(&key);
            r.problems.push(
                Diagnostic::warning(format!("unknown front-matter key `{key}`"))
                    .at(location)
                    .hint(format!("did you mean `{suggestion}`?")),
            );
        } else if kind == Kind::Section && page_keys.contains(&key.as_str()) {
            let location = r.at_key(&key);
            r.problems.push(
                Diagnostic::warning(format!("`{key}` has no effect in a section's `_index.md`"))
                    .at(location)
                    .hint("move it to a page, or under `extra:` for your own templates"),
            );
        }
        meta.extra.insert(key, value);
    }
    (meta, r.problems)
}

/// The known key an unknown one is probably a typo of, if any.
pub fn suggest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
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
    use super::suggest;
    use crate::model::{PAGE_SETTINGS, keys};

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
