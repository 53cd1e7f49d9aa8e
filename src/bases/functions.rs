//! The functions of bases' expressions that take values already computed:
//! the global ones (`date()`, `link()`, `list()`, `max()`…) and the
//! methods of each type (`file.hasTag()`, `"text".contains()`,
//! `date.format()`, `list.join()`…). `None` is a function tend does not
//! know, which the caller reports.

use jiff::Timestamp;

use super::facts::Facts;
use super::value::{Value, compare, duration, equal, number_text};

/// What the functions may read besides their arguments.
pub(super) struct Context<'a> {
    /// Every page's facts.
    pub facts: &'a [Facts],
    /// The moment the build started, for `now()` and `today()`.
    pub now: Timestamp,
    /// A link named by its text, from the base's page.
    pub link: &'a dyn Fn(&str) -> Value,
    /// How a page is named in text.
    pub name: &'a dyn Fn(usize) -> String,
}

/// Every global function.
pub(super) const GLOBALS: [&str; 13] =
    ["if", "list", "link", "date", "duration", "now", "today", "number", "max", "min", "file", "image", "escapeHTML"];

/// The global function `name` of `args`.
pub(super) fn global(name: &str, args: &[Value], cx: &Context) -> Option<Value> {
    let first = args.first().unwrap_or(&Value::Null);
    Some(match name {
        "if" => {
            if first.truthy() {
                args.get(1).cloned().unwrap_or(Value::Null)
            } else {
                args.get(2).cloned().unwrap_or(Value::Null)
            }
        }
        "list" => match first {
            Value::List(_) => first.clone(),
            Value::Null => Value::List(Vec::new()),
            other => Value::List(vec![other.clone()]),
        },
        "link" => match first {
            Value::File(i) => Value::Link { page: Some(*i), target: (cx.name)(*i), display: display(args) },
            other => match (cx.link)(&other.text(cx.name)) {
                Value::Link { page, target, .. } => Value::Link { page, target, display: display(args) },
                made => made,
            },
        },
        "date" => first.date().map_or(Value::Null, |at| Value::Date(at, first.text(cx.name).len() > 10)),
        "duration" => duration(&first.text(cx.name)).map_or(Value::Null, Value::Duration),
        "now" => Value::Date(cx.now, true),
        "today" => Value::Date(midnight(cx.now), false),
        "number" => first.number().map_or(Value::Null, Value::Number),
        "max" | "min" => {
            let numbers = args.iter().filter_map(Value::number);
            let pick = if name == "max" { numbers.reduce(f64::max) } else { numbers.reduce(f64::min) };
            pick.map_or(Value::Null, Value::Number)
        }
        "file" => match first {
            Value::File(_) => first.clone(),
            other => match (cx.link)(&other.text(cx.name)) {
                Value::Link { page: Some(i), .. } => Value::File(i),
                _ => Value::Null,
            },
        },
        "image" => match first {
            Value::Null => Value::Null,
            Value::Attachment(..) => first.clone(),
            Value::Link { target, .. } => Value::Image(target.clone()),
            other => match (cx.link)(&other.text(cx.name)) {
                found @ Value::Attachment(..) => found,
                _ => Value::Image(other.text(cx.name)),
            },
        },
        "escapeHTML" => Value::Text(first.text(cx.name)),
        _ => return None,
    })
}

