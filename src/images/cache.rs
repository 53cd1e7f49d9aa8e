//! The cache of made copies: `.tend-cache/images/` in the site folder,
//! kept across builds so an unchanged image is never decoded again.
//!
//! Invariants: an entry's name holds a hash of everything that decides its
//! bytes (the source's bytes, the encoder version, the quality) and the
//! width and format, so a name never means two different files; entries
//! are written whole (a temporary file renamed into place), so a build
//! that stops half-way, or two builds at once, leave complete files or
//! none. Entries are read-only: the output holds hard links to them, so a
//! tool that rewrote an output file in place would change the entry too.
//! The folder may be deleted at any time.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::encode::Format;

/// The folder, in the site folder, that holds tend's caches.
pub(super) const CACHE_DIR: &str = ".tend-cache";

/// Bumped whenever a change to resizing or encoding changes the bytes made,
/// so older entries are no longer found.
const ENCODER_VERSION: u32 = 1;

/// Where made copies are kept.
pub struct Cache {
    dir: PathBuf,
    /// A folder of the build's own when the site's cannot be written.
    _temporary: Option<tempfile::TempDir>,
}

impl Cache {
    /// The cache `folder` (`images`, `cards`) of the site in `root`,
    /// created if need be; if it cannot be, a temporary folder for this
    /// build and the reason why.
    pub fn open(root: &Path, folder: &str) -> (Cache, Option<String>) {
        let base = root.join(CACHE_DIR);
        let dir = base.join(folder);
        let made = std::fs::create_dir_all(&dir).and_then(|()| {
            // Git and backup tools leave the cache alone without being told.
            let ignore = base.join(".gitignore");
            if !ignore.exists() {
                std::fs::write(ignore, "# tend's cache: safe to delete.\n*\n")?;
            }
            let tag = base.join("CACHEDIR.TAG");
            if !tag.exists() {
                std::fs::write(
                    tag,
                    "Signature: 8a477f597d28d172789f06886806bc55\n# tend's cache of resized images and social cards.\n",
                )?;
            }
            Ok(())
        });
        match made {
            Ok(()) => (Cache { dir, _temporary: None }, None),
            Err(error) => {
                let reason = format!("cannot use the cache {}: {error}", dir.display());
                match tempfile::tempdir() {
                    Ok(temporary) => {
                        (Cache { dir: temporary.path().to_path_buf(), _temporary: Some(temporary) }, Some(reason))
                    }
                    Err(_) => (Cache { dir, _temporary: None }, Some(reason)),
                }
            }
        }
    }

    /// The file that holds (or will hold) the copy `width` pixels wide in
    /// `format` of the source whose key (`cache::key`) is `key`.
    pub fn entry(&self, key: &str, width: u32, format: Format) -> PathBuf {
        self.dir.join(format!("{key}.{width}w.{}", format.extension()))
    }

    /// The entry named `name`, whose name must hash everything that
    /// decides its bytes.
    pub fn named(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Writes `bytes` as the entry at `path`, whole or not at all. The
    /// file is read-only, since outputs are hard links to it, but otherwise
    /// has the usual permissions (not a temporary file's 0600).
    pub fn store(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        self.write_whole(path, bytes, true)
    }

    /// Writes `bytes` as the entry at `path` as [`Cache::store`] does, but
    /// without waiting for the disk: for an entry its reader checks whole
    /// (the code memo), which a crash could leave torn but never trusted,
    /// and which a build on a disk would otherwise wait for every time it
    /// changes.
    pub fn store_unsynced(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        self.write_whole(path, bytes, false)
    }

    fn write_whole(&self, path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Unique to this process and thread: two pages' identical files
        // share an entry and may be written at once.
        let thread: String =
            format!("{:?}", std::thread::current().id()).chars().filter(char::is_ascii_digit).collect();
        let partial = self.dir.join(format!(".partial-{}-{thread}-{name}", std::process::id()));
        let written = std::fs::File::create(&partial)
            .and_then(|mut file| {
                file.write_all(bytes)?;
                if sync {
                    file.sync_all()?;
                }
                let mut permissions = file.metadata()?.permissions();
                permissions.set_readonly(true);
                file.set_permissions(permissions)
            })
            .and_then(|()| std::fs::rename(&partial, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written
    }
}

/// The part of an entry's name shared by all copies of one source at one
/// quality: a hash of the source's bytes, the encoder version and the
/// quality (128 bits, as hex).
pub(super) fn key(source: &[u8], quality: u8) -> String {
    let mut hash = Sha256::new();
    hash.update(ENCODER_VERSION.to_le_bytes());
    hash.update([quality]);
    hash.update(source);
    let digest = hash.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::{Cache, key};
    use crate::images::encode::Format;

    #[test]
    fn keys_change_with_the_bytes_and_the_quality() {
        assert_eq!(key(b"a", 80), key(b"a", 80));
        assert_ne!(key(b"a", 80), key(b"b", 80));
        assert_ne!(key(b"a", 80), key(b"a", 81));
        assert_eq!(key(b"a", 80).len(), 32);
    }

    #[test]
    fn entries_are_stored_whole() {
        let root = tempfile::tempdir().expect("temp");
        let (cache, problem) = Cache::open(root.path(), "images");
        assert!(problem.is_none());
        let entry = cache.entry("k", 480, Format::WebP);
        assert!(entry.ends_with(".tend-cache/images/k.480w.webp"), "{}", entry.display());
        cache.store(&entry, b"bytes").expect("stored");
        assert_eq!(std::fs::read(&entry).expect("read"), b"bytes");
        let names: Vec<_> = std::fs::read_dir(entry.parent().expect("dir")).expect("list").flatten().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
        assert!(root.path().join(".tend-cache/.gitignore").is_file());
    }
}
