//! Stage 5, write: put the rendered files, the theme's assets, `static/` and
//! page assets into the output folder, atomically.
//!
//! Everything is written into a hidden sibling folder first; only when all of
//! it is written does that folder take the output folder's place. A build
//! that fails before then leaves the previous output byte for byte as it was,
//! and the staging folder is removed. Every path written is the output folder
//! joined with a path of safe segments, so nothing is written outside it.

mod fingerprint;
mod guard;
mod interrupt;
mod under;

use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::model::{OutputFile, Sink, SinkError};
pub use fingerprint::{Fingerprint, Fingerprints, Recorder, fingerprint};
pub use guard::{MARKER, OutputError, absolute, check_output};
pub use interrupt::handle_interrupts;
pub use under::Under;

const MARKER_TEXT: &str = "This folder is written by tend and replaced on every build.\n";

/// A half-written output folder. Dropping it without [`Staging::commit`]
/// removes it.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

fn io_error(path: &Path, err: &std::io::Error) -> OutputError {
    OutputError::Io { path: path.to_path_buf(), message: err.to_string() }
}

impl Staging {
    /// Creates the staging folder beside `output` (which was checked with
    /// [`check_output`]).
    pub fn new(output: &Path) -> Result<Staging, OutputError> {
        let output = absolute(output);
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = output.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, &e))?;
        let dir = parent.join(format!(".{name}.tend-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| io_error(&dir, &e))?;
        interrupt::remove_on_interrupt(&dir);
        let staging = Staging { dir, output, committed: false };
        staging.write(Path::new(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Writes one file at `relative` inside the staging folder.
    pub fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        std::fs::write(&path, contents).map_err(|e| io_error(&path, &e))
    }

    /// Writes many files in parallel.
    pub fn write_all(&self, files: &[OutputFile]) -> Result<(), OutputError> {
        files.par_iter().try_for_each(|f| self.write(&f.path, f.contents.as_bytes()))
    }

    /// Copies `source` to `relative` inside the staging folder.
    pub fn copy(&self, source: &Path, relative: &Path) -> Result<(), OutputError> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        std::fs::copy(source, &path).map(|_| ()).map_err(|e| io_error(source, &e))
    }

    /// Hard-links `source` to `relative` inside the staging folder, or
    /// copies it where a link cannot be made (another file system).
    pub fn link(&self, source: &Path, relative: &Path) -> Result<(), OutputError> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        if std::fs::hard_link(source, &path).is_ok() {
            return Ok(());
        }
        std::fs::copy(source, &path).map(|_| ()).map_err(|e| io_error(source, &e))
    }

    /// Copies many files in parallel.
    pub fn copy_all(&self, copies: &[(PathBuf, PathBuf)]) -> Result<(), OutputError> {
        copies.par_iter().try_for_each(|(from, to)| self.copy(from, to))
    }

    /// Puts the staging folder in the output folder's place. The previous
    /// output is moved aside first and removed only once the new one is in
    /// place; if the swap fails, the previous output is put back.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let output = self.output.clone();
        let old = self.dir.with_file_name(format!(
            ".{}.tend-previous-{}",
            output.file_name().and_then(|n| n.to_str()).unwrap_or("public"),
            std::process::id()
        ));
        let had_previous = output.exists();
        let dir = self.dir.clone();
        interrupt::uninterrupted(&dir, || {
            if had_previous {
                std::fs::rename(&output, &old).map_err(|e| io_error(&output, &e))?;
            }
            if let Err(e) = std::fs::rename(&self.dir, &output) {
                if had_previous {
                    let _ = std::fs::rename(&old, &output);
                }
                return Err(io_error(&output, &e));
            }
            Ok(())
        })?;
        self.committed = true;
        if had_previous {
            // The new site is in place; failing to delete the old copy only
            // leaves a hidden folder behind.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(output)
    }
}

impl Sink for Staging {
    fn write(&self, file: &OutputFile) -> Result<(), SinkError> {
        Staging::write(self, &file.path, file.contents.as_bytes()).map_err(|e| SinkError::Output(Box::new(e)))
    }

    fn copy(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        Staging::copy(self, from, to).map_err(|e| SinkError::Output(Box::new(e)))
    }

    fn link(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        Staging::link(self, from, to).map_err(|e| SinkError::Output(Box::new(e)))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
            interrupt::forget(&self.dir);
        }
    }
}

/// Whether a file (by its path relative to `static/`) is what folder tools
/// leave behind and no site serves: a placeholder that keeps an empty
/// folder in git, git's own files, a file manager's.
pub(crate) fn is_clutter(relative: &Path) -> bool {
    const CLUTTER: [&str; 7] =
        [".gitkeep", ".keep", ".gitignore", ".gitattributes", ".DS_Store", "Thumbs.db", "desktop.ini"];
    relative.components().any(|c| c.as_os_str() == ".git")
        || relative.file_name().and_then(|n| n.to_str()).is_some_and(|name| CLUTTER.contains(&name))
}

/// Every file under `dir` (hidden ones included), as (absolute source,
/// path relative to `dir`). A missing folder gives nothing.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    walker
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?.to_path_buf();
            Some((e.path().to_path_buf(), relative))
        })
        .collect()
}