fn display(args: &[Value]) -> Option<String> {
    match args.get(1) {
        Some(Value::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

fn midnight(at: Timestamp) -> Timestamp {
    let zoned = at.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    zoned.start_of_day().map_or(at, |z| z.timestamp())
}

/// Every method some type has: another is a function tend does not know,
/// where one of these on a value of another type is only empty.
#[rustfmt::skip]
pub(super) const METHODS: [&str; 46] = [
    "isTruthy", "isEmpty", "isType", "toString", "hasTag", "hasLink", "inFolder", "hasProperty", "asLink", "asFile",
    "linksTo", "contains", "containsAll", "containsAny", "startsWith", "endsWith", "lower", "upper", "trim", "title",
    "reverse", "split", "slice", "repeat", "replace", "abs", "ceil", "floor", "round", "toFixed", "date", "time",
    "format", "relative", "join", "flat", "unique", "sort", "mean", "average", "sum", "keys", "values", "matches",
    "filter", "map",
];

/// The method `name` of `receiver`, of `args`.
pub(super) fn method(name: &str, receiver: &Value, args: &[Value], cx: &Context) -> Option<Value> {
    if let Some(any) = any_method(name, receiver, args, cx) {
        return Some(any);
    }
    match receiver {
        Value::File(i) => file_method(name, *i, args, cx),
        Value::Link { page, .. } => match (name, page) {
            ("asFile", Some(i)) => Some(Value::File(*i)),
            ("asFile", None) => Some(Value::Null),
            ("linksTo", _) => {
                let target = args.first().and_then(Value::page);
                Some(Value::Bool(page.zip(target).is_some_and(|(p, t)| cx.facts[p].links.contains(&t))))
            }
            _ => None,
        },
        Value::Text(text) => text_method(name, text, args, cx),
        Value::Number(n) => number_method(name, *n, args),
        Value::Date(at, time) => date_method(name, *at, *time, args, cx),
        Value::List(items) => list_method(name, items, args, cx),
        Value::Object(fields) => match name {
            "keys" => Some(Value::List(fields.iter().map(|(k, _)| Value::Text(k.clone())).collect())),
            "values" => Some(Value::List(fields.iter().map(|(_, v)| v.clone()).collect())),
            _ => None,
        },
        Value::Regex(re, _) => match name {
            "matches" => Some(Value::Bool(re.is_match(&args.first().map(|a| a.text(cx.name)).unwrap_or_default()))),
            _ => None,
        },
        _ => None,
    }
}

fn any_method(name: &str, receiver: &Value, args: &[Value], cx: &Context) -> Option<Value> {
    Some(match name {
        "isTruthy" => Value::Bool(receiver.truthy()),
        "isEmpty" => Value::Bool(receiver.is_empty()),
        "isType" => Value::Bool(args.first().is_some_and(|t| t.text(cx.name) == receiver.type_name())),
        "toString" => Value::Text(receiver.text(cx.name)),
        _ => return None,
    })
}

fn file_method(name: &str, i: usize, args: &[Value], cx: &Context) -> Option<Value> {
    let facts = &cx.facts[i];
    let texts = || args.iter().map(|a| a.text(cx.name));
    Some(Value::Bool(match name {
        // `#a/b` is also under `#a`, as in Obsidian.
        "hasTag" => texts().any(|wanted| {
            let wanted = wanted.trim_start_matches('#').to_lowercase();
            facts.lower_tags.iter().any(|tag| {
                tag.strip_prefix(wanted.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        }),
        "hasLink" => args.iter().any(|a| {
            let target = match a {
                Value::Text(t) => (cx.link)(t).page(),
                other => other.page(),
            };
            target.is_some_and(|t| facts.links.contains(&t))
        }),
        "inFolder" => texts().any(|folder| {
            let folder = folder.trim_matches('/');
            folder.is_empty() || facts.folder == folder || facts.folder.starts_with(&format!("{folder}/"))
        }),
        "hasProperty" => texts().any(|key| facts.properties.iter().any(|(k, _)| *k == key)),
        "asLink" => return Some(Value::Link { page: Some(i), target: facts.name.clone(), display: display_of(args) }),
        _ => return None,
    }))
}

fn display_of(args: &[Value]) -> Option<String> {
    match args.first() {
        Some(Value::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

fn text_method(name: &str, text: &str, args: &[Value], cx: &Context) -> Option<Value> {
    let arg = |n: usize| args.get(n).map(|a| a.text(cx.name)).unwrap_or_default();
    let all = || args.iter().map(|a| a.text(cx.name));
    Some(match name {
        "contains" => Value::Bool(text.contains(&arg(0))),
        "containsAll" => Value::Bool(all().all(|a| text.contains(&a))),
        "containsAny" => Value::Bool(all().any(|a| text.contains(&a))),
        "startsWith" => Value::Bool(text.starts_with(&arg(0))),
        "endsWith" => Value::Bool(text.ends_with(&arg(0))),
        "lower" => Value::Text(text.to_lowercase()),
        "upper" => Value::Text(text.to_uppercase()),
        "trim" => Value::Text(text.trim().to_owned()),
        "title" => Value::Text(title_case(text)),
        "reverse" => Value::Text(text.chars().rev().collect()),
        "split" => Value::List(text.split(&arg(0)).map(|s| Value::Text(s.to_owned())).collect()),
        "slice" => Value::Text(slice(&text.chars().collect::<Vec<_>>(), args).into_iter().collect()),
        "repeat" => {
            Value::Text(text.repeat(args.first().and_then(Value::number).unwrap_or(0.0).clamp(0.0, 1000.0) as usize))
        }
        "replace" => Value::Text(match args.first() {
            Some(Value::Regex(re, true)) => re.replace_all(text, arg(1).as_str()).into_owned(),
            Some(Value::Regex(re, false)) => re.replace(text, arg(1).as_str()).into_owned(),
            _ => text.replace(&arg(0), &arg(1)),
        }),
        _ => return None,
    })
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `items[start..end]`, as JavaScript's `slice` takes its bounds.
fn slice<T: Clone>(items: &[T], args: &[Value]) -> Vec<T> {
    let len = items.len() as i64;
    let bound = |v: Option<f64>, default: i64| {
        let n = v.map_or(default, |n| n as i64);
        (if n < 0 { len + n } else { n }).clamp(0, len) as usize
    };
    let start = bound(args.first().and_then(Value::number), 0);
    let end = bound(args.get(1).and_then(Value::number), len);
    items.get(start..end.max(start)).map(<[T]>::to_vec).unwrap_or_default()
}

fn number_method(name: &str, n: f64, args: &[Value]) -> Option<Value> {
    let digits = args.first().and_then(Value::number).unwrap_or(0.0).clamp(0.0, 20.0) as usize;
    Some(match name {
        "abs" => Value::Number(n.abs()),
        "ceil" => Value::Number(n.ceil()),
        "floor" => Value::Number(n.floor()),
        "round" => {
            let scale = 10f64.powi(digits as i32);
            Value::Number((n * scale).round() / scale)
        }
        "toFixed" => Value::Text(format!("{n:.digits$}")),
        _ => return None,
    })
}

fn date_method(name: &str, at: Timestamp, time: bool, args: &[Value], cx: &Context) -> Option<Value> {
    let civil = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    Some(match name {
        "date" => Value::Date(midnight(at), false),
        "time" => Value::Text(civil.strftime("%H:%M:%S").to_string()),
        "format" => Value::Text(moment_format(civil, &args.first().map(|a| a.text(cx.name)).unwrap_or_default())),
        "relative" => Value::Text(relative(at, cx.now)),
        _ => {
            let _ = time;
            return None;
        }
    })
}

/// `civil` written by a Moment.js pattern (`YYYY-MM-DD`, `D MMMM YYYY`,
/// `HH:mm`).
fn moment_format(civil: jiff::civil::DateTime, pattern: &str) -> String {
    const TOKENS: [(&str, &str); 16] = [
        ("YYYY", "%Y"),
        ("YY", "%y"),
        ("MMMM", "%B"),
        ("MMM", "%b"),
        ("MM", "%m"),
        ("M", "%-m"),
        ("DD", "%d"),
        ("D", "%-d"),
        ("dddd", "%A"),
        ("ddd", "%a"),
        ("HH", "%H"),
        ("H", "%-H"),
        ("hh", "%I"),
        ("mm", "%M"),
        ("ss", "%S"),
        ("A", "%p"),
    ];
    let mut out = String::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some((token, spec)) = TOKENS.iter().find(|(t, _)| rest.starts_with(t)) {
            out.push_str(&civil.strftime(spec).to_string());
            rest = &rest[token.len()..];
        } else if let Some(quoted) = rest.strip_prefix('[') {
            let end = quoted.find(']').unwrap_or(quoted.len());
            out.push_str(&quoted[..end]);
            rest = quoted.get(end + 1..).unwrap_or_default();
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// "3 days ago", "in 2 hours".
fn relative(at: Timestamp, now: Timestamp) -> String {
    let seconds = (at.as_second() - now.as_second()) as f64;
    let units =
        [(31_557_600.0, "year"), (2_629_800.0, "month"), (86_400.0, "day"), (3_600.0, "hour"), (60.0, "minute")];
    let (size, unit) = units.iter().find(|(size, _)| seconds.abs() >= *size).copied().unwrap_or((1.0, "second"));
    let n = (seconds.abs() / size).round() as i64;
    let unit = if n == 1 { unit.to_owned() } else { format!("{unit}s") };
    if seconds < 0.0 { format!("{n} {unit} ago") } else { format!("in {n} {unit}") }
}

fn list_method(name: &str, items: &[Value], args: &[Value], cx: &Context) -> Option<Value> {
    let has = |wanted: &Value| items.iter().any(|item| equal(item, wanted));
    Some(match name {
        "contains" => Value::Bool(args.first().is_some_and(has)),
        "containsAll" => Value::Bool(args.iter().all(has)),
        "containsAny" => Value::Bool(args.iter().any(has)),
        "join" => Value::Text(
            items
                .iter()
                .map(|v| v.text(cx.name))
                .collect::<Vec<_>>()
                .join(&args.first().map(|a| a.text(cx.name)).unwrap_or_default()),
        ),
        "reverse" => Value::List(items.iter().rev().cloned().collect()),
        "slice" => Value::List(slice(items, args)),
        "flat" => Value::List(
            items
                .iter()
                .flat_map(|v| if let Value::List(inner) = v { inner.clone() } else { vec![v.clone()] })
                .collect(),
        ),
        "unique" => {
            let mut unique: Vec<Value> = Vec::new();
            for item in items {
                if !unique.iter().any(|u| equal(u, item)) {
                    unique.push(item.clone());
                }
            }
            Value::List(unique)
        }
        "sort" => {
            let mut sorted = items.to_vec();
            sorted.sort_by(|a, b| compare(a, b).unwrap_or(std::cmp::Ordering::Equal));
            Value::List(sorted)
        }
        "mean" | "average" => {
            let numbers: Vec<f64> = items.iter().filter_map(Value::number).collect();
            if numbers.is_empty() {
                Value::Null
            } else {
                Value::Number(numbers.iter().sum::<f64>() / numbers.len() as f64)
            }
        }
        "sum" => Value::Number(items.iter().filter_map(Value::number).sum()),
        _ => return None,
    })
}

/// `value` as text, for a cell: numbers without a needless point.
pub(super) fn shown(value: &Value, cx: &Context) -> String {
    match value {
        Value::Number(n) => number_text(*n),
        other => other.text(cx.name),
    }
}
