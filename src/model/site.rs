//! The resolved site: every page and section with its URL and order.

use std::path::PathBuf;

use super::config::Config;
use super::page::{FrontMatter, Page};

/// A folder of pages, listed on its own page.
#[derive(Debug, Clone)]
pub struct Section {
    /// The folder, relative to `content/` (empty for the root).
    pub dir: PathBuf,
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
    /// Child sections, by title.
    pub subsections: Vec<usize>,
    /// The parent section; `None` only for the root.
    pub parent: Option<usize>,
}

/// Everything the renderers need: configuration, pages, sections.
#[derive(Debug, Clone)]
pub struct Site {
    /// Checked `tend.toml`.
    pub config: Config,
    /// Every page that will be written, in no particular order.
    pub pages: Vec<Page>,
    /// Every section; index 0 is the root (the home page).
    pub sections: Vec<Section>,
    /// Dated pages newest first, for the home page and later feeds.
    pub recent: Vec<usize>,
    /// Files that are copied as they are: (source relative to the site root,
    /// destination relative to the output folder).
    pub assets: Vec<(PathBuf, PathBuf)>,
}
