//! The theme's side of shortcodes: templates under `shortcodes/` (the
//! site's `templates/shortcodes/` first, then the built-in ones) that the
//! Markdown stage calls through [`crate::model::Shortcodes`].
//!
//! What a shortcode accepts is read from its template once, when the theme
//! loads: every variable the template reads is an argument, and one that
//! reads `body` takes a body. So a page passing an argument the template
//! never reads is told so, and a template is its own documentation.

use crate::model::{ArgValue, Shortcode, ShortcodeError};
use std::collections::{BTreeMap, BTreeSet};

use minijinja::{Environment, ErrorKind, Value};

/// The folder of shortcode templates, inside a templates folder.
pub(super) const SHORTCODES_DIR: &str = "shortcodes/";

/// A shortcode and the template behind it.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// Template name (`shortcodes/video.html`).
    pub template: String,
    /// What it accepts.
    pub shortcode: Shortcode,
}

/// Finds every shortcode among the template `names`: the site's overrides
/// win over built-in templates of the same shortcode name, and `.html` over
/// `.md`.
pub(super) fn collect(
    env: &Environment<'static>,
    builtin: &[&str],
    overrides: &BTreeSet<String>,
) -> BTreeMap<String, Entry> {
    let mut found = BTreeMap::new();
    // Later insertions win: built-in, then overrides; `.md` before `.html`.
    for names in [builtin.to_vec(), overrides.iter().map(String::as_str).collect()] {
        for extension in [".md", ".html"] {
            for name in &names {
                let Some(stem) = name.strip_prefix(SHORTCODES_DIR).and_then(|n| n.strip_suffix(extension)) else {
                    continue;
                };
                if stem.contains('/') || stem.is_empty() {
                    continue;
                }
                // A template that does not compile is reported by the theme
                // already; calling it reports it again at the page.
                let mut arguments: Vec<String> = env
                    .get_template(name)
                    .map(|t| t.undeclared_variables(false).into_iter().collect())
                    .unwrap_or_default();
                let takes_body = arguments.iter().any(|a| a == "body");
                arguments.retain(|a| a != "body" && env.globals().all(|(g, _)| g != a.as_str()));
                arguments.sort();
                let shortcode = Shortcode { markdown: extension == ".md", takes_body, arguments };
                found.insert(stem.to_owned(), Entry { template: (*name).to_owned(), shortcode });
            }
        }
    }
    found
}

/// Renders shortcode `entry` with the call's arguments.
pub(super) fn render(
    env: &Environment<'static>,
    entry: &Entry,
    args: &[(String, ArgValue)],
    body: &str,
) -> Result<String, ShortcodeError> {
    let mut context: BTreeMap<&str, Value> = args.iter().map(|(k, v)| (k.as_str(), value(v))).collect();
    context.insert("body", Value::from_safe_string(body.to_owned()));
    let template = env.get_template(&entry.template).map_err(|e| error(&entry.template, &e))?;
    template.render(Value::from(context)).map_err(|e| error(&entry.template, &e))
}

fn value(arg: &ArgValue) -> Value {
    match arg {
        ArgValue::Text(text) => Value::from(text.as_str()),
        ArgValue::Integer(n) => Value::from(*n),
        ArgValue::Float(x) => Value::from(*x),
        ArgValue::Bool(b) => Value::from(*b),
    }
}

fn error(template: &str, err: &minijinja::Error) -> ShortcodeError {
    let message = match (err.kind(), err.detail()) {
        // `fail("…")` in a template: its words are the whole message.
        (ErrorKind::InvalidOperation, Some(detail)) => detail.to_owned(),
        (_, Some(detail)) => format!("{}: {detail}", err.kind()),
        (kind, None) => kind.to_string(),
    };
    let line = err.line().map(|l| format!(" line {l}")).unwrap_or_default();
    ShortcodeError { message, hint: format!("see the template, {template}{line}; fix the call's arguments") }
}

/// `fail("message")`: a template rejecting its arguments.
pub(super) fn fail(message: String) -> Result<Value, minijinja::Error> {
    Err(minijinja::Error::new(ErrorKind::InvalidOperation, message))
}
