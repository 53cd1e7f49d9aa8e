//! Stage 4, render templates: every page, section, tag, series, the archive,
//! the home page, redirects and the 404 page through the theme's Jinja
//! templates (minijinja), in parallel.
//!
//! The work is a flat list of jobs, one per output file, rendered with
//! rayon. Templates are compiled once and shared by all threads. A template
//! problem names the template file and line; identical problems from many
//! pages are reported once.

mod engine;
mod graph_svg;
mod lists;
mod pages;
mod shortcodes;
mod template_errors;
mod theme;
mod uses;
mod view;
mod words;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::model::{Diagnostic, Garden, MenuTarget, OutputFile, Rendered, SinkError, Site, card_path, catch_bug};
pub use engine::{TEMPLATES_DIR, Theme, theme_assets};
use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};
pub use theme::{ASSETS, TEMPLATES};
pub use view::reading_minutes;
use view::{FeedLink, Link, SiteView};

/// Rendered Markdown of every page and section, by index.
pub struct Bodies<'a> {
    /// One per page, same order as `Site::pages`.
    pub pages: &'a [Rendered],
    /// One per section, same order as `Site::sections`.
    pub sections: &'a [Rendered],
    /// Backlinks and other relations between pages.
    pub garden: &'a Garden,
}

/// What every template job shares.
struct Shared<'a> {
    theme: &'a Theme,
    site: &'a Site,
    bodies: &'a Bodies<'a>,
    site_value: Value,
    /// The files of `data/`, as `data` in every template.
    data_value: Value,
    site_feeds: Vec<FeedLink>,
    places: Places<'a>,
    /// The URL paths of pages with a social card of their own; the others
    /// show the home page's. Empty when cards are off.
    cards: rustc_hash::FxHashSet<String>,
}

/// Where each page stands in the site's lists, found once per render so
/// that no page's job searches a list (finding a page's place by walking
/// its section's list made the build quadratic in the section's size).
struct Places<'a> {
    /// Each page's position in its section's list.
    in_section: Vec<Option<usize>>,
    /// Each page's series and position in it.
    in_series: Vec<Option<(usize, usize)>>,
    /// Tags by slug.
    tags: rustc_hash::FxHashMap<&'a str, usize>,
    /// Each taxonomy's terms by slug.
    terms: Vec<rustc_hash::FxHashMap<&'a str, usize>>,
}

impl<'a> Places<'a> {
    fn new(site: &'a Site) -> Places<'a> {
        let mut in_section = vec![None; site.pages.len()];
        for (index, section) in site.sections.iter().enumerate() {
            for (position, &page) in section.pages.iter().enumerate() {
                if site.pages[page].section == index {
                    in_section[page] = Some(position);
                }
            }
        }
        let mut in_series = vec![None; site.pages.len()];
        for (index, series) in site.series.iter().enumerate() {
            for (position, &page) in series.pages.iter().enumerate() {
                in_series[page].get_or_insert((index, position));
            }
        }
        let tags = site.tags.iter().enumerate().map(|(i, tag)| (tag.slug.as_str(), i)).collect();
        let terms = site
            .taxonomies
            .iter()
            .map(|taxonomy| taxonomy.terms.iter().enumerate().map(|(i, term)| (term.slug.as_str(), i)).collect())
            .collect();
        Places { in_section, in_series, tags, terms }
    }
}

impl Shared<'_> {
    /// Renders `template` with `site`, `current_url`, `feeds` and `extra`.
    fn render(
        &self,
        template: &str,
        current_url: &str,
        feeds: &[FeedLink],
        extra: Value,
    ) -> Result<String, Diagnostic> {
        let mut all_feeds = self.site_feeds.clone();
        all_feeds.extend_from_slice(feeds);
        // A note on a URL tend generates (`tags/rust.md`) is its intro.
        let path = current_url.strip_prefix(self.site.config.base.path.as_str()).unwrap_or(current_url);
        let intro = self.site.intros.get(path).map(|&page| self.bodies.pages[page].html.as_str());
        let card = (!self.cards.is_empty()).then(|| {
            let of = if self.cards.contains(path) { path } else { "" };
            permalink(self.site, &card_path(of))
        });
        let ctx = context! {
            site => self.site_value.clone(),
            data => self.data_value.clone(),
            intro => intro,
            current_url => current_url,
            canonical => canonical(self.site, current_url),
            card => card,
            feeds => Value::from(Serde(&all_feeds)),
            translations => Value::from(Serde(view::alternates(self.site, path, current_url))),
            ..extra
        };
        self.theme.render(template, ctx)
    }
}

