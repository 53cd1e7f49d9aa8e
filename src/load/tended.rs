//! When each page was last tended: `updated` from front matter, else the
//! date of the last git commit that touched the file, else the file's
//! modification time. Git is asked once for the whole history, not once per
//! file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rayon::prelude::{IntoParallelRefMutIterator, ParallelIterator};

use crate::model::{PageDate, PageSource, Tended};

/// Last commit time of every file under `content/` that git knows,
/// by path relative to `root`. Empty when `root` is not in a git work tree
/// or git is not installed.
fn commit_times(root: &Path, content_dir: &Path) -> HashMap<PathBuf, Timestamp> {
    let folder = if content_dir.as_os_str().is_empty() { Path::new(".") } else { content_dir };
    let output = Command::new("git")
        .args(["-c", "core.quotepath=off", "log", "--format=%x00%ct", "--name-only", "--relative", "--"])
        .arg(folder)
        .current_dir(root)
        .output();
    let Ok(output) = output else { return HashMap::new() };
    if !output.status.success() {
        return HashMap::new();
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut times = HashMap::new();
    let mut current: Option<Timestamp> = None;
    for line in text.lines() {
        if let Some(seconds) = line.strip_prefix('\0') {
            current = seconds.trim().parse::<i64>().ok().and_then(|s| Timestamp::from_second(s).ok());
        } else if !line.is_empty()
            && let Some(time) = current
        {
            // The log is newest first: the first time seen is the latest.
            times.entry(PathBuf::from(line)).or_insert(time);
        }
    }
    times
}

fn to_date(instant: Timestamp) -> PageDate {
    PageDate { instant, day: instant.to_zoned_datetime(TimeZone::UTC).date() }
}

/// Asks git for the history of `content/` on another thread, since it is
/// a process to wait for while the pages are read; the answer
/// is empty when `root` is not in a git work tree or git is not installed.
pub fn ask_history(root: &Path, content_dir: &Path) -> std::thread::JoinHandle<HashMap<PathBuf, Timestamp>> {
    let root = root.to_path_buf();
    let content_dir = content_dir.to_path_buf();
    std::thread::spawn(move || commit_times(&root, &content_dir))
}

/// What [`ask_history`] found, once git has answered.
pub fn history(asked: std::thread::JoinHandle<HashMap<PathBuf, Timestamp>>) -> HashMap<PathBuf, Timestamp> {
    asked.join().unwrap_or_default()
}

/// Sets `tended` on every page, from front matter, `commits` (the
/// [`history`]) or the file's modification time.
pub fn set_tended(root: &Path, pages: &mut [PageSource], commits: &HashMap<PathBuf, Timestamp>) {
    // In parallel: most pages ask the file system for a modification time.
    pages.par_iter_mut().for_each(|page| {
        page.tended = if let Some(updated) = page.meta.updated {
            Some((updated, Tended::Updated))
        } else if let Some(&time) = commits.get(&page.source) {
            Some((to_date(time), Tended::Commit))
        } else {
            std::fs::metadata(root.join(&page.source))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| Timestamp::try_from(t).ok())
                .map(|t| (to_date(t), Tended::Modified))
        };
    });
}
