//! Fenced code highlighted at build time. The fence's info string
//! (```` ```rust {linenos, hl_lines=1 3-5} ````) names the language and the
//! options; the common languages are parsed with a tree-sitter grammar
//! (`grammars.rs`), every other with syntect and the language's Sublime
//! syntax. The light and the dark theme each style every token, and the
//! token becomes a `<span>` with a class per scheme (`hl-l7 hl-d7`, see
//! `scheme.rs`). No inline styles and no client script: the colours are CSS
//! rules generated once ([`stylesheet`]). Numbered or highlighted lines are
//! each wrapped in `<span class="line">`, which no token span crosses.
//!
//! The syntaxes and themes are loaded with the first block that names a
//! known language, once per process, and shared by every thread. A language
//! tend does not know renders plain (escaped), and the caller warns about
//! it.

mod grammars;
mod scheme;

use std::cell::RefCell;
use std::ops::RangeInclusive;
use std::sync::LazyLock;

use pulldown_cmark::CodeBlockKind;
use pulldown_cmark_escape::{escape_html, escape_html_body_text};
use rustc_hash::FxHashMap;
use sha2::Digest;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use crate::model::{CodeMemo, code_key};

use grammars::Grammar;
pub use scheme::stylesheet;
use scheme::{HIGHLIGHTERS, TokenClass};

/// Sublime's syntaxes plus bat's extras (TOML, TypeScript, …), with regexes
/// compiled lazily, each on its first use.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Names people write that the syntaxes do not know by that name (the
/// grammars know them all; these are for when a grammar fails).
const ALIASES: &[(&str, &str)] =
    &[("shell", "bash"), ("golang", "go"), ("jsx", "js"), ("jsonc", "json"), ("json5", "json"), ("c++", "cpp")];

/// Names that ask for no highlighting, or that no syntax fits (a terminal
/// session mixes commands and their output); not worth a warning.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "output", "console", "shell-session"];

/// Blocks that are not code to colour but input to an Obsidian plugin or a
/// diagram tool (a Dataview query, a Mermaid diagram): shown as written,
/// without an "unknown language" warning, since nothing is misspelt.
const NOT_CODE: &[&str] = &[
    "mermaid",
    "dataview",
    "dataviewjs",
    "query",
    "base",
    "tasks",
    "excalidraw",
    "chart",
    "ad-note",
    "tikz",
    "mathjax",
    "asciimath",
    "table-of-contents",
    "toc",
    // Labels of asides some documentation writes as fences (mermaid's own
    // docs: ```` ```info ````); `info` is one letter from `ini`.
    "info",
    "note",
    "tip",
    "warning",
];

/// The known language a name no syntax has is probably a misspelling of
/// (`pyhton`, `rsut`): one letter off or two swapped after the same first
/// letter, in a name of four letters or more. A name that is no
/// misspelling is a language tend cannot colour (`liquid`, `mips`), which
/// the page is right to name: its block is shown plain, and nothing is
/// reported.
pub(super) fn misspelt(name: &str) -> Option<String> {
    let name = name.to_lowercase();
    if name.chars().count() < 4 {
        return None;
    }
    let syntaxes = SYNTAXES
        .syntaxes()
        .iter()
        .flat_map(|s| std::iter::once(s.name.to_lowercase()).chain(s.file_extensions.iter().map(|e| e.to_lowercase())));
    let known =
        grammars::names().map(str::to_owned).chain(ALIASES.iter().map(|(a, _)| (*a).to_owned())).chain(syntaxes);
    known
        // A slip of the fingers seldom hits the first letter.
        .filter(|k| k.len() > 2 && !k.contains(' ') && k.chars().next() == name.chars().next())
        .map(|k| (strsim::damerau_levenshtein(&name, &k), k))
        .filter(|(distance, _)| *distance == 1)
        .min()
        .map(|(_, k)| k)
}

