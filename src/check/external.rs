//! `tend check --external`: does each link that leaves the site still lead
//! somewhere? Every address is asked once, however many pages use it, by a
//! bounded pool of workers, each request with a time limit. Addresses that
//! answered well are remembered for a day in a cache file, so a second run
//! soon after asks only about the ones that failed or are new.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How to check external links.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// The longest wait for one address to answer.
    pub timeout: Duration,
    /// How many addresses are asked at once.
    pub concurrency: usize,
    /// The cache file; `None` keeps nothing between runs.
    pub cache: Option<PathBuf>,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions { timeout: Duration::from_secs(10), concurrency: 8, cache: default_cache() }
    }
}

/// How long a good answer is trusted.
const CACHE_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// `$XDG_CACHE_HOME/tend/external-links.json`, else under `~/.cache`; kept
/// out of the site folder so nothing appears among the writer's files.
pub fn default_cache() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("tend").join("external-links.json"))
}

/// Whether `href` leaves the site over HTTP(S), so that it can be checked.
pub(super) fn is_external(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Asks every address in `urls` (each once) and returns why each broken
/// one is broken. Addresses not in the result are fine (or were fine less
/// than a day ago).
pub(super) fn check_urls(urls: &[String], options: &ExternalOptions) -> BTreeMap<String, String> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let mut cache = options.cache.as_deref().map(read_cache).unwrap_or_default();
    cache.retain(|_, checked| now.saturating_sub(*checked) < CACHE_FOR.as_secs());
    let mut queue: Vec<&str> = urls.iter().map(String::as_str).filter(|url| !cache.contains_key(*url)).collect();
    queue.sort_unstable();
    queue.dedup();
    let agent = agent(options.timeout);
    let queue = Mutex::new(queue);
    let answers: Mutex<Vec<(String, Result<(), String>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.max(1) {
            scope.spawn(|| {
                while let Some(url) = queue.lock().ok().and_then(|mut q| q.pop()) {
                    let answer = ask(&agent, url);
                    if let Ok(mut answers) = answers.lock() {
                        answers.push((url.to_owned(), answer));
                    }
                }
            });
        }
    });
    let mut broken = BTreeMap::new();
    for (url, answer) in answers.into_inner().unwrap_or_default() {
        match answer {
            Ok(()) => {
                cache.insert(url, now);
            }
            Err(why) => {
                broken.insert(url, why);
            }
        }
    }
    if let Some(path) = &options.cache {
        // A cache that cannot be written only makes the next run slower.
        let _ = write_cache(path, &cache);
    }
    broken
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("tend-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// One address: a HEAD request, and a GET when the server does not answer
/// HEAD properly. Any 2xx (after redirects) is fine, and so is 429 (the
/// server is busy, not the link broken).
fn ask(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let status = match agent.head(url).call() {
        Ok(response) if matches!(response.status().as_u16(), 403 | 404 | 405 | 501) => get(agent, url)?,
        Ok(response) => response.status().as_u16(),
        Err(ureq::Error::Timeout(_)) => return Err("no answer in time".to_owned()),
        Err(_) => get(agent, url)?,
    };
    match status {
        200..=299 | 429 => Ok(()),
        status => Err(format!("the server answered {status}{}", reason(status))),
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    match agent.get(url).call() {
        Ok(response) => Ok(response.status().as_u16()),
        Err(ureq::Error::Timeout(_)) => Err("no answer in time".to_owned()),
        Err(ureq::Error::HostNotFound) => Err("the host name is not known".to_owned()),
        Err(ureq::Error::ConnectionFailed) => Err("the server could not be reached".to_owned()),
        Err(ureq::Error::TooManyRedirects) => Err("it redirects too many times".to_owned()),
        Err(other) => Err(other.to_string()),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => " (bad request)",
        401 => " (login required)",
        403 => " (forbidden)",
        404 => " (not found)",
        410 => " (gone)",
        500 => " (server error)",
        502 => " (bad gateway)",
        503 => " (unavailable)",
        _ => "",
    }
}

fn read_cache(path: &Path) -> HashMap<String, u64> {
    std::fs::read_to_string(path).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

fn write_cache(path: &Path, cache: &HashMap<String, u64>) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let sorted: BTreeMap<&String, &u64> = cache.iter().collect();
    let text = serde_json::to_string_pretty(&sorted).map_err(std::io::Error::other)?;
    // Written aside and renamed, so a crash never leaves half a file.
    let temp = path.with_extension("json.tmp");
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

#[cfg(test)]
mod tests {
    use super::is_external;

    #[test]
    fn only_http_links_are_external() {
        assert!(is_external("https://example.org/"));
        assert!(is_external("HTTP://example.org"));
        assert!(!is_external("mailto:a@example.org"));
        assert!(!is_external("/notes/a/"));
        assert!(!is_external("ftp://example.org/"));
    }
}
