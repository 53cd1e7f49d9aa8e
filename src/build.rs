//! The build: the pipeline from a site folder to a written output folder.
//! Read [`build`] first; it names every stage in order.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::{IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator, ParallelIterator};
use thiserror::Error;

use crate::garden;
use crate::images::{self, Cache};
use crate::load::{self, set_base_url};
use crate::markdown::{self, LinkContext, MarkdownOptions};
use crate::model::{Diagnostic, OutputFile, Rendered, Shortcodes, Sink, Site, catch_bug, smarten};
use crate::render::{self, Bodies, Theme, title_id};
use crate::search;
use crate::site::{self, ResolveOptions, Skipped};
use crate::syndication;
use crate::write::{self, Fingerprints, OutputError, Recorder, Staging};

/// The folder copied verbatim to the output root.
pub const STATIC_DIR: &str = "static";

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`, `tend.toml`…).
    pub root: PathBuf,
    /// Where to write; `public/` under the root when unset.
    pub output: Option<PathBuf>,
    /// Include drafts and future-dated pages.
    pub drafts: bool,
    /// Overrides `base_url` from tend.toml.
    pub base_url: Option<String>,
    /// Replace an output folder tend did not create.
    pub force: bool,
    /// Write the search index (when the site has search on).
    pub search: bool,
    /// Make the resized copies of images that pages name (`tend check`,
    /// which writes nothing, leaves them out).
    pub images: bool,
    /// Fingerprint every file written, for [`BuildReport::fingerprints`].
    pub fingerprints: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// The output folder written.
    pub output: PathBuf,
    /// The folder of Markdown read, relative to the site folder (empty
    /// when the site folder is itself the content).
    pub content_dir: PathBuf,
    /// Pages rendered (pages, sections, home and 404).
    pub pages: usize,
    /// Files copied (static files and page assets).
    pub copied: usize,
    /// What was left out.
    pub skipped: Skipped,
    /// Warnings, sorted by file.
    pub warnings: Vec<Diagnostic>,
    /// Things worth knowing that are not problems, one line each.
    pub notes: Vec<String>,
    /// Time spent in each stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// Images given resized copies: made anew, or all found in the cache.
    pub images: ImageCounts,
    /// A hash of every file written, when [`BuildOptions::fingerprints`]
    /// asked for them.
    pub fingerprints: Option<Fingerprints>,
}

/// How many images had resized copies made, and how many were found whole
/// in the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImageCounts {
    /// Images with at least one copy made anew.
    pub processed: usize,
    /// Images whose copies all came from the cache.
    pub reused: usize,
}

/// Why a build did not write anything.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The content or templates have errors; every problem found, warnings
    /// included, sorted by file.
    #[error("the build found errors")]
    Content(Vec<Diagnostic>),
    /// The output folder cannot be used or written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The options make no sense (missing site folder, bad base URL).
    #[error("{0}")]
    Usage(String),
}

/// Told how far a long build has got, so a terminal can show it.
pub trait Progress: Sync {
    /// `done` of `total` items of `stage` are finished.
    fn advance(&self, stage: &'static str, done: usize, total: usize);
}

/// No progress to show.
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _stage: &'static str, _done: usize, _total: usize) {}
}

/// Counts finished items of one stage and tells a [`Progress`].
struct Counter<'p> {
    progress: &'p dyn Progress,
    stage: &'static str,
    total: usize,
    done: std::sync::atomic::AtomicUsize,
}

impl<'p> Counter<'p> {
    fn new(progress: &'p dyn Progress, stage: &'static str, total: usize) -> Self {
        Counter { progress, stage, total, done: std::sync::atomic::AtomicUsize::new(0) }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        // Every item on small sites; every 64th on large ones.
        if done.is_multiple_of(64) || done == self.total || self.total < 256 {
            self.progress.advance(self.stage, done, self.total);
        }
    }
}

/// Builds the site described by `options`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with_progress(options, &Silent)
}

/// Builds the site, telling `progress` how far it has got.
pub fn build_with_progress(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
    build_keeping(options, progress, false).map(|built| built.report)
}

/// A full build, with what a rebuild starts from.
pub struct Built {
    /// What the build did.
    pub report: BuildReport,
    /// The model it wrote (with the pages' Markdown when kept).
    pub model: Model,
    /// Paths of the pages rendered through templates.
    pub rendered: Vec<PathBuf>,
}

/// Builds the site into a staging folder that replaces the output folder;
/// with `keep_text`, the model keeps the pages' Markdown for rebuilds.
pub fn build_keeping(options: &BuildOptions, progress: &dyn Progress, keep_text: bool) -> Result<Built, BuildError> {
    let root = site_root(options)?;
    let output = options.output.clone().unwrap_or_else(|| root.join("public"));
    write::check_output(&root, &output, options.force)?;
    // Pages go into the staging folder as they are rendered; it is removed
    // again if the build fails.
    let staging = Staging::new(&output)?;
    let recorder = options.fingerprints.then(|| Recorder::new(&staging));
    let sink: &dyn Sink = match &recorder {
        Some(recorder) => recorder,
        None => &staging,
    };
    // Tests interrupt a build here, to see the staging folder removed.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var_os("TEND_DEBUG_PAUSE_MS").and_then(|v| v.to_str()?.parse().ok()) {
        std::thread::sleep(Duration::from_millis(ms));
    }
    let (model, emitted, problems, mut clock) = stages(options, &root, sink, progress, keep_text)?;
    if problems.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(problems));
    }
    let fingerprints = recorder.map(|recorder| {
        clock.laps.push(("fingerprints (CPU time, inside the stages above)", recorder.spent()));
        recorder.finish()
    });
    let output = staging.commit()?;
    clock.lap("write");
    let report = BuildReport {
        output,
        content_dir: model.site.config.content_dir.clone(),
        pages: emitted.rendered.len() + emitted.syndicated,
        copied: model.static_files.len() + model.page_assets.len(),
        skipped: model.skipped,
        notes: notes(&model.site, &model.garden),
        warnings: problems,
        timings: clock.laps,
        images: ImageCounts { processed: model.images.processed, reused: model.images.reused },
        fingerprints,
    };
    Ok(Built { report, model, rendered: emitted.rendered })
}

/// The site folder named by `options`, made absolute; it must exist.
pub fn site_root(options: &BuildOptions) -> Result<PathBuf, BuildError> {
    let root = write::absolute(&options.root);
    if !root.is_dir() {
        return Err(BuildError::Usage(format!("the site folder {} does not exist", root.display())));
    }
    Ok(root)
}

/// What a run of the pipeline leaves behind.
pub struct Run {
    /// The site model.
    pub site: Site,
    /// Every problem found, sorted by file, each once.
    pub problems: Vec<Diagnostic>,
    /// Files generated.
    pub pages: usize,
    /// Files copied.
    pub copied: usize,
    /// What was left out.
    pub skipped: Skipped,
    /// Time per stage.
    pub clock: Stopwatch,
    /// Images given resized copies.
    pub images: ImageCounts,
}

fn sink_error(error: String) -> BuildError {
    BuildError::Output(OutputError::Write(error))
}

/// Everything the stages made from the site's sources, before any file is
/// written: what [`emit`] writes, and what `tend serve` keeps between
/// rebuilds.
pub struct Model {
    /// The site model.
    pub site: Site,
    /// The compiled templates.
    pub theme: Theme,
    /// Rendered Markdown of each page, in `site.pages` order.
    pub page_bodies: Vec<Rendered>,
    /// Rendered Markdown of each section's `_index.md`.
    pub section_bodies: Vec<Rendered>,
    /// Backlinks, related notes and the graph.
    pub garden: crate::model::Garden,
    /// Files under `static/`: (source, path in the output).
    pub static_files: Vec<(PathBuf, PathBuf)>,
    /// Files beside pages: (source, path in the output).
    pub page_assets: Vec<(PathBuf, PathBuf)>,
    /// The resized copies of images, made or found in the cache.
    pub images: images::Made,
    /// Where they are kept until linked into the output (it may be a
    /// temporary folder).
    pub image_cache: Option<Cache>,
    /// Each page's front-matter tags, before inline `#tags` joined them
    /// (kept with `keep_text`, for rebuilds; else empty).
    pub front_tags: Vec<Vec<String>>,
    /// Problems found loading the content and the templates (the bodies
    /// hold their own).
    pub problems: Vec<Diagnostic>,
    /// What was left out.
    pub skipped: Skipped,
    /// Time per stage.
    pub clock: Stopwatch,
}

