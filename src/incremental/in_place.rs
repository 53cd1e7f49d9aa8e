//! Writing a rebuild into the live output folder: each file is compared
//! with what is there and, only when its bytes differ, written beside it and
//! renamed over it, so a reader sees the old file or the new one, never half
//! of one. The paths that changed are remembered for the browsers, with the
//! fingerprint of what was written (taken from memory, not read back).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::model::{OutputFile, Sink, SinkError};
use crate::write::{Fingerprint, Fingerprints, fingerprint};

/// A sink that updates `output` in place.
pub struct InPlace {
    output: PathBuf,
    /// Each file written (with its fingerprint) or removed (`None`).
    changed: Mutex<Vec<(PathBuf, Option<Fingerprint>)>>,
}

impl InPlace {
    /// Writes into `output`, which a full build made.
    pub fn new(output: &Path) -> InPlace {
        InPlace { output: output.to_path_buf(), changed: Mutex::new(Vec::new()) }
    }

    /// The files whose bytes changed, relative to the output folder,
    /// sorted; `fingerprints` are brought up to date with them.
    pub fn into_changed(self, fingerprints: Option<&mut Fingerprints>) -> Vec<PathBuf> {
        let changes = self.changed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(fingerprints) = fingerprints {
            for (path, written) in &changes {
                match written {
                    Some(hash) => fingerprints.update(path, *hash),
                    None => fingerprints.forget(path),
                }
            }
        }
        let mut paths: Vec<PathBuf> = changes.into_iter().map(|(path, _)| path).collect();
        paths.sort();
        paths.dedup();
        paths
    }

    fn record(&self, path: &Path, written: Option<Fingerprint>) {
        self.changed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((path.to_path_buf(), written));
    }

    /// Deletes the file at `relative`, which the site no longer has.
    pub fn remove(&self, relative: &Path) -> Result<(), SinkError> {
        let path = self.output.join(relative);
        std::fs::remove_file(&path).map_err(|source| SinkError::Write { path: path.clone(), source })?;
        self.record(relative, None);
        Ok(())
    }

    fn put(&self, relative: &Path, contents: &[u8]) -> Result<(), SinkError> {
        let path = self.output.join(relative);
        if std::fs::read(&path).is_ok_and(|old| old == contents) {
            return Ok(());
        }
        let parent = path.parent().unwrap_or(&self.output);
        std::fs::create_dir_all(parent).map_err(|source| SinkError::Write { path: parent.to_path_buf(), source })?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = parent.join(format!(".{name}.tend-{}", std::process::id()));
        std::fs::write(&temporary, contents).map_err(|source| SinkError::Write { path: temporary.clone(), source })?;
        std::fs::rename(&temporary, &path).map_err(|source| {
            let _ = std::fs::remove_file(&temporary);
            SinkError::Write { path: path.clone(), source }
        })?;
        self.record(relative, Some(fingerprint(contents)));
        Ok(())
    }
}

impl Sink for InPlace {
    fn write(&self, file: &OutputFile) -> Result<(), SinkError> {
        self.put(&file.path, file.contents.as_bytes())
    }

    fn copy(&self, from: &Path, to: &Path) -> Result<(), SinkError> {
        let contents = std::fs::read(from).map_err(|source| SinkError::Read { path: from.to_path_buf(), source })?;
        self.put(to, &contents)
    }
}

#[cfg(test)]
mod tests {
    use super::InPlace;
    use crate::model::{OutputFile, Sink};
    use crate::write::{Fingerprints, fingerprint};

    #[test]
    fn only_changed_files_are_written_and_reported() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("same.html"), "same")?;
        let sink = InPlace::new(dir.path());
        sink.write(&OutputFile { path: "same.html".into(), contents: "same".into() })?;
        sink.write(&OutputFile { path: "a/new.html".into(), contents: "new".into() })?;
        let mut fingerprints = Fingerprints::default();
        let changed = sink.into_changed(Some(&mut fingerprints));
        assert_eq!(changed, vec![std::path::PathBuf::from("a/new.html")]);
        let mut expected = Fingerprints::default();
        expected.update(std::path::Path::new("a/new.html"), fingerprint(b"new"));
        assert_eq!(fingerprints, expected, "what was written is fingerprinted");
        assert_eq!(std::fs::read_to_string(dir.path().join("a/new.html"))?, "new");
        let leftovers = std::fs::read_dir(dir.path().join("a"))?.count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        Ok(())
    }
}