/// `<pre tabindex="0" data-lang="rust"><code class="language-rust">`: the
/// `pre` is focusable because it may scroll; `data-linenos` asks the
/// stylesheet to number the lines.
pub(super) fn code_block_open(fence: &Fence) -> String {
    let mut out = String::from("<pre tabindex=\"0\"");
    if !fence.language.is_empty() {
        out.push_str(" data-lang=\"");
        let _ = escape_html(&mut out, fence.language);
        out.push('"');
    }
    if fence.linenos {
        out.push_str(" data-linenos");
    }
    out.push_str("><code");
    if !fence.language.is_empty() {
        out.push_str(" class=\"language-");
        let _ = escape_html(&mut out, fence.language);
        out.push('"');
    }
    out.push('>');
    out
}

/// What a fence's info string asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Fence<'a> {
    /// The first word, as written; empty for none.
    pub language: &'a str,
    /// `linenos`: number the lines.
    pub linenos: bool,
    /// `hl_lines=1 3-5`: lines to highlight, 1-based.
    pub hl_lines: Vec<RangeInclusive<usize>>,
}

impl<'a> Fence<'a> {
    /// Reads `rust {linenos, hl_lines=1 3-5}` (also `rust,linenos` and
    /// `rust linenos hl_lines="1 3-5"`). Options it does not know are
    /// ignored.
    pub(super) fn parse(info: &'a str) -> Fence<'a> {
        let info = info.trim();
        let end = info.find([' ', '\t', ',', '{']).unwrap_or(info.len());
        let mut fence = Fence { language: &info[..end], ..Fence::default() };
        let mut in_hl_lines = false;
        for word in info[end..].split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}')) {
            let word = word.trim_matches(['"', '\'']);
            if word.is_empty() {
                continue;
            }
            if let Some(value) = word.strip_prefix("hl_lines=") {
                in_hl_lines = true;
                fence.hl_lines.extend(line_range(value.trim_matches(['"', '\''])));
            } else if in_hl_lines && let Some(range) = line_range(word) {
                fence.hl_lines.push(range);
            } else {
                in_hl_lines = false;
                fence.linenos |= word == "linenos";
            }
        }
        fence.hl_lines = merged(fence.hl_lines);
        fence
    }

    /// Whether lines are wrapped one by one (for numbers or highlights).
    fn by_line(&self) -> bool {
        self.linenos || !self.hl_lines.is_empty()
    }

    fn is_highlighted(&self, line: usize) -> bool {
        // `hl_lines` is sorted and merged (see `merged`).
        let next = self.hl_lines.partition_point(|r| *r.end() < line);
        self.hl_lines.get(next).is_some_and(|r| r.contains(&line))
    }
}

/// Line ranges sorted, with overlapping and touching ones merged and empty
/// ones dropped, so that a line is found by binary search: a fence may list
/// thousands, and a block may have as many lines.
fn merged(mut ranges: Vec<RangeInclusive<usize>>) -> Vec<RangeInclusive<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| *r.start());
    let mut out: Vec<RangeInclusive<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if *range.start() <= last.end().saturating_add(1) => {
                *last = *last.start()..=*last.end().max(range.end());
            }
            _ => out.push(range),
        }
    }
    out
}

/// `3` or `3-5`.
fn line_range(word: &str) -> Option<RangeInclusive<usize>> {
    let (start, end) = word.split_once('-').unwrap_or((word, word));
    Some(start.parse().ok()?..=end.parse().ok()?)
}

/// A fenced or indented block rendered to HTML.
#[derive(Debug)]
pub(super) struct CodeBlock<'a> {
    /// `<pre …><code …>…</code></pre>`.
    pub html: String,
    /// The language, when tend does not know it (the block is plain).
    pub unknown_language: Option<&'a str>,
}