/// Runs every stage for the site in `root`, handing each file to `sink`.
pub fn run(options: &BuildOptions, root: &Path, sink: &dyn Sink, progress: &dyn Progress) -> Result<Run, BuildError> {
    let (model, emitted, problems, clock) = stages(options, root, sink, progress, false)?;
    Ok(Run {
        site: model.site,
        problems,
        pages: emitted.rendered.len() + emitted.syndicated,
        copied: model.static_files.len() + model.page_assets.len(),
        skipped: model.skipped,
        clock,
        images: ImageCounts { processed: model.images.processed, reused: model.images.reused },
    })
}

/// `prepare` then `emit`: the model, what was written, every problem found
/// (tidied) and the time per stage.
fn stages(
    options: &BuildOptions,
    root: &Path,
    sink: &dyn Sink,
    progress: &dyn Progress,
    keep_text: bool,
) -> Result<(Model, Emitted, Vec<Diagnostic>, Stopwatch), BuildError> {
    let mut model = prepare(options, root, progress, keep_text)?;
    let mut clock = std::mem::take(&mut model.clock);
    let mut emitted = emit(&model, root, sink, progress, &mut clock)?;
    let mut problems = model.all_problems();
    problems.append(&mut emitted.problems);
    tidy(&mut problems);
    Ok((model, emitted, problems, clock))
}

