//! Local images and their responsive variants: what every stage shares
//! about the image files a site copies, the `[images]` settings, and the
//! names of the resized copies.
//!
//! Invariant: a variant's path is a pure function of the original's path
//! in the output folder, the width and the format ([`variant_path`]). The
//! Markdown stage writes `srcset` from it before any image is processed,
//! and the image stage writes exactly the files that markup names.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use super::Location;

/// `[images]` in tend.toml: responsive variants of the photos pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageConfig {
    /// Widths in pixels of the resized copies, smallest first, no repeats;
    /// empty turns resizing off.
    pub widths: Vec<u32>,
    /// AVIF, WebP and JPEG quality, 1–100.
    pub quality: u8,
    /// Make AVIF copies too (off by default: they cost some three times
    /// the rest of the image work; bench/README.md, "AVIF").
    pub avif: bool,
    /// The `sizes` attribute: how wide the image is shown, for the browser
    /// to pick a variant before it knows the layout.
    pub sizes: String,
}

/// The built-in theme's text column, `min(100% - 2.5rem, 66ch)` of its
/// 17 px serif: headless Chromium on Linux (a fallback serif) lays it out
/// 561 px wide at most (measured); Charter, where installed, is wider,
/// about 610 px. 38rem (608 px) covers both; below 40.5rem of viewport the
/// column is the viewport less its margins.
pub const DEFAULT_SIZES: &str = "(min-width: 40.5rem) 38rem, calc(100vw - 2.5rem)";

impl Default for ImageConfig {
    fn default() -> Self {
        // The column is about 600 CSS px: 480 for phones, 960 and 1440 for
        // it on 1.5x–2x and 2.5x screens.
        ImageConfig { widths: vec![480, 960, 1440], quality: 80, avif: false, sizes: DEFAULT_SIZES.to_owned() }
    }
}

/// One image file the build copies (from `static/` or beside a page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalImage {
    /// Where it is on disk.
    pub source: PathBuf,
    /// Width and height in CSS pixels as shown (EXIF rotation applied),
    /// when the file's header could be read.
    pub size: Option<(u32, u32)>,
}

/// Every image file the build copies, by path in the output folder
/// (`posts/walk/harbour.jpg`).
pub type LocalImages = HashMap<String, LocalImage>;

/// A page's use of an image that has resized variants: what the image
/// stage must make, and how to undo the markup should it fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    /// The original's path in the output folder.
    pub path: String,
    /// The variants' widths, smallest first; each is below the original's.
    pub widths: Vec<u32>,
    /// The `<picture>` (or `<img srcset>`) written into the page.
    pub markup: String,
    /// The plain `<img>` that replaces it when the variants cannot be made.
    pub plain: String,
    /// Where the page shows it.
    pub at: Option<Location>,
}

/// The file formats of one image's variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariantFormat {
    /// AVIF, for the `<source type="image/avif">` (when `[images] avif`).
    Avif,
    /// Lossy WebP, for the `<source type="image/webp">`.
    WebP,
    /// The original's format (JPEG or PNG), for browsers without WebP.
    Original,
}

/// The extension (lower case) of a file name, if any.
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').filter(|(stem, _)| !stem.is_empty()).map(|(_, ext)| ext.to_ascii_lowercase())
}

/// Whether tend makes resized variants of this kind of image: JPEG, PNG
/// and WebP. SVG needs none, GIF may be animated, AVIF is left alone.
pub fn is_resizable(path: &str) -> bool {
    matches!(extension(path).as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
}

/// The formats made for an image, in the order a `<picture>` offers them:
/// AVIF when `avif`, then WebP alone for a WebP, else WebP and
/// the original's format.
pub fn variant_formats(path: &str, avif: bool) -> &'static [VariantFormat] {
    use VariantFormat::{Avif, Original, WebP};
    match (extension(path).as_deref() == Some("webp"), avif) {
        (true, false) => &[WebP],
        (true, true) => &[Avif, WebP],
        (false, false) => &[WebP, Original],
        (false, true) => &[Avif, WebP, Original],
    }
}

/// The configured widths narrower than an image `original` pixels wide.
pub fn variant_widths(widths: &[u32], original: u32) -> Vec<u32> {
    let mut kept: Vec<u32> = widths.iter().copied().filter(|&w| w > 0 && w < original).collect();
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// The path (or URL) of a variant of the image at `path`, which must end
/// in a file name with an extension: `photo.jpg` → `photo.480w.jpg`, and
/// as WebP `photo.480w.jpg.webp` (so `photo.jpg` and `photo.png` beside it
/// never share a name), as AVIF `photo.480w.jpg.avif`; a WebP's variants
/// are `photo.480w.webp`.
pub fn variant_path(path: &str, width: u32, format: VariantFormat) -> String {
    let dot = path.rfind('.').filter(|&dot| !path[dot..].contains('/')).unwrap_or(path.len());
    let (stem, ext) = path.split_at(dot);
    let is_webp = ext.eq_ignore_ascii_case(".webp");
    match format {
        VariantFormat::Avif => format!("{stem}.{width}w{ext}.avif"),
        VariantFormat::WebP if !is_webp => format!("{stem}.{width}w{ext}.webp"),
        _ => format!("{stem}.{width}w{ext}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{VariantFormat, is_resizable, variant_formats, variant_path, variant_widths};

    #[test]
    fn variant_paths_are_beside_the_original() {
        assert_eq!(variant_path("posts/a/photo.jpg", 480, VariantFormat::Original), "posts/a/photo.480w.jpg");
        assert_eq!(variant_path("posts/a/photo.jpg", 480, VariantFormat::WebP), "posts/a/photo.480w.jpg.webp");
        assert_eq!(variant_path("Shot.PNG", 960, VariantFormat::WebP), "Shot.960w.PNG.webp");
        assert_eq!(variant_path("a.b/p.webp", 480, VariantFormat::WebP), "a.b/p.480w.webp");
        assert_eq!(variant_path("/blog/My%20Photo.jpeg", 960, VariantFormat::Original), "/blog/My%20Photo.960w.jpeg");
    }

    #[test]
    fn only_narrower_widths_are_made() {
        assert_eq!(variant_widths(&[1440, 480, 960, 480], 1000), vec![480, 960]);
        assert_eq!(variant_widths(&[480, 960], 480), Vec::<u32>::new());
        assert_eq!(variant_widths(&[0, 10], 20), vec![10]);
    }

    #[test]
    fn which_images_are_resized() {
        assert!(is_resizable("a/photo.JPG") && is_resizable("x.jpeg") && is_resizable("x.png"));
        assert!(is_resizable("x.webp"));
        assert!(!is_resizable("x.svg") && !is_resizable("x.gif") && !is_resizable("x.avif") && !is_resizable(".png"));
        assert_eq!(variant_formats("x.webp", false), &[VariantFormat::WebP]);
        assert_eq!(variant_formats("x.webp", true), &[VariantFormat::Avif, VariantFormat::WebP]);
        assert_eq!(variant_formats("x.PNG", true)[2], VariantFormat::Original);
        assert_eq!(variant_path("a.b/p.webp", 480, VariantFormat::Avif), "a.b/p.480w.webp.avif");
        assert_eq!(variant_formats("x.png", false).len(), 2);
    }
}
