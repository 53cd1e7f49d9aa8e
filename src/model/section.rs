//! A folder of pages.

use std::path::PathBuf;

use super::page::FrontMatter;

/// A folder of pages, listed on its own page.
#[derive(Debug, Clone)]
pub struct Section {
    /// The folder, relative to the content folder (empty for the root).
    pub dir: PathBuf,
    /// The folder, relative to the site folder (`content/posts`).
    pub folder: PathBuf,
    /// `_index.md`, relative to the site root, when the folder has one.
    pub source: Option<PathBuf>,
    /// Checked front matter of `_index.md` (defaults when there is none).
    pub meta: FrontMatter,
    /// `title`, else the folder name.
    pub title: String,
    /// URL path relative to the site root, ending in `/` (empty for the root).
    pub path: String,
    /// Markdown of `_index.md` after its front matter.
    pub body: String,
    /// 1-based line on which `body` starts.
    pub body_line: usize,
    /// Pages in this folder, in listing order.
    pub pages: Vec<usize>,
    /// The note that is the folder's own page (its `index.md`, or a note
    /// whose `permalink` is the folder's URL): its title and text head the
    /// list, and it is listed nowhere itself.
    pub page: Option<usize>,
    /// Child sections, by title.
    pub subsections: Vec<usize>,
    /// The parent section; `None` only for the root.
    pub parent: Option<usize>,
}

impl Section {
    /// The file that describes the section, for messages: its `_index.md`,
    /// else its folder.
    pub fn file(&self) -> PathBuf {
        self.source.clone().unwrap_or_else(|| self.folder.clone())
    }
}
