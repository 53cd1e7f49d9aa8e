//! The body of the error overlay the browsers show after a failed rebuild:
//! a summary line and each error as the terminal shows it (file, line, the
//! source line marked, the hint), HTML-escaped. The live-reload script puts
//! it in a panel the reader can dismiss.

use std::fmt::Write;

use crate::diagnostics::{self, Style};
use crate::model::Diagnostic;

/// The overlay for a build that failed with `problems` (`first`: no build
/// has succeeded yet). Only errors are shown; warnings are counted and left
/// to the terminal.
pub(super) fn for_problems(problems: &[Diagnostic], first: bool) -> String {
    let errors: Vec<&Diagnostic> = problems.iter().filter(|p| p.is_error()).collect();
    let warnings = problems.len() - errors.len();
    let mut summary = format!("The build failed with {} error{}", errors.len(), plural(errors.len()));
    if warnings > 0 {
        let _ = write!(summary, " and {warnings} warning{} (see the terminal)", plural(warnings));
    }
    summary.push_str(shown(first));
    let reports: Vec<String> = errors.iter().map(|p| diagnostics::human(p, Style::Plain)).collect();
    render(&summary, &reports)
}

/// The overlay for a failure that is not about the content.
pub(super) fn for_message(message: &str, first: bool) -> String {
    render(&format!("The build failed{}", shown(first)), &[format!("error: {message}\n")])
}

/// What the browser shows under the overlay.
fn shown(first: bool) -> &'static str {
    if first {
        "; there is no version of the site to show yet: fix the errors and save."
    } else {
        "; this is the last good version of the site."
    }
}

fn render(summary: &str, reports: &[String]) -> String {
    let mut html = format!("<p>{}</p>", escape(summary));
    for report in reports {
        let _ = write!(html, "<pre>{}</pre>", escape(report.trim_end()));
    }
    html
}

/// Escapes text for HTML element content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::for_problems;
    use crate::model::{Diagnostic, Location};

    #[test]
    fn errors_are_shown_escaped_with_file_line_and_hint() {
        let problems = vec![
            Diagnostic::error("`date` is not a valid date: `<b>2025-13-01</b>`")
                .at(Location::new("content/a.md", 3, 7).with_source("---\ntitle: A\ndate: <b>2025-13-01</b>\n---\n"))
                .hint("write dates as YYYY-MM-DD"),
            Diagnostic::warning("a warning"),
        ];
        let html = for_problems(&problems, false);
        assert!(html.starts_with("<p>The build failed with 1 error and 1 warning (see the terminal);"), "{html}");
        assert!(html.contains("this is the last good version"), "{html}");
        assert!(html.contains("content/a.md:3:7"), "{html}");
        assert!(html.contains("date: &lt;b&gt;2025-13-01&lt;/b&gt;"), "{html}");
        assert!(html.contains("write dates as YYYY-MM-DD"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("a warning"), "{html}");
        let first = for_problems(&problems, true);
        assert!(first.contains("there is no version of the site to show yet"), "{first}");
        assert!(!first.contains("last good version"), "{first}");
    }
}