/// Sorts problems by file, each once, and an unknown code language once per
/// build rather than once per page.
pub fn tidy(problems: &mut Vec<Diagnostic>) {
    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // An embedded note's problem can be found twice; report it once.
    problems.dedup();
    let mut languages = std::collections::HashSet::new();
    problems.retain(|p| !p.message.starts_with("unknown language `") || languages.insert(p.message.clone()));
}

/// The stages up to the garden: load, resolve, templates, Markdown,
/// backlinks and related notes. With `keep_text`, pages keep their
/// Markdown (a rebuild renders some of them again).
pub fn prepare(
    options: &BuildOptions,
    root: &Path,
    progress: &dyn Progress,
    keep_text: bool,
) -> Result<Model, BuildError> {
    let mut clock = Stopwatch::start();
    let output = options.output.clone().unwrap_or_else(|| root.join("public"));
    let (mut content, mut problems) = load::load(root, Some(&output));
    clock.lap("load");
    if let Some(url) = &options.base_url {
        set_base_url(&mut content.config, url).map_err(BuildError::Usage)?;
    }
    let (mut site, skipped, found) =
        site::resolve(content, ResolveOptions { drafts: options.drafts, now: Timestamp::now() });
    problems.extend(found);
    let static_files = write::files_under(&root.join(STATIC_DIR));
    let page_assets: Vec<(PathBuf, PathBuf)> =
        site.assets.iter().map(|(from, to)| (root.join(from), to.clone())).collect();
    site.images = load::measure_images(&page_assets);
    site.images.extend(load::measure_images(&static_files));
    clock.lap("resolve");

    // Templates first: pages call the shortcode templates.
    let (theme, found) = Theme::load(root);
    problems.extend(found);
    // Sections first: a folder's own page is read again as its list's
    // intro, before the pages' text may be dropped.
    let section_bodies: Vec<Rendered> =
        (0..site.sections.len()).map(|s| render_section_body(&site, s, &theme)).collect();
    let counter = Counter::new(progress, "Rendering Markdown", site.pages.len());
    // Another page's Markdown is read only to embed it (`![[note]]`), and
    // a shortcode could write an embed. Where neither occurs, each page's
    // text is dropped as soon as its HTML is made, so the HTML takes the
    // memory the Markdown held: 650 MB less at 100,000 posts, and memory
    // the system must hand over (and zero) is much of a large build.
    // `![](note.md)` embeds too: a line with both.
    let might_embed = |text: &str| {
        text.contains("![[")
            || text.contains("{{<")
            || (text.contains("![") && text.lines().any(|l| l.contains("![") && l.contains(".md")))
    };
    let drop_early = !keep_text
        && !site.pages.par_iter().any(|p| might_embed(&p.body))
        && !site.sections.iter().any(|s| might_embed(&s.body));
    let texts: Vec<Option<String>> =
        site.pages.iter_mut().map(|p| drop_early.then(|| std::mem::take(&mut p.body))).collect();
    let page_bodies: Vec<Rendered> = texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| {
            let body = render_page_text_safely(&site, i, text.as_deref().unwrap_or(&site.pages[i].body), &theme);
            drop(text);
            counter.tick();
            body
        })
        .collect();
    clock.lap("markdown");
    let mut front_tags = Vec::new();
    if keep_text {
        front_tags = site.pages.iter().map(|p| p.meta.tags.clone()).collect();
    } else {
        // The Markdown is rendered (embeds included); its text is not
        // needed again.
        for page in &mut site.pages {
            page.body = String::new();
        }
    }
    site::add_inline_tags(&mut site, page_bodies.iter().map(|b| b.tags.as_slice()));
    let garden = garden::grow(&site, &page_bodies, &mut |name| clock.lap(name));
    // Resized images need only what the Markdown asked for, but they are
    // made before the templates, which must show a plain <img> where an
    // image could not be resized.
    let mut page_bodies = page_bodies;
    let (images, found, image_cache) = make_images(options, root, &site, &page_bodies);
    problems.extend(found);
    images::unmake(&images.failed, page_bodies.iter_mut().map(|b| (&mut b.html, b.images.as_slice())));
    if options.images {
        clock.lap("images");
    }

    // `tend check` writes no index, so its pages offer no search box either;
    // nor does a site with nothing to find.
    site.config.search &= options.search && !site.pages.is_empty();
    Ok(Model {
        site,
        theme,
        page_bodies,
        section_bodies,
        garden,
        static_files,
        page_assets,
        front_tags,
        images,
        image_cache,
        problems,
        skipped,
        clock,
    })
}

