//! Shortcodes: a page calls a template from `templates/shortcodes/` with
//! `{{< name key="value" >}}`, or around a body of Markdown with
//! `{{< name >}} … {{< /name >}}`.
//!
//! Calls are expanded before the page is parsed. Each call becomes an HTML
//! comment marker that pulldown-cmark passes through untouched as raw HTML
//! (a block on its own line, inline within a paragraph); the writer swaps
//! each marker for the template's output ([`Expanded::substitute`]). A body
//! stays where it is in the page, so it is ordinary Markdown of the page
//! (footnotes, links, headings all work); the template's output is split at
//! the body into an opening and a closing part. A template named `.md`
//! writes Markdown, which is rendered in place.
//!
//! Invariants: code spans and code blocks are never expanded; every
//! problem carries the offset of the call in the text as written, and
//! [`Expanded::original_offset`] maps offsets in the expanded text back to
//! it, so diagnostics point at the writer's own lines.

mod call;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use call::{Found, Token};

use super::MarkdownOptions;
use crate::model::{ArgValue, BODY_PLACEHOLDER, Diagnostic, Rendered, Shortcodes};

/// The start of every marker in the expanded text.
const MARKER: &str = "<!--tend-shortcode-";

/// A page's text with its shortcodes expanded.
pub(super) struct Expanded<'t> {
    /// The text as written (after Obsidian comments are blanked).
    pub original: &'t str,
    /// The text to parse: calls replaced by markers.
    pub text: Cow<'t, str>,
    /// Output of each marker, by its number.
    html: Vec<String>,
    /// Each replacement: its range in `text`, and the call's range in
    /// `original`.
    replaced: Vec<(Range<usize>, Range<usize>)>,
    /// Problems, at offsets in `original`.
    pub problems: Vec<(Diagnostic, usize)>,
    /// What Markdown shortcodes rendered: their links and problems belong
    /// to the page.
    pub inner: Vec<Rendered>,
    /// Bodies of calls to shortcodes the site has no template for, in
    /// `original`: shown as they are, their contents not checked.
    pub unread: Vec<Range<usize>>,
}

