//! `tend init` and `tend new`.

use crate::support::{Site, tend_in};

#[test]
fn init_then_new_post_then_build() {
    let site = Site::new();
    let run = site.tend(&["init", "mysite"]);
    run.ok();
    assert!(run.stderr.contains("created a new site"), "{}", run.stderr);
    let root = site.root().join("mysite");
    assert!(root.join("tend.toml").is_file());
    assert!(root.join("content/posts/hello-world.md").is_file());

    let run = tend_in(&root, &["new", "post", "My title"]);
    run.ok();
    assert!(run.stderr.contains("content/posts/my-title.md"), "{}", run.stderr);
    let text = std::fs::read_to_string(root.join("content/posts/my-title.md")).expect("post");
    let today = jiff::ZonedDateTime::now().date().to_string();
    assert!(text.contains("title: \"My title\""), "{text}");
    assert!(text.contains(&format!("date: {today}")), "{text}");

    tend_in(&root, &["new", "note", "A seed"]).ok();
    assert!(root.join("content/notes/a-seed.md").is_file());

    let run = tend_in(&root, &["build"]);
    run.ok();
    assert!(run.stderr.is_empty() || !run.stderr.contains("warning"), "{}", run.stderr);
    let post = std::fs::read_to_string(root.join("public/posts/my-title/index.html")).expect("built");
    assert!(post.contains("My title"));
    let home = std::fs::read_to_string(root.join("public/index.html")).expect("home");
    assert!(home.contains("href=\"/posts/my-title/\""), "{home}");
}

#[test]
fn init_refuses_a_folder_with_files() {
    let site = Site::with(&[("mysite/notes.txt", "mine")]);
    let run = site.tend(&["init", "mysite"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert!(!site.root().join("mysite/tend.toml").exists());
}

#[test]
fn new_never_overwrites() {
    let site = Site::with(&[("content/posts/hello.md", "mine")]);
    let run = site.tend(&["new", "post", "Hello"]);
    run.expect_code(2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(site.root().join("content/posts/hello.md")).expect("kept"), "mine");
}