impl Model {
    /// Every problem found: loading, templates, and each body's.
    pub fn all_problems(&self) -> Vec<Diagnostic> {
        let bodies = self.page_bodies.iter().chain(&self.section_bodies);
        self.problems.iter().chain(bodies.flat_map(|b| &b.problems)).cloned().collect()
    }
}

/// Page `i`'s Markdown rendered, a bug in it turned into a problem.
pub fn render_page_body_safely(site: &Site, i: usize, theme: &Theme) -> Rendered {
    render_page_text_safely(site, i, &site.pages[i].body, theme)
}

/// Page `i` rendered from `text`, its Markdown, a bug turned into a problem.
fn render_page_text_safely(site: &Site, i: usize, text: &str, theme: &Theme) -> Rendered {
    catch_bug(&site.pages[i].source, "rendering the Markdown of", || render_page_text(site, i, text, Some(theme)))
        .unwrap_or_else(|bug| Rendered { problems: vec![bug], ..Rendered::default() })
}

/// What [`emit`] wrote.
pub struct Emitted {
    /// Pages rendered through templates, by output path.
    pub rendered: Vec<PathBuf>,
    /// Feeds, the sitemap and other generated files.
    pub syndicated: usize,
    /// Problems found while rendering.
    pub problems: Vec<Diagnostic>,
}

/// `make()` and how long it took.
fn timed<T>(make: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    (make(), start.elapsed())
}

