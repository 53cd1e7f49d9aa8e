//! `tend deploy`: to a bucket of a real S3-compatible server started here
//! (moto's, installed by `scripts/test-services`), and with rsync to a
//! local folder.

use std::ffi::OsStr;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

use crate::support::{Run, Site, page};

/// A local S3-compatible server, stopped when dropped.
struct S3Server {
    child: Child,
    endpoint: String,
}

impl S3Server {
    /// Starts the server `TEND_S3_SERVER` names (else the one
    /// `scripts/test-services` installs) with one empty bucket, `site`.
    fn start() -> S3Server {
        let program = std::env::var_os("TEND_S3_SERVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/s3-server/bin/moto_server"));
        assert!(
            program.exists(),
            "no local S3 server at {}: run `bash scripts/test-services` (scripts/test does) or set TEND_S3_SERVER",
            program.display()
        );
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the S3 server");
        let server = S3Server { child, endpoint: format!("http://127.0.0.1:{port}") };
        let started = Instant::now();
        while ureq::get(&server.endpoint).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the S3 server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let create = server.bucket().create_bucket(&credentials()).sign(Duration::from_secs(60));
        ureq::put(create.as_str()).send_empty().expect("create the bucket");
        server
    }

    fn bucket(&self) -> Bucket {
        Bucket::new(self.endpoint.parse().expect("a URL"), UrlStyle::Path, "site", "us-east-1").expect("a bucket")
    }

    /// Every key in the bucket, sorted.
    fn keys(&self) -> Vec<String> {
        let bucket = self.bucket();
        let url = bucket.list_objects_v2(Some(&credentials())).sign(Duration::from_secs(60));
        let text = ureq::get(url.as_str()).call().expect("list").body_mut().read_to_string().expect("text");
        let mut keys: Vec<String> = rusty_s3::actions::ListObjectsV2::parse_response(&text)
            .expect("a listing")
            .contents
            .into_iter()
            .map(|o| o.key)
            .collect();
        keys.sort();
        keys
    }

    /// An object's `Content-Type` and `Cache-Control`.
    fn headers(&self, key: &str) -> (String, String) {
        let bucket = self.bucket();
        let url = bucket.head_object(Some(&credentials()), key).sign(Duration::from_secs(60));
        let response = ureq::head(url.as_str()).call().unwrap_or_else(|e| panic!("{key}: {e}"));
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        (header("content-type"), header("cache-control"))
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn credentials() -> Credentials {
    Credentials::new("test-key", "test-secret")
}

fn site(server: &S3Server) -> Site {
    Site::with(&[
        (
            "tend.toml",
            &format!(
                "title = \"Shipped\"\n\n[deploy]\nbucket = \"site\"\nendpoint = \"{}\"\nprefix = \"blog\"\n",
                server.endpoint
            ),
        ),
        ("content/posts/first.md", &page("title: First\ndate: 2026-01-02", "A post.")),
        ("content/about.md", &page("title: About", "Me.")),
    ])
}

fn deploy(site: &Site, args: &[&str]) -> Run {
    let mut all = vec!["deploy"];
    all.extend_from_slice(args);
    let env: [(&str, &OsStr); 3] = [
        ("AWS_ACCESS_KEY_ID", OsStr::new("test-key")),
        ("AWS_SECRET_ACCESS_KEY", OsStr::new("test-secret")),
        ("AWS_PROFILE", OsStr::new("")),
    ];
    site.tend_with_env(&all, &env)
}

#[test]
fn a_deploy_sends_only_what_changed_with_types_and_cache_headers() {
    let server = S3Server::start();
    let site = site(&server);

    let dry = deploy(&site, &["--dry-run"]);
    dry.ok();
    assert!(dry.stderr.contains("would upload blog/posts/first/index.html (new, text/html"), "{}", dry.stderr);
    assert!(dry.stderr.contains("nothing was sent"), "{}", dry.stderr);
    assert!(server.keys().is_empty(), "a dry run sends nothing");

    let first = deploy(&site, &[]);
    first.ok();
    let keys = server.keys();
    for key in
        ["blog/index.html", "blog/posts/first/index.html", "blog/about/index.html", "blog/feed.xml", "blog/sitemap.xml"]
    {
        assert!(keys.iter().any(|k| k == key), "{key}: {keys:?}");
    }
    assert!(!keys.iter().any(|k| k.ends_with(".tend-output")), "{keys:?}");
    let revalidate = "public, max-age=0, must-revalidate";
    assert_eq!(server.headers("blog/index.html"), ("text/html; charset=utf-8".to_owned(), revalidate.to_owned()));
    assert_eq!(server.headers("blog/feed.xml"), ("application/xml".to_owned(), revalidate.to_owned()));
    let style = keys.iter().find(|k| k.starts_with("blog/style.") && k.ends_with(".css")).expect("the stylesheet");
    assert_eq!(
        server.headers(style),
        ("text/css; charset=utf-8".to_owned(), "public, max-age=31536000, immutable".to_owned())
    );

    // Nothing changed: nothing is sent.
    let again = deploy(&site, &[]);
    again.ok();
    assert!(again.stderr.contains("uploaded 0 files"), "{}", again.stderr);

    // One page edited: it and the lists that show it, not the others.
    site.write("content/posts/first.md", &page("title: First\ndate: 2026-01-02", "A post, longer now."));
    let edited = deploy(&site, &[]);
    edited.ok();
    assert!(edited.stderr.contains("uploaded blog/posts/first/index.html\n"), "{}", edited.stderr);
    assert!(!edited.stderr.contains("uploaded blog/about/index.html"), "{}", edited.stderr);
}

#[test]
fn files_the_site_no_longer_has_are_deleted_only_with_delete() {
    let server = S3Server::start();
    let site = site(&server);
    deploy(&site, &[]).ok();
    std::fs::remove_file(site.root().join("content/about.md")).expect("remove a page");

    let kept = deploy(&site, &[]);
    kept.ok();
    assert!(kept.stderr.contains("no longer has kept (deploy with --delete to remove them)"), "{}", kept.stderr);
    assert!(server.keys().contains(&"blog/about/index.html".to_owned()));

    let dry = deploy(&site, &["--delete", "--dry-run"]);
    assert!(dry.stderr.contains("would delete blog/about/index.html"), "{}", dry.stderr);
    assert!(server.keys().contains(&"blog/about/index.html".to_owned()), "a dry run deletes nothing");

    let deleted = deploy(&site, &["--delete"]);
    deleted.ok();
    assert!(deleted.stderr.contains("deleted blog/about/index.html"), "{}", deleted.stderr);
    assert!(!server.keys().iter().any(|k| k.starts_with("blog/about/")), "{:?}", server.keys());
    assert!(server.keys().contains(&"blog/posts/first/index.html".to_owned()));
}

#[test]
fn a_failed_build_deploys_nothing() {
    let server = S3Server::start();
    let site = site(&server);
    site.write("content/broken.md", "---\ntitle: [unclosed\n---\nText.");
    let run = deploy(&site, &[]);
    run.expect_code(1);
    assert!(run.stderr.contains("nothing was deployed"), "{}", run.stderr);
    assert!(server.keys().is_empty());
}

#[test]
fn credentials_come_from_the_environment_or_the_aws_files_never_tend_toml() {
    let server = S3Server::start();
    let site = site(&server);
    let home = tempfile::tempdir().expect("a home");
    let nowhere = home.path().join("none");
    let without: [(&str, &OsStr); 5] = [
        ("AWS_ACCESS_KEY_ID", OsStr::new("")),
        ("AWS_SECRET_ACCESS_KEY", OsStr::new("")),
        ("AWS_PROFILE", OsStr::new("")),
        ("AWS_SHARED_CREDENTIALS_FILE", nowhere.as_os_str()),
        ("HOME", home.path().as_os_str()),
    ];
    let run = site.tend_with_env(&["deploy"], &without);
    run.expect_code(2);
    assert!(run.stderr.contains("no credentials for the bucket: set AWS_ACCESS_KEY_ID"), "{}", run.stderr);
    assert!(!site.root().join("public").exists(), "nothing is built when it cannot be sent");

    // A profile of the shared credentials file.
    let file = home.path().join("credentials");
    std::fs::write(&file, "[site]\naws_access_key_id = test-key\naws_secret_access_key = test-secret\n")
        .expect("write");
    let with_file: [(&str, &OsStr); 4] = [
        ("AWS_ACCESS_KEY_ID", OsStr::new("")),
        ("AWS_SECRET_ACCESS_KEY", OsStr::new("")),
        ("AWS_PROFILE", OsStr::new("site")),
        ("AWS_SHARED_CREDENTIALS_FILE", file.as_os_str()),
    ];
    site.tend_with_env(&["deploy"], &with_file).ok();
    assert!(server.keys().contains(&"blog/index.html".to_owned()));

    // A key in tend.toml is refused: the file is usually in git.
    let toml = std::fs::read_to_string(site.root().join("tend.toml")).expect("read");
    site.write("tend.toml", &format!("{toml}secret_access_key = \"abc\"\n"));
    let refused = deploy(&site, &[]);
    refused.expect_code(1);
    assert!(
        refused.stderr.contains("`secret_access_key` in [deploy]: tend never reads credentials from tend.toml"),
        "{}",
        refused.stderr
    );
}

#[test]
fn without_a_destination_deploy_says_what_to_add() {
    let site = Site::with(&[("content/a.md", &page("title: A", "Text."))]);
    let run = site.tend(&["deploy"]);
    run.expect_code(2);
    assert!(run.stderr.contains("tend does not know where to deploy"), "{}", run.stderr);
    assert!(run.stderr.contains("--rsync user@host:path"), "{}", run.stderr);
}

#[test]
fn rsync_copies_changed_files_to_a_folder_and_deletes_only_when_asked() {
    let site = Site::with(&[
        ("content/posts/first.md", &page("title: First\ndate: 2026-01-02", "A post.")),
        ("content/about.md", &page("title: About", "Me.")),
    ]);
    let target = tempfile::tempdir().expect("a target");
    let www = target.path().join("www");
    let to = format!("{}/", www.display());

    let dry = site.tend(&["deploy", "--rsync", &to, "--dry-run"]);
    dry.ok();
    assert!(dry.stderr.contains("dry run: rsync would change"), "{}", dry.stderr);
    assert!(!www.join("index.html").exists(), "a dry run copies nothing");

    site.tend(&["deploy", "--rsync", &to]).ok();
    assert!(www.join("posts/first/index.html").exists());
    assert!(!www.join(".tend-output").exists());

    std::fs::write(www.join("stale.txt"), "old").expect("a stale file");
    site.write("content/posts/first.md", &page("title: First\ndate: 2026-01-02", "A post, longer now."));
    let edited = site.tend(&["deploy", "--rsync", &to]);
    edited.ok();
    assert!(edited.stderr.contains("posts/first/index.html"), "{}", edited.stderr);
    assert!(!edited.stderr.contains("about/index.html"), "unchanged bytes are not sent: {}", edited.stderr);
    assert!(www.join("stale.txt").exists(), "kept without --delete");

    let deleted = site.tend(&["deploy", "--rsync", &to, "--delete"]);
    deleted.ok();
    assert!(deleted.stderr.contains("*deleting   stale.txt"), "{}", deleted.stderr);
    assert!(!www.join("stale.txt").exists());
}
