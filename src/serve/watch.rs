//! Watching the site's sources: `content/`, `templates/`, `static/` and `data/`
//! (recursively) and `tend.toml`, or the whole site folder when it has no
//! `content/` and is itself the content, and gathering what changed into
//! bursts.
//!
//! The watcher (notify) sends every relevant path as it changes; hidden
//! files and editors' scratch files (`.a.md.swp`, `a.md~`, `.#a.md`, vim's
//! `4913`) are dropped at once, and so are mere reads. [`burst_from`] then
//! tells a save from a stream: a save (a few events, all of one file) is
//! built once [`SETTLE`] passes without another file changing, so the page
//! is rebuilt while the writer's eyes are still on the editor; a `git
//! checkout` of hundreds of files (a stream of them) is one burst, built once the
//! stream has been quiet for [`QUIET`]. notify's own debouncers time each
//! path on its own, which splits such a stream into several batches.
//! Whatever arrives while a burst is being built is built before the
//! browsers hear of it ([`pending`]).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use notify::event::{MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::model::CONFIG_FILE;

/// The folders under the site root whose files are sources.
const SOURCE_FOLDERS: [&str; 5] = ["content", "templates", "static", "data", "i18n"];
/// A burst of one file's changes ends after this long without a change to
/// another file: the events of one save come together.
const SETTLE: Duration = Duration::from_millis(2);
/// A burst of several files' changes ends after this long without a change.
pub(super) const QUIET: Duration = Duration::from_millis(30);
/// A burst that goes on longer than this is built anyway (and the rest of
/// it makes the next burst).
const LONGEST: Duration = Duration::from_secs(2);
/// How long a burst waits for more when a file in it is empty: a save that
/// truncates the file and then writes it shows the empty file in between,
/// and on a busy machine the two can be further apart than [`QUIET`].
/// A file still empty after this was emptied on purpose.
const EMPTY_GRACE: Duration = Duration::from_millis(300);

/// What the watcher reports.
#[derive(Debug)]
pub(super) enum Change {
    /// A source file or folder changed (absolute path).
    Path(PathBuf),
    /// Events were lost (the system's queue overflowed): rebuild anyway.
    Rescan,
    /// The watcher failed.
    Error(String),
}

/// The changes gathered in one burst.
#[derive(Debug, Default)]
pub(super) struct Burst {
    /// Changed paths (absolute), sorted.
    pub paths: BTreeSet<PathBuf>,
    /// Some events were lost.
    pub rescan: bool,
    /// What the watcher said went wrong.
    pub errors: Vec<String>,
}

impl Burst {
    fn add(&mut self, change: Change) {
        match change {
            Change::Path(path) => {
                self.paths.insert(path);
            }
            Change::Rescan => self.rescan = true,
            Change::Error(message) => self.errors.push(message),
        }
    }

    /// Whether a rebuild is needed.
    pub(super) fn needs_build(&self) -> bool {
        self.rescan || !self.paths.is_empty()
    }
}

/// The next burst of changes; `None` once the watcher is gone.
#[cfg(test)]
pub(super) async fn next_burst(changes: &mut UnboundedReceiver<Change>) -> Option<Burst> {
    let first = changes.recv().await?;
    Some(burst_from(first, changes).await)
}

/// The burst that starts with `first`: every change until the stream has
/// been quiet for [`SETTLE`] while it holds one file, for [`QUIET`] once
/// it holds more (or for [`EMPTY_GRACE`] while a changed file is empty), or
/// [`LONGEST`] has passed.
pub(super) async fn burst_from(first: Change, changes: &mut UnboundedReceiver<Change>) -> Burst {
    let mut burst = Burst::default();
    burst.add(first);
    let started = Instant::now();
    let mut waited_for_empty = false;
    while started.elapsed() < LONGEST {
        let quiet = if burst.paths.len() > 1 || burst.rescan { QUIET } else { SETTLE };
        match tokio::time::timeout(quiet, changes.recv()).await {
            Ok(Some(change)) => burst.add(change),
            Ok(None) => break,
            Err(_) if !waited_for_empty && holds_empty_file(&burst) => {
                waited_for_empty = true;
                match tokio::time::timeout(EMPTY_GRACE, changes.recv()).await {
                    Ok(Some(change)) => burst.add(change),
                    Ok(None) | Err(_) => break,
                }
            }
            Err(_) => break,
        }
    }
    burst
}

/// The burst of the changes that came while the last one was being built
/// (the rest of a save, or the next one), if any did: built before the
/// browsers hear of the last, so no page shows a half-saved file.
pub(super) async fn pending(changes: &mut UnboundedReceiver<Change>) -> Option<Burst> {
    let first = changes.try_recv().ok()?;
    Some(burst_from(first, changes).await)
}