/// Writes every file of `model` into `sink`: copies, theme assets, pages,
/// the search index, feeds and the sitemap.
pub fn emit(
    model: &Model,
    root: &Path,
    sink: &dyn Sink,
    progress: &dyn Progress,
    clock: &mut Stopwatch,
) -> Result<Emitted, BuildError> {
    let Model { site, theme, page_bodies, section_bodies, garden, static_files, page_assets, .. } = model;
    let mut problems = Vec::new();
    let assets = render::theme_assets(markdown::code_stylesheet());
    let bodies = Bodies { pages: page_bodies, sections: section_bodies, garden };
    // Static files and page assets first, then resized images: a generated
    // file of the same name wins.
    let copies: Result<(), String> =
        static_files.par_iter().chain(page_assets.par_iter()).try_for_each(|(from, to)| sink.copy(from, to));
    copies.map_err(sink_error)?;
    // Hard links where they can be: for 20 photos (120 files, 5 MB) this
    // stage took 11-19 ms instead of 56-258 ms with copies.
    let variants: Result<(), String> = model.images.copies.par_iter().try_for_each(|(from, to)| sink.link(from, to));
    variants.map_err(sink_error)?;
    clock.lap("copy files");
    for (name, contents) in &assets {
        sink.write(&OutputFile { path: name.into(), contents: contents.clone() }).map_err(sink_error)?;
    }
    let counter = Counter::new(progress, "Writing pages", render::job_count(site, &bodies));
    let emit = |file: OutputFile| {
        counter.tick();
        sink.write(&file)
    };
    // The search index and the feeds need only the Markdown; they are made
    // alongside the templates. Feeds are written as they are made.
    let write_feed = |file: OutputFile| sink.write(&file);
    let ((rendered, found), ((index, search_took), (feeds, feeds_took))) = rayon::join(
        || render::render_site(theme, site, &bodies, &assets, None, &emit),
        || {
            rayon::join(
                || timed(|| if site.config.search { search::index(site, page_bodies) } else { Vec::new() }),
                || timed(|| syndication::feeds(site, page_bodies, &write_feed)),
            )
        },
    );
    let feeds = feeds.map_err(sink_error)?;
    problems.extend(found);
    clock.lap("templates");
    if site.config.search {
        clock.laps.push(("search index (alongside templates)", search_took));
    }
    if site.config.feeds {
        clock.laps.push(("feeds (alongside templates)", feeds_took));
    }
    let has_robots = root.join(STATIC_DIR).join("robots.txt").is_file();
    let syndicated = syndication::syndicate(site, garden, &rendered, has_robots);
    let written: Result<(), String> =
        index.par_iter().chain(syndicated.par_iter()).try_for_each(|file| sink.write(file));
    written.map_err(sink_error)?;
    clock.lap(if site.config.search { "sitemap and writing the search index" } else { "sitemap" });
    Ok(Emitted { rendered, syndicated: feeds + syndicated.len(), problems })
}

/// Makes the resized copies that pages name (none for `tend check`), with
/// a warning for each image that could not be processed. The cache is
/// returned to be kept until the copies are in the output: it may be a
/// temporary folder.
fn make_images(
    options: &BuildOptions,
    root: &Path,
    site: &Site,
    bodies: &[Rendered],
) -> (images::Made, Vec<Diagnostic>, Option<Cache>) {
    let uses = || bodies.iter().flat_map(|b| &b.images);
    let mut problems = Vec::new();
    let jobs = if options.images { images::jobs(uses(), &site.images) } else { Vec::new() };
    if jobs.is_empty() {
        return (images::Made::default(), problems, None);
    }
    let (cache, trouble) = Cache::open(root);
    if let Some(reason) = trouble {
        problems.push(
            Diagnostic::warning(reason).hint("resized images are made again on every build until it can be written"),
        );
    }
    let made = images::process(&jobs, site.config.images.quality, &cache);
    for (path, why) in &made.failed {
        let name = images::source_name(root, &site.images, path);
        let mut warning = Diagnostic::warning(format!("cannot make resized copies of `{name}`: {why}"))
            .hint("the page shows the image as it is; check that the file is a whole JPEG, PNG or WebP");
        if let Some(at) = uses().find(|u| u.path == *path).and_then(|u| u.at.clone()) {
            warning = warning.at(at);
        }
        problems.push(warning);
    }
    (made, problems, Some(cache))
}

/// Time spent in each stage, for `--timings` and the benchmark.
#[derive(Debug, Default)]
pub struct Stopwatch {
    last: Option<Instant>,
    /// Stage name and how long it took, in order.
    pub laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    /// Starts timing.
    pub fn start() -> Stopwatch {
        Stopwatch { last: Some(Instant::now()), laps: Vec::new() }
    }

