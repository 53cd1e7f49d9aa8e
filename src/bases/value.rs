//! The values a base's expressions compute: Obsidian's types (text,
//! numbers, dates, durations, lists, objects, links, files), how front
//! matter becomes them, and how they compare and sort.

use std::cmp::Ordering;

use jiff::{Span, Timestamp};

use crate::model::{PageDate, parse_date};

/// A value.
#[derive(Debug, Clone)]
pub(super) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    /// An instant, and whether it has a time of day worth showing.
    Date(Timestamp, bool),
    Duration(Span),
    List(Vec<Value>),
    Object(Vec<(String, Value)>),
    /// A link: the page it leads to, if it is one, else its target as
    /// written (a URL, a missing note), with its display text.
    Link {
        page: Option<usize>,
        target: String,
        display: Option<String>,
    },
    /// A page of the site, by index.
    File(usize),
    /// A file that is no page (an image, a PDF): its path in the output
    /// and its name.
    Attachment(String, String),
    /// A regular expression, and whether it replaces every match (`g`).
    Regex(regex::Regex, bool),
    /// An image to show, by its address.
    Image(String),
}

impl Value {
    /// Whether it counts as true.
    pub(super) fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0 && !n.is_nan(),
            Value::Text(t) => !t.is_empty(),
            Value::List(items) => !items.is_empty(),
            _ => true,
        }
    }

    /// Whether it is empty: null, no text, an empty list or object.
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(t) => t.is_empty(),
            Value::List(items) => items.is_empty(),
            Value::Object(fields) => fields.is_empty(),
            _ => false,
        }
    }

    /// Its type's name, as `isType` takes it.
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Text(_) => "string",
            Value::Date(..) => "date",
            Value::Duration(_) => "duration",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Link { .. } => "link",
            Value::File(_) | Value::Attachment(..) => "file",
            Value::Regex(..) => "regexp",
            Value::Image(_) => "image",
        }
    }

    /// As a number, if it is one (a date is its milliseconds).
    pub(super) fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Text(t) => t.trim().parse().ok(),
            Value::Date(at, _) => Some(at.as_millisecond() as f64),
            _ => None,
        }
    }

    /// As a date, if it is one or text that reads as one.
    pub(super) fn date(&self) -> Option<Timestamp> {
        match self {
            Value::Date(at, _) => Some(*at),
            Value::Text(t) => parse_date(t).map(|d| d.instant),
            _ => None,
        }
    }

    /// Plain text of it, as `toString` gives it (pages and links by
    /// `name`, which names page `i`).
    pub(super) fn text(&self, name: &dyn Fn(usize) -> String) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => number_text(*n),
            Value::Text(t) => t.clone(),
            Value::Date(at, time) => {
                let civil = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
                if *time { civil.strftime("%Y-%m-%d %H:%M:%S").to_string() } else { civil.date().to_string() }
            }
            Value::Duration(span) => span.to_string(),
            Value::List(items) => items.iter().map(|v| v.text(name)).collect::<Vec<_>>().join(", "),
            Value::Object(fields) => {
                fields.iter().map(|(k, v)| format!("{k}: {}", v.text(name))).collect::<Vec<_>>().join(", ")
            }
            Value::Link { page, target, display } => {
                display.clone().or_else(|| page.map(name)).unwrap_or_else(|| target.clone())
            }
            Value::File(i) => name(*i),
            Value::Attachment(_, file) => file.clone(),
            Value::Regex(re, _) => re.as_str().to_owned(),
            Value::Image(url) => url.clone(),
        }
    }

    /// The page it names: a file, or a link that leads to one.
    pub(super) fn page(&self) -> Option<usize> {
        match self {
            Value::File(i) => Some(*i),
            Value::Link { page, .. } => *page,
            _ => None,
        }
    }
}

/// A number as bases show it: whole numbers without a decimal point.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Whether `a` equals `b`: links and files are equal when they name the
/// same page, dates when they are the same instant, text and dates when
/// the text reads as that date.
pub(super) fn equal(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (a.page(), b.page()) {
        return x == y;
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, other) | (other, Value::Null) => other.is_empty(),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Text(x), Value::Text(y)) => x == y,
        (Value::Date(..), _) | (_, Value::Date(..)) => a.date().is_some() && a.date() == b.date(),
        (Value::Link { target: x, page: None, .. }, Value::Link { target: y, page: None, .. }) => x == y,
        (Value::Link { target, page: None, .. }, Value::Text(t))
        | (Value::Text(t), Value::Link { target, page: None, .. }) => target == t,
        (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        (Value::Number(n), Value::Text(t)) | (Value::Text(t), Value::Number(n)) => t.trim().parse() == Ok(*n),
        _ => false,
    }
}