/// One output file to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Page(usize),
    Section {
        index: usize,
        number: usize,
        total: usize,
    },
    SectionByTended(usize),
    TagIndex,
    Tag {
        index: usize,
        number: usize,
        total: usize,
    },
    TaxonomyIndex(usize),
    /// A list page of a term: (taxonomy, term), page number, pages.
    Term {
        place: (usize, usize),
        number: usize,
        total: usize,
    },
    SeriesIndex,
    Series(usize),
    Archive,
    Graph,
    Search,
    Alias(usize),
    NotFound,
}

fn pages_needed(count: usize, per_page: Option<usize>) -> usize {
    match per_page {
        Some(n) if n > 0 => count.div_ceil(n).max(1),
        _ => 1,
    }
}

fn jobs(site: &Site, has_graph: bool) -> Vec<Job> {
    // The intro of a page tend does not write (a graph with too few links,
    // say) is a page of its own.
    let introduces =
        |i: usize| site.intros.get(&site.pages[i].path) == Some(&i) && writes(site, has_graph, &site.pages[i].path);
    let mut jobs: Vec<Job> =
        (0..site.pages.len()).filter(|&i| !site.is_folder_page(i) && !introduces(i)).map(Job::Page).collect();
    for (index, section) in site.sections.iter().enumerate() {
        // A folder of intros to pages tend generates (`tags/`) is no list.
        if !site.is_listed_section(index) {
            continue;
        }
        let total = if index == 0 { 1 } else { pages_needed(section.pages.len(), section.meta.paginate_by) };
        jobs.extend((1..=total).map(|number| Job::Section { index, number, total }));
        if pages::has_tended_order(site, index) {
            jobs.push(Job::SectionByTended(index));
        }
    }
    if !site.tags.is_empty() {
        jobs.push(Job::TagIndex);
    }
    for (index, tag) in site.tags.iter().enumerate() {
        let total = pages_needed(tag.pages.len(), Some(site.config.paginate_by));
        jobs.extend((1..=total).map(|number| Job::Tag { index, number, total }));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate().filter(|(_, t)| !t.terms.is_empty()) {
        jobs.push(Job::TaxonomyIndex(t));
        for (index, term) in taxonomy.terms.iter().enumerate() {
            let total = pages_needed(term.pages.len(), Some(taxonomy.paginate_by));
            jobs.extend((1..=total).map(|number| Job::Term { place: (t, index), number, total }));
        }
    }
    if !site.series.is_empty() {
        jobs.push(Job::SeriesIndex);
    }
    jobs.extend((0..site.series.len()).map(Job::Series));
    if !site.recent.is_empty() {
        jobs.push(Job::Archive);
    }
    if has_graph {
        jobs.push(Job::Graph);
    }
    if site.config.search {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.aliases.len()).map(Job::Alias));
    jobs.push(Job::NotFound);
    jobs
}

/// Which output files to render again after a change; every other file
/// is left as it is.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Pages, by index.
    pub pages: BTreeSet<usize>,
    /// Section list pages: (section, page number from 1); section 0 is the
    /// home page.
    pub section_lists: BTreeSet<(usize, usize)>,
    /// Sections whose list by last tended is needed.
    pub tended_lists: BTreeSet<usize>,
    /// Tag list pages: (tag, page number from 1).
    pub tag_lists: BTreeSet<(usize, usize)>,
    /// Term list pages: ((taxonomy, term), page number from 1).
    pub term_lists: BTreeSet<((usize, usize), usize)>,
    /// Series pages.
    pub series: BTreeSet<usize>,
    /// The page listing every series.
    pub series_index: bool,
    /// The archive.
    pub archive: bool,
    /// The graph page.
    pub graph: bool,
    /// Every file rendered with one of these templates (`page.html`).
    pub templates: BTreeSet<String>,
}

