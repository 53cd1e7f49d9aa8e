//! What templates see: serialisable views of the site model, with URLs
//! already joined to the base path and dates already formatted. Templates
//! never see the domain types, so those can change without breaking themes.

use std::borrow::Cow;

use crate::model::{Heading, Locale, Page, PageDate, Rendered, Section, Site, Tended, smarten};
use serde::Serialize;

/// `site` in every template.
#[derive(Debug, Serialize)]
pub(super) struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// One-line description.
    pub description: &'a str,
    /// The writer.
    pub author: &'a str,
    /// Language tag for `<html lang>`.
    pub language: &'a str,
    /// Absolute base URL, or empty.
    pub base_url: &'a str,
    /// Base path, `/` or `/blog/`.
    pub base_path: &'a str,
    /// URL of the fingerprinted stylesheet.
    pub style_url: String,
    /// URL of the light/dark toggle's script; empty without the toggle.
    pub scheme_script_url: String,
    /// The site's own stylesheets (`[theme] css`), after the theme's.
    pub stylesheets: Vec<String>,
    /// URL of the fingerprinted garden script (hover previews, graph zoom).
    pub script_url: String,
    /// Whether links to other pages show a preview on hover (`hover_previews`
    /// in tend.toml).
    pub hover_previews: bool,
    /// Whether code blocks get a copy button (`copy_button` in tend.toml).
    pub copy_button: bool,
    /// URL of the fingerprinted copy-button script.
    pub code_script_url: String,
    /// URL of the fingerprinted script that starts `video` shortcode
    /// embeds on demand.
    pub video_script_url: String,
    /// URL of the fingerprinted script that zooms and pans boards.
    pub canvas_script_url: String,
    /// Whether the site has search (`search` in tend.toml).
    pub search: bool,
    /// Whether the site has feeds (`feeds` in tend.toml).
    pub feeds: bool,
    /// URL of the search page, which is also the folder of the index.
    pub search_url: String,
    /// URL of the fingerprinted search script.
    pub search_script_url: String,
    /// Top-level sections and pages, for the navigation.
    pub menu: Vec<Link>,
    /// Whether there is an archive page (any dated page).
    pub has_archive: bool,
    /// Whether there are tag pages.
    pub has_tags: bool,
    /// Whether there are series pages.
    pub has_series: bool,
    /// The taxonomies of `[taxonomies]` that have terms, each linked to
    /// its page.
    pub taxonomies: Vec<Link>,
    /// Whether there is a graph page (pages link to each other).
    pub has_graph: bool,
    /// `extra` from tend.toml.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// A page's terms in one taxonomy.
#[derive(Debug, Clone, Serialize)]
pub(super) struct TermsView {
    /// The taxonomy's title (`Categories`).
    pub title: String,
    /// URL of the taxonomy's page.
    pub url: String,
    /// The terms, linked to their pages.
    pub terms: Vec<Link>,
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Link {
    /// Link text.
    pub title: String,
    /// URL path including the base path.
    pub url: String,
}

/// A page in a list: what a home or section page shows of it.
#[derive(Debug, Serialize)]
pub(super) struct PageSummary<'a> {
    /// Title.
    pub title: String,
    /// URL path including the base path.
    pub url: String,
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub date: Option<String>,
    /// "October 31, 2025".
    pub date_display: Option<String>,
    /// The description, else the first paragraph.
    pub summary: Cow<'a, str>,
    /// Garden status.
    pub status: Option<&'static str>,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// `YYYY-MM-DD` of the last time it was tended.
    pub tended: Option<String>,
    /// "November 2, 2025".
    pub tended_display: Option<String>,
}

