//! Social cards: a 1200×630 PNG for the home page, each page and each
//! section, named in `og:image`; drawn once per content and kept in the
//! cache; laid out by a template a site can replace; off with `[cards]`;
//! and under `tend serve`, drawn once the sources are quiet.

use std::path::Path;

use image::RgbImage;
use tend::build::Silent;
use tend::incremental::Session;
use tend::{BuildOptions, build};

use crate::support::{Site, files, page};

const CONFIG: &str = "title = \"A Garden of Notes\"\ndescription = \"Essays and notes, tended in public.\"\nbase_url = \"https://example.org/\"\n";

fn site() -> Site {
    Site::with(&[
        ("tend.toml", CONFIG),
        (
            "content/posts/growing.md",
            &page(
                "title: How a small garden of notes grew into a website\ndate: 2026-12-06\ntags: [gardening, writing]\nseries: Growing\nstatus: budding",
                "Text.",
            ),
        ),
        ("content/posts/cover.md", &page("title: With a cover\nimage: /cover.jpg", "Text.")),
        // Markup characters in a title are text on its card.
        ("content/about.md", &page("title: \"About <T> & me\"", "About me.")),
    ])
}

/// An output PNG, decoded.
fn picture(site: &Site, path: &str) -> RgbImage {
    let bytes = std::fs::read(site.root().join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(image::guess_format(&bytes).expect("a format"), image::ImageFormat::Png, "{path}");
    image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path}: {e}")).to_rgb8()
}

#[test]
fn the_home_page_each_page_and_each_section_get_a_card_named_in_their_head() {
    let site = site();
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("social cards: 4 drawn, 0 reused from the cache"), "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    for path in ["social-card.png", "posts/social-card.png", "posts/growing/social-card.png", "about/social-card.png"] {
        let card = picture(&site, path);
        assert_eq!(card.dimensions(), (1200, 630), "{path}");
    }
    assert!(!site.has_output("posts/cover/social-card.png"), "a page's own image wins");
    let post = site.output("posts/growing/index.html");
    for meta in [
        "<meta property=\"og:image\" content=\"https://example.org/posts/growing/social-card.png\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:height\" content=\"630\">",
        "<meta property=\"og:image:alt\" content=\"How a small garden of notes grew into a website\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    ] {
        assert!(post.contains(meta), "{meta}\n{post}");
    }
    let cover = site.output("posts/cover/index.html");
    assert!(cover.contains("<meta property=\"og:image\" content=\"https://example.org/cover.jpg\">"), "{cover}");
    assert!(!cover.contains("og:image:width"), "the writer's image has no size tend knows");
    let section = site.output("posts/index.html");
    assert!(section.contains("content=\"https://example.org/posts/social-card.png\""), "{section}");
    // Pages without a card of their own show the site's.
    let tag = site.output("tags/gardening/index.html");
    assert!(tag.contains("<meta property=\"og:image\" content=\"https://example.org/social-card.png\">"), "{tag}");
    assert_eq!(site.output("index.html").matches("property=\"og:image\"").count(), 1);
}

#[test]
fn a_card_is_drawn_once_until_its_page_changes() {
    let site = site();
    site.build(&[]).ok();
    let first = std::fs::read(site.root().join("public/posts/growing/social-card.png")).expect("card");
    let run = site.build(&[]);
    assert!(run.ok().stderr.contains("social cards: 0 drawn, 4 reused from the cache"), "{}", run.stderr);
    site.write(
        "content/posts/growing.md",
        &page("title: A new title\ndate: 2026-12-06\ntags: [gardening, writing]", "Text."),
    );
    let run = site.build(&[]);
    assert!(run.ok().stderr.contains("social cards: 1 drawn, 3 reused from the cache"), "{}", run.stderr);
    let second = std::fs::read(site.root().join("public/posts/growing/social-card.png")).expect("card");
    assert_ne!(first, second, "the new title is on the card");
    let cached = std::fs::read_dir(site.root().join(".tend-cache/cards")).expect("the cache").count();
    assert_eq!(cached, 5, "both versions of the edited card are kept, nothing half-written");
}

#[test]
fn cards_can_be_turned_off_and_a_wrong_setting_is_an_error_at_its_line() {
    let site = site();
    site.write("tend.toml", &format!("{CONFIG}\n[cards]\nenabled = false\n"));
    let run = site.build(&[]);
    assert!(!run.ok().stderr.contains("social cards"), "{}", run.stderr);
    assert!(!site.output_files().iter().any(|f| f.ends_with("social-card.png")));
    let post = site.output("posts/growing/index.html");
    assert!(post.contains("<meta name=\"twitter:card\" content=\"summary\">") && !post.contains("og:image"), "{post}");
    site.write("tend.toml", &format!("{CONFIG}\n[cards]\nenabled = \"no\"\ntempalte = \"x.svg\"\n"));
    let run = site.build(&[]);
    let stderr = run.expect_code(1).stderr_redacted(&site);
    assert!(stderr.contains("`enabled` in [cards] of tend.toml must be true or false"), "{stderr}");
    assert!(stderr.contains("tend.toml:6"), "{stderr}");
    assert!(stderr.contains("tempalte") && stderr.contains("template"), "the misspelt key is named: {stderr}");
}

