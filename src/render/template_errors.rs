//! Template errors told the way a person fixes them: a block that is never
//! closed by the tag that opened it (minijinja only sees the closing tag it
//! did not expect, lines later), an undefined value with the name it was
//! probably meant to have, a missing template with where it was asked for.

use std::ops::Range;

use minijinja::{ErrorKind, Value};

/// A template error as told: what is wrong, what to do, and the line to
/// show when it is not where minijinja noticed it.
pub(super) struct Told {
    pub what: String,
    pub hint: String,
    pub line: Option<usize>,
}

/// Tells template error `err`, read in template `text`, met while rendering
/// with `ctx`.
pub(super) fn tell(err: &minijinja::Error, text: Option<&str>, ctx: Option<&Value>) -> Told {
    let detail = err.detail().unwrap_or_default();
    let told = |what: String, hint: &str| Told { what, hint: hint.to_owned(), line: None };
    match err.kind() {
        ErrorKind::SyntaxError if let Some(open) = text.and_then(unclosed) => {
            let before = match &open.met {
                Some((met, line)) => format!(" before `{{% {met} %}}` on line {line}"),
                None => " before the template ends".to_owned(),
            };
            Told {
                what: format!("`{{% {} %}}` opened on line {} is never closed", open.tag, open.line),
                hint: format!("close it with `{{% {} %}}`{before}", open.end),
                line: Some(open.line),
            }
        }
        ErrorKind::UndefinedError => {
            let expression = undefined_expression(detail, text, err.range());
            let what = if expression.is_empty() { detail.to_owned() } else { format!("`{expression}` is undefined") };
            match ctx.and_then(|ctx| meant(expression, ctx)) {
                Some(meant) => Told { what, hint: format!("did you mean `{meant}`?"), line: None },
                None => told(what, "check the variable's spelling; use `{% if x is defined %}` for optional values"),
            }
        }
        ErrorKind::TemplateNotFound if err.name().is_some() => told(
            format!("`{}` is asked for here, and there is no such template", missing_name(detail).unwrap_or(detail)),
            "create it in templates/, or fix the name",
        ),
        ErrorKind::TemplateNotFound => told(detail.to_owned(), "create the template in templates/, or fix the name"),
        ErrorKind::SyntaxError => {
            told(format!("syntax error: {detail}"), "check the tag's syntax: blocks are `{% … %}`, values `{{ … }}`")
        }
        kind => told(
            if detail.is_empty() { kind.to_string() } else { format!("{kind}: {detail}") },
            "fix the template, or delete it to use the built-in one",
        ),
    }
}

/// The name that is undefined: as minijinja's `detail` quotes it, else the
/// whole path before the attribute it points at (`.titel`) in `text`.
fn undefined_expression<'t>(detail: &'t str, text: Option<&'t str>, range: Option<Range<usize>>) -> &'t str {
    let named = detail.split('`').nth(1).filter(|_| detail.matches('`').count() >= 2);
    named
        .or_else(|| {
            let (text, range) = (text?, range?);
            let before = text.get(..range.start)?;
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
                .last()
                .map_or(range.start, |(i, _)| i);
            text.get(start..range.end)
        })
        .unwrap_or_default()
}

/// Tags that open a block, with the tag that closes it.
const BLOCKS: [(&str, &str); 9] = [
    ("if", "endif"),
    ("for", "endfor"),
    ("block", "endblock"),
    ("macro", "endmacro"),
    ("call", "endcall"),
    ("filter", "endfilter"),
    ("with", "endwith"),
    ("autoescape", "endautoescape"),
    ("raw", "endraw"),
];

/// A block that is opened and never closed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unclosed {
    /// The opening tag's name (`if`).
    pub tag: &'static str,
    /// The tag that closes it (`endif`).
    pub end: &'static str,
    /// The line it is opened on.
    pub line: usize,
    /// The closing tag met instead, and its line; none at the end of the
    /// template.
    pub met: Option<(String, usize)>,
}

