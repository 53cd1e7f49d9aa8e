//! `tend theme eject TEMPLATE…`: the built-in templates copied into the
//! site's `templates/` folder, for full control.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use tend::scaffold::eject;

use crate::ui::Ui;

/// Options of `tend theme`.
#[derive(Debug, Args)]
pub(crate) struct ThemeArgs {
    #[command(subcommand)]
    command: ThemeCommand,
}

#[derive(Debug, Subcommand)]
enum ThemeCommand {
    /// Copy built-in templates into templates/ (never over a file there).
    Eject {
        /// Templates by name: `page.html` (or `page`), `shortcodes/youtube.html`.
        templates: Vec<String>,
        /// Every built-in template.
        #[arg(long)]
        all: bool,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

impl ThemeArgs {
    /// Runs the subcommand.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let ThemeCommand::Eject { templates, all, root } = self.command;
        match eject(&root, &templates, all) {
            Ok(written) => {
                for path in &written {
                    ui.status(&format!("created {}", path.display()));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                ui.error(&e.to_string());
                ExitCode::from(2)
            }
        }
    }
}