#[test]
fn a_site_template_lays_cards_out_and_a_broken_one_is_a_warning() {
    let site = site();
    site.write("tend.toml", &format!("{CONFIG}\n[cards]\ntemplate = \"cards/plain.svg\"\n"));
    site.write(
        "templates/cards/plain.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"315\"><rect width=\"100%\" height=\"100%\" fill=\"#cc2200\"/><text x=\"20\" y=\"100\" font-size=\"40\">{{ card.title_lines | join(' ') }}</text></svg>",
    );
    site.build(&[]).ok();
    let card = picture(&site, "posts/growing/social-card.png");
    assert_eq!(card.dimensions(), (1200, 630), "drawn at the card's size whatever the template's");
    assert_eq!(card.get_pixel(1100, 600).0, [0xcc, 0x22, 0x00], "the template's background");
    site.write("templates/cards/plain.svg", "<svg><rect width=</svg>");
    let run = site.build(&[]);
    let stderr = run.ok().stderr_redacted(&site);
    assert!(stderr.contains("cannot draw the social card of /posts/growing/"), "{stderr}");
    assert!(stderr.contains("templates/cards/plain.svg"), "what to fix is named: {stderr}");
    assert!(site.has_output("posts/growing/index.html"), "the site is built all the same");
}

/// Fails unless `made` looks like the golden picture `name` (in
/// `tests/fixtures/cards/`) within a small tolerance for rounding;
/// `TEND_BLESS=1` writes it instead.
fn assert_like_golden(made: &RgbImage, name: &str) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards").join(name);
    if std::env::var_os("TEND_BLESS").is_some() {
        made.save(&golden).expect("blessed");
        return;
    }
    let expected = image::open(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display())).to_rgb8();
    assert_eq!(made.dimensions(), expected.dimensions());
    let mut different = 0usize;
    let mut total = 0u64;
    for (a, b) in made.pixels().zip(expected.pixels()) {
        let d: u64 = a.0.iter().zip(b.0).map(|(x, y)| u64::from(x.abs_diff(y))).sum();
        total += d;
        different += usize::from(d > 48);
    }
    let pixels = (made.width() * made.height()) as usize;
    let mean = total as f64 / (pixels * 3) as f64;
    assert!(different * 200 < pixels && mean < 1.0, "{name}: {different} pixels differ, mean {mean:.3}");
}

#[test]
fn the_built_in_card_draws_latin_cjk_and_arabic_titles_as_the_golden_pictures() {
    let site = Site::with(&[
        ("tend.toml", "title = \"A Garden of Notes\"\n"),
        (
            "content/posts/long.md",
            &page(
                "title: The surprisingly long story of how a small garden of notes grew into a website that many people read every single morning\ndate: 2026-12-06\ntags: [gardening, writing, rust]\nseries: Growing a garden\nstatus: evergreen",
                "Text.",
            ),
        ),
        ("content/posts/ja.md", &page("title: 庭園の手入れについての覚え書き、その二\ndate: 2026-11-01", "本文。")),
        ("content/posts/ar.md", &page("title: \"حديقة الملاحظات: كيف تنمو الأفكار\"\ndate: 2026-11-02", "نص.")),
    ]);
    site.build(&[]).ok();
    assert_like_golden(&picture(&site, "posts/long/social-card.png"), "long-title.png");
    assert_like_golden(&picture(&site, "posts/ja/social-card.png"), "japanese.png");
    assert_like_golden(&picture(&site, "posts/ar/social-card.png"), "arabic.png");
}

#[test]
fn serve_draws_the_cards_once_the_sources_are_quiet_as_a_build_does() {
    let site = site();
    let served = tempfile::tempdir().expect("temp dir");
    let output = served.path().join("public");
    let options = |output: &Path, cards: bool| BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(output.to_path_buf()),
        search: true,
        images: true,
        cards,
        fingerprints: true,
        ..BuildOptions::default()
    };
    let mut session = Session::new(options(&output, false)).expect("a session");
    session.build().expect("built");
    assert!(!output.join("posts/growing/social-card.png").exists(), "not on the way to the browser");
    site.write("content/posts/growing.md", &page("title: Renamed in serve\ndate: 2026-12-06", "Edited."));
    session.rebuild(&[site.root().join("content/posts/growing.md")]).expect("rebuilt");
    let drawn = session.refresh_cards().expect("cards").changed;
    assert_eq!(drawn.len(), 4, "{drawn:?}");
    assert!(session.refresh_cards().expect("nothing to do").changed.is_empty());
    let clean = tempfile::tempdir().expect("temp dir");
    build(&options(&clean.path().join("public"), true), &Silent).expect("a clean build");
    assert!(files(&output) == files(&clean.path().join("public")), "serve's output equals a clean build's");
}
