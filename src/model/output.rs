//! A file the build writes, before it is written.

use std::path::{Path, PathBuf};

/// The file tend leaves in every output folder it writes, so that it
/// replaces only folders it made and never reads one as content.
pub const OUTPUT_MARKER: &str = ".tend-output";

/// One generated file: where it goes in the output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, made of safe segments.
    pub path: PathBuf,
    /// The file's contents.
    pub contents: String,
}

/// Where a build's files go: the staging folder of a real build, or the
/// linter of `tend check`, which reads them and writes nothing.
pub trait Sink: Sync {
    /// Takes one generated file.
    fn write(&self, file: &OutputFile) -> Result<(), SinkError>;

    /// Takes one file copied as it is (`from` on disk, `to` relative to the
    /// output folder).
    fn copy(&self, from: &Path, to: &Path) -> Result<(), SinkError>;

    /// Takes a file that nothing changes in place (a read-only cache
    /// entry): like [`copy`](Sink::copy), but it may be hard-linked.
    fn link(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        self.copy(from, to)
    }
}

/// Why a [`Sink`] could not take a file.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    /// A file to copy could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file on disk.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A file could not be written where it goes.
    #[error("{}: {source}", path.display())]
    Write {
        /// Where it was being written.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The output folder refused it; the error names the folder and why.
    #[error(transparent)]
    Output(Box<dyn std::error::Error + Send + Sync>),
}