/// The first block of `source` that is never closed, if any: read from the
/// `{% … %}` tags alone, the way a person reads them.
pub(super) fn unclosed(source: &str) -> Option<Unclosed> {
    let mut open: Vec<(&'static str, &'static str, usize)> = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(len) = after.find("%}") else { break };
        let line = source[..offset + start].matches('\n').count() + 1;
        let word = after[..len].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let name = word.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or_default();
        let consumed = start + 2 + len + 2;
        offset += consumed;
        rest = &rest[consumed..];
        if let Some(&(tag, end)) = BLOCKS.iter().find(|(tag, _)| *tag == name) {
            open.push((tag, end, line));
            if tag == "raw" {
                // Nothing inside a raw block is a tag.
                let Some(close) = rest.find("endraw").and_then(|end| rest[..end].rfind("{%")) else { break };
                offset += close;
                rest = &rest[close..];
            }
            continue;
        }
        // `{% set x %}…{% endset %}` is a block; `{% set x = … %}` is not.
        if name == "set" && !word.contains('=') {
            open.push(("set", "endset", line));
            continue;
        }
        if name.starts_with("end") {
            match open.pop() {
                Some((_, end, _)) if end == name => {}
                Some((tag, end, opened)) => {
                    return Some(Unclosed { tag, end, line: opened, met: Some((name.to_owned(), line)) });
                }
                None => return None,
            }
        }
    }
    open.pop().map(|(tag, end, line)| Unclosed { tag, end, line, met: None })
}

/// For an undefined `expression` (`page.titel`), the defined name it is
/// closest to in `ctx` (`page.title`), when the rest of the path is there.
pub(super) fn meant(expression: &str, ctx: &Value) -> Option<String> {
    let path: Vec<&str> = expression.trim().split('.').map(str::trim).collect();
    let identifier = |s: &&str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !s.starts_with(|c: char| c.is_ascii_digit())
    };
    if !path.iter().all(identifier) {
        return None;
    }
    let mut value = ctx.clone();
    for (depth, segment) in path.iter().enumerate() {
        let next = value.get_attr(segment).ok().filter(|v| !v.is_undefined());
        match next {
            Some(next) => value = next,
            None => {
                let keys: Vec<String> =
                    value.try_iter().ok()?.filter_map(|key| key.as_str().map(str::to_owned)).collect();
                let best = keys
                    .iter()
                    .map(|key| (strsim::damerau_levenshtein(key, segment), key))
                    .filter(|(distance, key)| *distance <= 1.max(key.len() / 4) && *distance > 0)
                    .min()?;
                let mut fixed: Vec<&str> = path[..depth].to_vec();
                fixed.push(best.1);
                fixed.extend(&path[depth + 1..]);
                return Some(fixed.join("."));
            }
        }
    }
    None
}

/// The template name in minijinja's "tried to include non-existing
/// template 'x'" detail.
pub(super) fn missing_name(detail: &str) -> Option<&str> {
    let start = detail.find('\'')? + 1;
    let len = detail[start..].find('\'')?;
    Some(&detail[start..start + len])
}

#[cfg(test)]
mod tests {
    use minijinja::context;

    use super::{Unclosed, meant, missing_name, unclosed};

    #[test]
    fn the_block_left_open_is_named_with_its_line() {
        let source =
            "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n<p>x</p>\n{% endblock %}\n";
        let found = Unclosed { tag: "if", end: "endif", line: 3, met: Some(("endblock".to_owned(), 5)) };
        assert_eq!(unclosed(source), Some(found));
        let found = Unclosed { tag: "for", end: "endfor", line: 1, met: None };
        assert_eq!(unclosed("{%- for x in y -%}\n{{ x }}\n"), Some(found));
        assert_eq!(unclosed("{% set a = 1 %}{% if a %}{% raw %}{% if %}{% endraw %}{% endif %}"), None);
        assert_eq!(unclosed("{% set a %}x{% endset %}{% macro m() %}{% endmacro %}"), None);
    }

    #[test]
    fn an_undefined_name_is_matched_to_the_closest_defined_one() {
        let ctx = context! { page => context! { title => "A", date => "2026" }, site => context! { title => "S" } };
        assert_eq!(meant("page.titel", &ctx).as_deref(), Some("page.title"));
        assert_eq!(meant("pgae.title", &ctx).as_deref(), Some("page.title"));
        assert_eq!(meant("page.author", &ctx), None, "nothing close");
        assert_eq!(meant("item.titel", &ctx), None, "a loop variable is not in the context");
        assert_eq!(meant("page.title | upper", &ctx), None);
    }

    #[test]
    fn the_missing_template_is_read_from_the_detail() {
        assert_eq!(missing_name("tried to include non-existing template 'partials/x.html'"), Some("partials/x.html"));
    }
}
