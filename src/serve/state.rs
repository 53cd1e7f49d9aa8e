//! What the running server knows and shares between the request handlers and
//! the rebuild loop: where the built site is, which build it is, whether the
//! last build failed, and the channel that tells browsers about new builds.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::sync::{broadcast, watch};

/// How many live-reload messages a slow browser may fall behind before it is
/// simply told to reload.
const BACKLOG: usize = 16;

/// A message for the open browsers.
#[derive(Debug, Clone)]
pub(super) enum Signal {
    /// A new build is in place: reload the page.
    Reload {
        /// The new build's version.
        version: Arc<str>,
    },
    /// A new build changed only stylesheets: swap them in place.
    Styles {
        /// The new build's version.
        version: Arc<str>,
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
    signals: broadcast::Sender<Signal>,
    stop: watch::Receiver<bool>,
}

impl ServerState {
    /// State for a server that builds into `output` and stops when `stop`
    /// turns true.
    pub fn new(output: PathBuf, stop: watch::Receiver<bool>) -> ServerState {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default();
        let instance = format!("{:x}-{started:x}", std::process::id());
        let (signals, _) = broadcast::channel(BACKLOG);
        let version = Arc::from(format!("{instance}-0"));
        ServerState {
            output,
            instance,
            good_builds: Mutex::new(0),
            outcome: Mutex::new(Outcome { version, problems: None }),
            signals,
            stop,
        }
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The current outcome.
    pub fn outcome(&self) -> Outcome {
        self.outcome.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Records a good build and tells the browsers (`styles_only`: swap
    /// stylesheets instead of reloading).
    pub fn succeeded(&self, styles_only: bool) {
        let version: Arc<str> = {
            let mut count = self.good_builds.lock().unwrap_or_else(PoisonError::into_inner);
            *count += 1;
            Arc::from(format!("{}-{}", self.instance, *count))
        };
        let mut outcome = self.outcome.lock().unwrap_or_else(PoisonError::into_inner);
        // Stylesheets alone cannot clear an error the page shows; reload then.
        let signal = if styles_only && outcome.problems.is_none() {
            Signal::Styles { version: Arc::clone(&version) }
        } else {
            Signal::Reload { version: Arc::clone(&version) }
        };
        *outcome = Outcome { version, problems: None };
        // Sent while the lock is held, so a browser that subscribes and then
        // reads the outcome misses nothing. No receivers is not an error.
        let _ = self.signals.send(signal);
    }

    /// Records a failed build (its problems as overlay HTML) and tells the
    /// browsers. The site on disk, and so its version, stays as it was.
    pub fn failed(&self, html: String) {
        let html: Arc<str> = Arc::from(html);
        let mut outcome = self.outcome.lock().unwrap_or_else(PoisonError::into_inner);
        outcome.problems = Some(Arc::clone(&html));
        let _ = self.signals.send(Signal::Problems { html });
    }

    /// A receiver of future signals and the outcome as it is now, taken
    /// together so that nothing falls between them.
    pub fn subscribe(&self) -> (broadcast::Receiver<Signal>, Outcome) {
        let outcome = self.outcome.lock().unwrap_or_else(PoisonError::into_inner);
        (self.signals.subscribe(), outcome.clone())
    }

    /// Turns true when the server stops.
    pub fn stop(&self) -> watch::Receiver<bool> {
        self.stop.clone()
    }
}