/// What a language name refers to.
enum Language {
    None,
    /// A tree-sitter grammar (its queries compiled only when a block
    /// needs colouring).
    Grammar(&'static Grammar),
    Syntax(&'static SyntaxReference),
    Unknown,
}

fn language(name: &str) -> Language {
    if name.is_empty() || PLAIN.iter().chain(NOT_CODE).any(|p| p.eq_ignore_ascii_case(name)) {
        return Language::None;
    }
    // Eleventy's `diff-js`: a diff of JavaScript, coloured as a diff.
    let name =
        if name.len() > 5 && name.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("diff-")) { "diff" } else { name };
    grammars::find(name).map_or_else(|| syntax(name), Language::Grammar)
}

/// The Sublime syntax called `name` (or one of [`ALIASES`]).
fn syntax(name: &str) -> Language {
    let name = ALIASES.iter().find(|(alias, _)| alias.eq_ignore_ascii_case(name)).map_or(name, |(_, to)| to);
    SYNTAXES.find_syntax_by_token(name).map_or(Language::Unknown, Language::Syntax)
}

/// Bumped whenever a change to tend's highlighting changes the HTML it
/// writes, so that blocks remembered by an older tend are coloured again.
const CODE_VERSION: u32 = 1;

/// The version highlighted blocks are remembered under ([`CodeMemo`]):
/// tend's own, this module's, and the crates' (a grammar's new release
/// colours differently), read from the lock file tend was built with.
pub fn memo_version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        let lock = sha2::Sha256::digest(include_bytes!("../../Cargo.lock"));
        let lock: String = lock[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("{} {CODE_VERSION} {lock}", env!("CARGO_PKG_VERSION"))
    });
    &VERSION
}

/// Renders a code block: highlighted when its language is known, else
/// plain. A block `memo` remembers is not coloured again.
pub(super) fn code_block<'a>(
    kind: &'a CodeBlockKind,
    code: &str,
    colour: bool,
    memo: Option<&CodeMemo>,
) -> CodeBlock<'a> {
    let (fence, info) = match kind {
        CodeBlockKind::Fenced(info) => (Fence::parse(info), info.as_ref()),
        CodeBlockKind::Indented => (Fence::default(), ""),
    };
    let mut html = code_block_open(&fence);
    let mut unknown_language = None;
    // Without colour the syntaxes are not even loaded.
    let language = if colour { language(fence.language) } else { Language::None };
    let coloured = matches!(language, Language::Grammar(_) | Language::Syntax(_));
    let memo = memo.filter(|_| coloured).map(|memo| (memo, code_key(memo_version(), info, code)));
    if let Some(body) = memo.and_then(|(memo, key)| memo.get(&key)) {
        html.push_str(body);
        html.push_str("</code></pre>\n");
        return CodeBlock { html, unknown_language };
    }
    // A syntax that fails on this text (a bug in the syntax) leaves the
    // block plain rather than half-highlighted.
    let body = match language {
        // A grammar whose query does not compile (a bug) leaves the
        // language to syntect.
        Language::Grammar(grammar) => match grammar.config() {
            Some(config) => grammars::runs(config, code).and_then(|runs| write_runs(code, &runs, &fence)),
            None => match syntax(fence.language) {
                Language::Syntax(syntax) => highlight(syntax, code, &fence),
                _ => None,
            },
        },
        Language::Syntax(syntax) => highlight(syntax, code, &fence),
        Language::None => None,
        Language::Unknown => {
            unknown_language = Some(fence.language);
            None
        }
    };
    match body {
        Some(body) => {
            if let Some((memo, key)) = memo {
                memo.remember(key, &body);
            }
            html.push_str(&body);
        }
        None => plain(&mut html, code, &fence),
    }
    html.push_str("</code></pre>\n");
    CodeBlock { html, unknown_language }
}

/// The lines of `code`, each without its line ending, numbered from 1.
fn lines(code: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    code.split_inclusive('\n').enumerate().map(|(i, line)| {
        let text = line.strip_suffix('\n').unwrap_or(line);
        (i + 1, text.strip_suffix('\r').unwrap_or(text), line)
    })
}

fn open_line(out: &mut String, fence: &Fence, number: usize) {
    out.push_str(if fence.is_highlighted(number) {
        "<span class=\"line highlighted\">"
    } else {
        "<span class=\"line\">"
    });
}

fn plain(out: &mut String, code: &str, fence: &Fence) {
    if !fence.by_line() {
        let _ = escape_html_body_text(&mut *out, code);
        return;
    }
    for (number, text, _) in lines(code) {
        open_line(out, fence, number);
        let _ = escape_html_body_text(&mut *out, text);
        out.push_str("</span>\n");
    }
}