impl<'t> Expanded<'t> {
    fn unchanged(text: &'t str) -> Self {
        Expanded {
            original: text,
            text: Cow::Borrowed(text),
            html: Vec::new(),
            replaced: Vec::new(),
            problems: Vec::new(),
            inner: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// The offset in the text as written of `offset` in the expanded text.
    pub(super) fn original_offset(&self, offset: usize) -> usize {
        let after = self.replaced.partition_point(|(new, _)| new.start <= offset);
        let Some((new, old)) = after.checked_sub(1).and_then(|i| self.replaced.get(i)) else { return offset };
        if offset < new.end { old.start } else { old.end + (offset - new.end) }
    }

    /// `html` with every marker in it swapped for its output, or `None`
    /// when it holds no marker.
    pub(super) fn substitute(&self, html: &str) -> Option<String> {
        if self.html.is_empty() || !html.contains(MARKER) {
            return None;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(start) = rest.find(MARKER) {
            out.push_str(&rest[..start]);
            let after = &rest[start + MARKER.len()..];
            let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
            let output = after[..digits].parse::<usize>().ok().and_then(|n| self.html.get(n));
            match (output, after.find("-->")) {
                (Some(output), Some(end)) => {
                    out.push_str(output);
                    rest = &after[end + 3..];
                }
                _ => {
                    out.push_str(MARKER);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Some(out)
    }
}

/// Expands the shortcode calls in `text`. Without shortcodes in `options`
/// (tests, or Markdown a shortcode wrote), calls stay as they are written.
pub(super) fn expand<'t>(text: &'t str, options: &MarkdownOptions) -> Expanded<'t> {
    let Some(shortcodes) = options.shortcodes else { return Expanded::unchanged(text) };
    if !text.contains("{{<") {
        return Expanded::unchanged(text);
    }
    let (found, malformed) = call::scan(text, super::parser_options());
    let mut w = Writing {
        text,
        shortcodes,
        options,
        out: String::with_capacity(text.len() + 64),
        copied: 0,
        expanded: Expanded::unchanged(text),
        pending_close: HashMap::new(),
    };
    for problem in malformed {
        w.expanded.problems.push((Diagnostic::error(problem.message).hint(problem.hint), problem.at));
    }
    let closes = pair(&found, &mut w.expanded.problems);
    // Hugo's inline shortcode defines a template in the page: it is left
    // out whole, up to its close (the index of which is kept here).
    let mut inline_until: Option<(usize, usize)> = None;
    for (index, f) in found.iter().enumerate() {
        if let Some((close, start)) = inline_until {
            if index == close {
                w.write(start..f.range.end, "");
                inline_until = None;
            }
            continue;
        }
        if let Token::Open { name, .. } = &f.token
            && name.ends_with(".inline")
            && let Some(&close) = closes.get(&index)
        {
            let warning = Diagnostic::warning(format!(
                "`{name}` is a Hugo inline shortcode, a template tend cannot run; it is left out"
            ))
            .hint("write its template as templates/shortcodes/NAME.html and call it by name");
            w.expanded.problems.push((warning, f.range.start));
            inline_until = Some((close, f.range.start));
            continue;
        }
        // Hugo's `{{< relref "post.md" >}}` is a link's address, and its
        // `{{< highlight go >}}…{{< /highlight >}}` a code block: written
        // into the text as the path or the fence, they are a link to that
        // page and a fenced block.
        if let Some(written) = hugo_builtin(&f.token, shortcodes, text, &f.range) {
            w.write(f.range.clone(), &written);
            continue;
        }
        let replacement = match &f.token {
            // Raw HTML, so the call's text reaches the page exactly as
            // written (no curly quotes).
            Token::Escaped { text } => {
                let mut html = String::new();
                let _ = pulldown_cmark_escape::escape_html(&mut html, text);
                Some(html)
            }
            Token::Close { .. } => w.pending_close.remove(&index).flatten(),
            Token::Open { name, args } => w.open(f, name, args, closes.get(&index).map(|&c| (c, &found[c]))),
        };
        if let Some(replacement) = replacement {
            w.place(&f.range, replacement);
        }
    }
    w.out.push_str(&text[w.copied..]);
    w.expanded.text = Cow::Owned(w.out);
    w.expanded
}

/// One expansion under way: the text written so far, and the output owed
/// to the closes of calls with a body.
struct Writing<'t, 'o> {
    text: &'t str,
    shortcodes: &'o dyn Shortcodes,
    options: &'o MarkdownOptions<'o>,
    out: String,
    /// How much of `text` is in `out`.
    copied: usize,
    expanded: Expanded<'t>,
    /// The output still to place for each open call with a body, by the
    /// close's index.
    pending_close: HashMap<usize, Option<String>>,
}

impl Writing<'_, '_> {
    /// Writes `written` in place of the call at `range`.
    fn write(&mut self, range: Range<usize>, written: &str) {
        self.out.push_str(&self.text[self.copied..range.start]);
        let start = self.out.len();
        self.out.push_str(written);
        self.copied = range.end;
        self.expanded.replaced.push((start..self.out.len(), range));
    }

    /// Writes a marker for `html` in place of the call at `range`.
    fn place(&mut self, range: &Range<usize>, html: String) {
        self.out.push_str(&self.text[self.copied..range.start]);
        let start = self.out.len();
        let number = self.expanded.html.len();
        self.expanded.html.push(html);
        marker(&mut self.out, number, &self.text[range.clone()]);
        self.expanded.replaced.push((start..self.out.len(), range.clone()));
        self.copied = range.end;
    }

    /// The output of the call `f` to `name`, and (for a call with a body,
    /// closed by `close`) the output owed to its close; `None` when
    /// nothing is written.
    fn open(
        &mut self,
        f: &Found,
        name: &str,
        args: &[(String, ArgValue)],
        close: Option<(usize, &Found)>,
    ) -> Option<String> {
        match call_one(self.shortcodes, name, args, close.is_some(), self.text, f, self.options) {
            Ok((open, close_part, inner)) => {
                self.expanded.inner.extend(inner);
                if let Some((close, _)) = close {
                    self.pending_close.insert(close, Some(close_part));
                }
                Some(open)
            }
            Err(problem) => {
                // After a warning the call is left out (its body stays);
                // after an error nothing is written anyway.
                let left_out = (!problem.is_error()).then(String::new);
                if let (Some(_), Some((_, closing))) = (&left_out, close) {
                    self.expanded.unread.push(f.range.end..closing.range.start);
                }
                self.expanded.problems.push((problem, f.range.start));
                if let Some((close, _)) = close {
                    self.pending_close.insert(close, left_out.clone());
                }
                left_out
            }
        }
    }
}

/// What Hugo's `ref`, `relref` and `highlight` calls stand for in the text
/// (unless the site has templates of those names).
fn hugo_builtin(token: &Token, shortcodes: &dyn Shortcodes, text: &str, range: &Range<usize>) -> Option<String> {
    let (name, args) = match token {
        Token::Open { name, args } => (name.as_str(), args.as_slice()),
        Token::Close { name } => (name.as_str(), &[][..]),
        Token::Escaped { .. } => return None,
    };
    if shortcodes.find(name).is_some() {
        return None;
    }
    let line_before = text[..range.start].ends_with('\n') || range.start == 0;
    let line_after = text[range.end..].starts_with('\n');
    match (name, token) {
        ("ref" | "relref", Token::Open { .. }) => Some(reference_path(args)),
        ("highlight", Token::Open { .. }) => {
            let language = args.iter().find(|(k, _)| k == "_0" || k == "lang").map(|(_, v)| match v {
                ArgValue::Text(t) => t.clone(),
                _ => String::new(),
            });
            let fence = format!("```{}", language.unwrap_or_default());
            Some(match (line_before, line_after) {
                (true, true) => fence,
                (true, false) => format!("{fence}\n"),
                (false, _) => format!("\n{fence}\n"),
            })
        }
        ("highlight", Token::Close { .. }) => Some(if line_before { "```".to_owned() } else { "\n```".to_owned() }),
        _ => None,
    }
}

/// The page a `ref` or `relref` call names, as a link to its Markdown file
/// (`post` → `post.md`, `post#part` → `post.md#part`).
fn reference_path(args: &[(String, ArgValue)]) -> String {
    let named = args.iter().find(|(k, _)| k == "_0" || k == "path");
    let Some((_, ArgValue::Text(path))) = named else { return String::new() };
    let (path, fragment) = match path.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (path.as_str(), None),
    };
    let mut out = path.trim().to_owned();
    let last = out.rsplit('/').next().unwrap_or_default();
    if !out.is_empty() && !last.contains('.') {
        out = format!("{}.md", out.trim_end_matches('/'));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Finds the close of each open call that has one: open index → close
/// index. A close without an open is a problem.
fn pair(found: &[Found], problems: &mut Vec<(Diagnostic, usize)>) -> HashMap<usize, usize> {
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut closes = HashMap::new();
    for (index, f) in found.iter().enumerate() {
        match &f.token {
            Token::Open { name, .. } => open.push((index, name)),
            Token::Close { name } => match open.iter().rposition(|(_, n)| n == name) {
                Some(at) => {
                    closes.insert(open[at].0, index);
                    open.truncate(at);
                }
                None => problems.push((
                    Diagnostic::error(format!("`{{{{< /{name} >}}}}` closes a shortcode that was never opened"))
                        .hint(format!("open it before with `{{{{< {name} … >}}}}`, or remove this line")),
                    f.range.start,
                )),
            },
            Token::Escaped { .. } => {}
        }
    }
    closes
}

/// Renders one call: its opening output, its closing output (empty
/// without a body) and what Markdown output rendered.
fn call_one(
    shortcodes: &dyn Shortcodes,
    name: &str,
    args: &[(String, ArgValue)],
    has_body: bool,
    text: &str,
    found: &Found,
    options: &MarkdownOptions,
) -> Result<(String, String, Vec<Rendered>), Diagnostic> {
    let Some(shortcode) = shortcodes.find(name) else {
        let names = shortcodes.names();
        // A near miss of a known name is a typo; another name is a
        // shortcode of the generator the page was written for (a Hugo
        // theme's), which the page can go without until it has a template.
        // Two letters off a name of five or more, one off a shorter one.
        let near = |n: &&String| strsim::damerau_levenshtein(n, name) <= if n.len() > 4 { 2 } else { 1 };
        return Err(match names.iter().find(near) {
            Some(near) => {
                Diagnostic::error(format!("unknown shortcode `{name}`")).hint(format!("did you mean `{near}`?"))
            }
            None => Diagnostic::warning(format!("unknown shortcode `{name}`: the call is left out, its body kept"))
                .hint(format!(
                    "create templates/shortcodes/{name}.html (or .md) to show it; the shortcodes are: {}",
                    names.join(", ")
                )),
        });
    };
    for (key, _) in args {
        if !shortcode.arguments.iter().any(|a| a == key) {
            let takes = if shortcode.arguments.is_empty() {
                "it takes no arguments".to_owned()
            } else {
                format!("it takes: {}", shortcode.arguments.join(", "))
            };
            return Err(Diagnostic::error(format!("the `{name}` shortcode has no argument `{key}`")).hint(takes));
        }
    }
    if has_body && !shortcode.takes_body {
        return Err(Diagnostic::error(format!("the `{name}` shortcode takes no body"))
            .hint(format!("write it as one call, `{{{{< {name} … >}}}}`, without `{{{{< /{name} >}}}}`")));
    }
    let body = if has_body { BODY_PLACEHOLDER } else { "" };
    let output = shortcodes
        .render(name, args, body)
        .map_err(|e| Diagnostic::error(format!("the `{name}` shortcode failed: {}", e.message)).hint(e.hint))?;
    let (open, close) = if has_body {
        let mut parts = output.split(BODY_PLACEHOLDER);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(open), Some(close), None) => (open.to_owned(), close.to_owned()),
            _ => {
                return Err(Diagnostic::error(format!("the `{name}` shortcode does not show its body once"))
                    .hint("its template must write `{{ body }}` exactly once, unchanged"));
            }
        }
    } else {
        (output, String::new())
    };
    if !shortcode.markdown {
        return Ok((open, close, Vec::new()));
    }
    // The line the call is on, for problems in the Markdown it wrote.
    let line = options.body_line.max(1) + text[..found.range.start].matches('\n').count();
    let inner_options = MarkdownOptions { shortcodes: None, drop_title: None, body_line: line, ..*options };
    let open = super::render(&open, &inner_options);
    let close = super::render(&close, &inner_options);
    let (open_html, close_html) = (open.html.clone(), close.html.clone());
    Ok((open_html, close_html, vec![open, close]))
}

/// Writes the marker for output `number`: an HTML comment that keeps the
/// call's text (so its lines stay lines, and a blank-free paragraph stays
/// one) with any `--` broken up.
fn marker(out: &mut String, number: usize, call: &str) {
    out.push_str(MARKER);
    out.push_str(&number.to_string());
    out.push(' ');
    out.push_str(&call.replace("--", "- "));
    out.push_str("-->");
}

#[cfg(test)]
mod tests;