/// Whether a file the burst changed is empty now, and so probably half
/// saved.
fn holds_empty_file(burst: &Burst) -> bool {
    burst.paths.iter().any(|path| std::fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() == 0))
}

/// A running watcher over one site's sources.
pub(super) struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Which of [`SOURCE_FOLDERS`] are watched now.
    watched: [bool; SOURCE_FOLDERS.len()],
}

impl Watch {
    /// Starts watching the site at `root` (absolute), sending changes to
    /// `changes`.
    pub(super) fn start(root: &Path, changes: UnboundedSender<Change>) -> notify::Result<Watch> {
        let filter_root = root.to_path_buf();
        let whole = crate::load::content_folder(root).as_os_str().is_empty();
        let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            let event = match result {
                Ok(event) => event,
                Err(err) => {
                    let _ = changes.send(Change::Error(err.to_string()));
                    return;
                }
            };
            if event.need_rescan() {
                let _ = changes.send(Change::Rescan);
            }
            if !is_change(&event.kind) {
                return;
            }
            for path in event.paths {
                if is_source(&filter_root, whole, &path) {
                    // The receiver is gone only when the server stops.
                    let _ = changes.send(Change::Path(path));
                }
            }
        })?;
        // The root itself, not recursively: tend.toml, and source folders
        // that appear later; all of it when it is the content.
        watcher.watch(root, if whole { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive })?;
        // Under a watch of the whole folder, the source folders are watched
        // already.
        let mut watch = Watch { watcher, root: root.to_path_buf(), watched: [whole; SOURCE_FOLDERS.len()] };
        if let Some(err) = watch.refresh(&BTreeSet::new()).into_iter().next() {
            return Err(err);
        }
        Ok(watch)
    }

    /// Watches source folders that appeared (or were replaced) and forgets
    /// those that went, after the changes in `changed`.
    pub(super) fn refresh(&mut self, changed: &BTreeSet<PathBuf>) -> Vec<notify::Error> {
        let mut errors = Vec::new();
        if self.watched.iter().all(|w| *w) && crate::load::content_folder(&self.root).as_os_str().is_empty() {
            return errors;
        }
        for (folder, watched) in SOURCE_FOLDERS.iter().zip(self.watched.iter_mut()) {
            let path = self.root.join(folder);
            let exists = path.is_dir();
            if *watched && (!exists || changed.contains(&path)) {
                // It may be gone already, which is all this asks for.
                let _ = self.watcher.unwatch(&path);
                *watched = false;
            }
            if !*watched && exists {
                match self.watcher.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => *watched = true,
                    Err(err) => errors.push(err),
                }
            }
        }
        errors
    }
}

/// Whether an event is a change to a file's contents, name or existence
/// (and not a read, which every build does).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Any | EventKind::Other | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

/// Whether `path` (absolute) is a source of the site at `root`: `tend.toml`,
/// or a file or folder in a source folder (any folder but the default
/// output when the site folder is `whole`ly content) that no editor made
/// for itself.
pub(super) fn is_source(root: &Path, whole: bool, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components().map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    match parts.next() {
        Some(Some(CONFIG_FILE)) => parts.next().is_none(),
        Some(Some(folder)) if SOURCE_FOLDERS.contains(&folder) => {
            parts.all(|name| name.is_some_and(|name| !is_scratch(name)))
        }
        Some(Some(name)) if whole && name != "public" && !is_scratch(name) => {
            parts.all(|name| name.is_some_and(|name| !is_scratch(name)))
        }
        _ => false,
    }
}

