//! Incremental rebuilds for `tend serve`: the model of the last good build
//! is kept in memory, and a change re-runs only what depends on it.
//!
//! - A page whose body changed (its front matter, title and file name as
//!   they were) is read again; its Markdown and that of the pages embedding
//!   it is rendered again, and only the files that show it are rendered
//!   again (`affected.rs` is the dependency map). Feeds and the sitemap are
//!   rendered again too; the search index is brought up to date later, by
//!   [`Session::refresh_search`], off the fast path.
//! - A template change renders again, from the kept Markdown, the files
//!   whose template uses it (`{% extends %}`, `{% include %}`, `{% import %}`
//!   followed through; every file when a template is named by an
//!   expression). A shortcode template changes the Markdown: a full build.
//! - A file under `static/` is copied again.
//! - Anything else (a page added, removed or with new front matter,
//!   `tend.toml`, an `_index.md`, a page asset) is a full build.
//!
//! Invariant: after any sequence of rebuilds, the output folder holds what
//! a clean build of the same sources writes, byte for byte (the tests build
//! both and compare). Partial rebuilds write into the live output folder
//! file by file (`in_place.rs`), touching only files whose bytes change, and
//! write nothing when the rebuild has errors. After a failed rebuild the
//! next one is a full build, since the kept model may be half updated.

mod affected;
mod in_place;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::build::{self, BuildError, BuildOptions, Model, Report, STATIC_DIR, Silent, Stopwatch, tidy};
use crate::load;
use crate::model::{Diagnostic, Sink, SinkError};
use crate::render::{self, Bodies, TEMPLATES_DIR, Theme};
use crate::write::{self, Fingerprints, OutputError};
use crate::{search, syndication};
pub use in_place::InPlace;

/// How much a rebuild redid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything, into a fresh output folder.
    Full,
    /// The Markdown of some pages, and the files that show them.
    Pages,
    /// Every page, from the kept Markdown.
    Templates,
    /// Copies of static files.
    Static,
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The report a build gives.
    pub report: Report,
    /// How much was redone.
    pub scope: Scope,
    /// Files whose bytes changed, relative to the output folder; `None`
    /// after a full build, which may have changed any of them.
    pub changed: Option<Vec<PathBuf>>,
}

/// What drawing the social cards off the fast path did.
#[derive(Debug, Default)]
pub struct CardsDrawn {
    /// Cards whose bytes changed, relative to the output folder.
    pub changed: Vec<PathBuf>,
    /// Warnings met drawing them, such as a broken card template.
    pub problems: Vec<Diagnostic>,
}

/// A site being served: its options and the model of its last good build.
pub struct Session {
    options: BuildOptions,
    root: PathBuf,
    output: PathBuf,
    kept: Option<Kept>,
}

struct Kept {
    model: Model,
    /// A hash of every output file, kept up to date by each rebuild, when
    /// the options ask for them (`tend serve` compares builds with them).
    fingerprints: Option<Fingerprints>,
    /// Paths of the pages rendered through templates, for the sitemap.
    rendered: Vec<PathBuf>,
    /// The search index misses the latest body edits.
    search_stale: bool,
    /// The social cards are not drawn yet, or miss the latest edits.
    cards_stale: bool,
}

