//! The build: the pipeline from a site folder to a written output folder.
//! Read [`build`] first; it names every stage in order.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::{IntoParallelIterator, IntoParallelRefIterator, ParallelIterator};
use thiserror::Error;

use crate::garden;
use crate::load::{self, set_base_url};
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered, smarten};
use crate::model::{Diagnostic, OutputFile, Section, Sink, Site, catch_bug};
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
    /// Fingerprint every file written, for [`BuildReport::fingerprints`].
    pub fingerprints: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// The output folder written.
    pub output: PathBuf,
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
    /// A hash of every file written, when [`BuildOptions::fingerprints`]
    /// asked for them.
    pub fingerprints: Option<Fingerprints>,
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
    let mut run = run(options, &root, sink, progress)?;
    if run.problems.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(run.problems));
    }
    let fingerprints = recorder.map(|recorder| {
        run.clock.laps.push(("fingerprints (CPU time, inside the stages above)", recorder.spent()));
        recorder.finish()
    });
    let output = staging.commit()?;
    run.clock.lap("write");
    Ok(BuildReport {
        output,
        pages: run.pages,
        copied: run.copied,
        skipped: run.skipped,
        notes: notes(&run.site),
        warnings: run.problems,
        timings: run.clock.laps,
        fingerprints,
    })
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
}

fn sink_error(error: String) -> BuildError {
    BuildError::Output(OutputError::Write(error))
}

/// Runs every stage for the site in `root`, handing each file to `sink`.
pub fn run(options: &BuildOptions, root: &Path, sink: &dyn Sink, progress: &dyn Progress) -> Result<Run, BuildError> {
    let mut clock = Stopwatch::start();
    let (mut content, mut problems) = load::load(root);
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
    site.image_sizes = load::measure_images(&page_assets);
    site.image_sizes.extend(load::measure_images(&static_files));
    clock.lap("resolve");

    let counter = Counter::new(progress, "Rendering Markdown", site.pages.len());
    let page_bodies: Vec<Rendered> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let body = catch_bug(&site.pages[i].source, "rendering the Markdown of", || render_page_body(&site, i))
                .unwrap_or_else(|bug| Rendered { problems: vec![bug], ..Rendered::default() });
            counter.tick();
            body
        })
        .collect();
    let section_bodies: Vec<Rendered> = site.sections.iter().map(|s| render_section_body(&site, s)).collect();
    for body in page_bodies.iter().chain(&section_bodies) {
        problems.extend(body.problems.iter().cloned());
    }
    clock.lap("markdown");
    // The Markdown is rendered (embeds included); its text is not needed again.
    for page in &mut site.pages {
        page.body = String::new();
    }
    site::add_inline_tags(&mut site, page_bodies.iter().map(|b| b.tags.as_slice()));
    let garden = garden::grow(&site, &page_bodies, &mut clock);

    // `tend check` writes no index, so its pages offer no search box either;
    // nor does a site with nothing to find.
    site.config.search &= options.search && !site.pages.is_empty();
    let (theme, found) = Theme::load(root);
    problems.extend(found);
    let assets = render::theme_assets();
    let bodies = Bodies { pages: &page_bodies, sections: &section_bodies, garden: &garden };
    // Static files and page assets first: a generated file of the same name
    // wins.
    let copies: Result<(), String> =
        static_files.par_iter().chain(page_assets.par_iter()).try_for_each(|(from, to)| sink.copy(from, to));
    copies.map_err(sink_error)?;
    for (name, contents) in &assets {
        sink.write(&OutputFile { path: name.into(), contents: (*contents).to_owned() }).map_err(sink_error)?;
    }
    let counter = Counter::new(progress, "Writing pages", render::job_count(&site, &bodies));
    let emit = |file: OutputFile| {
        counter.tick();
        sink.write(&file)
    };
    // The search index needs only the Markdown; it is built alongside the
    // templates.
    let ((rendered, found), index) = rayon::join(
        || render::render_site(&theme, &site, &bodies, &assets, &emit),
        || {
            let start = Instant::now();
            let files = if site.config.search { search::index(&site, &page_bodies) } else { Vec::new() };
            (files, start.elapsed())
        },
    );
    problems.extend(found);
    clock.lap("templates");
    let (index, took) = index;
    for file in &index {
        sink.write(file).map_err(sink_error)?;
    }
    if site.config.search {
        clock.laps.push(("search index (alongside templates)", took));
    }
    let has_robots = root.join(STATIC_DIR).join("robots.txt").is_file();
    let (syndicated, found) = syndication::syndicate(&site, &page_bodies, &garden, &rendered, has_robots);
    problems.extend(found);
    for file in &syndicated {
        sink.write(file).map_err(sink_error)?;
    }
    clock.lap("feeds and sitemap");

    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // An embedded note's problem can be found twice; report it once.
    problems.dedup();
    // An unknown code language is worth one warning per build, not per page.
    let mut languages = std::collections::HashSet::new();
    problems.retain(|p| !p.message.starts_with("unknown language `") || languages.insert(p.message.clone()));
    Ok(Run {
        site,
        problems,
        pages: rendered.len() + syndicated.len(),
        copied: static_files.len() + page_assets.len(),
        skipped,
        clock,
    })
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

fn notes(site: &Site) -> Vec<String> {
    let mut notes = Vec::new();
    if site.config.base_url.is_empty() {
        notes.push(
            "note: base_url is not set, so feeds and sitemap.xml hold paths instead of full URLs (set base_url in tend.toml or pass --base-url)"
                .to_owned(),
        );
    }
    notes
}

/// The Markdown of page `index` rendered as the build renders it: wikilinks
/// and embeds resolved against `site`, the title's id reserved.
pub fn render_page_body(site: &Site, index: usize) -> Rendered {
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
    // The body's heading text has typographic punctuation; so must the title.
    let title = smarten(&page.title);
    let options = MarkdownOptions {
        base_path: &site.config.base_path,
        drop_title: page.title_in_body.then_some(title.as_str()),
        reserved_ids: &reserved,
        id_prefix: "",
        body_line: page.body_line,
        links: Some(LinkContext { site, page: index, embed_stack: &[] }),
        plain_code: !site.config.highlight,
        mark_external: site.config.mark_external_links.then_some(site.config.base_url.as_str()),
    };
    markdown::render(&page.body, &options)
}

fn render_section_body(site: &Site, section: &Section) -> Rendered {
    let title_id = title_id(&section.title);
    // The home template's own headings use these ids.
    let reserved = ["content", title_id.as_str(), "recent", "explore"];
    let options = MarkdownOptions {
        base_path: &site.config.base_path,
        reserved_ids: &reserved,
        body_line: section.body_line,
        mark_external: site.config.mark_external_links.then_some(site.config.base_url.as_str()),
        ..MarkdownOptions::default()
    };
    markdown::render(&section.body, &options)
}
