//! New sites and new posts: `tend init` copies the starter site (real files
//! in `starter/`, embedded here from one list); `tend new` writes a post or
//! note with front matter filled in.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::load::content_folder;
use crate::model::slugify;

/// The starter site, by path relative to the new site's folder.
const STARTER: &[(&str, &str)] = &[
    ("tend.toml", include_str!("../starter/tend.toml")),
    ("content/_index.md", include_str!("../starter/content/_index.md")),
    ("content/about.md", include_str!("../starter/content/about.md")),
    ("content/posts/_index.md", include_str!("../starter/content/posts/_index.md")),
    ("content/posts/hello-world.md", include_str!("../starter/content/posts/hello-world.md")),
    ("content/notes/_index.md", include_str!("../starter/content/notes/_index.md")),
    ("content/notes/first-note.md", include_str!("../starter/content/notes/first-note.md")),
    ("static/.gitkeep", ""),
];

/// Why a site or post could not be created.
#[derive(Debug, Error)]
pub enum ScaffoldError {
    /// The folder for a new site already has files.
    #[error("{0} is not empty; tend init only creates a site in a new or empty folder")]
    NotEmpty(PathBuf),
    /// The post or note exists already.
    #[error("{0} already exists; choose another title or edit that file")]
    Exists(PathBuf),
    /// The site folder given to `tend new` does not exist.
    #[error(
        "the site folder {0} does not exist; pass the folder of your site with --root, or create one with `tend init`"
    )]
    NoSite(PathBuf),
    /// The title has no letters or digits to make a file name from.
    #[error("the title {0:?} has no letters or digits to make a file name from")]
    EmptySlug(String),
    /// Writing failed.
    #[error("cannot write {path}: {message}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The system's message.
        message: String,
    },
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ScaffoldError + '_ {
    move |e| ScaffoldError::Io { path: path.to_path_buf(), message: e.to_string() }
}

/// Creates a new site in `dir`, which must not exist or be empty (hidden
/// files such as `.git` are allowed). Returns the files written.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let entries = std::fs::read_dir(dir).map_err(io(dir))?;
        let visible = entries.flatten().any(|e| !e.file_name().to_string_lossy().starts_with('.'));
        if visible {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut written = Vec::with_capacity(STARTER.len());
    for (relative, contents) in STARTER {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, contents).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// What `tend new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A dated essay in `content/posts/`.
    Post,
    /// An undated garden note in `content/notes/`.
    Note,
}

/// Writes a new post or note titled `title` into the content folder of the
/// site at `root` (`content/`, or the site folder itself when it has none),
/// dated `today` (`YYYY-MM-DD`) for posts. Never overwrites a file.
pub fn new_content(root: &Path, kind: NewKind, title: &str, today: &str) -> Result<PathBuf, ScaffoldError> {
    if !root.is_dir() {
        return Err(ScaffoldError::NoSite(root.to_path_buf()));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(title.to_owned()));
    }
    let folder = match kind {
        NewKind::Post => "posts",
        NewKind::Note => "notes",
    };
    let path = root.join(content_folder(root)).join(folder).join(format!("{slug}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{slug}\""));
    let text = match kind {
        NewKind::Post => {
            format!("---\ntitle: {quoted}\ndate: {today}\ndescription: \"\"\ntags: []\n---\n\nStart writing here.\n")
        }
        NewKind::Note => {
            format!("---\ntitle: {quoted}\nstatus: seedling\ntags: []\n---\n\nA first thought.\n")
        }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(io(&path))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io(&path))?;
    Ok(path)
}
