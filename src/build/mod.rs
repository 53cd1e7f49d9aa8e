//! The build: the pipeline from a site folder to a written output folder.
//! Read [`run`] first; it names every stage in order. [`build`] runs it
//! into a staging folder that replaces the output folder when no stage
//! found an error.

mod emit;
pub(crate) mod hooks;
mod prepare;
mod progress;

use std::path::{Path, PathBuf};
use std::time::Duration;

use thiserror::Error;

pub use prepare::{Model, make_cards, render_page_body_safely};
pub use progress::{Progress, Silent, Stopwatch};

use crate::model::{Diagnostic, Kind, Sink, Site};
use crate::site::Skipped;
use crate::write::{self, Fingerprints, OutputError, Recorder, Staging};

pub use crate::model::STATIC_DIR;

/// What to build and how.
#[derive(Debug, Clone, Default)]
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
    /// Draw each page's social card when `[cards]` has them on (`tend
    /// serve` draws them once the sources are quiet instead).
    pub cards: bool,
    /// Fingerprint every file written, for [`Report::fingerprints`].
    pub fingerprints: bool,
    /// Keep each page's Markdown in the [`Model`], for rebuilds (`tend
    /// serve`).
    pub keep_text: bool,
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
    /// The output folder.
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
    /// Every problem found, sorted by file, each once: only warnings once
    /// the output is written.
    pub problems: Vec<Diagnostic>,
    /// Things worth knowing that are not problems, one line each.
    pub notes: Vec<String>,
    /// Time spent in each stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// Images given resized copies: made anew, or all found in the cache.
    pub images: ImageCounts,
    /// Social cards: drawn (`processed`), or found in the cache.
    pub cards: ImageCounts,
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

impl BuildError {
    /// Whether the machine failed, not the content or the command: a file
    /// could not be written (a full disk, a read-only folder, no
    /// permission). The command line exits with its own status for it.
    pub fn is_environment(&self) -> bool {
        matches!(self, BuildError::Output(OutputError::Write(_) | OutputError::Io { .. }))
    }
}

/// A build: what it did, the model it made (what `tend serve` rebuilds
/// from) and the pages it rendered through templates.
pub struct Built {
    /// What the build did.
    pub report: Report,
    /// The model it wrote (with the pages' Markdown when kept).
    pub model: Model,
    /// Paths of the pages rendered through templates.
    pub rendered: Vec<PathBuf>,
    /// A site in several languages: each other language's site, with the
    /// folder of the output it was written to (`fr/`); `model` is the
    /// default language's.
    pub languages: Vec<(PathBuf, Site)>,
}

/// Builds the site `options` names into its output folder, telling
/// `progress` how far it has got. Nothing is written if a stage finds an
/// error: the files go into a staging folder that replaces the output
/// folder only at the end.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<Built, BuildError> {
    let root = site_root(options)?;
    let output = output_folder(options, &root);
    write::check_output(&root, &output, options.force)?;
    let staging = Staging::new(&output)?;
    let recorder = options.fingerprints.then(|| Recorder::new(&staging));
    let sink: &dyn Sink = match &recorder {
        Some(recorder) => recorder,
        None => &staging,
    };
    hooks::pause();
    let mut built = run(options, &root, sink, progress)?;
    let report = &mut built.report;
    if report.problems.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(std::mem::take(&mut report.problems)));
    }
    let mut clock = Stopwatch::start();
    if let Some(recorder) = recorder {
        report.timings.push(("fingerprints (CPU time, inside the stages above)", recorder.spent()));
        report.fingerprints = Some(recorder.finish());
    }
    report.output = staging.commit()?;
    clock.lap("write");
    report.timings.append(&mut clock.laps);
    Ok(built)
}

/// Runs every stage for the site in `root`, handing each file to `sink`:
/// load and resolve the site, render the Markdown, grow the garden, make
/// the images, then render and write every file. A site in several
/// languages is one site per language, each under its folder (`de/`),
/// linked to the others by their translations.
pub fn run(options: &BuildOptions, root: &Path, sink: &dyn Sink, progress: &dyn Progress) -> Result<Built, BuildError> {
    let mut clock = Stopwatch::start();
    let (contents, problems) = prepare::load(options, root, &mut clock)?;
    let mut problems = Some(problems);
    let mut models: Vec<Model> = contents
        .into_iter()
        .enumerate()
        .map(|(i, content)| {
            prepare::read(options, root, content, problems.take().unwrap_or_default(), i == 0, &mut clock)
        })
        .collect();
    let mut sites: Vec<&mut Site> = models.iter_mut().map(|m| &mut m.site).collect();
    crate::site::link_translations(&mut sites);
    // A garden shared across languages needs every language's links first;
    // else each language is made and written in turn.
    let shared = models.len() > 1 && models.iter().any(|m| m.site.config.shared_garden);
    if shared {
        for model in &mut models {
            grow(model, options, root, progress, &mut clock);
        }
        let mut languages: Vec<_> =
            models.iter_mut().map(|m| (&m.site, m.page_bodies.as_slice(), &mut m.garden)).collect();
        crate::garden::share(&mut languages);
    }
    let mut models = models.into_iter();
    let Some(first) = models.next() else { return Err(BuildError::Usage("the site has no language".to_owned())) };
    let mut built = run_stages(first, options, (root, shared), sink, progress, &mut clock)?;
    for model in models {
        let folder = model.site.config.base.path.strip_prefix(built.model.site.config.base.path.as_str());
        let folder = PathBuf::from(folder.unwrap_or_default());
        let under = write::Under::new(sink, &folder);
        let language = run_stages(model, options, (root, shared), &under, progress, &mut clock)?;
        built.add_language(language, &folder);
    }
    tidy(&mut built.report.problems);
    built.report.timings = clock.laps;
    Ok(built)
}

