//! `tend new KIND "Title"`: a post, a note, a page, or a kind of the site's
//! own from `archetypes/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use tend::scaffold::new_content;

use crate::ui::Ui;

/// Options of `tend new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// `post` (content/posts/), `note` (content/notes/), `page` (at the top
    /// of the content), or a kind the site describes in
    /// `archetypes/KIND.md` (its pages go in content/KIND/).
    kind: String,
    /// The title; the file name is made from it.
    title: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The language to write in, on a site of several (`fr` names the
    /// file `titre.fr.md`).
    #[arg(long)]
    lang: Option<String>,
}

impl NewArgs {
    /// Writes the file.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let today = jiff::ZonedDateTime::now().date().to_string();
        match new_content(&self.root, &self.kind, &self.title, &today, self.lang.as_deref()) {
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
