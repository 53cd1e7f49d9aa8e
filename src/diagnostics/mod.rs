//! Showing problems to people and to programs: a human report with the file,
//! line, column, the offending line with the span marked and a hint; or one
//! JSON object per line for editors and scripts.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::model::{Diagnostic, Severity};

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Plain text.
    #[default]
    Plain,
    /// Text with terminal colours.
    Coloured,
}

/// The human report of one problem, ending in a newline.
pub fn human(problem: &Diagnostic, style: Style) -> String {
    let level = match problem.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Coloured => Renderer::styled(),
    };
    let location = problem.location.as_ref();
    let with_snippet = location.and_then(|l| l.source_line.as_deref().map(|s| (l, s)));
    let mut text = if let Some((location, line)) = with_snippet {
        let start = byte_offset(line, location.column.saturating_sub(1));
        let end = byte_offset(line, location.column.saturating_sub(1) + location.width).max(start);
        let path = location.file.display().to_string();
        let snippet = Snippet::source(line)
            .line_start(location.line)
            .path(path.as_str())
            .annotation(AnnotationKind::Primary.span(start..end));
        let mut group = level.primary_title(problem.message.as_str()).element(snippet);
        if let Some(hint) = &problem.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        renderer.render(&[group])
    } else {
        let mut group = Group::with_title(level.primary_title(problem.message.as_str()));
        if let Some(location) = location {
            let place = format!("{}:{}:{}", location.file.display(), location.line, location.column);
            group = group.element(Level::NOTE.message(format!("in {place}")));
        }
        if let Some(hint) = &problem.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        renderer.render(&[group])
    };
    text.push('\n');
    text
}

fn byte_offset(line: &str, chars: usize) -> usize {
    line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i)
}

/// The JSON form of one problem: one line, no newline.
pub fn json(problem: &Diagnostic) -> String {
    serde_json::to_string(problem).unwrap_or_else(|_| "{}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::{Style, human, json};
    use crate::model::{Diagnostic, Location};

    #[test]
    fn human_report_shows_place_line_and_hint() {
        let problem = Diagnostic::error("`date` is not a valid date: `2025-13-01`")
            .at(Location::new("content/a.md", 3, 1)
                .with_source("---\ntitle: A\ndate: 2025-13-01\n---\n")
                .with_width(16))
            .hint("write dates as YYYY-MM-DD");
        let text = human(&problem, Style::Plain);
        assert!(text.contains("error: `date` is not a valid date"), "{text}");
        assert!(text.contains("content/a.md:3:1"), "{text}");
        assert!(text.contains("date: 2025-13-01"), "{text}");
        assert!(text.contains("help: write dates as YYYY-MM-DD"), "{text}");
    }

    #[test]
    fn json_report_has_the_fields() {
        let problem = Diagnostic::warning("w").at(Location::new("a.md", 2, 5)).hint("h");
        let value: serde_json::Value = serde_json::from_str(&json(&problem)).expect("json");
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["file"], "a.md");
        assert_eq!(value["line"], 2);
        assert_eq!(value["column"], 5);
        assert_eq!(value["hint"], "h");
    }
}
