//! Stage 1, load: walk the site folder, read `tend.toml`, and read every
//! Markdown file with its front matter.
//!
//! Files are read and parsed in parallel. One bad file never stops the
//! others: every problem is returned, and the files that could be read are
//! returned too, so a later stage can report its own problems as well.

mod config;
mod date;
mod discover;
pub mod front_matter;
mod image_config;
mod images;
mod meta;
mod page;
mod tended;

use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::model::{Config, Diagnostic, Page, PageKind};

pub use config::{CONFIG_FILE, load_config, set_base_url};
pub use date::parse_date;
pub use discover::is_markdown;
pub use front_matter::line_column;
pub use images::{is_image, measure as measure_images};
pub use page::{SectionSource, decode_text, fallback_slug, load_page};
pub use tended::{ask_history, history, set_tended};

/// The folder of Markdown under the site root.
pub const CONTENT_DIR: &str = "content";

/// Everything read from the site folder, before URLs and order are decided.
#[derive(Debug)]
pub struct Content {
    /// Checked `tend.toml`.
    pub config: Config,
    /// Every page that could be read, drafts included.
    pub pages: Vec<Page>,
    /// Every `_index.md` that could be read.
    pub section_indexes: Vec<SectionSource>,
    /// Non-Markdown files under `content/` that belong to no bundle,
    /// relative to the site root.
    pub assets: Vec<PathBuf>,
}

/// Reads the site in `root`.
pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    let history = tended::ask_history(root);
    let (config, mut problems) = load_config(root);
    let (found, walk_problems) = discover::discover(root, Path::new(CONTENT_DIR));
    problems.extend(walk_problems);

    let loaded: Vec<_> = found.pages.par_iter().map(|file| page::load_page(root, file)).collect();
    let mut pages = Vec::with_capacity(loaded.len());
    for (page, found) in loaded {
        problems.extend(found);
        pages.extend(page);
    }
    let mut section_indexes = Vec::new();
    for file in &found.section_indexes {
        let (section, found) = page::load_section_index(root, file);
        problems.extend(found);
        section_indexes.extend(section);
    }
    let assets = assign_bundle_assets(&mut pages, found.assets);
    tended::set_tended(root, &mut pages, &tended::history(history));
    (Content { config, pages, section_indexes, assets }, problems)
}

/// Gives each bundle the assets in its folder; returns the assets that
/// belong to no bundle. An asset in nested bundles goes to the innermost.
fn assign_bundle_assets(pages: &mut [Page], assets: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut bundles: Vec<(PathBuf, usize)> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, PageKind::Bundle { .. }))
        .filter_map(|(i, p)| Some((p.source.parent()?.to_path_buf(), i)))
        .collect();
    // Deepest folders first, so the innermost bundle wins.
    bundles.sort_by_key(|(dir, _)| std::cmp::Reverse(dir.components().count()));
    let mut loose = Vec::new();
    for asset in assets {
        match bundles.iter().find(|(dir, _)| asset.starts_with(dir)) {
            Some((_, index)) => {
                if let PageKind::Bundle { assets } = &mut pages[*index].kind {
                    assets.push(asset);
                }
            }
            None => loose.push(asset),
        }
    }
    loose
}