/// Renders the Markdown of the site (or one language of it) `model` holds,
/// and grows its garden.
fn grow(model: &mut Model, options: &BuildOptions, root: &Path, progress: &dyn Progress, clock: &mut Stopwatch) {
    let memo_root = options.images.then_some(root);
    prepare::render_markdown(model, options.keep_text, memo_root, progress, clock);
    model.garden = crate::garden::grow(&model.site, &model.page_bodies, &mut |name| clock.lap(name));
}

/// The stages after loading, for the site (or one language of it) `model`
/// holds: Markdown and garden (unless `grown`), images, then every file,
/// into `sink`.
fn run_stages(
    mut model: Model,
    options: &BuildOptions,
    (root, grown): (&Path, bool),
    sink: &dyn Sink,
    progress: &dyn Progress,
    clock: &mut Stopwatch,
) -> Result<Built, BuildError> {
    if !grown {
        grow(&mut model, options, root, progress, clock);
    }
    prepare::make_images(&mut model, options, root, clock);
    // `tend check` writes no index, so its pages offer no search box
    // either; nor does a site with nothing to find.
    model.site.config.search &= options.search && !model.site.pages.is_empty();
    let emitted = emit::emit(&model, root, sink, progress, clock)?;
    let mut problems = model.all_problems();
    problems.extend(emitted.problems);
    tidy(&mut problems);
    let report = Report {
        output: output_folder(options, root),
        content_dir: model.site.config.content_dir.clone(),
        pages: emitted.rendered.len() + emitted.syndicated,
        copied: model.static_files.len() + model.page_assets.len(),
        skipped: model.skipped,
        problems,
        notes: notes(&model.site, &model.garden),
        timings: Vec::new(),
        images: ImageCounts { processed: model.images.processed, reused: model.images.reused },
        cards: ImageCounts { processed: model.cards.drawn, reused: model.cards.reused },
        fingerprints: None,
    };
    Ok(Built { report, model, rendered: emitted.rendered, languages: Vec::new() })
}

impl Built {
    /// Adds what the build of another language, under `folder`, did.
    fn add_language(&mut self, other: Built, folder: &Path) {
        let (report, theirs) = (&mut self.report, other.report);
        report.pages += theirs.pages;
        report.copied += theirs.copied;
        report.skipped.add(theirs.skipped);
        report.problems.extend(theirs.problems);
        for note in theirs.notes {
            if !report.notes.contains(&note) {
                report.notes.push(note);
            }
        }
        report.images.processed += theirs.images.processed;
        report.images.reused += theirs.images.reused;
        report.cards.processed += theirs.cards.processed;
        report.cards.reused += theirs.cards.reused;
        self.rendered.extend(other.rendered.into_iter().map(|path| folder.join(path)));
        self.languages.push((folder.to_path_buf(), other.model.site));
    }
}

/// The site folder named by `options`, made absolute; it must exist.
pub fn site_root(options: &BuildOptions) -> Result<PathBuf, BuildError> {
    let root = write::absolute(&options.root);
    if !root.is_dir() {
        return Err(BuildError::Usage(format!("the site folder {} does not exist", root.display())));
    }
    Ok(root)
}

/// The output folder `options` name: `public/` in the site folder unless
/// they say otherwise.
pub fn output_folder(options: &BuildOptions, root: &Path) -> PathBuf {
    options.output.clone().unwrap_or_else(|| root.join("public"))
}

/// Sorts problems by file, each once, and an unknown code language once per
/// build rather than once per page.
pub fn tidy(problems: &mut Vec<Diagnostic>) {
    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // An embedded note's problem can be found twice; report it once.
    problems.dedup();
    let mut languages = std::collections::HashSet::new();
    problems.retain(|p| p.kind != Kind::UnknownLanguage || languages.insert(p.message.clone()));
}

/// Lines worth printing after a build that are not problems.
fn notes(site: &Site, garden: &crate::model::Garden) -> Vec<String> {
    let mut notes = Vec::new();
    for (path, page) in crate::render::intros(site, garden) {
        notes.push(format!(
            "note: {} is the intro of /{path}, a page tend writes itself",
            site.pages[page].source.display()
        ));
    }
    if site.config.base.url.is_empty() {
        notes.push(
            "note: base_url is not set, so feeds and sitemap.xml hold paths instead of full URLs (set base_url in tend.toml or pass --base-url)"
                .to_owned(),
        );
    }
    notes
}
