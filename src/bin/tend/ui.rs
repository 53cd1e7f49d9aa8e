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
/// pages: one bar per stage, made with its label and total, so a label is
/// never drawn with another stage's total.
pub(crate) struct Bar {
    style: indicatif::ProgressStyle,
    shown: std::sync::Mutex<Option<(Shown, indicatif::ProgressBar)>>,
}

impl Bar {
    /// Removes the bar; the summary line follows.
    pub(crate) fn finish(&self) {
        if let Ok(mut shown) = self.shown.lock()
            && let Some((_, bar)) = shown.take()
        {
            bar.finish_and_clear();
        }
    }
}

impl tend::build::Progress for Bar {
    fn advance(&self, stage: &'static str, done: usize, total: usize) {
        // Small sites build before a bar is worth drawing.
        if total < 200 {
            return;
        }
        let Ok(mut shown) = self.shown.lock() else { return };
        match shown.as_mut() {
            Some((now, bar)) if now.stage == stage => {
                if now.advance(done) {
                    bar.set_position(done as u64);
                }
            }
            _ => {
                if let Some((_, old)) = shown.take() {
                    old.finish_and_clear();
                }
                let bar = indicatif::ProgressBar::new(total as u64)
                    .with_style(self.style.clone())
                    .with_message(stage)
                    .with_position(done as u64);
                bar.tick();
                *shown = Some((Shown { stage, done }, bar));
            }
        }
    }
}

/// The stage a bar shows and how far it has got.
#[derive(Debug, PartialEq, Eq)]
struct Shown {
    stage: &'static str,
    done: usize,
}

impl Shown {
    /// `done` items are finished: whether the bar moves. Threads report
    /// their counts out of order, and a bar never goes back.
    fn advance(&mut self, done: usize) -> bool {
        let forward = done > self.done;
        self.done = self.done.max(done);
        forward
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
        let style = indicatif::ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        Some(Bar { style, shown: std::sync::Mutex::new(None) })
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

#[cfg(test)]
mod tests {
    use tend::build::Progress;

    use super::{Bar, Shown};

    /// The stage, count, position and length the bar shows.
    fn shown(bar: &Bar) -> (&'static str, usize, u64, Option<u64>, String) {
        let shown = bar.shown.lock().expect("not poisoned");
        let (now, drawn) = shown.as_ref().expect("a bar");
        (now.stage, now.done, drawn.position(), drawn.length(), drawn.message())
    }

    #[test]
    fn the_bar_never_goes_back_and_each_stage_has_its_own_total() {
        let bar = Bar { style: indicatif::ProgressStyle::default_bar(), shown: std::sync::Mutex::new(None) };
        bar.advance("Rendering Markdown", 128, 1000);
        bar.advance("Rendering Markdown", 64, 1000);
        assert_eq!(shown(&bar), ("Rendering Markdown", 128, 128, Some(1000), "Rendering Markdown".to_owned()));
        bar.advance("Writing pages", 64, 3000);
        assert_eq!(shown(&bar), ("Writing pages", 64, 64, Some(3000), "Writing pages".to_owned()));
        bar.finish();
        assert!(bar.shown.lock().expect("not poisoned").is_none());
        let mut stage = Shown { stage: "x", done: 5 };
        assert!(!stage.advance(3) && stage.done == 5);
        assert!(stage.advance(6) && stage.done == 6);
    }
}