/// `page` in `page.html`.
#[derive(Debug, Serialize)]
pub(super) struct PageView<'a> {
    /// Title.
    pub title: String,
    /// The id of the title's `h1`.
    pub title_id: String,
    /// URL path including the base path.
    pub url: String,
    /// Absolute URL when `base_url` is set, else the same as `url`.
    pub permalink: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// "October 31, 2025".
    pub date_display: Option<String>,
    /// `YYYY-MM-DD` of `updated`.
    pub updated: Option<String>,
    /// "November 2, 2025".
    pub updated_display: Option<String>,
    /// `YYYY-MM-DD` of the last time the page was tended: `updated`, else
    /// its last commit, else its file's modification time.
    pub tended: Option<String>,
    /// "November 2, 2025".
    pub tended_display: Option<String>,
    /// Where `tended` comes from: `updated`, `commit` or `modified`.
    pub tended_source: Option<Tended>,
    /// The lede.
    pub description: Option<String>,
    /// Tags, linked to their pages.
    pub tags: Vec<Link>,
    /// The page's terms in each taxonomy it has some in.
    pub taxonomies: Vec<TermsView>,
    /// The series this page is part of.
    pub series: Option<SeriesView<'a>>,
    /// The page before this one in its section's reading order.
    pub previous: Option<Link>,
    /// The page after this one in its section's reading order.
    pub next: Option<Link>,
    /// Pages that link here, with the sentence that holds the link.
    pub backlinks: Vec<BacklinkView>,
    /// Up to five related pages, best first.
    pub related: Vec<NoteView>,
    /// Rendered body HTML.
    pub content: &'a str,
    /// Headings, nested.
    pub toc: &'a [Heading],
    /// Whether to show the table of contents.
    pub show_toc: bool,
    /// Whether the body has a code block.
    pub has_code: bool,
    /// Whether the body has a video embed (the `video` shortcode).
    pub has_video: bool,
    /// Whether the body shows a board (an Obsidian canvas).
    pub has_canvas: bool,
    /// Words in the body.
    pub words: usize,
    /// Minutes to read, at 230 words a minute, at least 1.
    pub reading_minutes: usize,
    /// The description, else the first paragraph.
    pub summary: Cow<'a, str>,
    /// Garden status.
    pub status: Option<&'static str>,
    /// Classes for the article (`cssclasses`).
    pub cssclasses: &'a [String],
    /// Absolute URL of the social image.
    pub image: Option<String>,
    /// Whether this page is a draft (only built with `--drafts`).
    pub draft: bool,
    /// The section listing this page.
    pub section: Link,
    /// Every other front-matter key.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    /// The source file, relative to the site root.
    pub source: String,
}

/// A page that links to the page shown.
#[derive(Debug, Serialize)]
pub(super) struct BacklinkView {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// The sentence that holds the link.
    pub context: String,
    /// Its language, when it is another language's note
    /// (`shared_garden`).
    pub lang: Option<String>,
}

/// A note a page names: a related note.
#[derive(Debug, Serialize)]
pub(super) struct NoteView {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// Its language, when it is another language's note
    /// (`shared_garden`).
    pub lang: Option<String>,
}

/// A page's series.
#[derive(Debug, Serialize)]
pub(super) struct SeriesView<'a> {
    /// The name pages use.
    pub name: &'a str,
    /// Display title.
    pub title: String,
    /// The sentence at the foot of each part.
    pub closing: Option<String>,
    /// URL of the series page.
    pub url: String,
    /// This page's place in the series, from 1.
    pub part: usize,
    /// How many parts there are.
    pub parts: usize,
    /// The part before.
    pub previous: Option<Link>,
    /// The part after.
    pub next: Option<Link>,
}

/// One way of ordering a list, and where to see it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Ordering {
    /// "A–Z", "Recently tended", in the site's language.
    pub label: String,
    /// The list in that order.
    pub url: String,
    /// Whether this is the page shown.
    pub current: bool,
}

/// Numbered list pages: where this one is and how to reach the others.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Paginator {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages there are.
    pub total: usize,
    /// URL of the page before, if any.
    pub previous: Option<String>,
    /// URL of the page after, if any.
    pub next: Option<String>,
    /// Every page's number and URL.
    pub pages: Vec<PageNumber>,
}

/// One entry of a paginator.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PageNumber {
    /// From 1.
    pub number: usize,
    /// Its URL.
    pub url: String,
}

/// A tag with its count, for the tag index.
#[derive(Debug, Serialize)]
pub(super) struct TagView<'a> {
    /// As first written.
    pub name: &'a str,
    /// URL segment.
    pub slug: &'a str,
    /// URL of its page.
    pub url: String,
    /// How many pages carry it.
    pub count: usize,
    /// The pages on this list page.
    pub pages: Vec<PageSummary<'a>>,
}

/// A series page.
#[derive(Debug, Serialize)]
pub(super) struct SeriesPageView<'a> {
    /// The name pages use.
    pub name: &'a str,
    /// Display title.
    pub title: String,
    /// The id of the title's `h1`.
    pub title_id: String,
    /// What the series is about.
    pub description: Option<String>,
    /// URL of the series page.
    pub url: String,
    /// The parts, first first.
    pub pages: Vec<PageSummary<'a>>,
}

/// A year of the archive.
#[derive(Debug, Serialize)]
pub(super) struct ArchiveYear<'a> {
    /// The year.
    pub year: i16,
    /// Its months, newest first.
    pub months: Vec<ArchiveMonth<'a>>,
}

/// A month of the archive.
#[derive(Debug, Serialize)]
pub(super) struct ArchiveMonth<'a> {
    /// 1 to 12.
    pub month: i8,
    /// "October", in the site's language.
    pub name: String,
    /// "October 2025", in the site's language.
    pub title: String,
    /// An id for the month's heading (`2025-10`).
    pub id: String,
    /// Its pages, newest first.
    pub pages: Vec<PageSummary<'a>>,
}

