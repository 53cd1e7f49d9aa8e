//! Page bundles, static files and other assets.

use crate::support::{Site, page};

#[test]
fn bundle_assets_are_copied_beside_the_page() {
    let site = Site::with(&[
        ("content/posts/walk/index.md", &page("title: Walk\ndate: 2025-01-01", "![Boats](harbour.svg)")),
        ("content/posts/walk/harbour.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("content/posts/walk/extra/data.csv", "a,b\n"),
    ]);
    site.build(&[]).ok();
    assert!(site.output("posts/walk/index.html").contains("<img src=\"harbour.svg\""));
    assert_eq!(site.output("posts/walk/harbour.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_eq!(site.output("posts/walk/extra/data.csv"), "a,b\n");
}

#[test]
fn bundle_with_custom_slug_takes_its_assets_along() {
    let site = Site::with(&[
        ("content/posts/walk/index.md", &page("title: Walk\nslug: harbour-walk", "Text")),
        ("content/posts/walk/a.txt", "A"),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("posts/harbour-walk/a.txt"), "A");
}

#[test]
fn static_files_are_copied_verbatim() {
    let site = Site::with(&[
        ("content/a.md", "Text"),
        ("static/robots-extra.txt", "hello"),
        ("static/img/logo.svg", "<svg/>"),
        ("static/.well-known/security.txt", "contact"),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("robots-extra.txt"), "hello");
    assert_eq!(site.output("img/logo.svg"), "<svg/>");
    assert_eq!(site.output(".well-known/security.txt"), "contact");
}

#[test]
fn loose_content_assets_are_copied_to_their_section() {
    let site = Site::with(&[("content/notes/a.md", "Text"), ("content/notes/diagram.png", "PNG")]);
    site.build(&[]).ok();
    assert_eq!(site.output("notes/diagram.png"), "PNG");
}

#[test]
fn symlinks_inside_the_site_are_followed_and_others_skipped() {
    let outside = tempfile::tempdir().expect("temp");
    std::fs::write(outside.path().join("secret.md"), "secret").expect("write");
    let site = Site::with(&[("content/a.md", "A"), ("shared/b.md", "B")]);
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, site.root().join("content").join(name)).expect("symlink");
    };
    link(&site.root().join("shared"), "shared");
    link(&outside.path().join("secret.md"), "secret.md");
    link(&site.root().join("content"), "loop");
    let run = site.build(&[]);
    run.ok();
    assert!(site.has_output("shared/b/index.html"), "{}", run.stderr);
    assert!(!site.has_output("secret/index.html"));
    assert!(run.stderr.contains("skipped a symbolic link that points outside the site"), "{}", run.stderr);
    assert!(run.stderr.contains("content/secret.md"), "{}", run.stderr);
}

#[test]
fn local_images_get_their_width_and_height() {
    let png = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0x02, 0x80, 0, 0,
        0x01, 0xE0, 8, 2, 0, 0, 0,
    ];
    let site = Site::with(&[
        (
            "content/posts/walk/index.md",
            "![Boats](harbour.svg)\n\n![Logo](/img/logo.png)\n\n![[harbour.svg|200]]\n\n![Far](https://example.org/x.png)",
        ),
        ("content/posts/walk/harbour.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 500\"></svg>"),
    ]);
    site.write_bytes("static/img/logo.png", &png);
    site.build(&["--base-url", "https://example.org/blog/"]).ok();
    let html = site.output("posts/walk/index.html");
    assert!(html.contains("<img src=\"harbour.svg\" alt=\"Boats\" width=\"800\" height=\"500\""), "{html}");
    assert!(html.contains("<img src=\"/blog/img/logo.png\" alt=\"Logo\" width=\"640\" height=\"480\""), "{html}");
    assert!(html.contains("width=\"200\" height=\"125\""), "height follows the aspect ratio: {html}");
    assert!(html.contains("<img src=\"https://example.org/x.png\" alt=\"Far\" loading=\"lazy\""), "{html}");
}

#[test]
fn relative_urls_in_a_note_point_at_files_beside_its_source() {
    let site = Site::with(&[
        ("content/notes/a.md", "![Map](map.svg) and [the data](data/points.csv) and ![Up](../top.png)"),
        ("content/notes/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 20\"/>"),
        ("content/notes/data/points.csv", "1,2"),
        ("content/top.png", "png"),
    ]);
    site.build(&[]).ok();
    let html = site.output("notes/a/index.html");
    assert!(html.contains("<img src=\"/notes/map.svg\" alt=\"Map\" width=\"10\" height=\"20\""), "{html}");
    assert!(html.contains("<a href=\"/notes/data/points.csv\">the data</a>"), "{html}");
    assert!(html.contains("<img src=\"/top.png\" alt=\"Up\""), "{html}");
    assert_eq!(site.output("notes/data/points.csv"), "1,2");
}
