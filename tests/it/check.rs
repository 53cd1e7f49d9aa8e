//! `tend check`: every problem the build would hit plus broken links and
//! anchors, images without alt text, skipped heading levels, empty links and
//! duplicate ids, with file and line, and nothing written.

use crate::support::{Site, page};

fn site_with_problems() -> Site {
    Site::with(&[
        ("content/good.md", &page("title: Good", "## Part one\n\nFine.")),
        (
            "content/bad.md",
            &page(
                "title: Bad",
                "See [nowhere](/no/such/page/) and [a missing part](/good/#part-two).\n\n![](good.png)\n\n![Missing](missing.png)\n\n#### Too deep\n\n[](/good/)\n\n<span id=\"twice\"></span><span id=\"twice\"></span>\n\nAnd [[Not Yet]].",
            ),
        ),
        ("content/good.png", "png"),
        ("content/notes/near.md", "![Beside the note](../good.png)"),
    ])
}

#[test]
fn reports_each_problem_with_file_and_line() {
    let site = site_with_problems();
    let run = site.tend(&["check"]);
    // Broken links and anchors fail a check (issue 18); the rest warn.
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    for (message, place) in [
        ("link to `/no/such/page/`, which the site does not have", "content/bad.md:5:"),
        ("link to `/good/#part-two`, but that page has no `#part-two`", "content/bad.md:5:"),
        ("image `good.png` has no alt text", "content/bad.md:7:"),
        ("link to `missing.png`, which the site does not have", "content/bad.md:9:"),
        ("heading “Too deep” skips from level 1 to level 4", "content/bad.md:11:"),
        ("link to `/good/` has no text", "content/bad.md:13:"),
        ("the id `twice` is used more than once on the page", "content/bad.md:15:"),
        ("link to a missing note `Not Yet`", "content/bad.md:17:"),
    ] {
        let at = stderr.find(message).unwrap_or_else(|| panic!("missing “{message}” in:\n{stderr}"));
        assert!(stderr[at..].contains(place), "{message} at {place}:\n{stderr}");
    }
    assert!(stderr.contains("3 errors, 5 warnings in 1 file"), "{stderr}");
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn deny_warnings_fails_the_check() {
    let site = site_with_problems();
    site.tend(&["check", "--deny", "warnings"]).expect_code(1);
}

#[test]
fn errors_fail_the_check() {
    let site = Site::with(&[("content/a.md", &page("title: A\ndate: 2025-02-30", "x"))]);
    let run = site.tend(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("`date` is not a valid date"), "{}", run.stderr);
}

#[test]
fn json_lines_for_editors() {
    let site = site_with_problems();
    let run = site.tend(&["check", "--format", "json"]);
    run.expect_code(1);
    let mut problems: Vec<serde_json::Value> =
        run.stderr.lines().map(|l| serde_json::from_str(l).expect("a JSON object per line")).collect();
    // The last line sums up.
    let summary = problems.pop().expect("a summary");
    assert_eq!(summary, serde_json::json!({"summary": "check", "ok": false, "errors": 3, "warnings": 5, "files": 1}));
    assert_eq!(problems.len(), 8);
    assert!(problems.iter().all(|p| p["file"] == "content/bad.md"));
    let broken = |p: &&serde_json::Value| {
        p["message"].as_str().is_some_and(|m| m.contains("site does not have") || m.contains("has no `#"))
    };
    assert!(problems.iter().filter(broken).all(|p| p["severity"] == "error"));
    assert!(problems.iter().filter(|p| !broken(p)).all(|p| p["severity"] == "warning"));
    assert!(problems.iter().any(|p| p["line"] == 11 && p["message"].as_str().is_some_and(|m| m.contains("skips"))));
}

#[test]
fn a_clean_site_has_no_problems() {
    let run = crate::support::tend_in(
        &crate::support::example_site(),
        &["check", "--root", &crate::support::example_site().display().to_string()],
    );
    run.ok();
    assert!(run.stderr.contains("no problems found"), "{}", run.stderr);
}

/// A loopback HTTP server for `--external`: `/ok` answers 200, `/gone` 404,
/// `/moved` redirects to `/ok`, `/no-head` refuses HEAD but answers GET,
/// `/slow` answers after three seconds. It counts the requests per path.
struct Remote {
    port: u16,
    hits: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
}

impl Remote {
    fn start() -> Remote {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let hits = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
        let counted = std::sync::Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let counted = std::sync::Arc::clone(&counted);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(&stream);
                    let mut request = String::new();
                    if reader.read_line(&mut request).is_err() {
                        return;
                    }
                    let mut header = String::new();
                    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                        header.clear();
                    }
                    let mut parts = request.split_whitespace();
                    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                    *counted.lock().expect("lock").entry(path.to_owned()).or_insert(0) += 1;
                    let status = match (method, path) {
                        (_, "/ok") => "200 OK",
                        (_, "/moved") => "301 Moved Permanently\r\nLocation: /ok",
                        ("HEAD", "/no-head") => "405 Method Not Allowed",
                        ("GET", "/no-head") => "200 OK",
                        (_, "/slow") => {
                            std::thread::sleep(std::time::Duration::from_secs(3));
                            "200 OK"
                        }
                        _ => "404 Not Found",
                    };
                    let _ = write!(&stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                });
            }
        });
        Remote { port, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().expect("lock").get(path).copied().unwrap_or(0)
    }
}

