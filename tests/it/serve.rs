//! `tend serve`: the real binary on a free loopback port, spoken to with a
//! plain HTTP client over `TcpStream` (so request paths go out exactly as
//! written). Every wait is bounded; the server is stopped when a test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::support::{Site, page};

/// How long anything may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running `tend serve`, stopped (SIGTERM, then kill) when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    address: String,
    /// Everything the server printed so far.
    log: Arc<Mutex<String>>,
    /// The server's TMPDIR, so a test can see its temporary output folder.
    temp: TempDir,
}

impl Server {
    /// Starts `tend serve` on `site` (on any free port unless `extra` names
    /// one) and waits for its URL.
    fn start(site: &Site, extra: &[&str]) -> Server {
        let temp = tempfile::tempdir().expect("temp dir");
        let mut args = vec!["serve"];
        if !extra.contains(&"--port") {
            args.extend(["--port", "0"]);
        }
        args.extend_from_slice(extra);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tend"))
            .args(&args)
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .env("TMPDIR", temp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tend serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (lines_tx, lines) = mpsc::channel();
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                shared.lock().expect("log").push_str(&format!("{line}\n"));
                let _ = lines_tx.send(line);
            }
        });
        let mut server = Server { child, address: String::new(), log, temp };
        server.address = server.wait_for_url(&lines);
        server
    }

    fn wait_for_url(&self, lines: &Receiver<String>) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("serving http://") {
                        return rest.split('/').next().expect("address").to_owned();
                    }
                }
                Err(_) => break,
            }
        }
        panic!("tend serve printed no URL:\n{}", self.log());
    }

    fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    /// Waits until the server has printed `text`.
    fn wait_for_log(&self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.log().contains(text) {
            assert!(Instant::now() < deadline, "the server never printed {text:?}:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn port(&self) -> u16 {
        self.address.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port")
    }

    /// Sends a request (`method`, raw path, extra header lines) and reads the
    /// whole response.
    fn request(&self, method: &str, path: &str, headers: &[&str]) -> Response {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.address);
        for header in headers {
            head.push_str(header);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read response");
        Response::parse(&bytes)
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[])
    }

    /// Asks for `path` until its body holds `text`.
    fn wait_for_text(&self, path: &str, text: &str) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let response = self.get(path);
            if response.body.contains(text) {
                return response;
            }
            assert!(Instant::now() < deadline, "{path} never showed {text:?}:\n{}\n{}", response.body, self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the live-reload stream.
    fn events(&self) -> Events {
        self.events_at("/__tend/events")
    }

    /// Opens the live-reload stream as a page of `version` does.
    fn events_since(&self, version: &str) -> Events {
        self.events_at(&format!("/__tend/events?since={version}"))
    }

    fn events_at(&self, path: &str) -> Events {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        let head = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.address);
        stream.write_all(head.as_bytes()).expect("send");
        Events { reader: BufReader::new(stream), log: Arc::clone(&self.log) }
    }

    /// Stops the server as Ctrl-C would and waits for it to exit.
    fn stop(&mut self) -> Option<i32> {
        #[cfg(unix)]
        {
            let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
            let deadline = Instant::now() + PATIENCE;
            while Instant::now() < deadline {
                if let Ok(Some(status)) = self.child.try_wait() {
                    return status.code();
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// A response: status, headers (names lowercased) and body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        Response { status, headers, body: body.to_owned() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The live-reload stream of one browser.
struct Events {
    reader: BufReader<TcpStream>,
    log: Arc<Mutex<String>>,
}

impl Events {
    /// Reads events until one called `name` and returns its data.
    fn next(&mut self, name: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut current = String::new();
        let mut line = String::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
            assert!(!left.is_zero(), "no `{name}` event came:\n{}", self.log.lock().expect("log"));
            self.reader.get_ref().set_read_timeout(Some(left)).expect("timeout");
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream ended before `{name}`"),
                Ok(_) => {}
                Err(err) => panic!("no `{name}` event came ({err}):\n{}", self.log.lock().expect("log")),
            }
            let line = line.trim_end();
            if let Some(event) = line.strip_prefix("event: ") {
                current = event.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ")
                && current == name
            {
                return data.to_owned();
            }
        }
    }
}

fn small_site() -> Site {
    Site::with(&[
        ("tend.toml", "title = \"Serve test\"\n"),
        ("content/a.md", &page("title: First", "The original text.")),
        ("static/extra.css", "body { color: black; }\n"),
    ])
}

#[test]
fn serves_pages_with_the_live_reload_script() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let page = server.get("/a/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(page.body.contains("The original text."), "{}", page.body);
    let script = page.body.find(r#"<script src="/__tend/live-reload.js""#).expect("script injected");
    assert!(script < page.body.rfind("</body>").expect("body end"), "the script goes inside <body>");
    // Links and feeds point at the server.
    assert!(page.body.contains(&format!("http://{}/a/", server.address)), "{}", page.body);

    let js = server.get("/__tend/live-reload.js");
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(js.body.contains("EventSource"));
    let css = server.get("/extra.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("live-reload"), "only HTML gets the script");

    let folder = server.get("/a");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/a/"));
    assert!(!site.root().join("public").exists(), "the served build is private");
}

#[test]
fn a_missing_page_gets_the_sites_404_page() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    assert!(missing.body.contains("/__tend/live-reload.js"), "{}", missing.body);
}

#[test]
fn traversal_never_leaves_the_output_folder() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    // The output folder is TMPDIR/tend-serve-*/site: two levels up is here.
    std::fs::write(server.temp.path().join("secret.txt"), "top secret").expect("write");
    site.write("tend.toml", "title = \"Serve test\"\n# top secret\n");
    for path in [
        "/../tend.toml",
        "/../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/%252e%252e/%252e%252e/secret.txt",
        "/..%5c..%5csecret.txt",
        "/..\\..\\secret.txt",
        "/a/../../../secret.txt",
    ] {
        let response = server.get(path);
        assert!([400, 404].contains(&response.status), "{path}: {}", response.status);
        assert!(!response.body.contains("top secret"), "{path} served the file");
    }
}

#[test]
fn head_and_etag() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let full = server.get("/a/");
    let head = server.request("HEAD", "/a/", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    assert_eq!(head.header("content-length"), Some(full.body.len().to_string().as_str()));
    assert_eq!(head.header("content-type"), Some("text/html; charset=utf-8"));

    let etag = full.header("etag").expect("an ETag");
    let again = server.request("GET", "/a/", &[&format!("If-None-Match: {etag}")]);
    assert_eq!(again.status, 304);
    assert_eq!(again.body, "");
    let other = server.request("GET", "/a/", &["If-None-Match: \"something-else\""]);
    assert_eq!(other.status, 200);
}

#[test]
fn an_edit_is_rebuilt_and_announced() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    events.next("hello");
    site.write("content/a.md", &page("title: First", "The edited text."));
    assert!(events.next("reload").contains("version"));
    server.wait_for_text("/a/", "The edited text.");
    site.write("content/b.md", &page("title: Second", "A new page."));
    server.wait_for_text("/b/", "A new page.");
}

#[test]
fn a_broken_card_template_is_a_warning_once_the_sources_are_quiet() {
    let site = small_site();
    site.write("templates/card.svg", "<svg><rect width=</svg>");
    let server = Server::start(&site, &[]);
    // The cards are drawn after the first build, off the fast path.
    server.wait_for_log("cannot draw the social card of");
    assert!(server.log().contains("templates/card.svg"), "what to fix is named:\n{}", server.log());
}

#[test]
fn a_broken_file_shows_its_problem_and_the_last_good_site_stays() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    events.next("hello");
    site.write("content/a.md", "---\ntitle: \"unclosed\n---\n\nThe broken text.\n");
    let problems = events.next("problems");
    assert!(problems.contains("content/a.md:2:8"), "{problems}");
    assert!(problems.contains("title: &quot;unclosed"), "the snippet, escaped: {problems}");
    // The terminal shows it too.
    server.wait_for_log("content/a.md:2:8");
    let old = server.get("/a/");
    assert_eq!(old.status, 200);
    assert!(old.body.contains("The original text."), "{}", old.body);
    // A browser that opens a page now sees the problem at once.
    let mut late = server.events();
    late.next("hello");
    assert!(late.next("problems").contains("content/a.md:2:8"));

    site.write("content/a.md", &page("title: First", "The fixed text."));
    events.next("reload");
    server.wait_for_text("/a/", "The fixed text.");
}

#[test]
fn a_site_broken_from_the_start_says_there_is_nothing_to_serve_yet() {
    let site = Site::with(&[("content/a.md", "---\ntitle: \"unclosed\n---\n\nThe broken text.\n")]);
    let server = Server::start(&site, &[]);
    server.wait_for_log("content/a.md:2:8");
    server.wait_for_log("nothing to serve until it builds");
    assert!(!server.log().contains("last good version"), "{}", server.log());
    let mut events = server.events();
    events.next("hello");
    let problems = events.next("problems");
    assert!(problems.contains("there is no version of the site to show yet"), "{problems}");

    site.write("content/a.md", &page("title: Fixed", "The fixed text."));
    server.wait_for_text("/a/", "The fixed text.");
}

#[test]
fn the_first_code_block_of_a_site_brings_its_script() {
    let site = Site::with(&[("tend.toml", "copy_button = true"), ("content/a.md", &page("title: A", "No code yet."))]);
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    events.next("hello");
    site.write("content/a.md", &page("title: A", "Now code:\n\n```rust\nfn main() {}\n```\n"));
    server.wait_for_text("/a/", "Now code");
    let html = server.get("/a/").body;
    let start = html.find("src=\"/code.").expect("the page loads the copy button's script") + "src=\"".len();
    let script = &html[start..start + html[start..].find('"').expect("closing quote")];
    assert_eq!(server.get(script).status, 200, "{script}");
}

/// Issue 18: a vault without `content/` is served and watched as it is.
#[test]
fn a_vault_without_content_is_served_and_watched_whole() {
    let site = Site::with(&[
        (".obsidian/app.json", "{}"),
        ("Reading list.md", &page("title: Reading list", "The first text.")),
        ("ideas/Deep idea.md", "An idea."),
    ]);
    let server = Server::start(&site, &[]);
    server.wait_for_log("built ");
    assert!(server.log().contains("from the whole site folder"), "{}", server.log());
    server.wait_for_text("/reading-list/", "The first text.");
    let mut events = server.events();
    events.next("hello");
    site.write("ideas/Deep idea.md", "A deeper idea.");
    events.next("reload");
    server.wait_for_text("/ideas/deep-idea/", "A deeper idea.");
    site.write(".obsidian/workspace.json", "{\"changed\": true}");
    site.write("ideas/Later.md", "Written later.");
    server.wait_for_text("/ideas/later/", "Written later.");
}

/// The URL paths a `reload` event lists (`None` for "everything").
fn changed_paths(data: &str) -> Option<Vec<String>> {
    let data: serde_json::Value = serde_json::from_str(data).expect("JSON data");
    assert!(data["version"].is_string(), "{data}");
    let paths = data["paths"].as_array()?;
    Some(paths.iter().map(|p| p.as_str().expect("a path").to_owned()).collect())
}

#[test]
fn a_stylesheet_change_lists_only_the_stylesheet() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    events.next("hello");
    site.write("static/extra.css", "body { color: green; }\n");
    assert_eq!(changed_paths(&events.next("reload")), Some(vec!["/extra.css".to_owned()]));
    server.wait_for_text("/extra.css", "green");
}

#[test]
fn an_edit_names_the_pages_it_changed_and_no_other() {
    let site = Site::with(&[
        ("tend.toml", "title = \"Serve test\"\n"),
        ("content/notes/alpha.md", &page("title: Alpha", "Alpha grows slowly.")),
        ("content/notes/beta.md", &page("title: Beta", "Beta stands alone.")),
        ("content/about.md", &page("title: About", "About this garden.")),
    ]);
    let server = Server::start(&site, &[]);
    // Each page knows its own path, so it can find itself in the list.
    assert!(server.get("/notes/alpha/").body.contains(r#"data-path="/notes/alpha/""#));
    assert!(server.get("/no/such/page/").body.contains(r#"data-path="/404.html""#));
    let mut events = server.events();
    events.next("hello");
    site.write("content/notes/alpha.md", &page("title: Alpha", "Alpha grows quickly now."));
    let paths = changed_paths(&events.next("reload")).expect("the changed paths are listed");
    assert!(paths.contains(&"/notes/alpha/".to_owned()), "{paths:?}");
    for unrelated in ["/notes/beta/", "/about/", "/404.html"] {
        assert!(!paths.contains(&unrelated.to_owned()), "{unrelated} did not change: {paths:?}");
    }
    server.wait_for_text("/notes/alpha/", "Alpha grows quickly now.");
    // Then the search index and the social cards catch up, off the fast
    // path: only their files.
    let index = changed_paths(&events.next("reload")).expect("the index files are listed");
    assert!(!index.is_empty() && index.iter().all(|p| caught_up(p)), "{index:?}");
    // A save that changes no output changes nothing a browser shows.
    site.write("content/notes/alpha.md", &page("title: Alpha", "Alpha grows quickly now."));
    assert_eq!(changed_paths(&events.next("reload")), Some(Vec::new()));
}

/// The live-reload version a served page carries.
fn version_of(html: &str) -> String {
    let at = html.find("data-version=\"").expect("a live-reload version") + "data-version=\"".len();
    html[at..].split('"').next().expect("closing quote").to_owned()
}

// A page served before builds and connected after them hears what they
// changed, and reloads only if that is itself: it no longer reloads for
// every build it missed.
#[test]
fn a_page_that_missed_builds_hears_what_they_changed() {
    let site = Site::with(&[
        // Nothing for the pause to catch up on, whose build would race the
        // versions read here.
        ("tend.toml", "title = \"Serve test\"\nsearch = false\n[cards]\nenabled = false\n"),
        ("content/notes/alpha.md", &page("title: Alpha", "Alpha grows slowly.")),
        ("content/notes/beta.md", &page("title: Beta", "Beta stands alone.")),
    ]);
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    events.next("hello");
    let old = version_of(&server.get("/notes/beta/").body);
    site.write("content/notes/alpha.md", &page("title: Alpha", "Alpha grows quickly now."));
    events.next("reload");
    server.wait_for_text("/notes/alpha/", "Alpha grows quickly now.");
    let hello = server.events_since(&old).next("hello");
    let missed = changed_paths(&hello).expect("the paths the missed build changed");
    assert!(missed.contains(&"/notes/alpha/".to_owned()), "{missed:?}");
    assert!(!missed.contains(&"/notes/beta/".to_owned()), "{missed:?}");
    // Up to date: nothing missed; another server's version: everything.
    let now = version_of(&server.get("/notes/beta/").body);
    assert_eq!(changed_paths(&server.events_since(&now).next("hello")), Some(Vec::new()));
    assert_eq!(changed_paths(&server.events_since("0-0-1").next("hello")), None);
    assert_eq!(changed_paths(&server.events().next("hello")), None, "no version given");
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let site = small_site();
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let server = Server::start(&site, &["--port", &port.to_string()]);
    assert_ne!(server.port(), port);
    server.wait_for_log(&format!("port {port} is in use"));
    assert_eq!(server.get("/a/").status, 200);
}

#[test]
fn stopping_removes_the_temporary_output() {
    let site = small_site();
    let mut server = Server::start(&site, &[]);
    let made: Vec<_> = std::fs::read_dir(server.temp.path()).expect("read").flatten().collect();
    assert_eq!(made.len(), 1, "one temporary folder");
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    let left: Vec<_> = std::fs::read_dir(server.temp.path()).expect("read").flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_missing_site_folder_is_a_usage_error() {
    let site = Site::new();
    let run = site.tend(&["serve", "--root", "nowhere", "--port", "0"]);
    run.expect_code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn what_serve_writes_after_edits_is_what_build_writes() {
    let site = Site::with(&[
        ("tend.toml", "title = \"Garden\"\n"),
        (
            "content/notes/alpha.md",
            &page("title: Alpha\ntags: [moss]", "Alpha embeds ![[Beta#Part]] and links [[Gamma]]."),
        ),
        ("content/notes/beta.md", &page("title: Beta\ntags: [moss]", "Beta.\n\n## Part\n\nThe part.")),
        ("content/notes/gamma.md", &page("title: Gamma", "Gamma stands alone.")),
        ("static/notes.txt", "plain"),
        // The folder is there from the start (a new folder is a full build).
        ("templates/.gitkeep", ""),
    ]);
    let server = Server::start(&site, &["--timings"]);
    let mut events = server.events();
    events.next("hello");
    // A body edit takes the short way: only the stages it needs.
    site.write(
        "content/notes/beta.md",
        &page("title: Beta\ntags: [moss]", "Beta, edited.\n\n## Part\n\nThe new part."),
    );
    events.next("reload");
    server.wait_for_log("  feeds\n");
    site.write("templates/tag.html", "{% extends \"base.html\" %}{% block content %}{{ tag.name }}{% endblock %}");
    events.next("reload");
    server.wait_for_log("templates loaded");
    site.write("static/notes.txt", "plainer");
    events.next("reload");
    // The search index and the cards catch up once the edits stop.
    let index = changed_paths(&events.next("reload")).expect("the index files are listed");
    assert!(index.iter().all(|p| caught_up(p)), "{index:?}");

    let clean = tempfile::tempdir().expect("temp dir");
    let url = format!("http://{}/", server.address);
    site.tend(&["build", "--base-url", &url, "--output", &clean.path().display().to_string()]).ok();
    let served = std::fs::read_dir(server.temp.path())
        .expect("the server's temporary folder")
        .flatten()
        .map(|e| e.path().join("site"))
        .find(|p| p.is_dir())
        .expect("the served output");
    let (expected, actual) = (crate::support::files(clean.path()), crate::support::files(&served));
    assert_eq!(actual.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
    for (path, bytes) in &expected {
        assert!(
            actual[path] == *bytes,
            "{} differs from a clean build:\n{}\n---\n{}",
            path.display(),
            String::from_utf8_lossy(&actual[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// Whether the output file at URL path `path` is one `tend serve` brings
/// up to date once the sources are quiet: the search index, a social card.
fn caught_up(path: &str) -> bool {
    path.starts_with("/search/") || path.ends_with("/social-card.png")
}
