//! Walking the content folder: which files are pages, section indexes and
//! assets.
//!
//! The walk honours `.gitignore` (in a git repository or not) and skips
//! hidden files and folders such as `.obsidian/` and `.git/`, and every
//! folder that holds tend's output. When the site folder is itself the
//! content (it has no `content/`), its `templates/`, `static/` and
//! `data/` folders are the site's, not content. Results are sorted so
//! that every later stage sees the same order on every run.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::model::{Diagnostic, Location, OUTPUT_MARKER};

/// The files found under `content/`, as paths relative to the site root.
#[derive(Debug, Default)]
pub(super) struct Discovered {
    /// Markdown pages, including bundles' `index.md`.
    pub pages: Vec<PathBuf>,
    /// `_index.md` files.
    pub section_indexes: Vec<PathBuf>,
    /// Obsidian boards (`.canvas`) and bases (`.base`).
    pub boards_and_bases: Vec<PathBuf>,
    /// Every other file.
    pub assets: Vec<PathBuf>,
}

/// True for file names tend reads as Markdown.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// True for Obsidian's boards (`.canvas`), which are pages.
pub fn is_canvas(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("canvas"))
}

/// True for Obsidian's bases (`.base`), which are pages.
pub fn is_base(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("base"))
}

/// Folders of the site folder that are never content when the site folder
/// is itself the content.
const SITE_FOLDERS: [&str; 4] = ["templates", "static", "data", "node_modules"];

/// Folders other generators keep their data and layouts in: never pages
/// or files to publish.
const GENERATOR_FOLDERS: [&str; 3] = ["_data", "_includes", "_layouts"];

/// Whether `file` is another generator's data for the pages beside it:
/// Eleventy's `*.11tydata.js` and `*.11tydata.json`, and a folder's data
/// file named after it (`posts/posts.json`).
fn is_generator_data(file: &Path) -> bool {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else { return false };
    if name.contains(".11tydata.") {
        return true;
    }
    let folder = file.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
    match name.rsplit_once('.') {
        Some((stem, "json" | "js" | "cjs" | "mjs")) => folder == Some(stem),
        _ => false,
    }
}

