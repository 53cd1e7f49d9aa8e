//! `tend init`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use tend::scaffold::init_site;

use crate::ui::Ui;

/// Options of `tend init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder for the new site; created if missing, must be empty.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

impl InitArgs {
    /// Creates the site.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        match init_site(&self.dir) {
            Ok(files) => {
                ui.status(&format!("created a new site with {} files in {}", files.len(), self.dir.display()));
                ui.status(&format!("next: tend build --root {}", self.dir.display()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                ui.error(&e.to_string());
                ExitCode::from(2)
            }
        }
    }
}
