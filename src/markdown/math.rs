//! Math: `$inline$` and `$$display$$` LaTeX rendered to MathML at build
//! time with pulldown-latex, so pages need no script or font to show it.
//! pulldown-cmark finds the math (a `$` followed by a space or a digit after
//! the closing one is prose, as is anything in code); this module only turns
//! the LaTeX into MathML, or says why it cannot.

use pulldown_cmark_escape::{FmtWriter, escape_html};

use crate::model::untrusted::{self, MATHML};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

/// Why a formula is not shown as MathML.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum MathProblem {
    /// The LaTeX is not valid: why, in one line.
    Invalid(String),
    /// The MathML written for it holds what MathML never does (an element
    /// or attribute named here): not published.
    Unsafe(String),
}

/// Appends the MathML of `latex` to `out`. Otherwise appends the source in
/// a `<code class="math-error">` and returns why.
pub(super) fn render(latex: &str, display: bool, out: &mut String) -> Result<(), MathProblem> {
    let rendered = std::panic::catch_unwind(|| mathml(latex, display));
    let problem = match rendered {
        Ok(Ok(mathml)) => match untrusted::check(&mathml, MATHML) {
            Ok(()) => {
                out.push_str(&mathml);
                return Ok(());
            }
            Err(found) => MathProblem::Unsafe(found),
        },
        Ok(Err(why)) => MathProblem::Invalid(why),
        Err(_) => MathProblem::Invalid("the LaTeX could not be read".to_owned()),
    };
    let delimiter = if display { "$$" } else { "$" };
    out.push_str("<code class=\"math-error\">");
    let _ = escape_html(FmtWriter(&mut *out), &format!("{delimiter}{latex}{delimiter}"));
    out.push_str("</code>");
    Err(problem)
}

