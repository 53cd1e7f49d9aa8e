//! The dev server behind `tend serve`: build the site into a private temporary
//! folder, serve that folder over HTTP, watch the site's sources, rebuild on
//! every change and tell open browsers which pages changed, so those reload.
//!
//! It reuses [`crate::build()`] as it is; every rebuild is a full build into the
//! same folder, which [`crate::write`](mod@crate::write) replaces atomically, so requests never
//! see a half-written site and a failed rebuild leaves the last good one in
//! place. The parts, in the order [`serve`] uses them:
//!
//! - `listen`: bind the address, moving to the next port when it is taken;
//! - `rebuild`: run a build off the async threads and publish its outcome;
//! - `watch`: file-system events, filtered and gathered into bursts;
//! - `respond` and `path`: answer requests with files from the output
//!   folder and nothing outside it;
//! - `changes`: which URL paths a good rebuild changed, from the
//!   fingerprints of what it wrote;
//! - `live` and `overlay`: the live-reload channel (server-sent events),
//!   its browser script and the error overlay.
//!
//! Invariants: the output folder lies outside the site folder, so the watcher
//! never sees the server's own writes; a request path resolves to a file only
//! if its canonical path lies inside the output folder; the temporary folder
//! is removed when the server stops.

mod changes;
mod listen;
mod live;
mod overlay;
mod path;
mod rebuild;
mod respond;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;
use tokio::sync::mpsc;

use crate::build::{BuildOptions, Report};
use crate::model::Diagnostic;
use crate::write;
use state::ServerState;

/// How long the server waits for open connections and a running build once
/// asked to stop.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on; `127.0.0.1` keeps the site on this machine.
    pub bind: IpAddr,
    /// The port to try first; 0 lets the system pick a free one.
    pub port: u16,
    /// Include drafts and future-dated pages.
    pub drafts: bool,
}

/// Something the person running the server should hear about, in the order
/// it happens.
#[derive(Debug)]
pub enum ServeEvent {
    /// The requested port was taken, so another one is used.
    PortBusy {
        /// The port asked for.
        requested: u16,
        /// The port used instead.
        using: u16,
    },
    /// The server listens on an address other machines can reach.
    Exposed {
        /// The address listened on.
        address: SocketAddr,
    },
    /// The first build is done (or failed) and requests are answered.
    Listening {
        /// The site's URL, such as `http://127.0.0.1:1111/`.
        url: String,
    },
    /// Watched files changed and a rebuild starts.
    Changed {
        /// The changed files, relative to the site folder.
        paths: Vec<PathBuf>,
    },
    /// A build succeeded and browsers were told what it changed.
    Built {
        /// What the build did (boxed: it is far larger than the other
        /// events).
        report: Box<Report>,
        /// How long it took.
        took: Duration,
        /// How many output files differ from the last good build's; `None`
        /// for the first build, or when so many changed that every page
        /// reloads.
        changed: Option<usize>,
    },
    /// A build failed on content or template problems; the last good site
    /// is still served and browsers show the problems.
    Failed {
        /// Every problem found, warnings included.
        problems: Vec<Diagnostic>,
        /// No build has succeeded yet: there is no site to serve.
        first: bool,
    },
    /// Work done once the sources were quiet (the social cards) met
    /// problems; the pages were built and served already.
    Noticed {
        /// The warnings.
        problems: Vec<Diagnostic>,
    },
    /// Something went wrong that is not about the content (the output
    /// folder, the file watcher).
    Trouble {
        /// What went wrong, in one sentence.
        message: String,
    },
    /// Ctrl-C (or SIGTERM) was received; the server stops.
    Stopping,
}

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The site folder does not exist.
    #[error("the site folder {} does not exist", .0.display())]
    NoSite(PathBuf),
    /// The address cannot be listened on (not this machine's, or a port
    /// that needs privileges).
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address tried.
        address: SocketAddr,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The requested port and the next ones are all taken.
    #[error("ports {first} to {last} on {ip} are all in use; pass a free one with --port (0 picks any)")]
    NoFreePort {
        /// The address listened on.
        ip: IpAddr,
        /// The port asked for.
        first: u16,
        /// The last port tried.
        last: u16,
    },
    /// The temporary folder or the async runtime could not be made.
    #[error("cannot start the server: {0}")]
    Io(#[from] std::io::Error),
}

