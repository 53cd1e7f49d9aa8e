//! `tend deploy`: the output of a successful build sent to where the site
//! is served, a bucket of S3-compatible object storage or an rsync target.
//!
//! For a bucket the deploy is planned before anything is sent: the output
//! folder's files (each with its MD5, the ETag storage gives an object
//! uploaded whole) against the bucket's listing under the prefix. Only new
//! and changed files are uploaded, assets before pages so that no page is
//! served before what it loads, each with its `Content-Type` and a
//! `Cache-Control` (a year and `immutable` for the fingerprinted
//! stylesheets and scripts, revalidation for the rest). Files the site no
//! longer has are deleted only when asked. A dry run plans and stops.
//!
//! Credentials come from the environment (`AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) or the shared credentials
//! file (`~/.aws/credentials`, the profile `AWS_PROFILE` names), never
//! from tend.toml.

mod files;
mod rsync;
mod s3;

use std::path::Path;

pub use files::{LocalFile, cache_control, local_files};
pub use rsync::rsync;
pub use s3::{Remote, RemoteObject};

use crate::model::DeployConfig;

/// Why a deploy could not be done.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// Neither a bucket nor an rsync target is known.
    #[error("tend does not know where to deploy: tend.toml has no [deploy] bucket or rsync, and no --rsync was given")]
    NoDestination,
    /// The settings cannot make a bucket's address.
    #[error("[deploy] in tend.toml does not make a bucket address: {0}")]
    Address(String),
    /// No credentials in the environment or the AWS files.
    #[error(
        "no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add them to ~/.aws/credentials"
    )]
    NoCredentials,
    /// The storage answered with an error.
    #[error("{what}: the storage answered {status}{message}")]
    Refused {
        /// What was asked.
        what: String,
        /// The HTTP status.
        status: u16,
        /// The storage's own words, if any, with a leading separator.
        message: String,
    },
    /// The storage could not be reached.
    #[error("{what}: {reason}")]
    Unreachable {
        /// What was asked.
        what: String,
        /// Why it failed.
        reason: String,
    },
    /// The storage's answer could not be read.
    #[error("{what}: the storage's answer could not be read: {reason}")]
    Answer {
        /// What was asked.
        what: String,
        /// Why it could not be read.
        reason: String,
    },
    /// A file of the output could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// rsync could not be started or failed.
    #[error("{0}")]
    Rsync(String),
}

/// Where a site goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A bucket of S3-compatible storage.
    Bucket(BucketSettings),
    /// An rsync target (`user@host:path`, or a folder).
    Rsync(String),
}

/// A bucket's address, from `[deploy]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketSettings {
    /// The storage's address.
    pub endpoint: String,
    /// The bucket.
    pub bucket: String,
    /// The folder in the bucket (no slashes at either end; may be empty).
    pub prefix: String,
    /// The region requests are signed for.
    pub region: String,
    /// The bucket in the URL's path, not its host.
    pub path_style: bool,
}

/// Where `[deploy]` (or `--rsync`, which wins) sends the site.
pub fn destination(config: &DeployConfig, rsync: Option<&str>) -> Result<Destination, DeployError> {
    if let Some(target) = rsync.or(config.rsync.as_deref()) {
        return Ok(Destination::Rsync(target.to_owned()));
    }
    let Some(bucket) = &config.bucket else { return Err(DeployError::NoDestination) };
    let region = config.region.clone().unwrap_or_else(|| "us-east-1".to_owned());
    let endpoint = config.endpoint.clone().unwrap_or_else(|| format!("https://s3.{region}.amazonaws.com"));
    let on_aws = endpoint.contains(".amazonaws.com");
    Ok(Destination::Bucket(BucketSettings {
        path_style: config.path_style.unwrap_or(!on_aws),
        endpoint,
        bucket: bucket.clone(),
        prefix: config.prefix.clone(),
        region,
    }))
}

/// What a deploy to a bucket will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to upload: new or changed, assets before pages.
    pub uploads: Vec<Upload>,
    /// Keys the site no longer has, deleted when asked.
    pub stale: Vec<String>,
    /// How many files are already there as they are.
    pub unchanged: usize,
}

/// One file to upload.
#[derive(Debug)]
pub struct Upload {
    /// The file.
    pub file: LocalFile,
    /// Whether the bucket has no object of that key yet.
    pub new: bool,
}

/// Compares the output folder's files with the bucket's objects.
pub fn plan(local: Vec<LocalFile>, remote: &[RemoteObject]) -> Plan {
    let by_key: std::collections::HashMap<&str, &RemoteObject> = remote.iter().map(|o| (o.key.as_str(), o)).collect();
    let mut plan = Plan::default();
    let mut kept = std::collections::HashSet::new();
    for file in local {
        kept.insert(file.key.clone());
        match by_key.get(file.key.as_str()) {
            Some(object) if object.etag.as_deref() == Some(file.md5.as_str()) => plan.unchanged += 1,
            Some(_) => plan.uploads.push(Upload { file, new: false }),
            None => plan.uploads.push(Upload { file, new: true }),
        }
    }
    // Pages last: a page is never served before the files it loads.
    plan.uploads.sort_by_key(|u| u.file.content_type.starts_with("text/html"));
    plan.stale = remote.iter().filter(|o| !kept.contains(&o.key)).map(|o| o.key.clone()).collect();
    plan.stale.sort();
    plan
}

/// The key of an output file: the prefix, then its path with `/`.
pub fn key_of(prefix: &str, relative: &Path) -> String {
    let path: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if prefix.is_empty() { path.join("/") } else { format!("{prefix}/{}", path.join("/")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(key: &str, md5: &str, content_type: &'static str) -> LocalFile {
        LocalFile {
            key: key.to_owned(),
            path: key.into(),
            md5: md5.to_owned(),
            size: 1,
            content_type,
            cache_control: "no-cache",
        }
    }

    #[test]
    fn uploads_what_is_new_or_changed_pages_last_and_finds_what_is_stale() {
        let files = vec![
            local("index.html", "aa", "text/html; charset=utf-8"),
            local("style.0a1b2c3d.css", "bb", "text/css; charset=utf-8"),
            local("feed.xml", "cc", "application/xml"),
        ];
        let remote = [
            RemoteObject { key: "index.html".into(), etag: Some("old".into()) },
            RemoteObject { key: "feed.xml".into(), etag: Some("cc".into()) },
            RemoteObject { key: "gone/index.html".into(), etag: Some("dd".into()) },
        ];
        let plan = plan(files, &remote);
        let uploads: Vec<(&str, bool)> = plan.uploads.iter().map(|u| (u.file.key.as_str(), u.new)).collect();
        assert_eq!(uploads, [("style.0a1b2c3d.css", true), ("index.html", false)]);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.stale, ["gone/index.html"]);
    }

    #[test]
    fn rsync_wins_and_aws_is_the_default_storage() {
        let config = DeployConfig { bucket: Some("site".into()), ..DeployConfig::default() };
        let Ok(Destination::Bucket(bucket)) = destination(&config, None) else { panic!("a bucket") };
        assert_eq!(bucket.endpoint, "https://s3.us-east-1.amazonaws.com");
        assert!(!bucket.path_style);
        assert_eq!(destination(&config, Some("me@host:www")).ok(), Some(Destination::Rsync("me@host:www".into())));
        assert!(matches!(destination(&DeployConfig::default(), None), Err(DeployError::NoDestination)));
        assert_eq!(key_of("blog", Path::new("posts/a/index.html")), "blog/posts/a/index.html");
    }
}
