//! Math: `$inline$` and `$$display$$` LaTeX rendered to MathML at build
//! time with pulldown-latex, so pages need no script or font to show it.
//! pulldown-cmark finds the math (a `$` followed by a space or a digit after
//! the closing one is prose, as is anything in code); this module only turns
//! the LaTeX into MathML, or says why it cannot.

use pulldown_cmark_escape::{FmtWriter, escape_html};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

/// Appends the MathML of `latex` to `out`. On invalid LaTeX, appends the
/// source in a `<code class="math-error">` instead and returns why, in
/// one line.
pub fn render(latex: &str, display: bool, out: &mut String) -> Result<(), String> {
    let rendered = std::panic::catch_unwind(|| mathml(latex, display));
    let problem = match rendered {
        Ok(Ok(mathml)) => {
            out.push_str(&mathml);
            return Ok(());
        }
        Ok(Err(why)) => why,
        Err(_) => "the LaTeX could not be read".to_owned(),
    };
    let delimiter = if display { "$$" } else { "$" };
    out.push_str("<code class=\"math-error\">");
    let _ = escape_html(FmtWriter(&mut *out), &format!("{delimiter}{latex}{delimiter}"));
    out.push_str("</code>");
    Err(problem)
}

fn mathml(latex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(error) = events.iter().find_map(|event| event.as_ref().err()) {
        // "parsing error: <what>\n<context>": the first line says it.
        let text = error.to_string();
        let what = text.lines().next().unwrap_or_default().trim_start_matches("parsing error: ");
        return Err(what.to_owned());
    }
    let config = RenderConfig {
        display_mode: if display { DisplayMode::Block } else { DisplayMode::Inline },
        // The source stays in the page: copied with the formula, and read
        // by tools that know LaTeX better than MathML.
        annotation: Some(latex),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::render;

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
        assert!(!why.is_empty());
        assert_eq!(out, r#"<code class="math-error">$\frac{1}{$</code>"#);
    }
}