/// The folders an Obsidian vault at `vault` keeps its note templates in, as
/// its settings name them (the core Templates plugin's `templates.json`,
/// the Templater plugin's `templates_folder`): their notes, full of
/// `{{date}}` placeholders, are never pages.
fn obsidian_templates(vault: &Path) -> Vec<PathBuf> {
    let settings = vault.join(".obsidian");
    let read = |file: PathBuf, key: &str| -> Option<PathBuf> {
        let text = std::fs::read_to_string(file).ok()?;
        let value: serde_json::Value = serde_json::from_str(&text).ok()?;
        let folder = value.get(key)?.as_str()?.trim().trim_matches('/');
        let safe = !folder.is_empty() && folder.split('/').all(|part| !part.is_empty() && part != "..");
        safe.then(|| vault.join(folder))
    };
    [
        read(settings.join("templates.json"), "folder"),
        read(settings.join("plugins/templater-obsidian/data.json"), "templates_folder"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Whether `name` is a section's settings: `_index.md`, or `_index.de.md`
/// for one of the site's languages `codes`.
fn is_section_index(name: &str, codes: &[String]) -> bool {
    let Some(stem) = name.get(..name.len().saturating_sub(3)).filter(|_| name.to_lowercase().ends_with(".md")) else {
        return false;
    };
    super::languages::language_of(stem, codes).0.eq_ignore_ascii_case("_index")
}

/// Whether the folder `dir` is the site's rather than content: tend's
/// output (by its marker, or by being the output folder), or one of
/// `site_folders`.
fn left_out(dir: &Path, site_folders: &[PathBuf], output: Option<&Path>) -> bool {
    site_folders.iter().any(|f| f == dir)
        || dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| GENERATOR_FOLDERS.contains(&n))
        || dir.join(OUTPUT_MARKER).is_file()
        || output.is_some_and(|o| dir.canonicalize().is_ok_and(|real| real == o))
}

/// Walks `root/content_dir`, leaving out `output` (the output folder):
/// every file of the content folder, sorted: pages, sections' settings
/// (`_index.md`, or `_index.de.md` for one of the languages `codes`) and
/// assets.
pub(super) fn discover(
    root: &Path,
    content_dir: &Path,
    output: Option<&Path>,
    codes: &[String],
) -> (Discovered, Vec<Diagnostic>) {
    let mut found = Discovered::default();
    let mut problems = Vec::new();
    let base = root.join(content_dir);
    if !base.is_dir() {
        return (found, problems);
    }
    // Obsidian's note templates are no pages, but the files beside them
    // (a Base a note embeds) are the vault's.
    let note_templates = obsidian_templates(&base);
    let outside = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    for entry in walk(root, content_dir, output, std::sync::Arc::clone(&outside)) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) if err.is_io() || err.to_string().contains("loop") => {
                problems.push(
                    Diagnostic::warning(format!("skipped part of the content: {err}"))
                        .hint("remove the symbolic link that points back into its own folder"),
                );
                continue;
            }
            Err(err) => {
                problems.push(Diagnostic::error(format!("cannot read part of the content: {err}")));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let is_note_template = note_templates.iter().any(|t| entry.path().starts_with(t));
        sort_file(&mut found, relative.to_path_buf(), is_note_template, codes, &mut problems);
    }
    let outside = outside.lock().map(|list| list.clone()).unwrap_or_default();
    for path in outside {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        problems.push(
            Diagnostic::warning("skipped a symbolic link that points outside the site")
                .at(Location::new(shown, 1, 1))
                .hint("copy what it points to into the site, or link to something inside it"),
        );
    }
    (found, problems)
}

/// The walk of the content folder: ignored files, the site's own folders,
/// the output folder and links out of the site (noted in `outside`) left
/// out; in file-name order.
fn walk(
    root: &Path,
    content_dir: &Path,
    output: Option<&Path>,
    outside: std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>,
) -> ignore::Walk {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let whole_folder = content_dir.as_os_str().is_empty();
    let site_folders: Vec<PathBuf> =
        if whole_folder { SITE_FOLDERS.iter().map(|f| root.join(f)).collect() } else { Vec::new() };
    let output = output.map(|o| o.canonicalize().unwrap_or_else(|_| o.to_path_buf()));
    WalkBuilder::new(root.join(content_dir))
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if is_dir && left_out(entry.path(), &site_folders, output.as_deref()) {
                return false;
            }
            // Links are followed only while they stay inside the site.
            let inside = !entry.path_is_symlink()
                || entry.path().canonicalize().is_ok_and(|real| real.starts_with(&canonical_root));
            if !inside && let Ok(mut list) = outside.lock() {
                list.push(entry.path().to_path_buf());
            }
            inside
        })
        .build()
}

/// Files the file at `relative` to `found`: a page, a section's settings, or
/// an asset; an Obsidian note template (`is_note_template`), a generator's
/// data file or a name that is not UTF-8 is left out.
fn sort_file(
    found: &mut Discovered,
    relative: PathBuf,
    is_note_template: bool,
    codes: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if relative.to_str().is_none() {
        problems.push(
            Diagnostic::warning("file name is not valid UTF-8; the file is left out")
                .at(Location::new(relative.clone(), 1, 1))
                .hint("rename the file using UTF-8 characters"),
        );
    } else if is_markdown(&relative) && is_section_index(name, codes) {
        found.section_indexes.push(relative);
    } else if is_markdown(&relative) {
        if !is_note_template {
            found.pages.push(relative);
        }
    } else if (is_canvas(&relative) || is_base(&relative)) && !is_note_template {
        // A base kept with the note templates stays a file, found by name.
        found.boards_and_bases.push(relative);
    } else if !is_generator_data(&relative) {
        found.assets.push(relative);
    }
}
