//! The stages that write: copies, theme assets, every page through the
//! templates, and alongside them the search index and the feeds, then the
//! sitemap, each file handed to a [`Sink`].

use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use super::progress::{Counter, Progress, Stopwatch, timed};
use super::{BuildError, Model, STATIC_DIR};
use crate::model::{Diagnostic, OutputFile, Sink, SinkError};
use crate::render::{self, Bodies};
use crate::search;
use crate::syndication;
use crate::write::OutputError;

/// What [`emit`] wrote.
pub(super) struct Emitted {
    /// Pages rendered through templates, by output path.
    pub rendered: Vec<PathBuf>,
    /// Feeds, the sitemap and other generated files.
    pub syndicated: usize,
    /// Problems found while rendering.
    pub problems: Vec<Diagnostic>,
}

fn sink_error(error: SinkError) -> BuildError {
    BuildError::Output(OutputError::Write(error))
}

/// Writes every file of `model` into `sink`: copies, theme assets, pages,
/// the search index, feeds and the sitemap.
pub(super) fn emit(
    model: &Model,
    root: &Path,
    sink: &dyn Sink,
    progress: &dyn Progress,
    clock: &mut Stopwatch,
) -> Result<Emitted, BuildError> {
    let Model { site, theme, assets, page_bodies, section_bodies, garden, static_files, page_assets, .. } = model;
    let mut problems = Vec::new();
    let bodies = Bodies { pages: page_bodies, sections: section_bodies, garden };
    // Static files and page assets first, then resized images: a generated
    // file of the same name wins.
    let copies: Result<(), SinkError> =
        static_files.par_iter().chain(page_assets.par_iter()).try_for_each(|(from, to)| sink.copy(from, to));
    copies.map_err(sink_error)?;
    // Hard links where they can be, which is much faster than copies.
    let variants: Result<(), SinkError> = model
        .images
        .copies
        .par_iter()
        .chain(model.cards.copies.par_iter())
        .try_for_each(|(from, to)| sink.link(from, to));
    variants.map_err(sink_error)?;
    clock.lap("copy files");
    for (name, contents) in assets.iter().filter(|(name, _)| render::theme_asset_used(name, site, page_bodies)) {
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
        || render::render_site(theme, site, &bodies, assets, None, &emit),
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
    let written: Result<(), SinkError> =
        index.par_iter().chain(syndicated.par_iter()).try_for_each(|file| sink.write(file));
    written.map_err(sink_error)?;
    clock.lap(if site.config.search { "sitemap and writing the search index" } else { "sitemap" });
    Ok(Emitted { rendered, syndicated: feeds + syndicated.len(), problems })
}
