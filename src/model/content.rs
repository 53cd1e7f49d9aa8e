//! What the load stage read from the site folder, before the site stage
//! decides URLs and order.

use std::path::PathBuf;

use super::{Config, FrontMatter, PageSource};

/// Everything read from the site folder, before URLs and order are decided.
#[derive(Debug)]
pub struct Content {
    /// Checked `tend.toml`.
    pub config: Config,
    /// Every page that could be read, drafts included.
    pub pages: Vec<PageSource>,
    /// Every `_index.md` that could be read.
    pub section_indexes: Vec<SectionSource>,
    /// Non-Markdown files under `content/` that belong to no bundle,
    /// relative to the site root.
    pub assets: Vec<PathBuf>,
    /// The files of `data/`, by name, for templates.
    pub data: serde_json::Map<String, serde_json::Value>,
    /// Bases kept with Obsidian's note templates: no pages, but shown
    /// where a note embeds one. Each is an asset too; here with its YAML.
    pub base_files: Vec<(PathBuf, String)>,
}

/// A section's `_index.md`, read and checked.
#[derive(Debug)]
pub struct SectionSource {
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// The language its name gives (`_index.de.md`) on a multilingual
    /// site.
    pub lang: Option<String>,
    /// Checked front matter.
    pub meta: FrontMatter,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}
