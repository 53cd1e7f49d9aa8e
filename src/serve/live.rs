//! The live-reload channel: a server-sent-events stream at
//! [`EVENTS_PATH`], the browser script at [`SCRIPT_PATH`] and the tag that
//! puts that script into served HTML pages (only while serving; built files
//! never hold it).
//!
//! Events, each with a JSON `data` line:
//! - `hello` `{"version", "paths"}` on connecting: a browser whose page is
//!   of another version (it missed a build, or the server restarted)
//!   treats `paths` as after `reload`. The stream's URL names the page's
//!   version (`?since=VERSION`), and `paths` is what the builds since it
//!   changed: `null` for a version this server does not remember;
//! - `reload` `{"version", "paths"}` after a good build. `paths` lists the
//!   URL paths whose bytes changed since the last good build (`/notes/a/`
//!   for `notes/a/index.html`, `/extra.css`; see `changes`), or is `null`
//!   for "everything": the first good build, more than
//!   `changes::MOST_PATHS` files, or a browser that fell behind. A page
//!   reloads when its own path is listed (the script tag's `data-path`,
//!   which is `/404.html` on a missing page, or its address) or a file it
//!   embeds (image, script, font, frame: not one a script fetched); when
//!   only stylesheets it links are listed, it swaps them in place;
//!   otherwise it stays as it is. Every page takes the new version and
//!   hides the overlay;
//! - `problems` `{"html"}` after a failed build (and on connecting while the
//!   last build failed): the page shows the overlay.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use super::changes::Changed;
use super::overlay::escape;
use super::state::{ServerState, Signal};

/// Where the browsers listen for new builds.
pub(super) const EVENTS_PATH: &str = "/__tend/events";
/// Where the live-reload script is served.
pub(super) const SCRIPT_PATH: &str = "/__tend/live-reload.js";
/// The script itself: a real file beside this one.
const SCRIPT: &str = include_str!("live-reload.js");
/// How long a browser waits before reconnecting to a lost stream.
const RETRY: Duration = Duration::from_millis(500);

/// `GET /__tend/live-reload.js`.
pub(super) async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], SCRIPT)
}

/// `GET /__tend/events?since=VERSION`: the stream of build signals, ending
/// when the server stops.
pub(super) async fn events(State(state): State<Arc<ServerState>>, RawQuery(query): RawQuery) -> impl IntoResponse {
    // Versions are plain (hex digits and dashes): nothing to decode.
    let since = query.as_deref().and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("since=")));
    let (signals, outcome, missed) = state.subscribe(since);
    let hello = serde_json::json!({ "version": &*outcome.version, "paths": paths_of(&missed) });
    let mut first = vec![event("hello", &hello).retry(RETRY)];
    if let Some(html) = &outcome.problems {
        first.push(to_event(&Signal::Problems { html: Arc::clone(html) }));
    }
    let later = stream::unfold((signals, state.stop(), state), |(mut signals, mut stop, state)| async move {
        let next = tokio::select! {
            received = signals.recv() => match received {
                Ok(signal) => to_event(&signal),
                // Fell behind: whatever was missed, a reload catches up.
                Err(RecvError::Lagged(_)) => {
                    to_event(&Signal::Reload { version: state.outcome().version, changed: Changed::Everything })
                }
                Err(RecvError::Closed) => return None,
            },
            _ = stop.wait_for(|stop| *stop) => return None,
        };
        Some((next, (signals, stop, state)))
    });
    let all = stream::iter(first).chain(later).map(Ok::<Event, Infallible>);
    Sse::new(all).keep_alive(KeepAlive::default())
}

fn to_event(signal: &Signal) -> Event {
    match signal {
        Signal::Reload { version, changed } => {
            event("reload", &serde_json::json!({ "version": &**version, "paths": paths_of(changed) }))
        }
        Signal::Problems { html } => event("problems", &serde_json::json!({ "html": &**html })),
    }
}

/// The `paths` of an event: `null` for everything.
fn paths_of(changed: &Changed) -> Option<&[String]> {
    match changed {
        Changed::Everything => None,
        Changed::Paths(paths) => Some(paths),
    }
}

fn event(name: &str, data: &serde_json::Value) -> Event {
    // Serialised JSON holds no raw line breaks, which SSE data cannot carry.
    Event::default().event(name).data(data.to_string())
}

/// `html` with the live-reload script tag before its last `</body>` (or at
/// the end when it has none), tagged with the version of the site it was
/// read from and the URL path of the file it is (see `changes::url_path`).
pub(super) fn inject(html: &[u8], version: &str, path: &str) -> Vec<u8> {
    let tag = format!(
        r#"<script src="{SCRIPT_PATH}" data-version="{}" data-path="{}"></script>"#,
        escape(version),
        escape(path)
    );
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).rev().find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::inject;

    #[test]
    fn script_goes_before_the_last_body_end_tag() {
        let page = b"<html><body><p>a</body> text </BODY></html>";
        let out = String::from_utf8(inject(page, "v1", "/a/")).expect("utf-8");
        assert_eq!(
            out,
            r#"<html><body><p>a</body> text <script src="/__tend/live-reload.js" data-version="v1" data-path="/a/"></script></BODY></html>"#
        );
        let out = String::from_utf8(inject(b"<p>fragment", "v2", "/a&b/")).expect("utf-8");
        assert!(out.ends_with(r#"data-version="v2" data-path="/a&amp;b/"></script>"#), "{out}");
    }
}
