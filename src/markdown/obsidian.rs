//! Obsidian's additions to Markdown that pulldown-cmark does not know:
//! `%%comments%%`, callouts (`> [!tip]- Title`), `==highlights==`, inline
//! `#tags` and block ids (`^id`).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

/// An event with the byte range of the source it came from.
pub(super) type Spanned<'a> = (Event<'a>, Range<usize>);

/// Blanks out `%%comments%%` (inline or across lines) outside code, keeping
/// line breaks so that line numbers stay true. A comment that is never
/// closed runs to the end, as in Obsidian.
pub(super) fn strip_comments(text: &str) -> Cow<'_, str> {
    if !text.contains("%%") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !in_comment {
            if let Some(open) = fence {
                if trimmed.starts_with(open) {
                    fence = None;
                }
                out.push_str(line);
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(&trimmed[..3]);
                out.push_str(line);
                continue;
            }
        }
        let mut chars = line.char_indices().peekable();
        let mut in_code = false;
        while let Some((i, c)) = chars.next() {
            if c == '`' && !in_comment {
                in_code = !in_code;
                out.push(c);
            } else if !in_code && c == '%' && line[i..].starts_with("%%") {
                chars.next();
                in_comment = !in_comment;
                out.push_str("  ");
            } else if in_comment {
                out.push(if c == '\n' { '\n' } else { ' ' });
            } else {
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// The callout types Obsidian knows, by every name they go by, and the
/// name their look is keyed on.
fn canonical_callout(kind: &str) -> &'static str {
    match kind {
        "abstract" | "summary" | "tldr" => "abstract",
        "info" => "info",
        "todo" => "todo",
        "tip" | "hint" | "important" => "tip",
        "success" | "check" | "done" => "success",
        "question" | "help" | "faq" => "question",
        "warning" | "caution" | "attention" => "warning",
        "failure" | "fail" | "missing" => "failure",
        "danger" | "error" => "danger",
        "bug" => "bug",
        "example" => "example",
        "quote" | "cite" => "quote",
        _ => "note",
    }
}

/// Rewrites blockquotes that open with `[!type]` into callouts, nested ones
/// included. One pass with a stack (no recursion), so deeply nested quotes
/// cannot exhaust the call stack.
pub(super) fn callouts(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    if !events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_)))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    // For each open blockquote: the closing HTML if it became a callout.
    let mut open: Vec<Option<&'static str>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::BlockQuote(_)) => match marker(&events[i + 1..]) {
                Some(found) => {
                    let span = events[i].1.clone();
                    let foldable = found.1.is_some();
                    i = open_callout(&events, i + 1, found, span, &mut out);
                    open.push(Some(if foldable { "</div>\n</details>\n" } else { "</div>\n</div>\n" }));
                    continue;
                }
                None => {
                    open.push(None);
                    out.push(events[i].clone());
                }
            },
            Event::End(TagEnd::BlockQuote(_)) => match open.pop() {
                Some(Some(close)) => out.push((Event::Html(close.into()), events[i].1.clone())),
                _ => out.push(events[i].clone()),
            },
            _ => out.push(events[i].clone()),
        }
        i += 1;
    }
    out
}

