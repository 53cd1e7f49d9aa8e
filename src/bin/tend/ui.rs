//! Talking to the person (or script) at the other end: problems and status
//! lines go to stderr, as human text (coloured on a terminal) or JSON lines.

use std::io::{IsTerminal, Write};

use tend::diagnostics::{self, Style};
use tend::model::Diagnostic;

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable reports with the source line marked.
    Human,
    /// One JSON object per line.
    Json,
}

/// Output settings for one run.
pub struct Ui {
    quiet: bool,
    format: Format,
    style: Style,
}

impl Ui {
    /// Settings from the command line and the terminal.
    pub fn new(quiet: bool, format: Format) -> Ui {
        let coloured = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Ui { quiet, format, style: if coloured { Style::Coloured } else { Style::Plain } }
    }

    /// Prints problems; warnings are left out with `--quiet`.
    pub fn problems(&self, problems: &[Diagnostic]) {
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
    pub fn status(&self, line: &str) {
        if !self.quiet && self.format == Format::Human {
            eprintln!("{line}");
        }
    }

    /// An error that is not about a file.
    pub fn error(&self, message: &str) {
        match self.format {
            Format::Human => eprintln!("error: {message}"),
            Format::Json => eprintln!("{}", diagnostics::json(&Diagnostic::error(message))),
        }
    }
}