impl Session {
    /// A session for the site `options` names; nothing is built yet.
    pub fn new(options: BuildOptions) -> Result<Session, BuildError> {
        let root = build::site_root(&options)?;
        let output = options.output.clone().unwrap_or_else(|| root.join("public"));
        write::check_output(&root, &output, options.force)?;
        let options = BuildOptions { keep_text: true, ..options };
        Ok(Session { options, root, output: write::absolute(&output), kept: None })
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// A full build, kept for the rebuilds after it.
    pub fn build(&mut self) -> Result<Rebuilt, BuildError> {
        self.kept = None;
        let built = build::build(&self.options, &Silent)?;
        let fingerprints = built.report.fingerprints.clone();
        let cards_stale = built.model.site.config.cards.enabled && !self.options.cards;
        let kept =
            Kept { model: built.model, fingerprints, rendered: built.rendered, search_stale: false, cards_stale };
        self.kept = Some(kept);
        Ok(Rebuilt { report: built.report, scope: Scope::Full, changed: None })
    }

    /// Rebuilds after the files at `paths` (absolute, or relative to the
    /// site folder) changed, were added or were removed.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        let Some(kept) = self.kept.take() else { return self.build() };
        // A site in several languages is one model per language: it is
        // built whole.
        if !kept.model.site.config.languages.is_empty() {
            return self.build();
        }
        let changes = Changes::sort(&self.root, &kept.model.site.config.content_dir, paths);
        let outcome = match changes {
            Changes::Everything => return self.build(),
            Changes::Static(files) => self.copy_static(kept, &files),
            Changes::Templates { shortcodes: true, .. } => return self.build(),
            Changes::Templates { names, shortcodes: false } => self.rerender(kept, &names),
            Changes::Pages(files) => self.edit_pages(kept, &files),
        };
        match outcome {
            Ok((mut kept, rebuilt)) => {
                // A title in a body, or the card template, shows on cards.
                kept.cards_stale |= kept.model.site.config.cards.enabled && !self.options.cards;
                self.kept = Some(kept);
                Ok(rebuilt)
            }
            Err(Fallback::Full) => self.build(),
            // The model may be half updated: the next rebuild is full.
            Err(Fallback::Failed(error)) => Err(error),
        }
    }

    /// The fingerprints of the output as it is now, when the options ask
    /// for them and a build succeeded.
    pub fn fingerprints(&self) -> Option<&Fingerprints> {
        self.kept.as_ref()?.fingerprints.as_ref()
    }

    /// Brings the search index up to date after body edits; returns the
    /// index files that changed. Nothing to do returns an empty list.
    pub fn refresh_search(&mut self) -> Result<Vec<PathBuf>, BuildError> {
        let Some(kept) = self.kept.as_mut().filter(|k| k.search_stale) else { return Ok(Vec::new()) };
        let sink = InPlace::new(&self.output);
        let files = search::index(&kept.model.site, &kept.model.page_bodies);
        files.par_iter().try_for_each(|file| sink.write(file)).map_err(write_error)?;
        // Shards of words no page has any more go; the search page itself
        // (`search/index.html`) is a page, not part of the index.
        let index: std::collections::HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        for folder in ["terms", "pages"] {
            let relative = Path::new(search::DIR).join(folder);
            for (_, file) in write::files_under(&self.output.join(&relative)) {
                let file = relative.join(file);
                if !index.contains(file.as_path()) {
                    sink.remove(&file).map_err(write_error)?;
                }
            }
        }
        kept.search_stale = false;
        let changed = sink.into_changed(kept.fingerprints.as_mut());
        Ok(changed)
    }

    /// Draws the social cards a build left out (`tend serve` draws them
    /// once the sources are quiet), each unchanged one from the cache;
    /// returns the cards that changed and the problems drawing them met (a
    /// broken card template). Nothing to do returns nothing.
    pub fn refresh_cards(&mut self) -> Result<CardsDrawn, BuildError> {
        let Some(kept) = self.kept.as_mut().filter(|k| k.cards_stale) else { return Ok(CardsDrawn::default()) };
        let mut problems = Vec::new();
        let (cards, _cache) = build::make_cards(&kept.model.site, &kept.model.theme, &self.root, &mut problems);
        let sink = InPlace::new(&self.output);
        cards.copies.par_iter().try_for_each(|(from, to)| sink.link(from, to)).map_err(write_error)?;
        kept.cards_stale = false;
        Ok(CardsDrawn { changed: sink.into_changed(kept.fingerprints.as_mut()), problems })
    }

