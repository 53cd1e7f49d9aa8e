//! The image stage, between Markdown and templates: makes the resized
//! copies that pages' `<picture>`s name, WebP and the original's format at
//! each width, beside the original in the output folder; and each page's
//! social card (`cards.rs`).
//!
//! Only images that pages show with variants are processed (what the
//! Markdown stage recorded as [`ImageUse`]s), each once however many pages
//! show it, images in parallel. Copies come from the [`Cache`]: a source
//! whose bytes and settings are unchanged is read and hashed but never
//! decoded again. An image that cannot be decoded or encoded is reported,
//! never a panic or a failed build; its pages go back to a plain `<img>`.

mod cache;
mod cards;
mod encode;
mod fit;
mod fonts;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

pub(crate) use cache::Cache;
pub(crate) use cards::{CardsMade, make_cards};
use encode::{Format, Pixels};

use crate::model::{ImageConfig, ImageUse, LocalImages, VariantFormat, variant_formats, variant_path};

/// One image to make copies of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageJob {
    /// The original's path in the output folder.
    pub path: String,
    /// The original on disk.
    pub source: PathBuf,
    /// The widths to make.
    pub widths: Vec<u32>,
}

/// What the stage did.
#[derive(Debug, Default)]
pub struct Made {
    /// Files to copy into the output: (cache entry, path in the output).
    pub copies: Vec<(PathBuf, PathBuf)>,
    /// Images with at least one copy made anew.
    pub processed: usize,
    /// Images whose copies all came from the cache.
    pub reused: usize,
    /// Images that could not be processed: (path in the output, why).
    pub failed: Vec<(String, String)>,
}

/// One image's copies (cache entry, path in the output), and whether any
/// was made anew; or why none could be.
type Outcome = Result<(Vec<(PathBuf, PathBuf)>, bool), String>;

/// The images that `uses` ask for, each once, with their files.
pub(crate) fn jobs<'u>(uses: impl Iterator<Item = &'u ImageUse>, local: &LocalImages) -> Vec<ImageJob> {
    let mut jobs: HashMap<&str, ImageJob> = HashMap::new();
    for image in uses {
        let Some(file) = local.get(&image.path) else { continue };
        let job = jobs.entry(&image.path).or_insert_with(|| ImageJob {
            path: image.path.clone(),
            source: file.source.clone(),
            widths: Vec::new(),
        });
        job.widths.extend(&image.widths);
    }
    let mut jobs: Vec<ImageJob> = jobs.into_values().collect();
    for job in &mut jobs {
        job.widths.sort_unstable();
        job.widths.dedup();
    }
    // Largest first, so the longest jobs do not start last.
    jobs.sort_by_key(|job| std::cmp::Reverse(std::fs::metadata(&job.source).map_or(0, |m| m.len())));
    jobs
}

/// Makes (or finds in `cache`) every copy `jobs` need, in the formats and
/// at the quality `config` asks for.
pub(crate) fn process(jobs: &[ImageJob], config: &ImageConfig, cache: &Cache) -> Made {
    let results: Vec<(&ImageJob, Outcome)> = jobs
        .par_iter()
        .map(|job| {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_one(job, config, cache)))
                .unwrap_or_else(|_| Err("tend hit a bug while resizing it".to_owned()));
            (job, result)
        })
        .collect();
    let mut made = Made::default();
    for (job, result) in results {
        match result {
            Ok((copies, fresh)) => {
                made.copies.extend(copies);
                if fresh {
                    made.processed += 1;
                } else {
                    made.reused += 1;
                }
            }
            Err(why) => {
                // Decoders' messages may run over several lines.
                let why: Vec<&str> = why.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                made.failed.push((job.path.clone(), why.join(" ")));
            }
        }
    }
    made
}

/// One image's copies, and whether any was made anew.
fn process_one(job: &ImageJob, config: &ImageConfig, cache: &Cache) -> Outcome {
    let quality = config.quality;
    let bytes = std::fs::read(&job.source).map_err(|e| e.to_string())?;
    let key = cache::key(&bytes, quality);
    let extension = job.path.rsplit_once('.').map_or("", |(_, e)| e);
    let original =
        Format::from_extension(extension).ok_or_else(|| format!("tend does not resize .{extension} files"))?;
    let mut decoded: Option<Pixels> = None;
    let mut copies = Vec::new();
    let mut fresh = false;
    for &width in &job.widths {
        let mut resized: Option<Pixels> = None;
        for &variant in variant_formats(&job.path, config.avif) {
            let format = match variant {
                VariantFormat::Avif => Format::Avif,
                VariantFormat::WebP => Format::WebP,
                VariantFormat::Original => original,
            };
            let entry = cache.entry(&key, width, format);
            if !entry.is_file() {
                // Decoded once for all widths, resized once for all formats.
                if decoded.is_none() {
                    decoded = Some(encode::decode(&bytes)?);
                }
                if resized.is_none()
                    && let Some(source) = &decoded
                {
                    resized = Some(source.resized(width)?);
                }
                if let Some(pixels) = &resized {
                    let encoded = pixels.encode(format, quality)?;
                    cache.store(&entry, &encoded).map_err(|e| format!("cannot write {}: {e}", entry.display()))?;
                    fresh = true;
                }
            }
            copies.push((entry, PathBuf::from(variant_path(&job.path, width, variant))));
        }
    }
    Ok((copies, fresh))
}

/// Puts back a plain `<img>` wherever `bodies` show an image that could
/// not be processed.
pub(crate) fn unmake<'b>(failed: &[(String, String)], bodies: impl Iterator<Item = (&'b mut String, &'b [ImageUse])>) {
    if failed.is_empty() {
        return;
    }
    for (html, uses) in bodies {
        for image in uses.iter().filter(|u| failed.iter().any(|(path, _)| *path == u.path)) {
            *html = html.replace(&image.markup, &image.plain);
        }
    }
}

/// The file behind an output path, relative to the site folder, for
/// messages.
pub(crate) fn source_name(root: &Path, local: &LocalImages, path: &str) -> String {
    local.get(path).map_or_else(
        || path.to_owned(),
        |file| file.source.strip_prefix(root).unwrap_or(&file.source).to_string_lossy().replace('\\', "/"),
    )
}
