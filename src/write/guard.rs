//! Deciding whether tend may replace an output folder at all.
//!
//! tend replaces only folders it created (they hold its marker file) or empty
//! ones, and never a folder that holds the site's sources: the site root, a
//! parent of it, its content, static or templates folder, or the home folder.

use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use crate::model::SinkError;

/// The file tend leaves in every output folder it writes.
pub use crate::model::OUTPUT_MARKER as MARKER;

/// Why an output folder was refused.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The folder has files and no marker.
    #[error(
        "the output folder {0} is not empty and was not created by tend; tend will not replace it. Choose another folder with --output, empty it yourself, or pass --force to let tend replace it"
    )]
    NotOurs(PathBuf),
    /// The folder holds the site's sources.
    #[error("the output folder {path} would replace {what}; choose another folder with --output")]
    HoldsSources {
        /// The output folder.
        path: PathBuf,
        /// What it would have replaced.
        what: &'static str,
    },
    /// A file stands where the folder should be.
    #[error("the output path {0} is a file, not a folder; choose another path with --output")]
    NotAFolder(PathBuf),
    /// Writing a file failed; the error says which and why.
    #[error(transparent)]
    Write(#[from] SinkError),
    /// Reading or writing failed.
    #[error("cannot write the output folder {path}: {message}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The system's message.
        message: String,
    },
}

/// Makes `path` absolute and removes `.` and `..` without touching the disk,
/// then resolves symlinks in the longest prefix that exists.
pub fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve symlinks in the part that exists, keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(ToOwned::to_owned), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.into_iter().rev());
    resolved
}

/// Checks that `output` may be replaced by a build of the site in `root`.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<(), OutputError> {
    let root = absolute(root);
    let output = absolute(output);
    let holds = |what: &'static str| Err(OutputError::HoldsSources { path: output.clone(), what });
    if root.starts_with(&output) {
        return holds("the site folder itself");
    }
    for (folder, what) in
        [("content", "the content folder"), ("static", "the static folder"), ("templates", "the templates folder")]
    {
        if output.starts_with(root.join(folder)) {
            return holds(what);
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == output
    {
        return holds("your home folder");
    }
    if output.parent().is_none() {
        return holds("the file system root");
    }
    if output.exists() && !output.is_dir() {
        return Err(OutputError::NotAFolder(output));
    }
    if output.is_dir() && !force && !output.join(MARKER).is_file() {
        let mut entries =
            std::fs::read_dir(&output).map_err(|e| OutputError::Io { path: output.clone(), message: e.to_string() })?;
        if entries.next().is_some() {
            return Err(OutputError::NotOurs(output));
        }
    }
    Ok(())
}
