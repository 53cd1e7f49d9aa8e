//! Problems found while building: an error or a warning, tied to a place in a
//! source file when there is one.
//!
//! Every stage reports through this one type, so that a build can collect the
//! problems of all files and report them together, sorted by file.

use std::path::PathBuf;

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build goes on and succeeds.
    Warning,
    /// The build fails and the previous output stays as it was.
    Error,
}

/// What sort of problem it is, where callers treat some sorts apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Any other problem.
    #[default]
    Other,
    /// A link to a page, file or `#anchor` that does not exist (a note not
    /// yet written is not one: a garden grows by such links). `tend check`
    /// makes these errors.
    BrokenLink,
    /// A code block in a language tend does not colour: reported once per
    /// build, not once per page.
    UnknownLanguage,
    /// A template names a template that does not exist.
    MissingTemplate,
}

/// A place in a source file: path relative to the site root, 1-based line and
/// column, and the text of that line so it can be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, relative to the site root (e.g. `content/posts/a.md`).
    pub file: PathBuf,
    /// 1-based line number in the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The full text of the line, when known, for the snippet; shared by
    /// the problems of one line (a long line may hold many).
    #[serde(skip)]
    pub source_line: Option<std::sync::Arc<str>>,
    /// How many characters from `column` the problem covers (at least 1).
    #[serde(skip)]
    pub width: usize,
}

impl Location {
    /// A location at `line`:`column` in `file`, without a snippet.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { file: file.into(), line, column, source_line: None, width: 1 }
    }

    /// Attaches the line's text (taken from `source`) so it can be shown.
    pub fn with_source(mut self, source: &str) -> Self {
        self.source_line = source.lines().nth(self.line.saturating_sub(1)).map(|l| l.trim_end_matches('\r').into());
        self
    }

    /// Sets how many characters the problem covers.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }
}

/// One problem: what is wrong, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when the problem is tied to a file.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Box<Location>>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The sort of problem.
    #[serde(skip)]
    pub kind: Kind,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), location: None, hint: None, kind: Kind::Other }
    }

    /// A warning with a message and no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    /// Ties the problem to a place.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    /// Adds a hint saying what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Says what sort of problem it is.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order problems are reported in: by file, then line, then column.
    pub fn sort_key(&self) -> (Option<&std::path::Path>, usize, usize) {
        match &self.location {
            Some(l) => (Some(l.file.as_path()), l.line, l.column),
            None => (None, 0, 0),
        }
    }
}

/// Runs `work` for `file`; if it panics (a bug in tend), returns an error
/// naming the file instead of taking the whole build down, so the previous
/// output stays as it was and the other files are still reported on.
pub fn catch_bug<T>(file: &std::path::Path, doing: &str, work: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Diagnostic::error(format!("tend hit a bug while {doing} this file: {message}"))
            .at(Location::new(file, 1, 1))
            .hint("this is a bug in tend, not a mistake in the file; please report it, with the file if you can")
    })
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncdé f", 7), (2, 4));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
