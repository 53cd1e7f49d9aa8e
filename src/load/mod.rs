//! Stage 1, load: walk the site folder, read `tend.toml`, and read every
//! Markdown file with its front matter.
//!
//! Files are read and parsed in parallel. One bad file never stops the
//! others: every problem is returned, and the files that could be read are
//! returned too, so a later stage can report its own problems as well.

mod canvas;
mod card_config;
mod config;
mod data;
mod deploy_config;
mod discover;
pub mod front_matter;
mod i18n;
mod image_config;
mod images;
mod languages;
mod meta;
mod page;
mod site_config;
mod taxonomy_config;
mod tended;
mod theme_config;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::model::{Content, Diagnostic, PageKind, PageSource};

pub use config::set_base_url;
pub use data::DATA_DIR;
pub use discover::{is_base, is_canvas, is_markdown};
pub use images::{is_image, measure as measure_images};
pub use languages::{language_of, split_languages};
pub use meta::{Kind as FileKind, check as check_front_matter};
pub use page::{decode_text, fallback_slug, load_page, load_section_index};
pub use site_config::{load_config, read_config};
pub use tended::{ask_history, history, set_tended};

/// The folder of Markdown under the site root.
pub const CONTENT_DIR: &str = "content";

/// The folder of Markdown of the site at `root`, relative to it:
/// `content` when there is such a folder, else empty: a folder without
/// `content/` (an Obsidian vault, a Quartz content folder) is itself the
/// content.
pub fn content_folder(root: &Path) -> PathBuf {
    if root.join(CONTENT_DIR).is_dir() { PathBuf::from(CONTENT_DIR) } else { PathBuf::new() }
}

/// How the content folder is named in messages: `content/`, or "the site
/// folder" when the site folder is the content.
pub fn describe_content(content_dir: &Path) -> String {
    if content_dir.as_os_str().is_empty() {
        "the whole site folder (it has no content/ folder)".to_owned()
    } else {
        format!("{}/", content_dir.display())
    }
}

/// Reads the site in `root`; `output`, the output folder, is never read
/// as content.
pub fn load(root: &Path, output: Option<&Path>) -> (Content, Vec<Diagnostic>) {
    let (mut config, mut problems) = load_config(root);
    config.content_dir = content_folder(root);
    languages::name_languages(&mut config);
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let history = tended::ask_history(root, &config.content_dir);
    let (found, walk_problems) = discover::discover(root, &config.content_dir, output, &codes);
    problems.extend(walk_problems);
    if found.pages.is_empty() && found.section_indexes.is_empty() && found.boards_and_bases.is_empty() {
        problems.push(no_markdown(root, &config.content_dir));
    }

    let loaded: Vec<_> = found
        .pages
        .par_iter()
        .map(|file| page::load_page(root, file, &codes))
        .chain(found.boards_and_bases.par_iter().map(|file| canvas::load_board_or_base(root, file)))
        .collect();
    let mut pages = Vec::with_capacity(loaded.len());
    for (page, found) in loaded {
        problems.extend(found);
        pages.extend(page);
    }
    let mut section_indexes = Vec::new();
    for file in &found.section_indexes {
        let (section, found) = page::load_section_index(root, file, &codes);
        problems.extend(found);
        section_indexes.extend(section);
    }
    let indexes: Vec<_> =
        section_indexes.iter().map(|s: &crate::model::SectionSource| (s.source.clone(), s.lang.clone())).collect();
    classify(&mut pages, &indexes, &config.content_dir);
    let base_files = found
        .assets
        .iter()
        .filter(|file| discover::is_base(file))
        .filter_map(|file| Some((file.clone(), page::read_text(root, file).map_err(|p| problems.push(p)).ok()?)))
        .collect();
    let assets = assign_bundle_assets(&mut pages, found.assets);
    tended::set_tended(root, &mut pages, &tended::history(history));
    let (data, found) = data::load_data(root);
    problems.extend(found);
    (Content { config, pages, section_indexes, assets, data, base_files }, problems)
}

/// A site without a single Markdown file is a mistake (the wrong folder,
/// most often), never an empty site.
fn no_markdown(root: &Path, content_dir: &Path) -> Diagnostic {
    let looked = if content_dir.as_os_str().is_empty() { root.to_path_buf() } else { root.join(content_dir) };
    let message = format!("no Markdown files found in {}", looked.display());
    let hint = if content_dir.as_os_str().is_empty() {
        "tend reads every `.md` file in the site folder (it has no content/ folder), leaving out dot-folders, templates/, static/, the output and what .gitignore ignores; pass the folder of your notes with --root, or create one with `tend init`"
    } else {
        "write pages as `.md` files in content/ (e.g. content/about.md), or create a site with `tend init`"
    };
    Diagnostic::error(message).hint(hint)
}

/// Tells folder pages and bundles apart, which only the other files can
/// tell: an `index.md` at the top of the content, or in a folder that holds
/// other Markdown, is that folder's page; an `index.md` alone in its folder
/// is a bundle, and so is a file named after its folder (`post/post.md`)
/// alone in it.
fn classify(pages: &mut [PageSource], section_indexes: &[(PathBuf, Option<String>)], content_dir: &Path) {
    // Counted per language: a bundle's translations are bundles too.
    let mut markdown_under: HashMap<(PathBuf, Option<&str>), usize> = HashMap::new();
    let files = pages
        .iter()
        .map(|p| (&p.source, p.lang.as_deref()))
        .chain(section_indexes.iter().map(|(s, l)| (s, l.as_deref())));
    for (file, lang) in files {
        for folder in file.ancestors().skip(1) {
            *markdown_under.entry((folder.to_path_buf(), lang)).or_default() += 1;
        }
    }
    let counts: Vec<bool> = pages
        .iter()
        .map(|page| {
            let folder = page.source.parent().unwrap_or(Path::new("")).to_path_buf();
            markdown_under.get(&(folder, page.lang.as_deref())).copied().unwrap_or(0) <= 1
        })
        .collect();
    for (page, alone) in pages.iter_mut().zip(counts) {
        let Some(folder) = page.source.parent() else { continue };
        let stem = page.stem.as_str();
        let is_index = stem.eq_ignore_ascii_case("index");
        if is_index && (folder == content_dir || !alone) {
            page.kind = PageKind::Folder;
        } else if !is_index
            && alone
            && folder != content_dir
            && folder.file_name().is_some_and(|name| name.eq_ignore_ascii_case(stem))
        {
            page.kind = PageKind::Bundle { assets: Vec::new() };
        }
    }
}

/// Gives each bundle the assets in its folder; returns the assets that
/// belong to no bundle. An asset in nested bundles goes to the innermost.
fn assign_bundle_assets(pages: &mut [PageSource], assets: Vec<PathBuf>) -> Vec<PathBuf> {
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
        let Some((deepest, _)) = bundles.iter().find(|(dir, _)| asset.starts_with(dir)) else {
            loose.push(asset);
            continue;
        };
        // A bundle's translations (`index.fr.md` beside `index.md`) each
        // hold its files.
        for (_, index) in bundles.iter().filter(|(dir, _)| dir == deepest) {
            if let PageKind::Bundle { assets } = &mut pages[*index].kind {
                assets.push(asset.clone());
            }
        }
    }
    loose
}
