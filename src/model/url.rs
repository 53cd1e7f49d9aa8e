//! Where the site is served from ([`BaseUrl`]), and joining URL paths: a
//! relative path onto a folder, with `.` and `..` resolved (never above the
//! root) and empty segments dropped.

use serde::Serialize;

/// The address a site is served from: `base_url` in tend.toml, or
/// `--base-url`. Every URL of a site path (`posts/a/`) is made here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    /// The absolute URL with a trailing slash (`https://example.org/blog/`),
    /// or empty when only a path was given.
    pub url: String,
    /// Its path, starting and ending with `/`.
    pub path: String,
}

/// Why a base URL cannot be served from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    /// `https:///path`.
    #[error("base URL `{0}` has no host")]
    NoHost(String),
    /// Neither a URL nor a path.
    #[error("base URL `{0}` must start with https://, http:// or /")]
    NotAUrl(String),
    /// `..`, `?`, `#` or `\` in the path.
    #[error("base URL `{0}` has a path tend cannot serve from")]
    BadPath(String),
}

impl Default for BaseUrl {
    /// The root of an unknown host.
    fn default() -> BaseUrl {
        BaseUrl { url: String::new(), path: "/".to_owned() }
    }
}

impl BaseUrl {
    /// The URL of a site path (`posts/a/`) from the host's root:
    /// `/blog/posts/a/`.
    pub fn local(&self, path: &str) -> String {
        format!("{}{path}", self.path)
    }

    /// The full URL of a site path when the address is known
    /// (`https://example.org/blog/posts/a/`), else its local URL.
    pub fn absolute(&self, path: &str) -> String {
        if self.url.is_empty() { self.local(path) } else { format!("{}{path}", self.url) }
    }

    /// The scheme and host (`https://example.org`), or empty.
    pub fn origin(&self) -> &str {
        self.url.strip_suffix(self.path.as_str()).unwrap_or(&self.url)
    }

    /// Reads an absolute `http(s)://` URL or a path starting with `/`;
    /// empty text is the site at the root of an unknown host.
    pub fn parse(url: &str) -> Result<BaseUrl, BaseUrlError> {
        let url = url.trim();
        if url.is_empty() {
            return Ok(BaseUrl::default());
        }
        let path = if let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(BaseUrlError::NoHost(url.to_owned()));
            }
            &rest[host_end..]
        } else if url.starts_with('/') {
            url
        } else {
            return Err(BaseUrlError::NotAUrl(url.to_owned()));
        };
        let path = path.trim_matches('/');
        if path.split('/').any(|s| s == ".." || s == ".") || path.contains(['?', '#', '\\']) {
            return Err(BaseUrlError::BadPath(url.to_owned()));
        }
        Ok(BaseUrl {
            url: if url.starts_with('/') { String::new() } else { format!("{}/", url.trim_end_matches('/')) },
            path: if path.is_empty() { "/".to_owned() } else { format!("/{path}/") },
        })
    }
}

/// Joins `relative` onto the folder `base` (both `/`-separated) and returns
/// the clean path without leading or trailing `/`. A `relative` that starts
/// with `/` ignores `base`.
pub fn join_path(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let start = if relative.starts_with('/') { "" } else { base };
    for part in start.split('/').chain(relative.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::join_path;

    #[test]
    fn joins() {
        assert_eq!(join_path("posts/a/", "photo.png"), "posts/a/photo.png");
        assert_eq!(join_path("posts/a", "../b/./c/"), "posts/b/c");
        assert_eq!(join_path("posts", "../../../x"), "x");
        assert_eq!(join_path("posts/a", "/root.png"), "root.png");
        assert_eq!(join_path("", ""), "");
    }
}
