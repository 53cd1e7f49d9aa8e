//! Fingerprints of a build's output: a hash of every file's bytes, taken as
//! the file passes on its way to the staging folder, so that `tend serve`
//! can tell which files a rebuild changed without reading the output folder
//! again.
//!
//! A [`Recorder`] wraps the build's [`Sink`]; it hashes each generated file
//! from memory and each copied file by reading its source once more (the
//! copy has just brought it into the file cache). Invariants: a file's
//! fingerprint is recorded only once the wrapped sink has taken the file,
//! and a path written twice keeps the last write's fingerprint, as the
//! output folder keeps the last write's bytes (the build finishes its copies
//! before it writes generated files, which win).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::model::{OutputFile, Sink, SinkError};

/// The first 16 bytes of a file's SHA-256: two different files share one
/// only by astronomical chance.
pub type Fingerprint = [u8; 16];

/// Every file of one build's output (paths relative to the output folder)
/// and its fingerprint.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    files: HashMap<PathBuf, Fingerprint>,
}

impl Fingerprints {
    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Records that the file at `path` (relative to the output folder) now
    /// has `fingerprint`, as a rebuild that writes in place does.
    pub fn update(&mut self, path: &Path, fingerprint: Fingerprint) {
        self.files.insert(path.to_path_buf(), fingerprint);
    }

    /// Forgets the file at `path`, which a rebuild removed.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// The files whose bytes differ from those in `earlier`: changed, added
    /// or removed, sorted.
    pub fn changed_since<'a>(&'a self, earlier: &'a Fingerprints) -> Vec<&'a Path> {
        let changed_or_added = self.files.iter().filter(|(path, hash)| earlier.files.get(*path) != Some(*hash));
        let removed = earlier.files.keys().filter(|path| !self.files.contains_key(*path));
        let mut paths: Vec<&Path> =
            changed_or_added.map(|(path, _)| path.as_path()).chain(removed.map(PathBuf::as_path)).collect();
        paths.sort_unstable();
        paths
    }
}

/// A [`Sink`] that fingerprints every file it passes on to another.
pub struct Recorder<'s> {
    inner: &'s dyn Sink,
    files: Mutex<HashMap<PathBuf, Fingerprint>>,
    /// Nanoseconds spent hashing and recording, summed over threads.
    spent: AtomicU64,
}

impl<'s> Recorder<'s> {
    /// Fingerprints what goes to `inner`.
    pub fn new(inner: &'s dyn Sink) -> Recorder<'s> {
        Recorder { inner, files: Mutex::new(HashMap::new()), spent: AtomicU64::new(0) }
    }

    /// The time spent fingerprinting so far, summed over threads (so it can
    /// exceed the wall time it added).
    pub fn spent(&self) -> Duration {
        Duration::from_nanos(self.spent.load(Ordering::Relaxed))
    }

    /// The fingerprints of every file taken.
    pub fn finish(self) -> Fingerprints {
        Fingerprints { files: self.files.into_inner().unwrap_or_else(PoisonError::into_inner) }
    }

    fn record(&self, path: &Path, hash: Fingerprint, started: Instant) {
        self.files.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_path_buf(), hash);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.spent.fetch_add(nanos, Ordering::Relaxed);
    }
}

impl Sink for Recorder<'_> {
    fn write(&self, file: &OutputFile) -> Result<(), SinkError> {
        let started = Instant::now();
        let hash = fingerprint(file.contents.as_bytes());
        let hashing = started.elapsed();
        self.inner.write(file)?;
        self.record(&file.path, hash, Instant::now() - hashing);
        Ok(())
    }

    fn copy(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        self.inner.copy(from, to)?;
        self.record_file(from, to)
    }

    fn link(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        self.inner.link(from, to)?;
        self.record_file(from, to)
    }
}

impl Recorder<'_> {
    /// Fingerprints `to` by reading its source `from` once more.
    fn record_file(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        let started = Instant::now();
        let bytes = std::fs::read(from).map_err(|source| SinkError::Read { path: from.to_path_buf(), source })?;
        self.record(to, fingerprint(&bytes), started);
        Ok(())
    }
}

/// The fingerprint of `bytes`.
pub fn fingerprint(bytes: &[u8]) -> Fingerprint {
    let digest = Sha256::digest(bytes);
    let mut hash = Fingerprint::default();
    let len = hash.len();
    hash.copy_from_slice(&digest[..len]);
    hash
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    use super::Recorder;
    use crate::model::{OutputFile, Sink, SinkError};

    /// Takes everything and keeps the paths.
    #[derive(Default)]
    struct Taken(Mutex<Vec<PathBuf>>);

    impl Sink for Taken {
        fn write(&self, file: &OutputFile) -> Result<(), SinkError> {
            self.0.lock().expect("lock").push(file.path.clone());
            Ok(())
        }

        fn copy(&self, _from: &Path, to: &Path) -> Result<(), SinkError> {
            self.0.lock().expect("lock").push(to.to_path_buf());
            Ok(())
        }
    }

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile { path: path.into(), contents: contents.to_owned() }
    }

    #[test]
    fn changed_added_and_removed_files_are_found() {
        let sink = Taken::default();
        let first = Recorder::new(&sink);
        for (path, text) in [("a/index.html", "a"), ("b/index.html", "b"), ("gone.xml", "x")] {
            first.write(&file(path, text)).expect("write");
        }
        let first = first.finish();
        let second = Recorder::new(&sink);
        for (path, text) in [("a/index.html", "a"), ("b/index.html", "b, edited"), ("new.xml", "n")] {
            second.write(&file(path, text)).expect("write");
        }
        let second = second.finish();
        assert_eq!(
            second.changed_since(&first),
            [Path::new("b/index.html"), Path::new("gone.xml"), Path::new("new.xml")]
        );
        assert!(second.changed_since(&second).is_empty());
        assert_eq!(sink.0.lock().expect("lock").len(), 6, "every file reached the wrapped sink");
    }

    #[test]
    fn copies_are_fingerprinted_by_their_bytes_and_the_last_write_wins() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("photo.jpg");
        std::fs::write(&source, b"\xff\xd8 one").expect("write");
        let sink = Taken::default();
        let record = |generated: &str| {
            let recorder = Recorder::new(&sink);
            recorder.copy(&source, Path::new("photo.jpg")).expect("copy");
            recorder.copy(&source, Path::new("robots.txt")).expect("copy");
            recorder.write(&file("robots.txt", generated)).expect("write");
            recorder.finish()
        };
        let first = record("User-agent: *");
        assert!(record("User-agent: *").changed_since(&first).is_empty());
        std::fs::write(&source, b"\xff\xd8 two").expect("write");
        assert_eq!(record("User-agent: *").changed_since(&first), [Path::new("photo.jpg")]);
    }
}
