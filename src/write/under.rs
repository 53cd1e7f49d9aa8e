//! A sink that puts every file under a folder of another sink's output:
//! one language of a multilingual site, under `de/`.

use std::path::{Path, PathBuf};

use crate::model::{OutputFile, Sink, SinkError};

/// Hands every file to `inner`, under `folder`.
pub struct Under<'a> {
    inner: &'a dyn Sink,
    folder: PathBuf,
}

impl<'a> Under<'a> {
    /// A sink writing into `folder` of `inner`'s output.
    pub fn new(inner: &'a dyn Sink, folder: &Path) -> Under<'a> {
        Under { inner, folder: folder.to_path_buf() }
    }
}

impl Sink for Under<'_> {
    fn write(&self, file: &OutputFile) -> Result<(), SinkError> {
        self.inner.write(&OutputFile { path: self.folder.join(&file.path), contents: file.contents.clone() })
    }

    fn copy(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        self.inner.copy(from, &self.folder.join(to))
    }

    fn link(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        self.inner.link(from, &self.folder.join(to))
    }
}
