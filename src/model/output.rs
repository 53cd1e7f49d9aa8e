//! A file the build writes, before it is written.

use std::path::PathBuf;

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
    /// Takes one generated file. An error is the reason it could not be
    /// written.
    fn write(&self, file: &OutputFile) -> Result<(), String>;

    /// Takes one file copied as it is (`from` on disk, `to` relative to the
    /// output folder).
    fn copy(&self, from: &std::path::Path, to: &std::path::Path) -> Result<(), String>;

    /// Takes a file that nothing changes in place (a read-only cache
    /// entry): like [`copy`](Sink::copy), but it may be hard-linked.
    fn link(&self, from: &std::path::Path, to: &std::path::Path) -> Result<(), String> {
        self.copy(from, to)
    }
}