    /// Ends the stage called `name` and starts the next.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.last.map_or(Duration::ZERO, |t| now - t);
        self.laps.push((name, since));
        self.last = Some(now);
    }
}

fn notes(site: &Site, garden: &crate::model::Garden) -> Vec<String> {
    let mut notes = Vec::new();
    for (path, page) in render::intros(site, garden) {
        notes.push(format!(
            "note: {} is the intro of /{path}, a page tend writes itself",
            site.pages[page].source.display()
        ));
    }
    if site.config.base_url.is_empty() {
        notes.push(
            "note: base_url is not set, so feeds and sitemap.xml hold paths instead of full URLs (set base_url in tend.toml or pass --base-url)"
                .to_owned(),
        );
    }
    notes
}

/// The Markdown of page `index` rendered as the build renders it: wikilinks
/// and embeds resolved against `site`, the title's id reserved, shortcodes
/// called from `shortcodes` (the theme; `None` leaves calls as written).
pub fn render_page_body(site: &Site, index: usize, shortcodes: Option<&dyn Shortcodes>) -> Rendered {
    render_page_text(site, index, &site.pages[index].body, shortcodes)
}

fn render_page_text(site: &Site, index: usize, text: &str, shortcodes: Option<&dyn Shortcodes>) -> Rendered {
    let page = &site.pages[index];
    // Tests make tend fail on purpose here, to see a bug handled.
    #[cfg(debug_assertions)]
    if let Some(name) = std::env::var_os("TEND_DEBUG_PANIC")
        && page.source.to_string_lossy().contains(&*name.to_string_lossy())
    {
        panic!("TEND_DEBUG_PANIC was set for this file");
    }
    let title_id = title_id(&page.title);
    let reserved = ["content", title_id.as_str(), "links-to-this-page", "related-notes"];
    render_as_page(site, index, text, &reserved, shortcodes)
}

/// Page `index`'s Markdown `text` rendered with its links resolved and
/// its title dropped from the body, with the ids `reserved` taken.
fn render_as_page(
    site: &Site,
    index: usize,
    text: &str,
    reserved: &[&str],
    shortcodes: Option<&dyn Shortcodes>,
) -> Rendered {
    let page = &site.pages[index];
    // The body's heading text has typographic punctuation; so must the title.
    let title = smarten(&page.title);
    let embeds_done = std::cell::Cell::new(0);
    let options = MarkdownOptions {
        base_path: &site.config.base_path,
        drop_title: page.title_in_body.then_some(title.as_str()),
        reserved_ids: reserved,
        id_prefix: "",
        body_line: page.body_line,
        links: Some(LinkContext { site, page: index, embed_stack: &[], part: None, embeds_done: &embeds_done }),
        plain_code: !site.config.highlight,
        mark_external: site.config.mark_external_links.then_some(site.config.base_url.as_str()),
        shortcodes,
        file: None,
    };
    markdown::render(text, &options)
}

/// The Markdown of section `index` rendered as its list's intro: its
/// `_index.md`, or the folder's own page, whose links are resolved as on
/// any page (its problems are the page's, reported there).
pub fn render_section_body(site: &Site, index: usize, shortcodes: &dyn Shortcodes) -> Rendered {
    let section = &site.sections[index];
    let title_id = title_id(&section.title);
    // The home template's own headings use these ids.
    let reserved = ["content", title_id.as_str(), "recent", "explore", "pages"];
    if let Some(page_index) = section.page {
        let mut rendered = render_as_page(site, page_index, &site.pages[page_index].body, &reserved, Some(shortcodes));
        rendered.problems.clear();
        return rendered;
    }
    let options = MarkdownOptions {
        base_path: &site.config.base_path,
        reserved_ids: &reserved,
        body_line: section.body_line,
        mark_external: site.config.mark_external_links.then_some(site.config.base_url.as_str()),
        shortcodes: Some(shortcodes),
        file: section.source.as_deref(),
        ..MarkdownOptions::default()
    };
    markdown::render(&section.body, &options)
}
