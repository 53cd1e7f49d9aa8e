//! The languages highlighted with tree-sitter rather than syntect: the
//! common ones of programming blogs, where a tree-sitter grammar is 2.5 to
//! 6 times faster a line than the Sublime syntax (`bench/code_heavy.py`).
//! Every other language stays with syntect.
//!
//! A grammar's highlight query names its tokens (`keyword`,
//! `function.method`, `string.special`, …). Each name is given the TextMate
//! scope such a token has in the Sublime syntaxes, and the two themes style
//! that scope, so a token of either engine takes its classes from the same
//! rules. A grammar's query is compiled on the first block in its
//! language (a few milliseconds, once per process) and shared by every
//! thread; each thread keeps its own parser.

use std::cell::RefCell;
use std::sync::{LazyLock, OnceLock};

use syntect::parsing::Scope;
use tree_sitter::Language;
use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

use super::scheme::{HIGHLIGHTERS, TokenClass};

/// One tree-sitter grammar and the names a fence may call it by.
pub(super) struct Grammar {
    /// The first is the grammar's own name, which injections use.
    names: &'static [&'static str],
    language: fn() -> Language,
    /// The highlight query, in parts: a grammar that extends another
    /// (C++ of C, TypeScript of JavaScript) lists the other's first.
    highlights: &'static [&'static str],
    /// Which parts are in another language (HTML's scripts and styles).
    injections: &'static str,
    config: OnceLock<Option<HighlightConfiguration>>,
}

impl Grammar {
    const fn new(
        names: &'static [&'static str],
        language: fn() -> Language,
        highlights: &'static [&'static str],
        injections: &'static str,
    ) -> Grammar {
        Grammar { names, language, highlights, injections, config: OnceLock::new() }
    }

    /// The compiled queries; `None` if a query does not compile (a bug in
    /// the grammar's query, and the block goes to syntect instead).
    pub(super) fn config(&self) -> Option<&HighlightConfiguration> {
        self.config
            .get_or_init(|| {
                let name = self.names[0];
                let highlights = self.highlights.concat();
                let mut config =
                    HighlightConfiguration::new((self.language)(), name, &highlights, self.injections, "").ok()?;
                config.configure(&TOKENS.map(|(token, _)| token));
                Some(config)
            })
            .as_ref()
    }
}

static GRAMMARS: [Grammar; 15] = [
    Grammar::new(&["rust", "rs"], || tree_sitter_rust::LANGUAGE.into(), &[tree_sitter_rust::HIGHLIGHTS_QUERY], ""),
    Grammar::new(
        &["python", "py", "python3"],
        || tree_sitter_python::LANGUAGE.into(),
        &[tree_sitter_python::HIGHLIGHTS_QUERY],
        "",
    ),
    Grammar::new(
        &["javascript", "js", "jsx", "mjs", "cjs"],
        || tree_sitter_javascript::LANGUAGE.into(),
        &[tree_sitter_javascript::HIGHLIGHT_QUERY, tree_sitter_javascript::JSX_HIGHLIGHT_QUERY],
        "",
    ),
    Grammar::new(
        &["typescript", "ts", "mts", "cts"],
        || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        &[tree_sitter_javascript::HIGHLIGHT_QUERY, tree_sitter_typescript::HIGHLIGHTS_QUERY],
        "",
    ),
    Grammar::new(
        &["tsx"],
        || tree_sitter_typescript::LANGUAGE_TSX.into(),
        &[
            tree_sitter_javascript::HIGHLIGHT_QUERY,
            tree_sitter_javascript::JSX_HIGHLIGHT_QUERY,
            tree_sitter_typescript::HIGHLIGHTS_QUERY,
        ],
        "",
    ),
    Grammar::new(&["go", "golang"], || tree_sitter_go::LANGUAGE.into(), &[tree_sitter_go::HIGHLIGHTS_QUERY], ""),
    Grammar::new(&["c", "h"], || tree_sitter_c::LANGUAGE.into(), &[tree_sitter_c::HIGHLIGHT_QUERY], ""),
    Grammar::new(
        &["cpp", "c++", "cc", "cxx", "hpp", "hh", "hxx"],
        || tree_sitter_cpp::LANGUAGE.into(),
        &[tree_sitter_c::HIGHLIGHT_QUERY, tree_sitter_cpp::HIGHLIGHT_QUERY],
        "",
    ),
    Grammar::new(
        &["bash", "sh", "shell", "zsh"],
        || tree_sitter_bash::LANGUAGE.into(),
        &[tree_sitter_bash::HIGHLIGHT_QUERY],
        "",
    ),
    Grammar::new(
        &["json", "jsonc", "json5"],
        || tree_sitter_json::LANGUAGE.into(),
        &[tree_sitter_json::HIGHLIGHTS_QUERY],
        "",
    ),
    Grammar::new(&["yaml", "yml"], || tree_sitter_yaml::LANGUAGE.into(), &[tree_sitter_yaml::HIGHLIGHTS_QUERY], ""),
    Grammar::new(&["toml"], || tree_sitter_toml_ng::LANGUAGE.into(), &[tree_sitter_toml_ng::HIGHLIGHTS_QUERY], ""),
    Grammar::new(
        &["html", "htm"],
        || tree_sitter_html::LANGUAGE.into(),
        &[tree_sitter_html::HIGHLIGHTS_QUERY],
        tree_sitter_html::INJECTIONS_QUERY,
    ),
    Grammar::new(&["css"], || tree_sitter_css::LANGUAGE.into(), &[tree_sitter_css::HIGHLIGHTS_QUERY], ""),
    Grammar::new(&["java"], || tree_sitter_java::LANGUAGE.into(), &[tree_sitter_java::HIGHLIGHTS_QUERY], ""),
];