fn mathml(latex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let mut events: Vec<_> = Parser::new(latex, &storage).collect();
    // KaTeX's spellings that pulldown-latex does not read are read again
    // in its own; the page keeps the source as written.
    let rewritten = if events.iter().any(Result::is_err) { katex_forms(latex) } else { None };
    let other_storage = Storage::new();
    if let Some(rewritten) = &rewritten {
        let again: Vec<_> = Parser::new(rewritten, &other_storage).collect();
        if again.iter().all(Result::is_ok) {
            events = again;
        }
    }
    if let Some(error) = events.iter().find_map(|event| event.as_ref().err()) {
        // "parsing error: <what>\n<context>": the first line says it.
        let text = error.to_string();
        let what = text.lines().next().unwrap_or_default().trim_start_matches("parsing error: ");
        let unknown = what.contains("unknown primitive command").then(|| unknown_command(latex)).flatten();
        return Err(match unknown {
            Some(command) => format!("{what}: `{command}`"),
            None => what.to_owned(),
        });
    }
    let config = RenderConfig {
        display_mode: if display { DisplayMode::Block } else { DisplayMode::Inline },
        // The source stays in the page: copied with the formula, and read
        // by tools that know LaTeX better than MathML. pulldown-latex
        // writes the annotation as it is given, so it is given a mark that
        // the source, escaped, then replaces.
        annotation: Some(ANNOTATION_MARK),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    // Any `<` in the formula itself is written escaped, so the mark's
    // last occurrence is the annotation.
    let Some(at) = out.rfind(ANNOTATION_MARK) else { return Err("the LaTeX could not be read".to_owned()) };
    let mut escaped = String::with_capacity(latex.len() + 16);
    let _ = escape_html(FmtWriter(&mut escaped), latex);
    out.replace_range(at..at + ANNOTATION_MARK.len(), &escaped);
    Ok(out)
}

/// What pulldown-latex is given as the annotation, replaced by the escaped
/// source. Its `<` can only stand raw in the annotation.
const ANNOTATION_MARK: &str = "<tend-annotation/>";

/// The first command in `latex` that pulldown-latex does not know, so the
/// warning can name it: each is read alone, and an unknown one fails as
/// unknown (a known one wanting arguments fails otherwise).
fn unknown_command(latex: &str) -> Option<String> {
    let mut rest = latex;
    while let Some(at) = rest.find('\\') {
        let name: String = rest[at + 1..].chars().take_while(char::is_ascii_alphabetic).collect();
        rest = &rest[at + 1 + name.len()..];
        if name.is_empty() {
            continue;
        }
        let command = format!("\\{name}");
        let storage = Storage::new();
        let unknown = Parser::new(&command, &storage)
            .any(|event| event.is_err_and(|e| e.to_string().contains("unknown primitive command")));
        if unknown {
            return Some(command);
        }
    }
    None
}

/// `latex` in the forms pulldown-latex reads, where KaTeX (and so Obsidian
/// and Quartz) reads other ones: `\mod` as `\bmod`, `{n \choose k}` as
/// `\binom{n}{k}`, `\boxed{x}` without its box, and lines (`\\`, `&`) outside
/// any environment as a `gathered` or `aligned` one. `None` when nothing
/// changes.
fn katex_forms(latex: &str) -> Option<String> {
    let mut out = replace_command(latex, "mod", r"\bmod");
    out = replace_command(&out, "boxed", "");
    out = replace_command(&out, "mbox", r"\text");
    // Inside `\left … \right`, pulldown-latex takes `\rightarrow` for
    // `\right` and `\leftarrow` for `\left`: such arrows are written as
    // the characters they stand for, which it reads as operators.
    for (name, symbol) in LEFT_RIGHT_ARROWS {
        out = replace_command(&out, name, symbol);
    }
    // The braket package's kets and bras.
    out = with_argument(&out, "ket", r"\left|", r"\right\rangle");
    out = with_argument(&out, "bra", r"\left\langle", r"\right|");
    for _ in 0..16 {
        match choose_as_binom(&out) {
            Some(next) => out = next,
            None => break,
        }
    }
    let top_level_lines = !out.contains(r"\begin") && (out.contains(r"\\") || out.contains('&'));
    if top_level_lines {
        let environment = if out.contains('&') { "aligned" } else { "gathered" };
        out = format!(r"\begin{{{environment}}}{out}\end{{{environment}}}");
    }
    (out != latex).then_some(out)
}

/// The commands named like `\left` or `\right` and longer, and the
/// characters they draw.
const LEFT_RIGHT_ARROWS: [(&str, &str); 19] = [
    ("rightarrow", "→"),
    ("leftarrow", "←"),
    ("leftrightarrow", "↔"),
    ("rightleftharpoons", "⇌"),
    ("leftrightharpoons", "⇋"),
    ("rightharpoonup", "⇀"),
    ("rightharpoondown", "⇁"),
    ("leftharpoonup", "↼"),
    ("leftharpoondown", "↽"),
    ("rightrightarrows", "⇉"),
    ("leftleftarrows", "⇇"),
    ("rightleftarrows", "⇄"),
    ("leftrightarrows", "⇆"),
    ("rightarrowtail", "↣"),
    ("leftarrowtail", "↢"),
    ("rightsquigarrow", "⇝"),
    ("leftrightsquigarrow", "↭"),
    ("rightthreetimes", "⋌"),
    ("leftthreetimes", "⋋"),
];

/// `text` with each `\name` command (not a longer one) replaced.
fn replace_command(text: &str, name: &str, with: &str) -> String {
    let pattern = format!("\\{name}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&pattern) {
        let after = &rest[at + pattern.len()..];
        out.push_str(&rest[..at]);
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push_str(&pattern);
        } else {
            out.push_str(with);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `text` with each `\name{x}` written as `before x after`.
fn with_argument(text: &str, name: &str, before: &str, after: &str) -> String {
    let pattern = format!("\\{name}{{");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&pattern) {
        let argument = &rest[at + pattern.len()..];
        let mut depth = 0usize;
        let end = argument.char_indices().find_map(|(i, c)| match c {
            '{' => {
                depth += 1;
                None
            }
            '}' if depth == 0 => Some(i),
            '}' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(end) = end else { break };
        out.push_str(&rest[..at]);
        out.push_str(before);
        out.push(' ');
        out.push_str(&argument[..end]);
        out.push(' ');
        out.push_str(after);
        rest = &argument[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The first `a \choose b` as `\binom{a}{b}`, within its braces (or the
/// whole formula); `None` when there is none.
fn choose_as_binom(text: &str) -> Option<String> {
    let at = text
        .match_indices(r"\choose")
        .map(|(i, _)| i)
        .find(|&i| !text[i + r"\choose".len()..].starts_with(|c: char| c.is_ascii_alphabetic()))?;
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut open = None;
    for i in (0..at).rev() {
        match bytes[i] {
            b'}' => depth += 1,
            b'{' if depth == 0 => {
                open = Some(i);
                break;
            }
            b'{' => depth -= 1,
            _ => {}
        }
    }
    let after = at + r"\choose".len();
    let mut depth = 0usize;
    let mut close = None;
    for (i, &b) in bytes.iter().enumerate().skip(after) {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => {
                close = Some(i);
                break;
            }
            b'}' => depth -= 1,
            _ => {}
        }
    }
    let (start, end) = match (open, close) {
        (Some(open), Some(close)) => (open + 1, close),
        _ => (0, text.len()),
    };
    Some(format!(
        r"{}\binom{{{}}}{{{}}}{}",
        &text[..start],
        text[start..at].trim(),
        text[after..end].trim(),
        &text[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::{MathProblem, render};

    #[test]
    fn an_unknown_command_is_named() {
        let mut out = String::new();
        let why = render(r"\alpha + \frac{1}{2} + \fbox{x}", false, &mut out).expect_err("pulldown-latex has no fbox");
        let MathProblem::Invalid(why) = why else { panic!("{why:?}") };
        assert!(why.ends_with(r"`\fbox`"), "{why}");
    }

    #[test]
    fn katex_spellings_are_read() {
        for latex in [
            r"a \mod b",
            r"{n \choose k}",
            r"\boxed{x=1}",
            r"a = b \\ c = d",
            r"a &= b \\ c &= d",
            r"\ket{\psi} + \bra{0}",
            r"T \xrightarrow[n]{\mbox{a.s.}} \theta",
            r"\left( a \rightarrow b \right)",
            r"\left\{ x \leftarrow y \leftrightarrow z \right\}",
            r"\left[ a \underset{n \rightarrow \infty}{\longrightarrow} b \rightleftharpoons c \right]",
        ] {
            let mut out = String::new();
            render(latex, true, &mut out).unwrap_or_else(|why| panic!("{latex}: {why:?}"));
            assert!(out.starts_with("<math"), "{latex}: {out}");
            let annotation = out.split("<annotation").nth(1).unwrap_or_default();
            assert!(annotation.contains(if latex.contains("mod") { "mod b" } else { "" }), "the source as written");
        }
        assert_eq!(super::choose_as_binom(r"x + {n \choose k}").as_deref(), Some(r"x + {\binom{n}{k}}"));
        assert_eq!(super::replace_command(r"\mod \models", "mod", r"\bmod"), r"\bmod \models");
    }

    #[test]
    fn every_character_of_the_source_is_escaped() {
        for latex in [
            "a<b",
            "a>b",
            "a < b > c",
            r"\text{<b>bold</b> & more}",
            "x <img src=x onerror=alert(1)> y",
            r"\text{<tend-annotation/>}",
            "<tend-annotation/>",
            r#"\text{"quoted" 'single'}"#,
        ] {
            for display in [false, true] {
                let mut out = String::new();
                let _ = render(latex, display, &mut out);
                assert!(!out.contains("<img") && !out.contains("<b>"), "{latex}: {out}");
                assert!(!out.contains("<tend-annotation"), "{latex}: {out}");
                let mut escaped = String::new();
                let _ = pulldown_cmark_escape::escape_html(pulldown_cmark_escape::FmtWriter(&mut escaped), latex);
                if out.starts_with("<math") {
                    let annotation = format!("<annotation encoding=\"application/x-tex\">{escaped}</annotation>");
                    assert!(out.contains(&annotation), "{latex}: {out}");
                    assert_eq!(out.matches("<annotation").count(), 1, "{latex}: {out}");
                } else {
                    assert!(out.contains(&escaped), "{latex}: {out}");
                }
            }
        }
    }

    /// Everything pulldown-latex writes for ordinary formulas passes the
    /// check of untrusted markup: no formula fails the build for it.
    #[test]
    fn ordinary_formulas_pass_the_markup_check() {
        for latex in [
            r"\color{red}{x} + \textcolor{blue}{y}",
            r"\colorbox{yellow}{x}",
            r"\boxed{E = mc^2}",
            r"\cancel{x} \not= y",
            r"\phantom{x} \hspace{1em} \quad \,",
            r"\mathbb{R} \mathcal{C} \mathfrak{g} \mathrm{d}x \operatorname{sin}",
            r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
            r"f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \ge 0 \end{cases}",
            r"\underbrace{a + b}_{n} \overbrace{c}^{m} \overline{z} \hat{x} \vec{v}",
            r"\xrightarrow{f} \sqrt[3]{8} \left( \frac{a}{b} \right) \sum_{\substack{i<n \\ j<m}} x",
            r"\displaystyle \int_0^\infty e^{-x^2} dx = \frac{\sqrt{\pi}}{2}",
            r"\text{if } x > 0 \text{ and } \mathbf{v} \cdot \mathbf{w}",
        ] {
            for display in [false, true] {
                let mut out = String::new();
                match render(latex, display, &mut out) {
                    Ok(()) | Err(MathProblem::Invalid(_)) => {}
                    Err(unsafe_markup) => panic!("{latex}: {unsafe_markup:?}\n{out}"),
                }
            }
        }
    }

    #[test]
    fn inline_and_display_math_become_mathml() {
        let mut out = String::new();
        render("x^2", false, &mut out).expect("valid");
        assert!(out.starts_with("<math"), "{out}");
        assert!(out.contains("<msup>"), "{out}");
        assert!(out.contains("<annotation encoding=\"application/x-tex\">x^2</annotation>"), "{out}");
        let mut block = String::new();
        render(r"\sum_{i=1}^n i", true, &mut block).expect("valid");
        assert!(block.contains("display=\"block\""), "{block}");
    }

    #[test]
    fn invalid_latex_shows_its_source_and_says_why() {
        let mut out = String::new();
        let why = render(r"\frac{1}{", false, &mut out).expect_err("invalid");
        assert!(matches!(why, MathProblem::Invalid(ref why) if !why.is_empty()), "{why:?}");
        assert_eq!(out, r#"<code class="math-error">$\frac{1}{$</code>"#);
    }
}
