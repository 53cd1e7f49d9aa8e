//! Images: the `[images]` settings, and what every stage shares about the
//! image files a site copies.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

/// `[images]` in tend.toml: responsive variants of the photos pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageConfig {
    /// Widths in pixels of the resized copies, smallest first, no repeats;
    /// empty turns resizing off.
    pub widths: Vec<u32>,
    /// WebP and JPEG quality, 1–100.
    pub quality: u8,
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
        ImageConfig { widths: vec![480, 960, 1440], quality: 80, sizes: DEFAULT_SIZES.to_owned() }
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
