//! The site model: the data every stage shares.
//!
//! This module is the leaf of the crate. It depends on no stage; every stage
//! depends on it. Relations between pages and sections are indices into the
//! vectors of [`Site`], never shared pointers.

mod config;
mod diagnostic;
mod images;
mod links;
mod output;
pub mod packed;
mod page;
mod site;
mod slug;
mod url;

pub use config::{Config, SeriesConfig};
pub use diagnostic::{Diagnostic, Kind, Location, Severity, catch_bug};
pub use images::{
    DEFAULT_SIZES, ImageConfig, ImageUse, LocalImage, LocalImages, VariantFormat, is_resizable, variant_formats,
    variant_path, variant_widths,
};
pub use links::{LinkIndex, Resolution, Target, percent_decode};
pub use output::{OUTPUT_MARKER, OutputFile, Sink};
pub use page::{FrontMatter, Page, PageDate, PageKind, Status, Tended};
pub use site::{Alias, Section, Series, Site, Tag};
pub use slug::{is_safe_segment, slugify, spelled_slug};
pub use url::join_path;
