//! A bucket of S3-compatible storage: its listing, uploads and deletes.
//! rusty-s3 signs each request and reads the answers; ureq sends them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusty_s3::actions::{DeleteObjectsResponse, ListObjectsV2, ObjectIdentifier};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

use super::{BucketSettings, DeployError, LocalFile, Upload};

/// How long a signed request stays valid.
const SIGNED_FOR: Duration = Duration::from_secs(15 * 60);
/// Uploads in flight at once: they wait on the network, not the cores.
const UPLOADERS: usize = 8;
/// Keys one delete request may name (the storage's limit).
const DELETE_BATCH: usize = 1000;

/// An object in the bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteObject {
    /// Its key.
    pub key: String,
    /// Its ETag without quotes: the MD5 of its bytes when it was uploaded
    /// whole.
    pub etag: Option<String>,
}

/// A bucket, with the credentials to change it.
pub struct Remote {
    agent: ureq::Agent,
    bucket: Bucket,
    credentials: Credentials,
    prefix: String,
}

impl Remote {
    /// The bucket `settings` name, with the credentials of the environment
    /// or the AWS shared credentials file (`AWS_PROFILE`'s profile).
    pub fn connect(settings: &BucketSettings) -> Result<Remote, DeployError> {
        let endpoint: url::Url =
            settings.endpoint.parse().map_err(|e| DeployError::Address(format!("`{}`: {e}", settings.endpoint)))?;
        let style = if settings.path_style { UrlStyle::Path } else { UrlStyle::VirtualHost };
        let bucket = Bucket::new(endpoint, style, settings.bucket.clone(), settings.region.clone())
            .map_err(|e| DeployError::Address(format!("bucket `{}` at {}: {e}", settings.bucket, settings.endpoint)))?;
        let credentials = credentials().ok_or(DeployError::NoCredentials)?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(120)))
            .http_status_as_error(false)
            .user_agent(concat!("tend/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Remote { agent, bucket, credentials, prefix: settings.prefix.clone() })
    }

    /// Every object under the prefix.
    pub fn list(&self) -> Result<Vec<RemoteObject>, DeployError> {
        let what = format!("listing bucket `{}`", self.bucket.name());
        let mut objects = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut action = ListObjectsV2::new(&self.bucket, Some(&self.credentials));
            if !self.prefix.is_empty() {
                action.with_prefix(format!("{}/", self.prefix));
            }
            if let Some(token) = &token {
                action.with_continuation_token(token.clone());
            }
            let url = action.sign(SIGNED_FOR);
            let text = answer(self.agent.get(url.as_str()).call(), &what)?;
            let page = ListObjectsV2::parse_response(&text)
                .map_err(|e| DeployError::Answer { what: what.clone(), reason: e.to_string() })?;
            objects.extend(
                page.contents.into_iter().map(|o| RemoteObject {
                    etag: o.etag.map(|e| e.trim_matches('"').to_ascii_lowercase()),
                    key: o.key,
                }),
            );
            token = page.next_continuation_token;
            if token.is_none() {
                return Ok(objects);
            }
        }
    }

    /// Uploads one file with its media type and cache policy.
    pub fn put(&self, file: &LocalFile) -> Result<(), DeployError> {
        let what = format!("uploading {}", file.key);
        let bytes = std::fs::read(&file.path)
            .map_err(|source| DeployError::Read { path: file.path.display().to_string(), source })?;
        let mut action = self.bucket.put_object(Some(&self.credentials), &file.key);
        action.headers_mut().insert("content-type", file.content_type);
        action.headers_mut().insert("cache-control", file.cache_control);
        let url = action.sign(SIGNED_FOR);
        let request = self
            .agent
            .put(url.as_str())
            .header("content-type", file.content_type)
            .header("cache-control", file.cache_control);
        answer(request.send(&bytes[..]), &what).map(|_| ())
    }

    /// Uploads `uploads` a few at a time, in order of need: every asset
    /// before the first page. `done` hears of each file sent.
    pub fn put_all(&self, uploads: &[Upload], done: &(dyn Fn(&Upload) + Sync)) -> Result<(), DeployError> {
        let pages = uploads.iter().position(|u| u.file.content_type.starts_with("text/html")).unwrap_or(uploads.len());
        let (assets, pages) = uploads.split_at(pages);
        self.put_each(assets, done)?;
        self.put_each(pages, done)
    }

    fn put_each(&self, uploads: &[Upload], done: &(dyn Fn(&Upload) + Sync)) -> Result<(), DeployError> {
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<DeployError>> = Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..UPLOADERS.min(uploads.len()) {
                scope.spawn(|| {
                    while let Some(upload) = uploads.get(next.fetch_add(1, Ordering::Relaxed)) {
                        match self.put(&upload.file) {
                            Ok(()) => done(upload),
                            Err(error) => {
                                failure.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(error);
                                next.store(uploads.len(), Ordering::Relaxed);
                            }
                        }
                    }
                });
            }
        });
        match failure.into_inner().unwrap_or_else(PoisonError::into_inner) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Deletes the objects of `keys`, a thousand to a request.
    pub fn delete(&self, keys: &[String]) -> Result<(), DeployError> {
        for batch in keys.chunks(DELETE_BATCH) {
            let what = format!("deleting {} files", batch.len());
            let objects: Vec<ObjectIdentifier> = batch.iter().map(|k| ObjectIdentifier::new(k.clone())).collect();
            let mut action = self.bucket.delete_objects(Some(&self.credentials), objects.iter());
            action.set_quiet(true);
            let url = action.sign(SIGNED_FOR);
            let (body, md5) = action.body_with_md5();
            let sent = self.agent.post(url.as_str()).header("content-md5", &md5).send(body.as_bytes());
            let text = answer(sent, &what)?;
            // Quiet: the answer names only the keys that could not be
            // deleted, and some storage sends nothing at all then.
            if !text.contains("<Error>") {
                continue;
            }
            let result = DeleteObjectsResponse::parse(&text)
                .map_err(|e| DeployError::Answer { what: what.clone(), reason: e.to_string() })?;
            if let Some(error) = result.errors.first() {
                return Err(DeployError::Answer {
                    what: format!("deleting {}", error.key),
                    reason: format!("{}: {}", error.code, error.message),
                });
            }
        }
        Ok(())
    }
}