/// How `a` and `b` compare, where they can be: numbers, dates (and text
/// that reads as one), text, booleans.
pub(super) fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(y),
        (Value::Date(..), _) | (_, Value::Date(..)) => Some(a.date()?.cmp(&b.date()?)),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Number(_), Value::Text(_)) | (Value::Text(_), Value::Number(_)) => {
            a.number()?.partial_cmp(&b.number()?)
        }
        _ => None,
    }
}

/// The order of sorted rows: empty values last, then by kind, then as
/// [`compare`] (text without regard to case).
pub(super) fn sort_order(a: &Value, b: &Value, name: &dyn Fn(usize) -> String) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    match (a, b) {
        (Value::Text(x), Value::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        _ => compare(a, b).unwrap_or_else(|| a.text(name).to_lowercase().cmp(&b.text(name).to_lowercase())),
    }
}

/// A duration written as Obsidian writes one: `"1M"`, `"2 hours"`,
/// `"1y 2d"`.
pub(super) fn duration(text: &str) -> Option<Span> {
    let mut span = Span::new();
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(rest.len());
        let amount: i64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let unit_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = rest[unit_end..].trim_start_matches([' ', ',']);
        span = match unit {
            "y" | "year" | "years" => span.try_years(amount).ok()?,
            "M" | "month" | "months" => span.try_months(amount).ok()?,
            "w" | "week" | "weeks" => span.try_weeks(amount).ok()?,
            "d" | "day" | "days" => span.try_days(amount).ok()?,
            "h" | "hour" | "hours" => span.try_hours(amount).ok()?,
            "m" | "minute" | "minutes" => span.try_minutes(amount).ok()?,
            "s" | "second" | "seconds" => span.try_seconds(amount).ok()?,
            _ => return None,
        };
    }
    Some(span)
}

/// `at` moved by `span` (backwards when `back`), in UTC's calendar.
pub(super) fn shift(at: Timestamp, span: Span, back: bool) -> Option<Timestamp> {
    let zoned = at.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let moved = if back { zoned.checked_sub(span) } else { zoned.checked_add(span) };
    moved.ok().map(|z| z.timestamp())
}

/// A front-matter value as a base sees it: `"[[Note]]"` a link (found by
/// `link`), a date-like string a date, lists and maps of the same.
pub(super) fn from_json(value: &serde_json::Value, link: &dyn Fn(&str) -> Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => n.as_f64().map_or(Value::Null, Value::Number),
        serde_json::Value::String(s) => text_value(s, link),
        serde_json::Value::Array(items) => Value::List(items.iter().map(|v| from_json(v, link)).collect()),
        serde_json::Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), from_json(v, link))).collect())
        }
    }
}

fn text_value(s: &str, link: &dyn Fn(&str) -> Value) -> Value {
    let trimmed = s.trim();
    if let Some(inner) = trimmed.strip_prefix("[[").and_then(|r| r.strip_suffix("]]"))
        && !inner.contains("]]")
    {
        return link(inner);
    }
    let looks_dated = trimmed.len() >= 10
        && trimmed.as_bytes().get(4) == Some(&b'-')
        && trimmed.as_bytes().get(7) == Some(&b'-')
        && trimmed[..4].chars().all(|c| c.is_ascii_digit());
    if looks_dated && let Some(PageDate { instant, .. }) = parse_date(trimmed) {
        return Value::Date(instant, trimmed.len() > 10);
    }
    Value::Text(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{Value, compare, duration, equal, shift};

    #[test]
    fn durations_move_dates_by_the_calendar() {
        let start: jiff::Timestamp = "2024-12-01T00:00:00Z".parse().expect("a date");
        let moved = shift(start, duration("1M").expect("a month"), false).expect("moves");
        let moved = shift(moved, duration("4h 3m").expect("hours"), false).expect("moves");
        assert_eq!(moved.to_string(), "2025-01-01T04:03:00Z");
        assert!(duration("3 weeks").is_some() && duration("soon").is_none());
    }

    #[test]
    fn dates_compare_with_text_that_reads_as_one() {
        let date = Value::Date("2024-05-01T00:00:00Z".parse().expect("a date"), false);
        assert!(equal(&date, &Value::Text("2024-05-01".into())));
        assert_eq!(compare(&date, &Value::Text("2024-06-01".into())), Some(std::cmp::Ordering::Less));
        assert!(equal(&Value::Link { page: Some(3), target: "x".into(), display: None }, &Value::File(3)));
    }
}
