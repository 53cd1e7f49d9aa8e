//! The output folder: replaced atomically, a failed build leaves it as it
//! was, tend only replaces folders it created, and never the site's sources.

use crate::support::{Site, page};

#[test]
fn failed_rebuild_leaves_previous_output_intact() {
    let site = Site::with(&[("content/a.md", &page("title: A", "First version"))]);
    site.build(&[]).ok();
    let before = site.output_files();
    let page_before = site.output("a/index.html");
    site.write("content/a.md", "---\ntitle: A\ndate: 2025-99-99\n---\nSecond version\n");
    site.write("content/b.md", &page("title: B", "New page"));
    site.build(&[]).expect_code(1);
    assert_eq!(site.output_files(), before);
    assert_eq!(site.output("a/index.html"), page_before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("read root")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tend-") && n != ".tend-cache")
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn rebuild_replaces_old_files() {
    let site = Site::with(&[("content/a.md", "A"), ("content/b.md", "B")]);
    site.build(&[]).ok();
    std::fs::remove_file(site.root().join("content/b.md")).expect("rm");
    site.build(&[]).ok();
    assert!(site.has_output("a/index.html"));
    assert!(!site.has_output("b/index.html"), "a removed page disappears from the output");
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_create() {
    let site = Site::with(&[("content/a.md", "A"), ("public/precious.txt", "keep me")]);
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(run.stderr.contains("is not empty and was not created by tend"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(site.output("precious.txt"), "keep me");
}

#[test]
fn force_adopts_the_folder() {
    let site = Site::with(&[("content/a.md", "A"), ("public/old.txt", "old")]);
    site.build(&["--force"]).ok();
    assert!(site.has_output("a/index.html"));
    assert!(site.has_output(".tend-output"));
    site.build(&[]).ok();
}

#[test]
fn empty_existing_folder_is_fine() {
    let site = Site::with(&[("content/a.md", "A")]);
    std::fs::create_dir_all(site.root().join("public")).expect("mkdir");
    site.build(&[]).ok();
}

#[test]
fn refuses_to_write_over_the_sources() {
    let site = Site::with(&[("content/a.md", "A")]);
    for (output, what) in [
        (".", "the site folder itself"),
        ("..", "the site folder itself"),
        ("content", "the content folder"),
        ("content/sub", "the content folder"),
        ("static", "the static folder"),
    ] {
        let run = site.build(&["--output", output]);
        run.expect_code(2);
        assert!(run.stderr.contains(what), "{output}: {}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(site.root().join("content/a.md")).expect("kept"), "A");
}

#[test]
fn refuses_a_file_as_output() {
    let site = Site::with(&[("content/a.md", "A"), ("out", "a file")]);
    site.build(&["--output", "out"]).expect_code(2);
    assert_eq!(std::fs::read_to_string(site.root().join("out")).expect("kept"), "a file");
}

#[test]
fn output_elsewhere() {
    let site = Site::with(&[("content/a.md", "A")]);
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("site");
    site.build(&["--output", &target.display().to_string()]).ok();
    assert!(target.join("a/index.html").is_file());
    assert!(!site.has_output("a/index.html"));
}

#[test]
fn marker_file_is_written() {
    let site = Site::with(&[("content/a.md", "A")]);
    site.build(&[]).ok();
    assert!(site.output(".tend-output").contains("written by tend"));
}

#[test]
fn static_files_are_copied_but_not_the_clutter_folder_tools_leave() {
    let site = Site::with(&[
        ("content/a.md", "A"),
        ("static/.gitkeep", ""),
        ("static/img/.DS_Store", "x"),
        ("static/img/Thumbs.db", "x"),
        ("static/.nojekyll", ""),
        ("static/.well-known/security.txt", "Contact: mailto:a@example.org"),
        ("static/img/a.txt", "a"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(site.has_output(".nojekyll") && site.has_output(".well-known/security.txt"));
    assert!(site.has_output("img/a.txt"));
    for clutter in [".gitkeep", "img/.DS_Store", "img/Thumbs.db"] {
        assert!(!site.has_output(clutter), "{clutter} copied");
    }
    assert!(run.stderr.contains("copied 3 files"), "{}", run.stderr);
}

#[test]
fn the_code_and_video_scripts_are_written_only_for_sites_that_load_them() {
    let scripts = |site: &Site| -> Vec<String> {
        site.output_files().into_iter().filter(|f| f.starts_with("code.") || f.starts_with("video.")).collect()
    };
    let plain = Site::with(&[("content/a.md", "Just words.")]);
    plain.build(&[]).ok();
    assert!(scripts(&plain).is_empty(), "{:?}", scripts(&plain));

    let code = Site::with(&[("tend.toml", "copy_button = true"), ("content/a.md", "```rust\nfn main() {}\n```\n")]);
    code.build(&[]).ok();
    assert_eq!(scripts(&code), ["code.[HASH].js"]);
    let page = code.output("a/index.html");
    let start = page.find("src=\"/code.").expect("the page loads the copy button's script") + "src=\"/".len();
    let name = &page[start..start + page[start..].find('"').expect("closing quote")];
    assert!(code.has_output(name), "{name} is written");

    // The copy button is off by default: code alone loads no script.
    let off = Site::with(&[("content/a.md", "```rust\nfn main() {}\n```\n")]);
    off.build(&[]).ok();
    assert!(scripts(&off).is_empty(), "{:?}", scripts(&off));
}
