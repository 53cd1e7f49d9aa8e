//! What the running server knows and shares between the request handlers and
//! the rebuild loop: where the built site is, which build it is, what the
//! last good build wrote (its fingerprints), whether the last build failed,
//! and the channel that tells browsers about new builds.
//!
//! Invariant: a build's outcome changes and its signal is sent under one
//! lock, so a browser that subscribes and reads the outcome misses nothing.
//! The fingerprints are compared outside that lock (it takes a while on a
//! big site, and every request reads the outcome); only the rebuild loop
//! records builds, one at a time.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::sync::{broadcast, watch};

use super::changes::Changed;
use crate::write::Fingerprints;

/// How many live-reload messages a slow browser may fall behind before it is
/// simply told to reload.
const BACKLOG: usize = 16;
/// How many good builds are remembered with what they changed, so that a
/// page served before them and connecting after them reloads only if one
/// of them changed it.
const REMEMBERED: usize = 32;

/// A message for the open browsers.
#[derive(Debug, Clone)]
pub(super) enum Signal {
    /// A new build is in place: pages it changed reload.
    Reload {
        /// The new build's version.
        version: Arc<str>,
        /// What it changed.
        changed: Changed,
    },
    /// The last build failed: show the problems (escaped HTML).
    Problems {
        /// The overlay's body.
        html: Arc<str>,
    },
}

/// The last build's outcome as the browsers see it.
#[derive(Debug, Clone)]
pub(super) struct Outcome {
    /// The version of the site on disk: changes with each good build.
    pub version: Arc<str>,
    /// The overlay of the last build's problems, if it failed.
    pub problems: Option<Arc<str>>,
}

/// Shared by every request and the rebuild loop.
pub(super) struct ServerState {
    /// The output folder (absolute, symlinks resolved). It is replaced by
    /// every good build; its path stays the same.
    output: PathBuf,
    /// Distinguishes this server from an earlier one on the same port, so a
    /// browser reconnecting to a restarted server reloads.
    instance: String,
    good_builds: Mutex<u64>,
    outcome: Mutex<Outcome>,
    /// What the last good build wrote; `None` before the first one.
    fingerprints: Mutex<Option<Fingerprints>>,
    /// The last good builds, oldest first: the version each made and what
    /// it changed. Changed under the outcome's lock.
    recent: Mutex<VecDeque<(Arc<str>, Changed)>>,
    signals: broadcast::Sender<Signal>,
    stop: watch::Receiver<bool>,
}

impl ServerState {
    /// State for a server that builds into `output` and stops when `stop`
    /// turns true.
    pub(super) fn new(output: PathBuf, stop: watch::Receiver<bool>) -> ServerState {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default();
        let instance = format!("{:x}-{started:x}", std::process::id());
        let (signals, _) = broadcast::channel(BACKLOG);
        let version = Arc::from(format!("{instance}-0"));
        ServerState {
            output,
            instance,
            good_builds: Mutex::new(0),
            outcome: Mutex::new(Outcome { version, problems: None }),
            fingerprints: Mutex::new(None),
            recent: Mutex::new(VecDeque::new()),
            signals,
            stop,
        }
    }

    /// The output folder.
    pub(super) fn output(&self) -> &Path {
        &self.output
    }

    /// The current outcome.
    pub(super) fn outcome(&self) -> Outcome {
        self.lock_outcome().clone()
    }

    fn lock_outcome(&self) -> MutexGuard<'_, Outcome> {
        self.outcome.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a good build that wrote the files in `fingerprints`, tells
    /// the browsers what changed since the last good build, and returns it.
    pub(super) fn succeeded(&self, fingerprints: Option<Fingerprints>) -> Changed {
        self.record(fingerprints, Changed::between)
    }

    /// Records the work done once the writer paused (the search index, the
    /// social cards), which leaves the files in `fingerprints`: browsers
    /// hear only of the pages it changed.
    pub(super) fn caught_up(&self, fingerprints: Fingerprints) -> Changed {
        self.record(Some(fingerprints), Changed::of_pages_between)
    }

    fn record(
        &self,
        fingerprints: Option<Fingerprints>,
        compare: fn(Option<&Fingerprints>, Option<&Fingerprints>) -> Changed,
    ) -> Changed {
        let version: Arc<str> = {
            let mut count = self.good_builds.lock().unwrap_or_else(PoisonError::into_inner);
            *count += 1;
            Arc::from(format!("{}-{}", self.instance, *count))
        };
        let changed = {
            let mut last = self.fingerprints.lock().unwrap_or_else(PoisonError::into_inner);
            let changed = compare(last.as_ref(), fingerprints.as_ref());
            *last = fingerprints;
            changed
        };
        let mut outcome = self.lock_outcome();
        *outcome = Outcome { version: Arc::clone(&version), problems: None };
        {
            let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
            if recent.len() == REMEMBERED {
                recent.pop_front();
            }
            recent.push_back((Arc::clone(&version), changed.clone()));
        }
        // Sent while the lock is held, so a browser that subscribes and then
        // reads the outcome misses nothing. No receivers is not an error.
        let _ = self.signals.send(Signal::Reload { version, changed: changed.clone() });
        changed
    }

    /// Whether a build has succeeded, so there is a site to serve.
    pub(super) fn has_site(&self) -> bool {
        *self.good_builds.lock().unwrap_or_else(PoisonError::into_inner) > 0
    }

    /// Records a failed build (its problems as overlay HTML) and tells the
    /// browsers. The site on disk, and so its version, stays as it was.
    pub(super) fn failed(&self, html: String) {
        let html: Arc<str> = Arc::from(html);
        let mut outcome = self.lock_outcome();
        outcome.problems = Some(Arc::clone(&html));
        let _ = self.signals.send(Signal::Problems { html });
    }

    /// A receiver of future signals, the outcome as it is now, and what
    /// the builds since version `since` (a page's) changed, taken together
    /// so that nothing falls between them: everything when `since` is
    /// unknown (another server's, or too old).
    pub(super) fn subscribe(&self, since: Option<&str>) -> (broadcast::Receiver<Signal>, Outcome, Changed) {
        let outcome = self.lock_outcome();
        let missed = match since {
            Some(since) if since == &*outcome.version => Changed::Paths(Arc::from([])),
            Some(since) => {
                let recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
                match recent.iter().position(|(version, _)| &**version == since) {
                    Some(at) => Changed::union(recent.iter().skip(at + 1).map(|(_, changed)| changed)),
                    None => Changed::Everything,
                }
            }
            None => Changed::Everything,
        };
        (self.signals.subscribe(), outcome.clone(), missed)
    }

    /// Turns true when the server stops.
    pub(super) fn stop(&self) -> watch::Receiver<bool> {
        self.stop.clone()
    }
}
