//! `tend check`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde_json::json;
use tend::BuildOptions;
use tend::check::{ExternalOptions, check, default_cache};

use crate::ui::Ui;

/// What `--deny` can turn into errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the check too.
    Warnings,
}

/// Options of `tend check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include drafts and pages dated in the future.
    #[arg(long)]
    drafts: bool,
    /// The URL the site is served from, overriding base_url in tend.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Make warnings fail the check (exit status 1).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Also check links to other sites (a request to each address; good
    /// answers are remembered for a day).
    #[arg(long)]
    external: bool,
    /// With --external: seconds to wait for each address.
    #[arg(long, default_value_t = 10, value_name = "SECONDS", requires = "external")]
    timeout: u64,
    /// With --external: how many addresses to ask at once.
    #[arg(long, default_value_t = 8, value_name = "N", requires = "external", value_parser = clap::value_parser!(u16).range(1..=64))]
    concurrency: u16,
    /// With --external: ask every address again, ignoring the cache.
    #[arg(long, requires = "external")]
    no_cache: bool,
}

impl CheckArgs {
    /// Runs the check and reports.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let options = BuildOptions {
            root: self.root,
            output: None,
            drafts: self.drafts,
            base_url: self.base_url,
            force: false,
            search: false,
            images: false,
            cards: false,
            fingerprints: false,
            keep_text: false,
        };
        let external = self.external.then(|| ExternalOptions {
            timeout: Duration::from_secs(self.timeout.max(1)),
            concurrency: usize::from(self.concurrency),
            cache: if self.no_cache { None } else { default_cache() },
        });
        match check(&options, external.as_ref()) {
            Ok(problems) => {
                ui.problems(&problems);
                let errors = problems.iter().filter(|p| p.is_error()).count();
                let warnings = problems.len() - errors;
                let files: BTreeSet<_> = problems.iter().filter_map(|p| p.location.as_ref().map(|l| &l.file)).collect();
                let line = if problems.is_empty() {
                    "no problems found".to_owned()
                } else {
                    format!(
                        "{errors} error{}, {warnings} warning{} in {} file{}",
                        plural(errors),
                        plural(warnings),
                        files.len(),
                        plural(files.len())
                    )
                };
                let failed = errors > 0 || (self.deny == Some(Deny::Warnings) && warnings > 0);
                let fields = json!({ "ok": !failed, "errors": errors, "warnings": warnings, "files": files.len() });
                ui.summary("check", &line, fields);
                if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
            }
            Err(other) => {
                ui.error(&other.to_string());
                ExitCode::from(if other.is_environment() { 3 } else { 2 })
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