/// The credentials of the environment (`AWS_ACCESS_KEY_ID`…), else of
/// the shared credentials file (`~/.aws/credentials`, or the file
/// `AWS_SHARED_CREDENTIALS_FILE` names; the profile `AWS_PROFILE` names,
/// else `default`). Empty values count as none.
fn credentials() -> Option<Credentials> {
    let usable = |found: awscreds::Credentials| match (found.access_key, found.secret_key) {
        (Some(key), Some(secret)) if !key.is_empty() && !secret.is_empty() => {
            Some(match found.session_token.or(found.security_token).filter(|t| !t.is_empty()) {
                Some(token) => Credentials::new_with_token(key, secret, token),
                None => Credentials::new(key, secret),
            })
        }
        _ => None,
    };
    let profile = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
    awscreds::Credentials::from_env()
        .ok()
        .and_then(usable)
        .or_else(|| awscreds::Credentials::from_profile(profile.as_deref()).ok().and_then(usable))
}

/// The body of a successful answer, else the storage's complaint.
fn answer(sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>, what: &str) -> Result<String, DeployError> {
    let mut response = sent.map_err(|e| DeployError::Unreachable { what: what.to_owned(), reason: e.to_string() })?;
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    if (200..300).contains(&status) {
        return Ok(text);
    }
    // S3 errors are `<Error><Code>…</Code><Message>…</Message></Error>`.
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = start + text[start..].find('<')?;
        Some(text[start..end].to_owned())
    };
    let message = match (tag("Code"), tag("Message")) {
        (Some(code), Some(message)) => format!(" ({code}: {message})"),
        (Some(code), None) => format!(" ({code})"),
        _ => String::new(),
    };
    Err(DeployError::Refused { what: what.to_owned(), status, message })
}