    fn copy_static(&self, kept: Kept, files: &[PathBuf]) -> Result<(Kept, Rebuilt), Fallback> {
        let clock = Stopwatch::start();
        let sink = InPlace::new(&self.output);
        let files: Vec<&PathBuf> =
            files.iter().filter(|f| !f.strip_prefix(STATIC_DIR).is_ok_and(write::is_clutter)).collect();
        for file in &files {
            let relative = file.strip_prefix(STATIC_DIR).map_err(|_| Fallback::Full)?;
            // A generated file of the same name wins over a static one; an
            // image's size is in the pages that show it.
            let generated = kept.rendered.iter().any(|p| p == relative);
            if generated || !self.root.join(file).is_file() || load::is_image(relative) {
                return Err(Fallback::Full);
            }
            sink.copy(&self.root.join(file), relative).map_err(|e| Fallback::Failed(write_error(e)))?;
        }
        let mut kept = kept;
        let changed = sink.into_changed(kept.fingerprints.as_mut());
        let mut report = self.report(&kept.model, 0, files.len(), Vec::new(), clock);
        report.fingerprints = kept.fingerprints.clone();
        Ok((kept, Rebuilt { report, scope: Scope::Static, changed: Some(changed) }))
    }

    /// Renders again every file whose template uses one of the templates
    /// `names` (as `page.html`).
    fn rerender(&self, mut kept: Kept, names: &BTreeSet<String>) -> Result<(Kept, Rebuilt), Fallback> {
        let mut clock = Stopwatch::start();
        let (theme, problems) = Theme::load(&self.root, &kept.model.site.config.locale);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(Fallback::Failed(BuildError::Content(problems)));
        }
        kept.model.theme = theme;
        clock.lap("templates loaded");
        // Unknown uses (a template named by an expression): every file.
        let affected = kept.model.theme.users_of(names).map(|templates| affected::Affected {
            selection: render::Selection { templates, ..render::Selection::default() },
            bodies: BTreeSet::new(),
        });
        let rebuilt = self.render(&mut kept, affected.as_ref(), &mut clock).map_err(Fallback::Failed)?;
        Ok((kept, Rebuilt { scope: Scope::Templates, ..rebuilt }))
    }

    fn edit_pages(&self, mut kept: Kept, files: &[PathBuf]) -> Result<(Kept, Rebuilt), Fallback> {
        let mut clock = Stopwatch::start();
        let model = &mut kept.model;
        let (mut edited, mut tended) = (Vec::new(), Vec::new());
        for file in files {
            let index = model.site.pages.iter().position(|p| &p.source == file).ok_or(Fallback::Full)?;
            // A folder's own page is its list's intro: rendered with the list.
            if model.site.is_shown_elsewhere(index) {
                return Err(Fallback::Full);
            }
            // Only a site of one language is rebuilt in part: no file names one.
            let (Some(mut loaded), problems) = load::load_page(&self.root, file, &[]) else {
                return Err(Fallback::Full);
            };
            let old = &model.site.pages[index];
            // Whether a file is a bundle depends on the files beside it, not
            // on its text.
            loaded.kind = old.kind.clone();
            if !problems.is_empty() || !old.same_but_body(&model.front_tags[index], &loaded) {
                return Err(Fallback::Full);
            }
            // Git is asked only when the front matter gives no `updated`.
            let commits = if loaded.meta.updated.is_none() {
                load::history(load::ask_history(&self.root, &model.site.config.content_dir))
            } else {
                Default::default()
            };
            load::set_tended(&self.root, std::slice::from_mut(&mut loaded), &commits);
            // Only the day of an edit shows; a new day is a new "last tended".
            if old.tended.map(|t| t.0.day) != loaded.tended.map(|t| t.0.day) {
                return Err(Fallback::Full);
            }
            // The time still orders the section's list by last tended.
            if old.tended != loaded.tended {
                tended.push(index);
                model.site.pages[index].tended = loaded.tended;
            }
            model.site.pages[index].body = loaded.body;
            edited.push(index);
        }
        clock.lap("load");
        let affected = affected::body_edit(model, &edited, &tended, &mut clock).map_err(|_| Fallback::Full)?;
        kept.search_stale |= kept.model.site.config.search;
        let rebuilt = self.render(&mut kept, Some(&affected), &mut clock).map_err(Fallback::Failed)?;
        Ok((kept, Rebuilt { scope: Scope::Pages, ..rebuilt }))
    }

    /// Renders what a body edit touched (or every page, after a template
    /// change: feeds and the sitemap do not use templates) into the live
    /// output folder, unless there are errors.
    fn render(
        &self,
        kept: &mut Kept,
        affected: Option<&affected::Affected>,
        clock: &mut Stopwatch,
    ) -> Result<Rebuilt, BuildError> {
        let model = &kept.model;
        let bodies = Bodies { pages: &model.page_bodies, sections: &model.section_bodies, garden: &model.garden };
        // Files are held until the problems are known: nothing is written
        // if there is an error.
        let held = std::sync::Mutex::new(Vec::new());
        let hold = |file| {
            held.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file);
            Ok(())
        };
        let selection = affected.map(|a| &a.selection);
        let (rendered, found) =
            render::render_site(&model.theme, &model.site, &bodies, &model.assets, selection, &hold);
        clock.lap("templates");
        if let Some(affected) = affected {
            // Holding cannot fail.
            syndication::feeds_showing(&model.site, &model.page_bodies, &affected.bodies, &hold).ok();
            if affected.selection.graph
                && let Some(graph) = syndication::graph_file(&model.site, &model.garden)
            {
                hold(graph).ok();
            }
            clock.lap("feeds");
        }
        let mut problems = model.all_problems();
        problems.extend(found);
        tidy(&mut problems);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(BuildError::Content(problems));
        }
        let sink = InPlace::new(&self.output);
        let files = held.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        // In parallel: after a template change every page may be written.
        files.par_iter().try_for_each(|file| sink.write(file)).map_err(write_error)?;
        let changed = sink.into_changed(kept.fingerprints.as_mut());
        clock.lap("write");
        let mut report = self.report(&kept.model, rendered.len(), 0, problems, std::mem::take(clock));
        report.fingerprints = kept.fingerprints.clone();
        Ok(Rebuilt { report, scope: Scope::Pages, changed: Some(changed) })
    }

    fn report(
        &self,
        model: &Model,
        pages: usize,
        copied: usize,
        problems: Vec<Diagnostic>,
        clock: Stopwatch,
    ) -> Report {
        Report {
            output: self.output.clone(),
            content_dir: model.site.config.content_dir.clone(),
            pages,
            copied,
            skipped: model.skipped,
            problems,
            notes: Vec::new(),
            timings: clock.laps,
            images: build::ImageCounts::default(),
            cards: build::ImageCounts::default(),
            fingerprints: None,
        }
    }
}

