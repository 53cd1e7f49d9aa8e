//! Rebuilding: one full build per burst of changes, run on a blocking thread
//! (the build itself is parallel), one at a time; its outcome goes to the
//! shared state, the browsers and the terminal.
//!
//! A good build bumps the site's version and tells the browsers which files
//! it changed (see `changes`); each browser reloads only if its page is
//! among them. A failed build leaves the output folder as it was, so the
//! last good site stays served, and the browsers get its problems as an
//! overlay.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch as signal};

use super::state::ServerState;
use super::watch::{self, Change, Watch};
use super::{ServeEvent, overlay};
use crate::build::{BuildError, BuildOptions, BuildReport, build};

/// A finished build and how long it took.
pub(super) struct Finished {
    outcome: Result<BuildReport, BuildError>,
    took: Duration,
}

/// What the rebuild loop listens to and talks to.
pub(super) struct Inputs {
    /// Changes from the watcher.
    pub changes: mpsc::UnboundedReceiver<Change>,
    /// The watcher, to follow source folders that come and go; `None` when
    /// watching failed.
    pub watcher: Option<Watch>,
    /// Where events for the terminal go.
    pub events: mpsc::UnboundedSender<ServeEvent>,
    /// Turns true when the server stops.
    pub stop: signal::Receiver<bool>,
}

/// Runs one build without holding up the async threads.
pub(super) async fn build_once(options: BuildOptions) -> Finished {
    let started = Instant::now();
    let outcome = match tokio::task::spawn_blocking(move || build(&options)).await {
        Ok(outcome) => outcome,
        Err(err) => Err(BuildError::Usage(format!("the build stopped unexpectedly: {err}"))),
    };
    Finished { outcome, took: started.elapsed() }
}

/// Records a finished build in `state`, tells the browsers, and returns what
/// the terminal should hear.
pub(super) fn publish(state: &ServerState, finished: Finished) -> Vec<ServeEvent> {
    match finished.outcome {
        Ok(mut report) => {
            let changed = state.succeeded(report.fingerprints.take());
            vec![ServeEvent::Built { report, took: finished.took, changed: changed.count() }]
        }
        Err(BuildError::Content(problems)) => {
            state.failed(overlay::for_problems(&problems));
            vec![ServeEvent::Failed { problems }]
        }
        Err(other) => {
            let message = other.to_string();
            state.failed(overlay::for_message(&message));
            vec![ServeEvent::Trouble { message }]
        }
    }
}

/// Rebuilds after every burst of changes until the watcher goes or the
/// server stops.
pub(super) async fn run(state: Arc<ServerState>, options: BuildOptions, inputs: Inputs) {
    let Inputs { mut changes, mut watcher, events, mut stop } = inputs;
    loop {
        let burst = tokio::select! {
            burst = watch::next_burst(&mut changes) => match burst {
                Some(burst) => burst,
                None => return,
            },
            _ = stop.wait_for(|stop| *stop) => return,
        };
        // The receiver is gone only when the server stops.
        for message in &burst.errors {
            let _ = events.send(ServeEvent::Trouble { message: format!("watching for changes: {message}") });
        }
        if let Some(watcher) = watcher.as_mut() {
            for err in watcher.refresh(&burst.paths) {
                let _ = events.send(ServeEvent::Trouble { message: format!("watching for changes: {err}") });
            }
        }
        if !burst.needs_build() {
            continue;
        }
        let paths: Vec<PathBuf> =
            burst.paths.iter().map(|p| p.strip_prefix(&options.root).unwrap_or(p).to_path_buf()).collect();
        let _ = events.send(ServeEvent::Changed { paths });
        let finished = build_once(options.clone()).await;
        for event in publish(&state, finished) {
            let _ = events.send(event);
        }
    }
}
