//! tend turns a folder of Markdown into a fast, accessible personal website.
//!
//! The build is a pipeline of stages, one module each, that depend inward on
//! [`model`] and never on each other (`tests/it/architecture.rs` holds the
//! rule):
//!
//! 1. [`load`]: walk the site folder, read `tend.toml` and every Markdown
//!    file with its front matter;
//! 2. [`site`]: resolve the site model (published pages, sections, URLs,
//!    order);
//! 3. [`markdown`]: render each body to HTML (in parallel), then `bases`:
//!    the Obsidian bases the bodies show, over every note, then `garden`:
//!    backlinks from the links the bodies hold, and `images`: the resized
//!    copies of the photos the bodies show;
//! 4. [`render`]: run the theme's templates over every page (in parallel);
//! 5. `syndication`: feeds, sitemap, robots.txt and redirects, made from
//!    the model and the rendered pages;
//! 6. [`write`](mod@write): write everything into the output folder atomically.
//!
//! [`build::run`] runs them in that order and [`build::build`] writes what
//! they make; [`incremental`] re-runs what an edit touches for
//! [`serve`], and [`check`] runs them into a linter. [`diagnostics`] shows
//! the problems every stage reports; [`scaffold`] makes new sites and
//! posts.

pub(crate) mod bases;
pub mod build;
pub mod check;
pub mod deploy;
pub mod diagnostics;
pub mod diagrams;
pub(crate) mod garden;
pub(crate) mod images;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod scaffold;
pub(crate) mod search;
pub mod serve;
pub mod site;
pub(crate) mod syndication;
pub(crate) mod text;
pub mod write;

pub use build::{BuildError, BuildOptions, Report, build};
