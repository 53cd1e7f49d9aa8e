//! `tend new post|note "Title"`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use tend::scaffold::{NewKind, new_content};

use crate::ui::Ui;

/// What to create.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    /// A dated essay in content/posts/.
    Post,
    /// A garden note in content/notes/.
    Note,
}

/// Options of `tend new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// `post` or `note`.
    #[arg(value_enum)]
    kind: Kind,
    /// The title; the file name is made from it.
    title: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl NewArgs {
    /// Writes the file.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let kind = match self.kind {
            Kind::Post => NewKind::Post,
            Kind::Note => NewKind::Note,
        };
        let today = jiff::ZonedDateTime::now().date().to_string();
        match new_content(&self.root, kind, &self.title, &today) {
            Ok(path) => {
                ui.status(&format!("created {}", path.display()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                ui.error(&e.to_string());
                ExitCode::from(2)
            }
        }
    }
}