/// Builds the site, serves it and rebuilds on every change until Ctrl-C.
/// `report` hears every [`ServeEvent`]; it is called on this thread only.
pub fn serve(options: &ServeOptions, report: &mut dyn FnMut(ServeEvent)) -> Result<(), ServeError> {
    let root = write::absolute(&options.root);
    if !root.is_dir() {
        return Err(ServeError::NoSite(root));
    }
    // A folder outside the site, so the watcher never sees the builds.
    let temp = tempfile::Builder::new().prefix("tend-serve-").tempdir()?;
    let output = write::absolute(temp.path()).join("site");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = runtime.block_on(run(options, root, output, report));
    // A build still running holds a blocking thread; do not wait for it long.
    runtime.shutdown_timeout(STOP_GRACE);
    if let Err(err) = temp.close() {
        report(ServeEvent::Trouble { message: format!("could not remove the temporary output folder: {err}") });
    }
    result
}

async fn run(
    options: &ServeOptions,
    root: PathBuf,
    output: PathBuf,
    report: &mut dyn FnMut(ServeEvent),
) -> Result<(), ServeError> {
    let (listener, busy) = listen::bind(options.bind, options.port).await?;
    let address = listener.local_addr()?;
    if let Some(requested) = busy {
        report(ServeEvent::PortBusy { requested, using: address.port() });
    }
    if !address.ip().is_loopback() {
        report(ServeEvent::Exposed { address });
    }
    let url = listen::url_for(address);
    let build_options = build_options(options, &root, &output, &url);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let state = Arc::new(ServerState::new(output, stop_rx.clone()));

    let mut builder = rebuild::Builder::new(build_options);
    let first = builder.build(None).await;
    for event in rebuild::publish(&state, first) {
        report(event);
    }

    let (changes_tx, changes_rx) = mpsc::unbounded_channel();
    let watcher = start_watching(&root, changes_tx, report);
    let (events_tx, mut events_rx) = mpsc::unbounded_channel();
    let rebuilds = tokio::spawn(rebuild::run(
        Arc::clone(&state),
        builder,
        rebuild::Inputs { changes: changes_rx, watcher, events: events_tx, stop: stop_rx.clone() },
    ));
    let mut stopped = stop_rx.clone();
    let server = axum::serve(listener, respond::router(Arc::clone(&state)))
        .with_graceful_shutdown(async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        })
        .into_future();
    let mut server = tokio::spawn(server);
    // The signal handlers are in place before anyone is told the URL, so a
    // stop sent right after it is handled, not fatal.
    let signal = stop_signal();
    tokio::pin!(signal);
    // Polling once registers the handlers.
    let _ = futures_util::poll!(&mut signal);
    report(ServeEvent::Listening { url });
    loop {
        tokio::select! {
            Some(event) = events_rx.recv() => report(event),
            () = &mut signal => break,
            ended = &mut server => {
                let message = match ended {
                    Ok(Ok(())) => "the server stopped unexpectedly".to_owned(),
                    Ok(Err(err)) => format!("the server stopped: {err}"),
                    Err(err) => format!("the server stopped: {err}"),
                };
                report(ServeEvent::Trouble { message });
                break;
            }
        }
    }
    report(ServeEvent::Stopping);
    // Live-reload streams and the rebuild loop end when they see this.
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(STOP_GRACE, &mut server).await;
    let _ = tokio::time::timeout(STOP_GRACE, rebuilds).await;
    while let Ok(event) = events_rx.try_recv() {
        report(event);
    }
    Ok(())
}

/// What the server builds: everything a published build writes, at
/// `url`, into `output`, kept ready for rebuilds.
fn build_options(options: &ServeOptions, root: &Path, output: &Path, url: &str) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        drafts: options.drafts,
        base_url: Some(url.to_owned()),
        force: true,
        search: true,
        images: true,
        cards: false,
        fingerprints: true,
        keep_text: true,
    }
}

/// Watches `root`, sending its changes to `changes`; a watcher that cannot
/// start is reported, and the site is served without rebuilds.
fn start_watching(
    root: &Path,
    changes: mpsc::UnboundedSender<watch::Change>,
    report: &mut dyn FnMut(ServeEvent),
) -> Option<watch::Watch> {
    match watch::Watch::start(root, changes) {
        Ok(watcher) => Some(watcher),
        Err(err) => {
            report(ServeEvent::Trouble {
                message: format!(
                    "cannot watch {} for changes ({err}); restart tend serve after editing",
                    root.display()
                ),
            });
            None
        }
    }
}

/// Resolves on Ctrl-C, and on SIGTERM where there is one.
async fn stop_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            // Without a Ctrl-C handler only SIGTERM (or killing) stops us.
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    () = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => interrupt.await,
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}