/// Hidden files and the files editors write beside the one being edited.
fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || [".swp", ".swo", ".swx", ".swpx"].iter().any(|end| name.ends_with(end))
        || name == "4913"
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use super::{Change, is_source, next_burst, pending};

    #[test]
    fn sources_and_scratch_files() {
        let root = Path::new("/site");
        for source in [
            "/site/tend.toml",
            "/site/content/a.md",
            "/site/content/notes/b.md",
            "/site/templates/page.html",
            "/site/static/style.css",
            "/site/content",
        ] {
            assert!(is_source(root, false, Path::new(source)), "{source}");
        }
        for other in [
            "/site/public/index.html",
            "/site/.git/index",
            // The build writes resized images there: never a reason to
            // build again.
            "/site/.tend-cache/images/0123.480w.webp",
            "/site/README.md",
            "/site/tend.toml~",
            "/site/content/.a.md.swp",
            "/site/content/a.md.swp",
            "/site/content/a.md~",
            "/site/content/.#a.md",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/content/.obsidian/workspace.json",
            "/site/content/a.md___jb_tmp___",
            "/elsewhere/content/a.md",
        ] {
            assert!(!is_source(root, false, Path::new(other)), "{other}");
        }
    }

    #[test]
    fn a_site_folder_without_content_is_watched_whole() {
        let root = Path::new("/vault");
        for source in ["/vault/tend.toml", "/vault/Note one.md", "/vault/ideas/b.md", "/vault/attachments/pic.png"] {
            assert!(is_source(root, true, Path::new(source)), "{source}");
        }
        for other in [
            "/vault/public/index.html",
            "/vault/.obsidian/workspace.json",
            "/vault/.git/index",
            "/vault/.trash/old.md",
            "/vault/ideas/.b.md.swp",
        ] {
            assert!(!is_source(root, true, Path::new(other)), "{other}");
        }
    }

    // Paused time: the sender's pauses are shorter than `QUIET` however
    // busy the machine is. Its first files come together, as a checkout's
    // do: a lone file followed by a pause is a save, built at once.
    #[tokio::test(start_paused = true)]
    async fn a_stream_of_changes_is_one_burst() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let sender = tokio::spawn(async move {
            for i in 0..500 {
                tx.send(Change::Path(PathBuf::from(format!("/site/content/{i}.md")))).expect("send");
                if i % 50 == 49 {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
            tx
        });
        let burst = next_burst(&mut rx).await.expect("a burst");
        let tx = sender.await.expect("sender");
        assert_eq!(burst.paths.len(), 500);
        tx.send(Change::Path(PathBuf::from("/site/static/a.css"))).expect("send");
        let burst = next_burst(&mut rx).await.expect("a burst");
        assert_eq!(burst.paths.len(), 1);
        drop(tx);
        assert!(next_burst(&mut rx).await.is_none());
    }

    // A save's events, all of one file, are built at once: a save waits
    // only `SETTLE`, a stream of files `QUIET`.
    #[tokio::test(start_paused = true)]
    async fn a_save_is_built_at_once() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let note = PathBuf::from("/site/content/a.md");
        for _ in 0..3 {
            tx.send(Change::Path(note.clone())).expect("send");
        }
        let started = tokio::time::Instant::now();
        let burst = next_burst(&mut rx).await.expect("a burst");
        assert!(started.elapsed() < super::QUIET / 4, "{:?}", started.elapsed());
        assert_eq!(burst.paths.into_iter().collect::<Vec<_>>(), [note]);

        tx.send(Change::Path(PathBuf::from("/site/content/a.md"))).expect("send");
        tx.send(Change::Path(PathBuf::from("/site/content/b.md"))).expect("send");
        let started = tokio::time::Instant::now();
        let burst = next_burst(&mut rx).await.expect("a burst");
        assert!(started.elapsed() >= super::QUIET, "two files may be the start of a stream");
        assert_eq!(burst.paths.len(), 2);
    }

    // What changed while a burst was built is a burst of its own, found
    // without waiting; nothing is no burst.
    #[tokio::test(start_paused = true)]
    async fn changes_made_during_a_build_are_pending() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        assert!(pending(&mut rx).await.is_none());
        tx.send(Change::Path(PathBuf::from("/site/content/a.md"))).expect("send");
        let more = pending(&mut rx).await.expect("pending");
        assert_eq!(more.paths.len(), 1);
        assert!(pending(&mut rx).await.is_none());
    }

    // A save that truncates the file and writes it later is one burst, not
    // a build of the empty note and another of the full one.
    #[tokio::test(start_paused = true)]
    async fn a_file_emptied_mid_save_waits_for_its_text() {
        let folder = tempfile::tempdir().expect("temp folder");
        let note = folder.path().join("a.md");
        std::fs::write(&note, "").expect("write");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        tx.send(Change::Path(note.clone())).expect("send");
        let writer = {
            let note = note.clone();
            tokio::spawn(async move {
                tokio::time::sleep(super::QUIET * 5).await;
                std::fs::write(&note, "text").expect("write");
                tx.send(Change::Path(note)).expect("send");
                tx
            })
        };
        let started = tokio::time::Instant::now();
        let burst = next_burst(&mut rx).await.expect("a burst");
        assert!(started.elapsed() >= super::QUIET * 5, "the burst waited for the text");
        assert_eq!(burst.paths.len(), 1);
        let tx = writer.await.expect("writer");

        // Emptied on purpose: built once the grace is over.
        std::fs::write(&note, "").expect("write");
        tx.send(Change::Path(note)).expect("send");
        let started = tokio::time::Instant::now();
        assert!(next_burst(&mut rx).await.is_some());
        assert!(started.elapsed() >= super::EMPTY_GRACE);
        assert!(started.elapsed() < super::EMPTY_GRACE * 2);
    }
}
