//! The files of a built site, as a deploy sends them: each with its key,
//! the MD5 of its bytes, its media type and its cache policy.

use std::path::{Path, PathBuf};

use md5::{Digest, Md5};
use rayon::prelude::{IntoParallelIterator, ParallelIterator};

use super::{DeployError, key_of};
use crate::model::{OUTPUT_MARKER, media_type};

/// A file of the output folder.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Its key in the bucket.
    pub key: String,
    /// Where it is on disk.
    pub path: PathBuf,
    /// The MD5 of its bytes, in hex.
    pub md5: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its media type.
    pub content_type: &'static str,
    /// How long a browser or CDN may keep it.
    pub cache_control: &'static str,
}

/// Every file under `output` (but tend's own marker), with `prefix` before
/// its key, hashed in parallel, in key order.
pub fn local_files(output: &Path, prefix: &str) -> Result<Vec<LocalFile>, DeployError> {
    let mut paths = Vec::new();
    walk(output, output, &mut paths)?;
    let mut files = paths
        .into_par_iter()
        .map(|relative| {
            let path = output.join(&relative);
            let bytes = std::fs::read(&path)
                .map_err(|source| DeployError::Read { path: path.display().to_string(), source })?;
            let md5: String = Md5::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            Ok(LocalFile {
                key: key_of(prefix, &relative),
                content_type: media_type(&relative),
                cache_control: cache_control(&relative),
                size: bytes.len() as u64,
                md5,
                path,
            })
        })
        .collect::<Result<Vec<_>, DeployError>>()?;
    files.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(files)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), DeployError> {
    let read_error = |source| DeployError::Read { path: dir.display().to_string(), source };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        if entry.file_type().map_err(read_error)?.is_dir() {
            walk(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root)
            && relative != Path::new(OUTPUT_MARKER)
        {
            out.push(relative.to_path_buf());
        }
    }
    Ok(())
}

/// The cache policy of an output file: a year, never revalidated, for a
/// name with a content hash before its extension (`style.3f2a9c01.css`,
/// as tend names its stylesheets and scripts); revalidation for the rest,
/// so that a new deploy shows at once.
pub fn cache_control(relative: &Path) -> &'static str {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let mut parts = name.rsplit('.');
    let (_extension, hash) = (parts.next(), parts.next());
    let fingerprinted = parts.next().is_some()
        && hash.is_some_and(|h| h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    if fingerprinted { "public, max-age=31536000, immutable" } else { "public, max-age=0, must-revalidate" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_names_are_kept_for_a_year() {
        assert_eq!(cache_control(Path::new("style.3f2a9c01.css")), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(Path::new("css/site.0123abcd.css")), "public, max-age=31536000, immutable");
        for plain in ["index.html", "feed.xml", "photo.jpg", "deadbeef.css", "a.DEADBEEF.css", "posts/a/index.html"] {
            assert_eq!(cache_control(Path::new(plain)), "public, max-age=0, must-revalidate", "{plain}");
        }
    }
}
