//! `tend serve`: the dev server, with what it reports printed for people.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use clap::Args;
use tend::model::Diagnostic;
use tend::serve::{ServeError, ServeEvent, ServeOptions, serve};

use crate::ui::Ui;

/// Options of `tend serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to serve on; the next free one is used when it is taken, and
    /// 0 picks any free port.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but a loopback address makes the
    /// site visible to other machines on the network.
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_bind)]
    bind: IpAddr,
    /// Include drafts and pages dated in the future.
    #[arg(long)]
    drafts: bool,
    /// Open the site in the default browser once it is built.
    #[arg(long)]
    open: bool,
    /// Print how long each stage of every build took.
    #[arg(long)]
    timings: bool,
}

impl ServeArgs {
    /// Serves until Ctrl-C.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let options = ServeOptions { root: self.root, bind: self.bind, port: self.port, drafts: self.drafts };
        let (open, timings) = (self.open, self.timings);
        let result = serve(&options, &mut |event| report(ui, event, open, timings));
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(err @ ServeError::Io(_)) => {
                ui.error(&err.to_string());
                ExitCode::from(1)
            }
            Err(err) => {
                ui.error(&err.to_string());
                ExitCode::from(2)
            }
        }
    }
}

fn report(ui: &Ui, event: ServeEvent, open: bool, timings: bool) {
    match event {
        ServeEvent::PortBusy { requested, using } => ui.problems(&[Diagnostic::warning(format!(
            "port {requested} is in use, so tend serves on port {using} instead"
        ))
        .hint("pass --port to choose another port")]),
        ServeEvent::Exposed { address } => ui.problems(&[Diagnostic::warning(format!(
            "listening on {address}: the site is visible to other machines on your network"
        ))
        .hint("leave out --bind to keep it on this machine (127.0.0.1)")]),
        ServeEvent::Listening { url } => {
            // Always printed: it is what the person (or a script) came for.
            eprintln!("serving {url} (press Ctrl-C to stop)");
            if open && let Err(err) = open_browser(&url) {
                ui.error(&format!("could not open a browser: {err}"));
            }
        }
        ServeEvent::Changed { paths } => ui.status(&changed_line(&paths)),
        ServeEvent::Built { report, took, changed } => {
            ui.problems(&report.problems);
            if timings {
                for (stage, took) in &report.timings {
                    eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
                }
            }
            // A full build says which folder it read; a rebuild, what changed.
            let (from, changed) = match changed {
                Some(1) => (String::new(), "; 1 file changed".to_owned()),
                Some(n) => (String::new(), format!("; {n} files changed")),
                None => (format!(" from {}", tend::load::describe_content(&report.content_dir)), String::new()),
            };
            let pages = crate::ui::count(report.pages, "page", "pages");
            ui.status(&format!("built {pages}{from} in {} ms{changed}", took.as_millis()));
        }
        ServeEvent::Failed { problems, first } => {
            ui.problems(&problems);
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let serving = if first {
                "nothing to serve until it builds: fix the errors and save"
            } else {
                "still serving the last good version"
            };
            ui.error(&format!("build failed with {errors} error{}; {serving}", if errors == 1 { "" } else { "s" }));
        }
        ServeEvent::Noticed { problems } => ui.problems(&problems),
        ServeEvent::Trouble { message } => ui.error(&message),
        ServeEvent::Stopping => ui.status("stopping"),
    }
}

/// "changed content/a.md" or "changed content/a.md and 4 more files".
fn changed_line(paths: &[PathBuf]) -> String {
    match paths {
        [] => "files changed".to_owned(),
        [one] => format!("changed {}", one.display()),
        [first, rest @ ..] => format!(
            "changed {} and {} more file{}",
            first.display(),
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

/// `--bind`: an IP address, or `localhost`.
fn parse_bind(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.parse().map_err(|_| format!("`{text}` is not an IP address (such as 127.0.0.1, ::1 or 0.0.0.0)"))
}

/// Opens `url` with the system's handler for web pages.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut command = Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        Command::new("xdg-open")
    };
    let mut child = command.arg(url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    // Reap the opener when it exits, without making the server wait for it.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{changed_line, parse_bind};

    #[test]
    fn bind_addresses() {
        assert_eq!(parse_bind("localhost").expect("ok").to_string(), "127.0.0.1");
        assert_eq!(parse_bind("0.0.0.0").expect("ok").to_string(), "0.0.0.0");
        assert_eq!(parse_bind("::1").expect("ok").to_string(), "::1");
        assert!(parse_bind("example.org").is_err());
    }

    #[test]
    fn changed_lines() {
        assert_eq!(changed_line(&[PathBuf::from("content/a.md")]), "changed content/a.md");
        let many = [PathBuf::from("a"), PathBuf::from("b"), PathBuf::from("c")];
        assert_eq!(changed_line(&many), "changed a and 2 more files");
    }
}
