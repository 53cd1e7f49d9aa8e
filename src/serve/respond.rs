//! Answering requests: the live-reload routes, and every other `GET` or
//! `HEAD` with a file from the output folder.
//!
//! Files get their content type, an `ETag` (a hash of the bytes sent) and
//! `Cache-Control: no-cache`, so browsers revalidate on every reload and get
//! `304 Not Modified` for what did not change. HTML gets the live-reload
//! script. A missing file gets the site's `404.html` with status 404 (after
//! a second look, as a rebuild may be swapping the folder); a path that
//! tries to leave the output folder gets 400.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use super::changes::url_path;
use super::live::{self, EVENTS_PATH, SCRIPT_PATH};
use super::path::{self, Target};
use super::state::ServerState;
use crate::model::media_type;

/// Shown while no build has succeeded yet (the overlay says why).
const NO_SITE_YET: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>No site yet</title>\
<body><main><h1>No site yet</h1><p>tend has not built this site successfully yet; \
this page reloads when it has.</p></main></body></html>";

/// How long to wait, and how many times, while the output folder is away.
const SWAP_PAUSE: Duration = Duration::from_millis(10);
const SWAP_PAUSES: usize = 5;

/// The server's routes.
pub(super) fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(live::events))
        .route(SCRIPT_PATH, get(live::script))
        .fallback(file)
        .with_state(state)
}

/// Any other request: a file from the output folder.
async fn file(State(state): State<Arc<ServerState>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "only GET and HEAD\n").into_response();
    }
    let root = state.output();
    // Taken before reading, so a page is never labelled newer than it is.
    let version = state.outcome().version;
    // A rebuild swaps the output folder in two renames (the old one aside,
    // the new one in), so a file can be missing for a moment, or vanish
    // between being found and being read. Look again before answering 404:
    // after a pause while the folder is away, at once when it is back.
    let mut looked_again = false;
    for _ in 0..=SWAP_PAUSES {
        match path::resolve(root, uri.path()) {
            Target::File(file) => {
                if let Ok(bytes) = tokio::fs::read(&file).await {
                    return found(root, &file, bytes, &version, &headers);
                }
            }
            Target::AddSlash(location) => {
                return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)], "moved\n").into_response();
            }
            Target::Refused => return (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
            Target::Missing => {}
        }
        if !root.is_dir() {
            tokio::time::sleep(SWAP_PAUSE).await;
        } else if looked_again {
            break;
        } else {
            looked_again = true;
        }
    }
    not_found(root, &version).await
}

/// A file that exists: `200` with its bytes, or `304` when the browser
/// already has them.
fn found(root: &Path, file: &Path, bytes: Vec<u8>, version: &str, request: &HeaderMap) -> Response {
    let body = if media_type(file).starts_with("text/html") {
        live::inject(&bytes, version, &url_path(file.strip_prefix(root).unwrap_or(file)))
    } else {
        bytes
    };
    let etag = etag(&body);
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    if none_match(request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type(file)));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Hyper leaves the body out of answers to HEAD and keeps its length.
    (StatusCode::OK, headers, Body::from(body)).into_response()
}

/// The site's own 404 page with status 404.
async fn not_found(root: &Path, version: &str) -> Response {
    let page = match tokio::fs::read(root.join("404.html")).await {
        Ok(bytes) => bytes,
        Err(_) if !root.is_dir() => NO_SITE_YET.as_bytes().to_vec(),
        Err(_) => b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec(),
    };
    let headers = [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")];
    (StatusCode::NOT_FOUND, headers, live::inject(&page, version, "/404.html")).into_response()
}

/// A strong validator: the first 16 bytes of the body's SHA-256, quoted.
fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks
/// for this header).
fn none_match(request: &HeaderMap, etag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|list| list.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag))
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};

    use super::{etag, none_match};

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let tag = etag(b"hello");
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(value).expect("header"));
            headers
        };
        assert!(none_match(&with(&tag), &tag));
        assert!(none_match(&with(&format!("\"x\", W/{tag}")), &tag));
        assert!(none_match(&with("*"), &tag));
        assert!(!none_match(&with("\"x\""), &tag));
        assert!(!none_match(&HeaderMap::new(), &tag));
    }
}