/// Every language name the grammars answer to.
pub(super) fn names() -> impl Iterator<Item = &'static str> {
    GRAMMARS.iter().flat_map(|g| g.names.iter().copied())
}

/// The grammar a fence's language names, whatever its case.
pub(super) fn find(name: &str) -> Option<&'static Grammar> {
    GRAMMARS.iter().find(|g| g.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
}

/// The token names tend styles, each with the scope it is styled as. A
/// query's name matches its longest prefix here (`keyword.return` is a
/// `keyword`); a name not here, or `variable`, is plain text.
const TOKENS: [(&str, &str); 27] = [
    ("attribute", "entity.other.attribute-name"),
    ("boolean", "constant.language"),
    ("comment", "comment"),
    ("constant", "constant.other"),
    ("constant.builtin", "constant.language"),
    ("constructor", "entity.name.type"),
    ("escape", "constant.character.escape"),
    ("function", "entity.name.function"),
    ("function.builtin", "support.function"),
    ("function.macro", "support.function"),
    ("keyword", "keyword"),
    ("label", "storage.modifier"),
    ("namespace", "entity.name.namespace"),
    ("number", "constant.numeric"),
    ("operator", "keyword.operator"),
    ("property", "variable.other.member"),
    ("punctuation", "punctuation"),
    ("punctuation.special", "punctuation.section.embedded"),
    ("string", "string"),
    ("string.escape", "constant.character.escape"),
    ("string.special", "string.regexp"),
    ("tag", "entity.name.tag"),
    ("tag.error", "invalid"),
    ("type", "entity.name.type"),
    ("type.builtin", "storage.type"),
    ("variable.builtin", "variable.language"),
    ("variable.parameter", "variable.parameter"),
];

/// The class of each of [`TOKENS`], in both schemes.
static CLASSES: LazyLock<Vec<TokenClass>> = LazyLock::new(|| {
    TOKENS
        .iter()
        .map(|(_, scope)| {
            let scopes = Scope::new(scope).map(|s| vec![s]).unwrap_or_default();
            TokenClass::of(HIGHLIGHTERS.each_ref().map(|h| h.style_for_stack(&scopes)))
        })
        .collect()
});

thread_local! {
    static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
}

/// `code` cut into runs of one class: each run's end (a byte offset) and
/// class, in order, the last ending at `code.len()`. `None` if tree-sitter
/// gives up on the text.
pub(super) fn runs(config: &HighlightConfiguration, code: &str) -> Option<Vec<(usize, TokenClass)>> {
    HIGHLIGHTER.with_borrow_mut(|highlighter| {
        let injected = |name: &str| find(name).and_then(Grammar::config);
        let events = highlighter.highlight(config, code.as_bytes(), None, None, injected).ok()?;
        let mut runs: Vec<(usize, TokenClass)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut push = |end: usize, class: TokenClass| match runs.last_mut() {
            Some(last) if last.1 == class => last.0 = end,
            _ => runs.push((end, class)),
        };
        let mut read = 0;
        for event in events {
            match event.ok()? {
                HighlightEvent::HighlightStart(token) => open.push(token.0),
                HighlightEvent::HighlightEnd => {
                    open.pop();
                }
                HighlightEvent::Source { start, end } => {
                    if start > read {
                        push(start, TokenClass::PLAIN);
                    }
                    push(end, open.last().and_then(|&i| CLASSES.get(i)).copied().unwrap_or(TokenClass::PLAIN));
                    read = end;
                }
            }
        }
        if read < code.len() {
            push(code.len(), TokenClass::PLAIN);
        }
        Some(runs)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_query_compiles() {
        for grammar in &GRAMMARS {
            assert!(grammar.config().is_some(), "{}", grammar.names[0]);
        }
    }

    #[test]
    fn names_are_unique_and_lower_case() {
        let mut names: Vec<&str> = GRAMMARS.iter().flat_map(|g| g.names.iter().copied()).collect();
        assert!(names.iter().all(|n| *n == n.to_lowercase()));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn every_token_scope_is_a_scope() {
        for (token, scope) in TOKENS {
            assert!(Scope::new(scope).is_ok(), "{token}: {scope}");
        }
        assert!(TOKENS.windows(2).all(|w| w[0].0 < w[1].0), "sorted, so a name is easy to find");
    }

    #[test]
    fn runs_cover_the_code_in_order() {
        let code = "fn main() {\n    let s = \"hé\"; // done\n}\n";
        let runs = runs(find("rs").and_then(Grammar::config).expect("rust"), code).expect("runs");
        assert_eq!(runs.last().map(|r| r.0), Some(code.len()));
        assert!(runs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 != w[1].1), "{runs:?}");
        assert!(runs.iter().all(|r| code.is_char_boundary(r.0)));
        assert!(runs.iter().any(|r| !r.1.is_plain()), "something is coloured");
    }
}