/// The highlighted body, or `None` if the syntax fails on it.
fn highlight(syntax: &SyntaxReference, code: &str, fence: &Fence) -> Option<String> {
    let mut parse = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = String::with_capacity(code.len() * 3);
    for (number, text, line) in lines(code) {
        let ops = parse.parse_line(line, &SYNTAXES).ok()?;
        if fence.by_line() {
            open_line(&mut out, fence, number);
        }
        // A token runs from one scope change to the next; the line ending
        // stays outside every span.
        let token = |from: usize, to: usize| &text[from.min(text.len())..to.min(text.len())];
        let mut span = Span::default();
        let mut read = 0;
        for (at, op) in &ops {
            let at = (*at).min(line.len());
            if at > read {
                span.add(&mut out, class_of(&stack), token(read, at));
                read = at;
            }
            stack.apply(op).ok()?;
        }
        span.add(&mut out, class_of(&stack), token(read, line.len()));
        span.finish(&mut out);
        if fence.by_line() {
            out.push_str("</span>");
        }
        out.push('\n');
    }
    Some(out)
}

/// The highlighted body from tree-sitter's runs (see [`grammars::runs`]),
/// line by line as [`highlight`] writes syntect's tokens.
fn write_runs(code: &str, runs: &[(usize, TokenClass)], fence: &Fence) -> Option<String> {
    let mut out = String::with_capacity(code.len() * 3);
    let mut run = 0;
    let mut line_start = 0;
    for (number, text, line) in lines(code) {
        if fence.by_line() {
            open_line(&mut out, fence, number);
        }
        let mut span = Span::default();
        let mut read = 0;
        while read < text.len() {
            while runs.get(run).is_some_and(|&(end, _)| end <= line_start + read) {
                run += 1;
            }
            let (end, class) = runs.get(run).copied().unwrap_or((code.len(), TokenClass::PLAIN));
            let end = (end - line_start).min(text.len());
            span.add(&mut out, class, text.get(read..end)?);
            read = end;
        }
        span.finish(&mut out);
        if fence.by_line() {
            out.push_str("</span>");
        }
        out.push('\n');
        line_start += line.len();
    }
    Some(out)
}

thread_local! {
    /// The class of each scope stack met so far on this thread: resolving
    /// a stack in both themes is most of the cost of styling a token, and
    /// a site's code has a few thousand distinct stacks.
    static CLASSES: RefCell<FxHashMap<Vec<Scope>, TokenClass>> = RefCell::new(FxHashMap::default());
}

/// The class of a token whose scopes are `stack`, in both schemes.
fn class_of(stack: &ScopeStack) -> TokenClass {
    let scopes = stack.as_slice();
    CLASSES.with_borrow_mut(|classes| {
        if let Some(class) = classes.get(scopes) {
            return *class;
        }
        let class = TokenClass::of(HIGHLIGHTERS.each_ref().map(|h| h.style_for_stack(scopes)));
        classes.insert(scopes.to_vec(), class);
        class
    })
}

/// Adjacent tokens of one class, written as one span. Spaces look the same
/// in any colour: between two tokens of a class they stay inside its span,
/// else outside any.
#[derive(Default)]
struct Span<'t> {
    open: Option<TokenClass>,
    spaces: &'t str,
}

impl<'t> Span<'t> {
    fn add(&mut self, out: &mut String, class: TokenClass, token: &'t str) {
        if token.is_empty() {
            return;
        }
        if self.open.is_some() && token.trim().is_empty() && self.spaces.is_empty() {
            self.spaces = token;
            return;
        }
        if self.open != Some(class) {
            self.finish(out);
            if !class.is_plain() && !token.trim().is_empty() {
                out.push_str("<span class=\"");
                class.write(out);
                out.push_str("\">");
                self.open = Some(class);
            }
        }
        let _ = escape_html_body_text(&mut *out, std::mem::take(&mut self.spaces));
        let _ = escape_html_body_text(&mut *out, token);
    }

