//! Rebuilding: one rebuild per burst of changes, run on a blocking thread
//! (the build itself is parallel), one at a time; its outcome goes to the
//! shared state, the browsers and the terminal. Rebuilds are incremental
//! ([`crate::incremental`]): a body edit re-renders only what shows it, and
//! the search index and the social cards are brought up to date once the
//! writer pauses ([`SEARCH_IDLE`]), off the path from a save to the browser.
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
use crate::build::{BuildError, BuildOptions, Report};
use crate::incremental::Session;
use crate::model::Diagnostic;

/// A finished build and how long it took.
pub(super) struct Finished {
    outcome: Result<Report, BuildError>,
    took: Duration,
}

/// How long the sources must stay untouched before the search index is
/// brought up to date after body edits: the refresh reads every page, which
/// takes a while on a big site, and a save during it waits.
const SEARCH_IDLE: Duration = Duration::from_millis(1500);

/// How long changes that keep coming while builds run are folded into one
/// publication before the browsers hear of the builds so far.
const LONGEST_FOLD: Duration = Duration::from_secs(2);

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

/// The site being served: its options and, once made, its session.
pub(super) struct Builder {
    options: BuildOptions,
    session: Option<Session>,
}

impl Builder {
    /// Builds with `options`; nothing is built yet.
    pub(super) fn new(options: BuildOptions) -> Builder {
        Builder { options, session: None }
    }

    /// Builds after `changed` (every file, for `None`) without holding up
    /// the async threads.
    pub(super) async fn build(&mut self, changed: Option<Vec<PathBuf>>) -> Finished {
        let started = Instant::now();
        let session = self.session.take();
        let options = self.options.clone();
        let work = tokio::task::spawn_blocking(move || {
            let mut session = match session {
                Some(session) => session,
                None => Session::new(options)?,
            };
            let outcome = match changed {
                Some(paths) => session.rebuild(&paths),
                None => session.build(),
            };
            Ok::<_, BuildError>((session, outcome))
        });
        let outcome = match work.await {
            Ok(Ok((session, outcome))) => {
                self.session = Some(session);
                outcome.map(|rebuilt| rebuilt.report)
            }
            Ok(Err(error)) => Err(error),
            Err(err) => Err(BuildError::Usage(format!("the build stopped unexpectedly: {err}"))),
        };
        Finished { outcome, took: started.elapsed() }
    }

    /// Brings the search index up to date and draws the social cards (off
    /// the fast path, after the browsers heard of the rebuild); returns the
    /// output's fingerprints when files changed, and the problems met.
    pub(super) async fn refresh_search(&mut self) -> (Option<crate::write::Fingerprints>, Vec<Diagnostic>) {
        let Some(mut session) = self.session.take() else { return (None, Vec::new()) };
        let work = tokio::task::spawn_blocking(move || {
            let mut problems = Vec::new();
            let changed = session.refresh_search().and_then(|mut changed| {
                let cards = session.refresh_cards()?;
                changed.extend(cards.changed);
                problems = cards.problems;
                Ok(changed)
            });
            let fingerprints = session.fingerprints().cloned();
            (session, changed, fingerprints, problems)
        });
        let Ok((session, changed, fingerprints, problems)) = work.await else { return (None, Vec::new()) };
        self.session = Some(session);
        (changed.ok().filter(|c| !c.is_empty()).and(fingerprints), problems)
    }
}

/// Records a finished build in `state`, tells the browsers, and returns what
/// the terminal should hear.
pub(super) fn publish(state: &ServerState, finished: Finished) -> Vec<ServeEvent> {
    match finished.outcome {
        Ok(mut report) => {
            let changed = state.succeeded(report.fingerprints.take());
            vec![ServeEvent::Built { report: Box::new(report), took: finished.took, changed: changed.count() }]
        }
        Err(BuildError::Content(problems)) => {
            let first = !state.has_site();
            state.failed(overlay::for_problems(&problems, first));
            vec![ServeEvent::Failed { problems, first }]
        }
        Err(other) => {
            let message = other.to_string();
            state.failed(overlay::for_message(&message, !state.has_site()));
            vec![ServeEvent::Trouble { message }]
        }
    }
}

/// Builds after `burst`, and again after whatever changed while it was
/// being built (the rest of a save that began the build, or the next
/// save), for up to [`LONGEST_FOLD`]: only the last build is published, so
/// no browser reloads into a half-saved file. `None` when nothing needed a
/// build.
async fn build_bursts(
    mut burst: watch::Burst,
    builder: &mut Builder,
    changes: &mut mpsc::UnboundedReceiver<Change>,
    mut watcher: Option<&mut Watch>,
    events: &mpsc::UnboundedSender<ServeEvent>,
) -> Option<Finished> {
    let started = Instant::now();
    let mut finished = None;
    loop {
        // The receiver is gone only when the server stops.
        for message in &burst.errors {
            let _ = events.send(ServeEvent::Trouble { message: format!("watching for changes: {message}") });
        }
        if let Some(watcher) = watcher.as_deref_mut() {
            for err in watcher.refresh(&burst.paths) {
                let _ = events.send(ServeEvent::Trouble { message: format!("watching for changes: {err}") });
            }
        }
        if burst.needs_build() {
            let root = &builder.options.root;
            let paths = burst.paths.iter().map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()).collect();
            let _ = events.send(ServeEvent::Changed { paths });
            finished = Some(builder.build(Some(burst.paths.into_iter().collect())).await);
        }
        if started.elapsed() > LONGEST_FOLD {
            return finished;
        }
        match watch::pending(changes).await {
            Some(more) => burst = more,
            None => return finished,
        }
    }
}

/// Rebuilds after every burst of changes until the watcher goes or the
/// server stops.
pub(super) async fn run(state: Arc<ServerState>, mut builder: Builder, inputs: Inputs) {
    let Inputs { mut changes, mut watcher, events, mut stop } = inputs;
    // The first build leaves the social cards for the first quiet moment.
    let mut search_due = true;
    loop {
        // Only receiving is raced (it loses nothing when another branch
        // wins); the rest of a burst is gathered after.
        let first = tokio::select! {
            change = changes.recv() => match change {
                Some(change) => Some(change),
                None => return,
            },
            () = tokio::time::sleep(SEARCH_IDLE), if search_due => None,
            _ = stop.wait_for(|stop| *stop) => return,
        };
        let Some(first) = first else {
            // Search results catch up once the writer pauses; pages only
            // fetch the index, so none reloads for it.
            search_due = false;
            let (fingerprints, problems) = builder.refresh_search().await;
            if let Some(fingerprints) = fingerprints {
                state.caught_up(fingerprints);
            }
            if !problems.is_empty() {
                let _ = events.send(ServeEvent::Noticed { problems });
            }
            continue;
        };
        let burst = watch::burst_from(first, &mut changes).await;
        let Some(finished) = build_bursts(burst, &mut builder, &mut changes, watcher.as_mut(), &events).await else {
            continue;
        };
        for event in publish(&state, finished) {
            let _ = events.send(event);
        }
        search_due = true;
    }
}