fn linking_site(remote: &Remote) -> Site {
    let body = format!(
        "Fine: [ok]({}), [moved]({}), [no head]({}).\n\nBroken: [gone]({}).\n\nSlow: [slow]({}).",
        remote.url("/ok"),
        remote.url("/moved"),
        remote.url("/no-head"),
        remote.url("/gone"),
        remote.url("/slow")
    );
    Site::with(&[
        ("content/links.md", &page("title: Links", &body)),
        ("content/again.md", &page("title: Again", &format!("Once more, [gone]({}).", remote.url("/gone")))),
    ])
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let remote = Remote::start();
    let site = linking_site(&remote);
    let cache = tempfile::tempdir().expect("temp dir");
    let env = [("XDG_CACHE_HOME", cache.path().as_os_str())];
    let quiet = site.tend_with_env(&["check"], &env);
    quiet.ok();
    assert_eq!(remote.hits("/ok") + remote.hits("/gone"), 0, "no requests without --external");

    let run = site.tend_with_env(&["check", "--external", "--timeout", "1"], &env);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    let gone = remote.url("/gone");
    for (message, place) in [
        (format!("link to `{gone}` is broken: the server answered 404 (not found)"), "content/links.md:7:16"),
        (format!("link to `{gone}` is broken: the server answered 404 (not found)"), "content/again.md:5:19"),
        (format!("link to `{}` is broken: no answer in time", remote.url("/slow")), "content/links.md:9:14"),
    ] {
        assert!(stderr.contains(&format!("warning: {message}\n --> {place}\n")), "{message} at {place}:\n{stderr}");
    }
    for fine in ["/ok", "/moved", "/no-head"] {
        assert!(!stderr.contains(&format!("{}` is broken", remote.url(fine))), "{fine} reported:\n{stderr}");
    }
    // Each address is asked once, however many pages use it.
    assert_eq!(remote.hits("/gone"), 2, "HEAD, then GET after the 404");
    assert!(stderr.contains("0 errors, 3 warnings in 2 files"), "{stderr}");
    site.tend_with_env(&["check", "--external", "--timeout", "1", "--deny", "warnings"], &env).expect_code(1);
}

#[test]
fn good_answers_are_cached_for_the_next_run() {
    let remote = Remote::start();
    let site = Site::with(&[(
        "content/a.md",
        &page("title: A", &format!("[ok]({}) and [gone]({}).", remote.url("/ok"), remote.url("/gone"))),
    )]);
    let cache = tempfile::tempdir().expect("temp dir");
    let env = [("XDG_CACHE_HOME", cache.path().as_os_str())];
    site.tend_with_env(&["check", "--external"], &env).ok();
    assert_eq!(remote.hits("/ok"), 1);
    assert!(cache.path().join("tend/external-links.json").is_file());
    let again = site.tend_with_env(&["check", "--external"], &env);
    assert_eq!(remote.hits("/ok"), 1, "a good answer is trusted for a day");
    assert!(again.stderr.contains("/gone` is broken"), "a broken link is asked again: {}", again.stderr);
    assert_eq!(remote.hits("/gone"), 4);
    site.tend_with_env(&["check", "--external", "--no-cache"], &env).ok();
    assert_eq!(remote.hits("/ok"), 2, "--no-cache asks again");
}

#[test]
fn external_options_need_external() {
    let site = Site::with(&[("content/a.md", "Text.")]);
    let run = site.tend(&["check", "--timeout", "3"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--external"), "{}", run.stderr);
}

/// Issue 18: found on a public garden, the line of a wikilink's broken
/// heading was the first line mentioning the word; and `<a@b.org>` lost
/// its `mailto:`.
#[test]
fn a_broken_heading_is_reported_where_the_link_names_it_and_mail_links_work() {
    let site = Site::with(&[
        ("content/config.md", "## General\n"),
        (
            "content/guide.md",
            "The layout of this page is simple.\n\nMail <someone@example.org>.\n\nSee the [[config#Layout|layout]] section.\n",
        ),
    ]);
    let run = site.tend(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("content/guide.md:5:"), "{}", run.stderr);
    assert!(!run.stderr.contains("someone@example.org"), "{}", run.stderr);
    site.build(&[]).ok();
    assert!(site.output("guide/index.html").contains(r#"<a href="mailto:someone@example.org">"#));
}
