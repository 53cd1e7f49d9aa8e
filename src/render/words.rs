//! The site's language in templates: `t(key, …)` gives one of the theme's
//! words (`model::Locale`), and the `date` filter writes a date as the
//! language does unless given a format.
//!
//! `t("reading_time", n=5)` picks the plural form for 5 and writes the
//! number as the language does; any other argument fills the `{name}` of
//! the same name. The result is HTML: the text is escaped, and an argument
//! that is already HTML (a macro's output, a value marked `safe`) goes in
//! as it is, so a sentence can hold a link: `t("series_part", part=2,
//! series=link)`.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, Value};

use crate::model::{Locale, Piece, pieces};

/// Adds `t` and `date` for `locale` to `env`.
pub(super) fn add_to(env: &mut Environment<'static>, locale: &Arc<Locale>) {
    let words = Arc::clone(locale);
    // A word with nothing to fill in (most of a page's) is escaped once.
    let plain: HashMap<String, Value> = locale
        .plain_texts()
        .map(|(key, text)| {
            let mut escaped = String::with_capacity(text.len());
            escape(&mut escaped, text);
            (key.to_owned(), Value::from_safe_string(escaped))
        })
        .collect();
    env.add_function("t", move |key: &str, args: Kwargs| match plain.get(key) {
        Some(text) if args.args().next().is_none() => Ok(text.clone()),
        _ => words_of(&words, key, &args),
    });
    let dates = Arc::clone(locale);
    env.add_filter("date", move |value: &str, format: Option<&str>| format_date(&dates, value, format));
    env.add_global("lang", Value::from(locale.tag()));
    env.add_global("dir", Value::from(locale.dir()));
}

fn words_of(locale: &Locale, key: &str, args: &Kwargs) -> Result<Value, Error> {
    // Every argument is taken, so one a translation leaves out is no error.
    let given: Vec<(&str, Value)> =
        args.args().map(|name| Ok((name, args.get::<Value>(name)?))).collect::<Result<_, Error>>()?;
    let count = match given.iter().find(|(name, _)| *name == "n") {
        Some((_, n)) => Some(
            usize::try_from(n.clone())
                .map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("t(\"{key}\"): n={n} is not a count")))?,
        ),
        None => None,
    };
    let template = locale.message(key, count);
    let mut out = String::with_capacity(template.len() + 32);
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => escape(&mut out, text),
            Piece::Arg(name) => match given.iter().find(|(given, _)| *given == name).map(|(_, v)| v) {
                Some(value) if value.is_safe() => out.push_str(&value.to_string()),
                Some(value) => match usize::try_from(value.clone()) {
                    Ok(number) if value.is_number() => out.push_str(&locale.number(number)),
                    _ => escape(&mut out, &value.to_string()),
                },
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    Ok(Value::from_safe_string(out))
}

fn escape(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

fn format_date(locale: &Locale, value: &str, format: Option<&str>) -> Result<String, Error> {
    let date = crate::model::parse_date(value)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("`{value}` is not a date")))?;
    match format {
        None => Ok(locale.date(date.day)),
        Some(format) => jiff::fmt::strtime::format(format, date.day)
            .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string())),
    }
}