impl Selection {
    fn contains(&self, site: &Site, job: Job) -> bool {
        if !self.templates.is_empty() && self.templates.contains(job_template(site, job)) {
            return true;
        }
        match job {
            Job::Page(i) => self.pages.contains(&i),
            Job::Section { index, number, .. } => self.section_lists.contains(&(index, number)),
            Job::SectionByTended(index) => self.tended_lists.contains(&index),
            Job::Tag { index, number, .. } => self.tag_lists.contains(&(index, number)),
            Job::Term { place, number, .. } => self.term_lists.contains(&(place, number)),
            Job::Series(i) => self.series.contains(&i),
            Job::SeriesIndex => self.series_index,
            Job::Archive => self.archive,
            Job::Graph => self.graph,
            Job::TagIndex | Job::TaxonomyIndex(_) | Job::Search | Job::Alias(_) | Job::NotFound => false,
        }
    }
}

/// The number (from 1) of the list page that shows item `position` (from
/// 0), `per_page` to a page; as the list jobs split their pages.
pub fn list_page_number(position: usize, per_page: Option<usize>) -> usize {
    match per_page {
        Some(n) if n > 0 => position / n + 1,
        _ => 1,
    }
}

/// Whether the theme asset `name` (`code.js`, fingerprinted) is used by a
/// page of the site: the copy button's, the video embeds' and the boards'
/// scripts only when a page loads them, so a site with none has no such
/// file.
pub fn theme_asset_used(name: &str, site: &Site, bodies: &[Rendered]) -> bool {
    let shown = |shows: fn(&Rendered) -> bool| bodies.iter().any(shows);
    match name.split('.').next() {
        Some("code") => site.config.copy_button && shown(pages::has_code),
        Some("video") => shown(pages::has_video),
        Some("canvas") => shown(pages::has_canvas),
        Some("scheme") => site.config.theme.toggle,
        _ => true,
    }
}

/// How many files [`render_site`] will emit.
pub fn job_count(site: &Site, bodies: &Bodies) -> usize {
    jobs(site, has_graph(bodies)).len()
}

/// Where rendered files go as soon as each is ready, so that the site is
/// never held in memory whole. An error is the reason the file could not be
/// written.
pub type Emit<'e> = dyn Fn(OutputFile) -> Result<(), SinkError> + Sync + 'e;

/// Renders every page of the site (or only those in `selection`), handing
/// each file to `emit`; returns the paths emitted and the problems found.
pub fn render_site(
    theme: &Theme,
    site: &Site,
    bodies: &Bodies,
    assets: &[(String, String)],
    selection: Option<&Selection>,
    emit: &Emit,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let site_view = site_view(site, bodies, assets);
    let shared = Shared {
        theme,
        site,
        bodies,
        site_value: Value::from(Serde(&site_view)),
        data_value: Value::from(Serde(&site.data)),
        site_feeds: feed_links(site, "", &site.config.title),
        places: Places::new(site),
        cards: site.cards().into_iter().map(|(path, _)| path).collect(),
    };
    let mut jobs = jobs(site, has_graph(bodies));
    if let Some(selection) = selection {
        jobs.retain(|&job| selection.contains(site, job));
    }
    // Lists first: a section's or a tag's list of every page is the longest
    // job, and started last it kept one core busy while the other had
    // nothing left to do. The results go back into job order.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| matches!(jobs[i], Job::Page(_)));
    let mut results: Vec<(usize, Result<PathBuf, Diagnostic>)> = order
        .par_iter()
        .map(|&i| {
            let job = jobs[i];
            let result = catch_bug(&job_file(site, job), "rendering the templates of", || render_job(&shared, job))
                .and_then(|result| result)
                .and_then(|file| {
                    let path = file.path.clone();
                    emit(file).map_err(|e| Diagnostic::error(format!("cannot write {}: {e}", path.display())))?;
                    Ok(path)
                });
            (i, result)
        })
        .collect();
    results.sort_unstable_by_key(|&(i, _)| i);
    let results = results.into_iter().map(|(_, result)| result);
    let mut files = Vec::with_capacity(jobs.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(path) => files.push(path),
            Err(problem) if !problems.contains(&problem) => problems.push(problem),
            Err(_) => {}
        }
    }
    (files, problems)
}

