//! Slugs and URL paths. Checks what the code promises:
//!
//! - `slugify` never yields `/`, `\` or `..`, and a non-empty slug is a safe
//!   segment (`is_safe_segment`), since pages, sections, tags and series
//!   take their URL segments from it;
//! - a safe segment holds no separator and is not `.` or `..`;
//! - `join_path` returns a clean path: no leading or trailing `/`, no empty,
//!   `.` or `..` segment;
//! - after `tend::site::resolve`, every page, section, alias, tag and series
//!   path is made of safe segments (the site stage's invariant), whatever
//!   the file names, `slug`, `permalink`, `aliases`, `tags` and `series` of
//!   the pages.
//!
//! Pages are built in memory the way `tend::load` builds them from files
//! (a `slug` is kept only when it is a safe segment, else the slug of the
//! file name, else of the title, else `page`), since the loader itself reads
//! a folder.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use tend::load::{CONTENT_DIR, fallback_slug};
use tend::model::{Content, SectionSource};
use tend::model::{Config, FrontMatter, PageKind, PageSource, is_safe_segment, join_path, slugify};
use tend::site::{ResolveOptions, resolve};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    text: &'a str,
    base: &'a str,
    relative: &'a str,
    pages: Vec<PageInput<'a>>,
    sections: Vec<SectionInput<'a>>,
}

#[derive(Arbitrary, Debug)]
struct PageInput<'a> {
    folders: Vec<&'a str>,
    stem: &'a str,
    title: &'a str,
    slug: Option<&'a str>,
    permalink: Option<&'a str>,
    aliases: Vec<&'a str>,
    tags: Vec<&'a str>,
    series: Option<&'a str>,
}

#[derive(Arbitrary, Debug)]
struct SectionInput<'a> {
    folders: Vec<&'a str>,
    slug: Option<&'a str>,
}

/// Pages and sections per input: enough for collisions, few enough to stay
/// fast.
const MAX_FILES: usize = 12;

fuzz_target!(|input: Input| {
    check_slug(input.text);
    check_join(input.base, input.relative);
    check_site(&input.pages, &input.sections);
});

fn check_slug(text: &str) {
    let slug = slugify(text);
    assert!(!slug.contains(['/', '\\']) && !slug.contains(".."), "slugify({text:?}) = {slug:?}");
    assert!(slug.is_empty() || is_safe_segment(&slug), "slugify({text:?}) = {slug:?} is not a safe segment");
    if is_safe_segment(text) {
        assert!(!text.contains(['/', '\\']) && text != "." && text != "..", "{text:?} is called safe");
    }
}

fn check_join(base: &str, relative: &str) {
    let joined = join_path(base, relative);
    assert!(!joined.starts_with('/') && !joined.ends_with('/'), "join_path({base:?}, {relative:?}) = {joined:?}");
    if !joined.is_empty() {
        for segment in joined.split('/') {
            assert!(!matches!(segment, "" | "." | ".."), "join_path({base:?}, {relative:?}) = {joined:?}");
        }
    }
}

/// A folder name the walk in `tend::load` can find: not hidden, no
/// separator.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\0'])
}

fn folder(names: &[&str]) -> PathBuf {
    let mut path = PathBuf::from(CONTENT_DIR);
    path.extend(names.iter().filter(|n| is_folder_name(n)));
    path
}

fn page(input: &PageInput) -> Option<PageSource> {
    if !is_folder_name(input.stem) || input.stem.eq_ignore_ascii_case("_index") {
        return None;
    }
    let source = folder(&input.folders).join(format!("{}.md", input.stem));
    // As `load_page` in src/load/page.rs.
    let is_bundle = input.stem.eq_ignore_ascii_case("index");
    let name_source = if is_bundle { source.parent().unwrap_or(&source) } else { &source };
    let name = name_source.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let slug = match input.slug {
        Some(slug) if is_safe_segment(slug) => slug.to_owned(),
        Some(slug) => fallback_slug(slug, input.title),
        None => fallback_slug(name, input.title),
    };
    let meta = FrontMatter {
        title: Some(input.title.to_owned()),
        slug: input.slug.map(str::to_owned),
        permalink: input.permalink.map(str::to_owned),
        aliases: input.aliases.iter().map(|a| (*a).to_owned()).collect(),
        tags: input.tags.iter().map(|t| (*t).to_owned()).collect(),
        series: input.series.map(str::to_owned),
        publish: true,
        ..FrontMatter::default()
    };
    let stem = source.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    Some(PageSource {
        source,
        stem,
        lang: None,
        kind: if is_bundle { PageKind::Bundle { assets: Vec::new() } } else { PageKind::File },
        meta,
        title: input.title.to_owned(),
        title_in_body: false,
        date: None,
        slug,
        body: String::new(),
        body_line: 1,
        tended: None,
    })
}

fn section(input: &SectionInput) -> SectionSource {
    let meta = FrontMatter { slug: input.slug.map(str::to_owned), publish: true, ..FrontMatter::default() };
    SectionSource { source: folder(&input.folders).join("_index.md"), lang: None, meta, body: String::new(), body_line: 1 }
}

fn assert_safe_path(path: &str, what: &str) {
    let inner = path.strip_suffix('/').unwrap_or(path);
    assert!(inner.split('/').all(is_safe_segment), "{what} path {path:?} has an unsafe segment");
}

fn check_site(pages: &[PageInput], sections: &[SectionInput]) {
    let pages: Vec<PageSource> = pages.iter().take(MAX_FILES).filter_map(page).collect();
    let mut section_indexes: Vec<SectionSource> = Vec::new();
    for index in sections.iter().take(MAX_FILES).map(section) {
        // One `_index.md` per folder, as on disk.
        if !section_indexes.iter().any(|s| s.source == index.source) {
            section_indexes.push(index);
        }
    }
    let content =
        Content { config: Config::default(), pages, section_indexes, assets: Vec::new(), data: Default::default() };
    let options = ResolveOptions { drafts: true, now: jiff::Timestamp::UNIX_EPOCH };
    let (site, _, problems) = resolve(content, options);
    let mut paths = std::collections::HashSet::new();
    for page in &site.pages {
        // The home page is at the root (`index.md`, `permalink: /`).
        if !page.path.is_empty() {
            assert!(page.path.ends_with('/'), "page path {:?}", page.path);
            assert_safe_path(&page.path, "page");
        }
        // Two pages at one path are an error, and nothing is written.
        if !paths.insert(page.path.as_str()) {
            assert!(!problems.is_empty(), "two pages at {:?}, and no error", page.path);
        }
    }
    for (i, section) in site.sections.iter().enumerate() {
        if i == 0 {
            assert!(section.path.is_empty(), "the root section's path is {:?}", section.path);
        } else {
            assert!(section.path.ends_with('/'), "section path {:?}", section.path);
            assert_safe_path(&section.path, "section");
        }
    }
    for alias in &site.aliases {
        assert_safe_path(&alias.path, "alias");
    }
    for tag in &site.tags {
        assert_safe_path(&tag.path(), "tag");
    }
    for series in &site.series {
        assert_safe_path(&series.path(), "series");
    }
    assert!(Path::new(CONTENT_DIR).is_relative());
}
