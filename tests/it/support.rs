//! A fixture site in a temporary folder, and running `tend` on it.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// A site folder that is deleted when the test ends.
pub(crate) struct Site {
    dir: TempDir,
}

/// What a run of `tend` did.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test with the run's output unless it exited with `code`.
    pub(crate) fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Fails unless the run succeeded.
    pub(crate) fn ok(&self) -> &Self {
        self.expect_code(0)
    }

    /// stderr with the temp folder's path replaced by `[ROOT]`.
    pub(crate) fn stderr_redacted(&self, site: &Site) -> String {
        let root = site.root().display().to_string();
        let mut text = self.stderr.replace(&root, "[ROOT]");
        if let Ok(canonical) = site.root().canonicalize() {
            text = text.replace(&canonical.display().to_string(), "[ROOT]");
        }
        // The timing at the end of a status line changes from run to run.
        text.lines()
            .map(|l| match l.rfind(" in ") {
                Some(i) if l.ends_with(" ms") => format!("{} in [TIME]", &l[..i]),
                _ => l.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Site {
    /// An empty site folder.
    pub(crate) fn new() -> Site {
        Site { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A site with these files (path relative to the root, contents).
    pub(crate) fn with(files: &[(&str, &str)]) -> Site {
        let site = Site::new();
        for (path, contents) in files {
            site.write(path, contents);
        }
        site
    }

    /// The site folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating folders.
    pub(crate) fn write(&self, path: &str, contents: &str) -> &Site {
        self.write_bytes(path, contents.as_bytes())
    }

    /// The text of a file of the site (not of its output).
    pub(crate) fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).unwrap_or_else(|e| panic!("reading {path}: {e}"))
    }

    /// Writes a file with raw bytes.
    pub(crate) fn write_bytes(&self, path: &str, contents: &[u8]) -> &Site {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
        self
    }

    /// Runs `tend` with `args` in the site folder.
    pub(crate) fn tend(&self, args: &[&str]) -> Run {
        tend_in(self.root(), args)
    }

    /// Runs `tend` with `args` in the site folder, with more environment
    /// variables set.
    pub(crate) fn tend_with_env(&self, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Run {
        tend_with(self.root(), args, env)
    }

    /// Runs `tend build` with extra args.
    pub(crate) fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        self.tend(&args)
    }

    /// The text of an output file under `public/`.
    pub(crate) fn output(&self, path: &str) -> String {
        let full = self.root().join("public").join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {}: {e}", full.display()))
    }

    /// Whether an output file exists.
    pub(crate) fn has_output(&self, path: &str) -> bool {
        self.root().join("public").join(path).exists()
    }

    /// Every file under `public/`, relative, sorted, with fingerprints
    /// replaced by `[HASH]`.
    pub(crate) fn output_files(&self) -> Vec<String> {
        let public = self.root().join("public");
        let mut files = Vec::new();
        collect(&public, &public, &mut files);
        files.sort();
        files
    }
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let relative = path.strip_prefix(base).expect("inside").display().to_string();
            out.push(redact_fingerprint(&relative));
        }
    }
}

/// `style.1a2b3c4d.css` → `style.[HASH].css`.
pub(crate) fn redact_fingerprint(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() == 3 && parts[1].len() == 8 && parts[1].chars().all(|c| c.is_ascii_hexdigit()) {
        format!("{}.[HASH].{}", parts[0], parts[2])
    } else {
        name.to_owned()
    }
}

/// Runs `tend` in `dir`.
pub(crate) fn tend_in(dir: &Path, args: &[&str]) -> Run {
    tend_with(dir, args, &[])
}

fn tend_with(dir: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run tend");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The `<main>` element of a page, for snapshots that ignore theme chrome.
/// Today's date (the "last tended" date of fixture files, which comes from
/// their modification time) is replaced by `[TODAY]`.
pub(crate) fn main_element(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    redact_today(&html[start..end])
}

/// Replaces today's date, as `YYYY-MM-DD` and as "November 24, 2026", by
/// `[TODAY]`.
pub(crate) fn redact_today(text: &str) -> String {
    let today = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    text.replace(&today.to_string(), "[TODAY]").replace(&today.strftime("%B %-d, %Y").to_string(), "[TODAY]")
}

/// The repository's example site.
pub(crate) fn example_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/garden")
}

/// A page with YAML front matter.
pub(crate) fn page(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n\n{body}\n")
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub(crate) fn files(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
                found.insert(relative, std::fs::read(&path).expect("a file"));
            }
        }
    }
    found
}