/// The template a job renders with.
fn job_template(site: &Site, job: Job) -> &str {
    match job {
        Job::Page(i) => site.pages[i].meta.template.as_deref().unwrap_or("page.html"),
        Job::Section { index, .. } | Job::SectionByTended(index) => {
            let default = if index == 0 { "home.html" } else { "section.html" };
            site.sections[index].meta.template.as_deref().unwrap_or(default)
        }
        Job::TagIndex => "tags.html",
        Job::Tag { .. } => "tag.html",
        Job::TaxonomyIndex(_) => "taxonomy.html",
        Job::Term { .. } => "term.html",
        Job::SeriesIndex => "series-index.html",
        Job::Series(_) => "series.html",
        Job::Archive => "archive.html",
        Job::Graph => "graph.html",
        Job::Search => "search.html",
        Job::Alias(_) => "redirect.html",
        Job::NotFound => "404.html",
    }
}

/// The source file a job renders, for reporting a bug.
fn job_file(site: &Site, job: Job) -> PathBuf {
    match job {
        Job::Page(i) => site.pages[i].source.clone(),
        Job::Section { index, .. } | Job::SectionByTended(index) => site.sections[index].file(),
        Job::Alias(i) => site.pages[site.aliases[i].page].source.clone(),
        _ => PathBuf::from("templates"),
    }
}

fn render_job(shared: &Shared, job: Job) -> Result<OutputFile, Diagnostic> {
    match job {
        Job::Page(i) => pages::page(shared, i),
        Job::Section { index, number, total } => pages::section(shared, index, number, total),
        Job::SectionByTended(index) => pages::section_by_tended(shared, index),
        Job::TagIndex => lists::tag_index(shared),
        Job::Tag { index, number, total } => lists::tag(shared, index, number, total),
        Job::TaxonomyIndex(index) => lists::taxonomy_index(shared, index),
        Job::Term { place, number, total } => lists::term(shared, place, number, total),
        Job::SeriesIndex => lists::series_index(shared),
        Job::Series(i) => lists::series(shared, i),
        Job::Archive => lists::archive(shared),
        Job::Graph => lists::graph(shared),
        Job::Search => lists::search(shared),
        Job::Alias(i) => lists::alias(shared, i),
        Job::NotFound => shared
            .render("404.html", "", &[], Value::UNDEFINED)
            .map(|contents| OutputFile { path: "404.html".into(), contents }),
    }
}

/// A graph page is worth it once there are a few links between pages.
fn has_graph(bodies: &Bodies) -> bool {
    graph_is_worth_it(bodies.garden)
}

fn graph_is_worth_it(garden: &Garden) -> bool {
    garden.graph.nodes.len() >= 3
}

/// Whether tend writes a page of its own at `path` (`tags/`, `graph/`…).
fn writes(site: &Site, has_graph: bool, path: &str) -> bool {
    match path {
        "tags/" => !site.tags.is_empty(),
        "series/" => !site.series.is_empty(),
        "archive/" => !site.recent.is_empty(),
        "graph/" => has_graph,
        "search/" => site.config.search,
        _ => {
            site.tags.iter().any(|t| t.path() == path)
                || site.series.iter().any(|s| s.path() == path)
                || site.taxonomies.iter().any(|taxonomy| {
                    !taxonomy.terms.is_empty()
                        && (taxonomy.path() == path || taxonomy.terms.iter().any(|t| taxonomy.term_path(t) == path))
                })
        }
    }
}

/// The notes that introduce a page tend writes (`tags/rust.md`), each
/// with that page's path, in path order.
pub fn intros<'s>(site: &'s Site, garden: &Garden) -> Vec<(&'s str, usize)> {
    let mut intros: Vec<(&str, usize)> = site
        .intros
        .iter()
        .filter(|(path, _)| writes(site, graph_is_worth_it(garden), path))
        .map(|(path, &page)| (path.as_str(), page))
        .collect();
    intros.sort();
    intros
}