    fn finish(&mut self, out: &mut String) {
        if self.open.take().is_some() {
            out.push_str("</span>");
        }
        let _ = escape_html_body_text(&mut *out, std::mem::take(&mut self.spaces));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fenced(info: &str, code: &str) -> String {
        code_block(&CodeBlockKind::Fenced(info.into()), code, true, None).html
    }

    #[test]
    fn code_that_is_markup_stays_text_in_every_grammar() {
        // The grammars only say where tokens are; every character of the
        // code is escaped by tend, so the block holds pre, code and span
        // elements and nothing that runs, whatever the code.
        let code = "</code></pre><script>alert(1)</script><img src=x onerror=alert(2)>\n\"'&<!-- x -->";
        for info in ["rust", "html", "js", "python", "bash", "css", "json", "yaml", "klingon", ""] {
            let html = fenced(info, code);
            assert_eq!(crate::model::untrusted::check(&html, &["pre", "code", "span"]), Ok(()), "{info}: {html}");
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
            assert_eq!(text.trim_end(), code, "{info}: the code reads as written");
        }
    }

    #[test]
    fn fence_options_in_every_spelling() {
        let want = Fence { language: "rust", linenos: true, hl_lines: vec![1..=1, 3..=5] };
        assert_eq!(Fence::parse("rust {linenos, hl_lines=1 3-5}"), want);
        assert_eq!(Fence::parse("rust,linenos,hl_lines=1 3-5"), want);
        assert_eq!(Fence::parse("rust linenos hl_lines=\"1 3-5\""), want);
        assert_eq!(Fence::parse("rust {hl_lines=1 3-5 linenos}"), want);
        assert_eq!(Fence::parse("{linenos}"), Fence { linenos: true, ..Fence::default() });
        assert_eq!(Fence::parse(" python "), Fence { language: "python", ..Fence::default() });
        assert_eq!(Fence::parse("rust {hl_lines=x}"), Fence { language: "rust", ..Fence::default() });
    }

    #[test]
    fn many_highlighted_ranges_are_merged_and_searched() {
        // Found with the markdown fuzz target on a large input: every line was
        // checked against every range, so long lists on long blocks took
        // quadratic time.
        let fence = Fence::parse("rust hl_lines=9 5-3 4 1-2 2-3 7-8");
        assert_eq!(fence.hl_lines, vec![1..=4, 7..=9]);
        let lit: Vec<usize> = (0..12).filter(|&n| fence.is_highlighted(n)).collect();
        assert_eq!(lit, [1, 2, 3, 4, 7, 8, 9]);
        let every_other: String = (1..=20_000).step_by(2).map(|n| format!("{n} ")).collect();
        let info = format!("rust hl_lines={every_other}");
        let fence = Fence::parse(&info);
        assert_eq!(fence.hl_lines.len(), 10_000);
        assert!((1..=20_000).all(|n| fence.is_highlighted(n) == (n % 2 == 1)));
    }

    #[test]
    fn every_language_of_a_programmers_blog_is_known() {
        let names = "rust rs python py js javascript jsx ts typescript tsx go golang c cpp c++ sh bash shell zsh sql \
                     json yaml yml toml html css markdown md diff patch Rust TOML";
        for name in names.split_whitespace() {
            assert!(matches!(language(name), Language::Grammar(_) | Language::Syntax(_)), "{name}");
        }
        assert!(matches!(language("text"), Language::None));
        assert!(matches!(language("console"), Language::None));
        assert!(matches!(language("klingon"), Language::Unknown));
    }

    #[test]
    fn tokens_become_classes() {
        let html = fenced("rust", "fn main() {\n    // hi\n}\n");
        assert!(html.starts_with("<pre tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\">"), "{html}");
        assert!(html.contains("<span class=\"hl-l0 hl-d0\">// hi</span>\n"), "comments, then the line end: {html}");
        assert!(html.contains("    <span"), "indentation outside spans: {html}");
        assert!(html.ends_with("</code></pre>\n"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn spans_balance_and_text_is_escaped() {
        let code = "/* a\n<b> & c */\nlet s = \"x\";\n";
        for info in ["rust", "rust {linenos, hl_lines=2}"] {
            let html = fenced(info, code);
            assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "{html}");
            assert!(html.contains("&lt;b&gt; &amp; c"), "{html}");
        }
    }

    #[test]
    fn numbered_lines_carry_their_scopes_across() {
        let html = fenced("rust {linenos, hl_lines=2}", "/* a\nb */\nx\n");
        assert!(html.starts_with("<pre tabindex=\"0\" data-lang=\"rust\" data-linenos><code"), "{html}");
        let lines: Vec<&str> = html.lines().collect();
        assert_eq!(lines.len(), 4, "{html}");
        // The comment that starts on line 1 goes on in line 2, inside its
        // own line.
        assert!(
            lines[1].starts_with("<span class=\"line highlighted\"><span class=\"hl-l0 hl-d0\">b */</span>"),
            "{html}"
        );
        assert!(lines[2].starts_with("<span class=\"line\">"), "{html}");
        for line in &lines[..3] {
            assert_eq!(line.matches("<span").count(), line.matches("</span>").count(), "{line}");
        }
    }

    #[test]
    fn both_engines_take_their_classes_from_the_same_themes() {
        // Rust is a tree-sitter grammar, Ruby a Sublime syntax.
        let rust = fenced("rust", "let s = \"x\";\n");
        let ruby = fenced("ruby", "s = \"x\"\n");
        let string = "<span class=\"hl-l4 hl-d4\">&quot;x&quot;</span>";
        let string = string.replace("&quot;", "\"");
        assert!(rust.contains(&string), "{rust}");
        assert!(ruby.contains(&string), "{ruby}");
    }

    #[test]
    fn scripts_and_styles_in_html_are_highlighted_as_their_languages() {
        let html = fenced("html", "<script>\nlet x = 1;\n</script>\n<style>\na { color: red; }\n</style>\n");
        assert!(html.contains("<span class=\"hl-l7 hl-d7\">let</span>"), "{html}");
        assert!(html.contains("color"), "{html}");
        let tags = html.matches("&lt;").count();
        assert_eq!(tags, 4, "{html}");
    }

    #[test]
    fn windows_line_endings_are_dropped_and_no_span_crosses_a_line() {
        let html = fenced("js {linenos}", "let a = `x\r\ny`;\r\nlet b = 2;\r\n");
        assert!(!html.contains('\r'), "{html:?}");
        let lines: Vec<&str> = html.lines().collect();
        assert_eq!(lines.len(), 4, "{html}");
        for line in &lines[..3] {
            assert_eq!(line.matches("<span class=\"line\">").count(), 1, "{line}");
            assert_eq!(line.matches("<span").count(), line.matches("</span>").count(), "{line}");
        }
    }

    #[test]
    fn only_near_misses_are_misspellings() {
        assert_eq!(super::misspelt("pyhton").as_deref(), Some("python"));
        assert!(super::misspelt("rsut").is_some(), "rust, or rst");
        for language in ["prolog", "am", "pest", "terminfo", "liquid", "klingon", "mips"] {
            assert_eq!(super::misspelt(language), None, "{language}");
        }
    }

    #[test]
    fn unknown_and_plain_languages_render_escaped() {
        let kind = CodeBlockKind::Fenced("klingon {linenos}".into());
        let block = code_block(&kind, "a <b>\n", true, None);
        assert_eq!(block.unknown_language, Some("klingon"));
        for known in ["mermaid", "dataview", "diff-js"] {
            let kind = CodeBlockKind::Fenced(known.into());
            assert_eq!(code_block(&kind, "a\n", true, None).unknown_language, None, "{known}");
        }
        assert!(block.html.contains("<span class=\"line\">a &lt;b&gt;</span>\n"), "{}", block.html);
        let block = code_block(&CodeBlockKind::Indented, "x\n", true, None);
        assert_eq!(block.unknown_language, None);
        assert_eq!(block.html, "<pre tabindex=\"0\"><code>x\n</code></pre>\n");
    }
}