/// Why a partial rebuild stopped.
enum Fallback {
    /// The change is beyond it: build everything.
    Full,
    /// The sources have errors (or the output cannot be written).
    Failed(BuildError),
}

fn write_error(error: SinkError) -> BuildError {
    BuildError::Output(OutputError::Write(error))
}

/// What changed, sorted by what it takes to rebuild.
enum Changes {
    Everything,
    Static(Vec<PathBuf>),
    Templates { names: BTreeSet<String>, shortcodes: bool },
    Pages(Vec<PathBuf>),
}

impl Changes {
    /// Sorts `paths` (absolute, or relative to `root`, whose Markdown is in
    /// `content_dir`); a mix of kinds, or anything but Markdown pages,
    /// static files and templates, is everything.
    fn sort(root: &Path, content_dir: &Path, paths: &[PathBuf]) -> Changes {
        let (mut pages, mut statics, mut templates, mut shortcodes) = (Vec::new(), Vec::new(), BTreeSet::new(), false);
        for path in paths {
            let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            let is_markdown = relative.extension().is_some_and(|e| e == "md");
            if relative.starts_with(STATIC_DIR) {
                statics.push(relative);
            } else if let Ok(name) = relative.strip_prefix(TEMPLATES_DIR) {
                // A folder that appeared (the first template, say) may hold
                // any template, the watcher may not have seen each file in it.
                if name.as_os_str().is_empty() || root.join(&relative).is_dir() {
                    return Changes::Everything;
                }
                shortcodes |= name.starts_with("shortcodes");
                templates.insert(name.to_string_lossy().replace('\\', "/"));
            } else if relative.starts_with(content_dir) && is_markdown && !relative.ends_with("_index.md") {
                pages.push(relative);
            } else {
                return Changes::Everything;
            }
        }
        match (pages.is_empty(), statics.is_empty(), templates.is_empty()) {
            (false, true, true) => Changes::Pages(pages),
            (true, false, true) => Changes::Static(statics),
            (true, true, false) => Changes::Templates { names: templates, shortcodes },
            _ => Changes::Everything,
        }
    }
}
