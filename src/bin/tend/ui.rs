//! Talking to the person (or script) at the other end: problems, status
//! lines and the closing summary go to stderr, as human text (coloured on a
//! terminal) or JSON lines.

use std::io::{IsTerminal, Write};

use tend::diagnostics::{self, Style};
use tend::model::Diagnostic;

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Readable reports with the source line marked.
    Human,
    /// One JSON object per line.
    Json,
}

/// Output settings for one run.
pub(crate) struct Ui {
    quiet: bool,
    format: Format,
    style: Style,
    terminal: bool,
}

/// A progress bar on the terminal, for builds of more than a few hundred
/// pages.
pub(crate) struct Bar {
    bar: indicatif::ProgressBar,
}

impl Bar {
    /// Removes the bar; the summary line follows.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl tend::build::Progress for Bar {
    fn advance(&self, stage: &'static str, done: usize, total: usize) {
        // Small sites build before a bar is worth drawing.
        if total < 200 {
            return;
        }
        if self.bar.length() != Some(total as u64) || self.bar.message() != stage {
            self.bar.set_length(total as u64);
            self.bar.set_message(stage);
        }
        self.bar.set_position(done as u64);
    }
}

impl Ui {
    /// Settings from the command line and the terminal.
    pub(crate) fn new(quiet: bool, format: Format) -> Ui {
        let coloured = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let terminal = std::io::stderr().is_terminal();
        Ui { quiet, format, style: if coloured { Style::Coloured } else { Style::Plain }, terminal }
    }

    /// A progress bar, when stderr is a terminal and nobody asked for quiet
    /// or JSON; nothing when piped.
    pub(crate) fn progress_bar(&self) -> Option<Bar> {
        if !self.terminal || self.quiet || self.format != Format::Human {
            return None;
        }
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        Some(Bar { bar })
    }

    /// Prints problems; warnings are left out with `--quiet`.
    pub(crate) fn problems(&self, problems: &[Diagnostic]) {
        let mut err = std::io::stderr().lock();
        for problem in problems {
            if self.quiet && !problem.is_error() {
                continue;
            }
            let _ = match self.format {
                Format::Human => write!(err, "{}", diagnostics::human(problem, self.style)),
                Format::Json => writeln!(err, "{}", diagnostics::json(problem)),
            };
        }
    }

    /// A status line (not with `--quiet`, not in JSON mode).
    pub(crate) fn status(&self, line: &str) {
        if !self.quiet && self.format == Format::Human {
            eprintln!("{line}");
        }
    }

    /// The last line of a command: `line` for people; in JSON mode the
    /// `fields` as one object with `"summary"` naming the command. Not with
    /// `--quiet`.
    pub(crate) fn summary(&self, command: &str, line: &str, fields: serde_json::Value) {
        if self.quiet {
            return;
        }
        match self.format {
            Format::Human => eprintln!("{line}"),
            Format::Json => {
                let mut object = serde_json::Map::new();
                object.insert("summary".to_owned(), command.into());
                if let serde_json::Value::Object(fields) = fields {
                    object.extend(fields);
                }
                eprintln!("{}", serde_json::Value::Object(object));
            }
        }
    }

    /// An error that is not about a file.
    pub(crate) fn error(&self, message: &str) {
        match self.format {
            Format::Human => eprintln!("error: {message}"),
            Format::Json => eprintln!("{}", diagnostics::json(&Diagnostic::error(message))),
        }
    }
}

/// `n` and the noun that goes with it: "1 page", "3 pages".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
