//! Markdown bodies: any text rendered by `tend::markdown::render`, twice.
//! First alone (wikilinks become slugs; also sanitized and escaped, as
//! `[markdown] raw_html` says, where no `<script` may be left), then as the body of one page of a
//! small real site (`fixtures/site`, loaded and resolved once), so that
//! wikilinks, `.md` links, embeds of notes, parts and images, ambiguous
//! names and embed cycles are resolved against real pages, and shortcode
//! calls reach the built-in shortcode templates. Rendering must never
//! panic, and every link it reports must name a page of the site.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tend::markdown::render_page;
use tend::markdown::{MarkdownOptions, render};
use tend::model::{RawHtml, Site};
use tend::render::Theme;
use tend::site::{ResolveOptions, resolve};

/// The fixture site, as (path under the site root, contents).
const FIXTURE: &[(&str, &[u8])] = &[
    ("tend.toml", include_bytes!("../fixtures/site/tend.toml")),
    ("content/_index.md", include_bytes!("../fixtures/site/content/_index.md")),
    ("content/notes/_index.md", include_bytes!("../fixtures/site/content/notes/_index.md")),
    ("content/notes/alpha.md", include_bytes!("../fixtures/site/content/notes/alpha.md")),
    ("content/notes/beta.md", include_bytes!("../fixtures/site/content/notes/beta.md")),
    ("content/notes/gamma.md", include_bytes!("../fixtures/site/content/notes/gamma.md")),
    ("content/notes/fuzz.md", include_bytes!("../fixtures/site/content/notes/fuzz.md")),
    ("content/elsewhere/alpha.md", include_bytes!("../fixtures/site/content/elsewhere/alpha.md")),
    ("content/posts/walk/index.md", include_bytes!("../fixtures/site/content/posts/walk/index.md")),
    ("content/posts/walk/photo.png", include_bytes!("../fixtures/site/content/posts/walk/photo.png")),
    ("content/img/pic.png", include_bytes!("../fixtures/site/content/img/pic.png")),
    ("content/files/notes.txt", include_bytes!("../fixtures/site/content/files/notes.txt")),
];

/// The built-in theme, for shortcodes.
fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let (theme, problems) = Theme::load(Path::new("no-such-site"));
        assert!(problems.is_empty(), "the built-in templates compile: {problems:?}");
        theme
    })
}

/// The page whose body is replaced by the input.
const FUZZED_PAGE: &str = "content/notes/fuzz.md";

/// The fixture written to a temporary folder, loaded and resolved as
/// the build does it (image sizes included).
fn fixture_site() -> &'static (Site, usize) {
    static SITE: OnceLock<(Site, usize)> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = tempfile::tempdir().expect("a temporary folder");
        for (path, contents) in FIXTURE {
            let path = root.path().join(path);
            std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("folder written");
            std::fs::write(path, contents).expect("fixture written");
        }
        let (content, problems) = tend::load::load(root.path(), None);
        assert!(problems.is_empty(), "the fixture loads cleanly: {problems:?}");
        let options = ResolveOptions { drafts: true, now: jiff::Timestamp::now() };
        let (mut site, _, problems) = resolve(content, options);
        assert!(problems.is_empty(), "the fixture resolves cleanly: {problems:?}");
        let assets: Vec<_> = site.assets.iter().map(|(from, to)| (root.path().join(from), to.clone())).collect();
        site.images = tend::load::measure_images(&assets);
        assert!(site.images.values().any(|i| i.size.is_some()), "the fixture's images are measured");
        let page = site.pages.iter().position(|p| p.source == Path::new(FUZZED_PAGE)).expect("the fuzzed page");
        (site, page)
    })
}

fuzz_target!(|text: &str| {
    let alone = MarkdownOptions { base_path: "/blog/", reserved_ids: &["content"], ..MarkdownOptions::default() };
    let _ = render(text, &alone);
    // Sanitized, no script is left; escaped, no tag of the writer's is.
    let sanitized = render(text, &MarkdownOptions { raw_html: RawHtml::Sanitize, ..alone });
    assert!(!sanitized.html.to_ascii_lowercase().contains("<script"), "a script survived sanitizing");
    let escaped = render(text, &MarkdownOptions { raw_html: RawHtml::Escape, ..alone });
    assert!(!escaped.html.to_ascii_lowercase().contains("<script"), "a script survived escaping");

    let (fixture, index) = fixture_site();
    let mut site = fixture.clone();
    site.pages[*index].body = text.to_owned();
    site.pages[*index].title_in_body = true;
    // Links that leave the site are marked too (`mark_external_links`).
    site.config.mark_external_links = true;
    let rendered = render_page(&site, *index, &site.pages[*index].body, Some(theme()));
    for link in &rendered.links {
        assert!(link.page < site.pages.len(), "a link to page {} of {}", link.page, site.pages.len());
    }
});
