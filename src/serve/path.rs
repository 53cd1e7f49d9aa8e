//! From a request's path to a file in the output folder, and never to one
//! outside it.
//!
//! The path is percent-decoded exactly once (so `%252e` stays the literal
//! name `%2e`), then refused if it holds `.` or `..` segments, backslashes,
//! NUL or colons; only then is it joined to the output folder. The file found
//! is canonicalised and must still lie inside the (canonical) output folder,
//! which catches symlinks that point elsewhere.

use std::path::{Path, PathBuf};

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A file inside the output folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect here so
    /// relative links in its `index.html` work.
    AddSlash(String),
    /// Nothing there.
    Missing,
    /// A path that tries to leave the output folder or cannot be decoded.
    Refused,
}

/// Resolves the raw (still percent-encoded) path of a request against the
/// canonical output folder `root`.
pub(super) fn resolve(root: &Path, raw: &str) -> Target {
    let Some(segments) = segments(raw) else {
        return Target::Refused;
    };
    let mut path = root.to_path_buf();
    path.extend(&segments);
    let wants_folder = raw.ends_with('/') || segments.is_empty();
    if path.is_dir() {
        if !wants_folder {
            return Target::AddSlash(folder_url(&segments));
        }
        path.push("index.html");
    } else if wants_folder {
        return Target::Missing;
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Target::File(real),
        _ => Target::Missing,
    }
}

/// The decoded, checked segments of a request path; `None` when it must be
/// refused. Empty segments (`//`) are dropped.
fn segments(raw: &str) -> Option<Vec<String>> {
    let decoded = String::from_utf8(percent_decode(raw)?).ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        // `:` would name a drive or a stream on Windows.
        if segment == "." || segment == ".." || segment.contains(':') {
            return None;
        }
        segments.push(segment.to_owned());
    }
    Some(segments)
}

/// `%XX` escapes to bytes; `None` for a malformed escape.
fn percent_decode(raw: &str) -> Option<Vec<u8>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// `/a/b c/` from segments, each percent-encoded again where needed, so the
/// redirect always stays on this site.
fn folder_url(segments: &[String]) -> String {
    let mut url = String::from("/");
    for segment in segments {
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&byte) {
                url.push(char::from(byte));
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Target, resolve};

    fn site() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical").join("site");
        std::fs::create_dir_all(root.join("posts/a b")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("posts/a b/index.html"), "post").expect("write");
        std::fs::write(root.join("style.css"), "css").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        (dir, root)
    }

    #[test]
    fn files_and_folders_resolve_inside_the_root() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/style.css"), Target::File(root.join("style.css")));
        assert_eq!(resolve(&root, "/posts/a%20b/"), Target::File(root.join("posts/a b/index.html")));
        assert_eq!(resolve(&root, "//posts//a%20b/index.html"), Target::File(root.join("posts/a b/index.html")));
        assert_eq!(resolve(&root, "/posts/a%20b"), Target::AddSlash("/posts/a%20b/".to_owned()));
        assert_eq!(resolve(&root, "/nothing"), Target::Missing);
        assert_eq!(resolve(&root, "/style.css/"), Target::Missing);
    }

    #[test]
    fn traversal_is_refused() {
        let (_dir, root) = site();
        for raw in [
            "/../secret.txt",
            "/posts/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/./style.css",
            "/c:/secret.txt",
            "/%00",
            "/%zz",
            "/%e2%28",
        ] {
            assert_eq!(resolve(&root, raw), Target::Refused, "{raw}");
        }
        // Decoded once: `%252e` is the literal name `%2e`, which is not there.
        assert_eq!(resolve(&root, "/%252e%252e/secret.txt"), Target::Missing);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_not_followed() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).expect("symlink");
        std::os::unix::fs::symlink(dir.path(), root.join("outside")).expect("symlink");
        std::os::unix::fs::symlink(root.join("style.css"), root.join("inside.css")).expect("symlink");
        assert_eq!(resolve(&root, "/link.txt"), Target::Missing);
        assert_eq!(resolve(&root, "/outside/secret.txt"), Target::Missing);
        assert_eq!(resolve(&root, "/inside.css"), Target::File(root.join("style.css")));
        assert!(Path::new(&root).join("link.txt").exists());
    }
}