/// A feed a page links to in its head.
#[derive(Debug, Clone, Serialize)]
pub(super) struct FeedLink {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// The media type: `application/atom+xml` or `application/feed+json`.
    pub media_type: &'static str,
}

/// `section` in `section.html` and `home.html`.
#[derive(Debug, Serialize)]
pub(super) struct SectionView<'a> {
    /// Title.
    pub title: String,
    /// The id of the title's `h1`.
    pub title_id: String,
    /// The lede.
    pub description: Option<String>,
    /// URL path including the base path.
    pub url: String,
    /// Rendered `_index.md` body.
    pub content: &'a str,
    /// Its pages on this list page, in order.
    pub pages: Vec<PageSummary<'a>>,
    /// Which list page this is, when the section is paginated.
    pub paginator: Option<Paginator>,
    /// The orders the section can be listed in (A–Z, recently tended), for
    /// garden sections.
    pub orderings: Vec<Ordering>,
    /// Its child sections.
    pub subsections: Vec<Link>,
    /// On the home page: the undated pages at the top of the content (an
    /// about page, a vault's loose notes), which no menu lists.
    pub top_pages: Vec<Link>,
    /// `extra` of `_index.md`.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl Paginator {
    /// The paginator for list page `current` of `total`, whose first page is
    /// at `first_url` and the others at `first_url` + `page/N/`.
    pub(super) fn new(first_url: &str, current: usize, total: usize) -> Paginator {
        let url = |n: usize| if n == 1 { first_url.to_owned() } else { format!("{first_url}page/{n}/") };
        Paginator {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: (1..=total).map(|number| PageNumber { number, url: url(number) }).collect(),
        }
    }
}

/// The path of list page `number` of a list whose first page is at `path`.
pub(super) fn list_page_path(path: &str, number: usize) -> String {
    if number == 1 { path.to_owned() } else { format!("{path}page/{number}/") }
}

/// `YYYY-MM-DD` and "October 31, 2025".
pub(super) fn date_strings(date: Option<PageDate>, locale: &Locale) -> (Option<String>, Option<String>) {
    match date {
        Some(d) => (Some(d.day.to_string()), Some(locale.date(d.day))),
        None => (None, None),
    }
}

/// The URL of a site path (`posts/a/`) under the base path.
pub(super) fn url(site: &Site, path: &str) -> String {
    site.config.base.local(path)
}

/// Reading time in whole minutes, at least one.
pub fn reading_minutes(body: &Rendered) -> usize {
    // About 230 words a minute, or 500 characters of Chinese or Japanese.
    (body.words * 500 + body.ideographs * 230).div_ceil(230 * 500).max(1)
}

/// The summaries of `pages` (indices into `site.pages`, whose bodies are
/// `bodies`), as lists show them.
pub(super) fn summaries<'a>(site: &'a Site, bodies: &'a [Rendered], pages: &[usize]) -> Vec<PageSummary<'a>> {
    pages
        .iter()
        .map(|&i| PageSummary::new(&site.pages[i], &bodies[i], url(site, &site.pages[i].path), &site.config.locale))
        .collect()
}

impl<'a> PageSummary<'a> {
    /// The summary of `page`, listed at `url`.
    pub(super) fn new(page: &'a Page, rendered: &'a Rendered, url: String, locale: &Locale) -> Self {
        let (date, date_display) = date_strings(page.date, locale);
        let (tended, tended_display) = date_strings(page.tended.map(|(d, _)| d), locale);
        PageSummary {
            title: page.shown_title.clone(),
            url,
            date,
            date_display,
            summary: page_summary(page, rendered),
            status: page.meta.status.map(|s| s.as_str()),
            reading_minutes: reading_minutes(rendered),
            tended,
            tended_display,
        }
    }
}

/// The description (with typographic punctuation), else the first
/// paragraph.
pub(super) fn page_summary<'a>(page: &Page, rendered: &'a Rendered) -> Cow<'a, str> {
    match &page.meta.description {
        Some(description) => Cow::Owned(smarten(description)),
        None => Cow::Borrowed(&rendered.summary),
    }
}

/// Link to a section.
pub(super) fn section_link(site: &Site, section: &Section) -> Link {
    Link { title: smarten(&section.title), url: url(site, &section.path) }
}

/// The versions of the page at `path` (`current_url` from the host's root)
/// in each language that has it, on a site in several languages. The 404
/// page, at no URL of its own, is no page's translation.
pub(super) fn alternates<'a>(site: &'a Site, path: &str, current_url: &str) -> &'a [crate::model::Alternate] {
    match site.translations.get(path) {
        Some(versions) if !current_url.is_empty() => versions,
        _ => &[],
    }
}