fn site_view<'a>(site: &'a Site, bodies: &Bodies, assets: &[(String, String)]) -> SiteView<'a> {
    let asset = |stem: &str| {
        let file = assets.iter().find(|(name, _)| name.starts_with(stem)).map(|(name, _)| name.as_str());
        view::url(site, file.unwrap_or_default())
    };
    let menu = if site.menu.is_empty() {
        default_menu(site)
    } else {
        site.menu
            .iter()
            .map(|link| Link {
                title: link.name.clone(),
                url: match &link.target {
                    MenuTarget::Path(path) => view::url(site, path),
                    MenuTarget::Outside(url) => url.clone(),
                },
            })
            .collect()
    };
    let config = &site.config;
    SiteView {
        title: &config.title,
        description: &config.description,
        author: &config.author,
        language: &config.language,
        base_url: &config.base.url,
        base_path: &config.base.path,
        style_url: asset("style."),
        stylesheets: config
            .theme
            .css
            .iter()
            .map(|file| {
                let stem = file.trim_start_matches('/').trim_end_matches("css");
                asset(stem)
            })
            .collect(),
        script_url: asset("garden."),
        hover_previews: config.hover_previews,
        copy_button: config.copy_button,
        code_script_url: asset("code."),
        video_script_url: asset("video."),
        canvas_script_url: asset("canvas."),
        scheme_script_url: if config.theme.toggle { asset("scheme.") } else { String::new() },
        search: config.search,
        feeds: config.feeds,
        search_url: view::url(site, "search/"),
        search_script_url: asset("search."),
        menu,
        has_archive: !site.recent.is_empty(),
        has_tags: !site.tags.is_empty(),
        has_series: !site.series.is_empty(),
        taxonomies: site
            .taxonomies
            .iter()
            .filter(|t| !t.terms.is_empty())
            .map(|t| Link { title: t.title.clone(), url: view::url(site, &t.path()) })
            .collect(),
        has_graph: has_graph(bodies),
        extra: &config.extra,
    }
}

/// How many sections the default menu holds.
const MENU_LENGTH: usize = 7;

/// The header menu: the top-level folders that hold pages, in natural
/// order of their titles (`2` before `10`), at most [`MENU_LENGTH`]. Notes
/// at the top are not in it: a vault has many.
fn default_menu(site: &Site) -> Vec<Link> {
    let mut folders: Vec<&crate::model::Section> = site.sections[0]
        .subsections
        .iter()
        .map(|&i| &site.sections[i])
        .filter(|s| !s.pages.is_empty() || s.page.is_some())
        .collect();
    folders.sort_by(|a, b| natural_order(&a.title, &b.title));
    folders.into_iter().take(MENU_LENGTH).map(|s| view::section_link(site, s)).collect()
}

/// Compares names as people do: runs of digits by their value, the rest
/// without regard to case.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let number = |chars: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(d) = chars.next_if(char::is_ascii_digit) {
                        digits.push(d);
                    }
                    let trimmed = digits.trim_start_matches('0');
                    (trimmed.len(), trimmed.to_owned())
                };
                let order = number(&mut a).cmp(&number(&mut b));
                if order.is_ne() {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order.is_ne() {
                    return order;
                }
                a.next();
                b.next();
            }
        }
    }
}

/// The Atom and JSON feeds of the list at `path` (empty for the site);
/// none when the site has feeds off.
fn feed_links(site: &Site, path: &str, title: &str) -> Vec<FeedLink> {
    if !site.config.feeds {
        return Vec::new();
    }
    let base = view::url(site, path);
    vec![
        FeedLink {
            title: format!("{title} (Atom)"),
            url: format!("{base}feed.xml"),
            media_type: "application/atom+xml",
        },
        FeedLink {
            title: format!("{title} (JSON Feed)"),
            url: format!("{base}feed.json"),
            media_type: "application/feed+json",
        },
    ]
}

/// The absolute form of a URL path (which includes the base path), when
/// `base_url` is set.
fn canonical(site: &Site, url: &str) -> String {
    let base = &site.config.base;
    if base.url.is_empty() { url.to_owned() } else { format!("{}{url}", base.origin()) }
}

/// The absolute URL of a path when `base_url` is set, else its path.
pub fn permalink(site: &Site, path: &str) -> String {
    site.config.base.absolute(path)
}

#[cfg(test)]
mod tests {
    use super::natural_order;

    #[test]
    fn natural_order_puts_2_before_10() {
        let mut names = vec!["10 Projects", "2 Areas", "Archive", "1 Inbox", "areas"];
        names.sort_by(|a, b| natural_order(a, b));
        assert_eq!(names, ["1 Inbox", "2 Areas", "10 Projects", "Archive", "areas"]);
    }
}
