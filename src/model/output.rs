//! A file the build writes, before it is written.

use std::path::PathBuf;

/// One generated file: where it goes in the output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, made of safe segments.
    pub path: PathBuf,
    /// The file's contents.
    pub contents: String,
}
