//! Bad input and bad luck: a bug in tend, an interrupted build, a read-only
//! output folder, huge and deeply nested files, template include cycles.
//! Nothing panics its way out, nothing is lost.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Site, page};

#[test]
fn a_bug_names_the_file_and_leaves_the_output_alone() {
    let site = Site::with(&[("content/a.md", &page("title: A", "First")), ("content/b.md", "B")]);
    site.build(&[]).ok();
    let before = site.output("a/index.html");
    site.write("content/a.md", &page("title: A", "Second"));
    let output = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(["build"])
        .current_dir(site.root())
        .env("TEND_DEBUG_PANIC", "content/a.md")
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: tend hit a bug while rendering the Markdown of this file"), "{stderr}");
    assert!(stderr.contains("content/a.md:1:1"), "{stderr}");
    assert_eq!(site.output("a/index.html"), before);
}

#[test]
fn ctrl_c_leaves_the_previous_output_and_no_staging_folder() {
    let site = Site::with(&[("content/a.md", &page("title: A", "First"))]);
    site.build(&[]).ok();
    let before = site.output_files();
    site.write("content/a.md", &page("title: A", "Second"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(["build"])
        .current_dir(site.root())
        .env("TEND_DEBUG_PAUSE_MS", "3000")
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Wait until the staging folder exists, then interrupt.
    let started = Instant::now();
    let staging = || {
        std::fs::read_dir(site.root())
            .expect("read")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains("tend-staging"))
    };
    while !staging() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(staging(), "the build started");
    let pid = child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().expect("kill");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130));
    assert!(!staging(), "staging folder removed");
    assert_eq!(site.output_files(), before);
    assert!(site.output("a/index.html").contains("First"));
}

#[cfg(target_os = "linux")]
#[test]
fn unwritable_output_folder_is_an_error_and_the_old_output_stays() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::with(&[("content/a.md", "A")]);
    let run = if is_root() {
        // Permissions do not stop root; /proc does not take new folders.
        site.build(&["--output", "/proc/tend-output-test"])
    } else {
        let parent = tempfile::tempdir().expect("temp");
        let out = parent.path().join("public");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::set_permissions(parent.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let run = site.build(&["--output", &out.display().to_string()]);
        std::fs::set_permissions(parent.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
        assert!(out.is_dir(), "the old output is still there");
        run
    };
    run.expect_code(3);
    assert!(run.stderr.contains("cannot write the output folder"), "{}", run.stderr);
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn output_in_the_home_folder_is_refused() {
    let home = tempfile::tempdir().expect("temp");
    let site = Site::with(&[("content/a.md", "A")]);
    let output = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(["build", "--output", &home.path().display().to_string(), "--force"])
        .current_dir(site.root())
        .env("HOME", home.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("your home folder"));
}

#[test]
fn deep_nesting_and_big_files_build() {
    let quotes = format!("{}deep quote\n", "> ".repeat(10_000));
    let lists: String = (0..10_000).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
    let big: String = "A line of a long, long file with *emphasis* and `code`.\n\n".repeat(60_000);
    let site = Site::with(&[("content/quotes.md", &quotes), ("content/lists.md", &lists), ("content/big.md", &big)]);
    site.build(&[]).ok();
    assert!(site.output("quotes/index.html").contains("deep quote"));
    assert!(site.output("lists/index.html").contains("item 9999"));
    assert!(site.output("big/index.html").len() > big.len());
}

#[test]
fn template_include_cycle_is_an_error_not_a_crash() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "x")),
        ("templates/page.html", "{% include \"part.html\" %}"),
        ("templates/part.html", "{% include \"page.html\" %}"),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("templates/"), "{}", run.stderr);
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
}

#[test]
fn thousands_of_embeds_stop_at_a_budget_with_one_warning() {
    let many = "![[Leaf]]\n".repeat(3000);
    // Each level embeds the next four times: 4^7 embeds without a budget.
    let mut files = vec![
        ("content/many.md".to_owned(), page("title: Many", &many)),
        ("content/leaf.md".to_owned(), page("title: Leaf", "A leaf.")),
    ];
    for level in 0..7 {
        let next = format!("![[Fan {}]] ", level + 1).repeat(4);
        files.push((format!("content/fan-{level}.md"), page(&format!("title: Fan {level}"), &next)));
    }
    files.push(("content/fan-7.md".to_owned(), page("title: Fan 7", "The end.")));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    let site = Site::with(&files);
    let run = site.build(&[]);
    run.ok();
    // Once for the page of many, and once for each of Fan 0–3 (Fan 3
    // embeds 4 + 16 + 64 + 256 notes; Fan 4 only 84).
    assert_eq!(run.stderr.matches("embeds more than 256 notes").count(), 5, "{}", run.stderr);
    assert!(run.stderr.contains("content/many.md:261:1"), "at the 257th embed: {}", run.stderr);
    let many = site.output("many/index.html");
    assert_eq!(many.matches("class=\"embed\"").count(), 256);
    // Each embed names its note in a link, and so does each link instead
    // of an embed (related notes link to it too).
    assert!(many.matches("<a href=\"/leaf/\">Leaf</a>").count() >= 3000, "the rest are links");
    let fan = site.output("fan-0/index.html");
    assert!(fan.matches("class=\"embed\"").count() <= 256, "a fan-out is capped too");
}