/// `[!type]±` at the start of the quote's first paragraph (`inner` starts
/// after the quote's opening): returns the type, the fold mark, and where
/// the title starts: the index of an event in `inner` and a byte offset
/// into its text.
fn marker(inner: &[Spanned]) -> Option<(String, Option<char>, usize, usize)> {
    if !matches!(inner.first(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let leading: Vec<&str> = inner[1..]
        .iter()
        .map_while(|(event, _)| match event {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let text = leading.concat();
    let rest = text.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let kind = rest[..close].trim().to_lowercase();
    if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let fold = rest[close + 1..].chars().next().filter(|c| *c == '-' || *c == '+');
    let mut used = 2 + close + 1 + fold.map_or(0, |_| 1);
    for (k, piece) in leading.iter().enumerate() {
        if used <= piece.len() {
            return Some((kind, fold, k + 1, used));
        }
        used -= piece.len();
    }
    Some((kind, fold, leading.len() + 1, 0))
}

/// Writes a callout's opening and title. `start` is the index of the
/// quote's first paragraph in `events`; returns the index of the first
/// event after the title.
fn open_callout<'a>(
    events: &[Spanned<'a>],
    start: usize,
    (kind, fold, title_event, used): (String, Option<char>, usize, usize),
    span: Range<usize>,
    out: &mut Vec<Spanned<'a>>,
) -> usize {
    let canonical = canonical_callout(&kind);
    let html = |s: String| (Event::Html(s.into()), span.clone());
    let mut class = String::new();
    let _ = escape_html(&mut class, &kind);
    out.push(html(match fold {
        Some(mark) => format!(
            "<details class=\"callout callout-{canonical}\" data-callout=\"{class}\"{}>\n<summary class=\"callout-title\">",
            if mark == '+' { " open" } else { "" }
        ),
        None => format!(
            "<div class=\"callout callout-{canonical}\" data-callout=\"{class}\" role=\"note\">\n<p class=\"callout-title\">"
        ),
    }));
    // The title: the rest of the first line after the marker.
    let mut title: Vec<Spanned<'a>> = Vec::new();
    let mut j = start + title_event;
    if let Some((Event::Text(t), range)) = events.get(j) {
        let rest = t.get(used..).unwrap_or("").trim_start();
        if !rest.is_empty() {
            title.push((Event::Text(rest.to_owned().into()), range.clone()));
        }
        j += 1;
    }
    while j < events.len()
        && !matches!(events[j].0, Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph))
    {
        title.push(events[j].clone());
        j += 1;
    }
    if let Some((Event::Text(first), _)) = title.first_mut() {
        *first = first.trim_start().to_owned().into();
    }
    if title.iter().all(|(e, _)| matches!(e, Event::Text(t) if t.trim().is_empty())) {
        let mut name = kind.replace(['-', '_'], " ");
        if let Some(first) = name.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        out.push((Event::Text(name.into()), span.clone()));
    } else {
        out.extend(title);
    }
    out.push(html(if fold.is_some() { "</summary>\n".into() } else { "</p>\n".into() }));
    out.push(html("<div class=\"callout-content\">\n".into()));
    match events.get(j) {
        // The rest of the first paragraph becomes a paragraph of its own.
        Some((Event::SoftBreak | Event::HardBreak, _)) => {
            out.push((Event::Start(Tag::Paragraph), span));
            j + 1
        }
        // The paragraph held only the title.
        _ => j + 1,
    }
}

/// A piece of prose text after `==highlight==` and `#tag` were found in it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    /// Plain text.
    Text(&'t str),
    /// Start or end of a highlight.
    Mark(bool),
    /// An inline tag, without the `#`.
    Tag(&'t str),
}

/// The end (exclusive) of an inline tag's name starting at `start`, if the
/// text there is one: letters, digits, `_`, `-` and `/`, not only digits.
fn tag_end(text: &str, start: usize) -> Option<usize> {
    let name_len: usize = text[start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
        .map(char::len_utf8)
        .sum();
    let name = text[start..start + name_len].trim_end_matches(['/', '-']);
    (!name.is_empty() && !name.chars().all(|c| c.is_ascii_digit())).then_some(start + name.len())
}

/// Splits prose text into plain text, highlight marks and inline tags. A
/// `#` counts as a tag only at the start or after a space or an opening
/// bracket; `==` only in pairs.
pub(super) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut marking = false;
    let pairs = text.matches("==").count();
    let mut marks_left = pairs - pairs % 2;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("==") && (marking || marks_left >= 2) {
            out.push(Piece::Text(&text[plain_start..i]));
            marking = !marking;
            marks_left -= 1;
            out.push(Piece::Mark(marking));
            i += 2;
            plain_start = i;
            continue;
        }
        if rest.starts_with('#') {
            let after_space = text[..i].chars().last().is_none_or(|c| c.is_whitespace() || c == '(' || c == '[');
            if after_space && let Some(end) = tag_end(text, i + 1) {
                out.push(Piece::Text(&text[plain_start..i]));
                out.push(Piece::Tag(&text[i + 1..end]));
                i = end;
                plain_start = i;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.push(Piece::Text(&text[plain_start..]));
    out.retain(|p| !matches!(p, Piece::Text("")));
    out
}

/// Splits a trailing block id off a paragraph's last text: `Some((text
/// before, id))` for `... ^my-id`.
pub(super) fn block_id(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let before = &trimmed[..caret];
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (valid && (before.is_empty() || before.ends_with(char::is_whitespace))).then_some((before.trim_end(), id))
}

#[cfg(test)]
mod tests {
    use super::{Piece, block_id, pieces, strip_comments};

    #[test]
    fn comments_are_blanked_but_code_is_not() {
        assert_eq!(strip_comments("a %%hidden%% b"), "a            b");
        assert_eq!(strip_comments("a\n%%\nsecret\n%%\nb"), "a\n  \n      \n  \nb");
        assert_eq!(strip_comments("`%%code%%` x"), "`%%code%%` x");
        assert_eq!(strip_comments("```\n%%x%%\n```\n"), "```\n%%x%%\n```\n");
        assert_eq!(strip_comments("no comments"), "no comments");
    }

    #[test]
    fn highlights_and_tags() {
        assert_eq!(
            pieces("a ==b== #tag c"),
            vec![
                Piece::Text("a "),
                Piece::Mark(true),
                Piece::Text("b"),
                Piece::Mark(false),
                Piece::Text(" "),
                Piece::Tag("tag"),
                Piece::Text(" c")
            ]
        );
        assert_eq!(pieces("x==y"), vec![Piece::Text("x==y")]);
        assert_eq!(pieces("issue #42 and a#b"), vec![Piece::Text("issue #42 and a#b")]);
        assert_eq!(pieces("#nested/tag, ok"), vec![Piece::Tag("nested/tag"), Piece::Text(", ok")]);
        assert_eq!(pieces("(#café)"), vec![Piece::Text("("), Piece::Tag("café"), Piece::Text(")")]);
    }

    #[test]
    fn block_ids() {
        assert_eq!(block_id("Some text ^abc-1"), Some(("Some text", "abc-1")));
        assert_eq!(block_id("x^2"), None);
        assert_eq!(block_id("no id"), None);
    }
}
