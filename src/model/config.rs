//! Site configuration as the stages use it, after `tend.toml` was read and
//! checked.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{BaseUrl, CardConfig, ImageConfig};

/// The name of the configuration file in the site root.
pub const CONFIG_FILE: &str = "tend.toml";

/// The folder copied verbatim to the output root.
pub const STATIC_DIR: &str = "static";

/// The whole site's settings. Every field has a default, so a site without
/// `tend.toml` builds.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The site's name, shown in the header and the page titles.
    pub title: String,
    /// One line about the site, used for the home page's description.
    pub description: String,
    /// Where the site is served from: `base_url`.
    pub base: BaseUrl,
    /// The writer's name.
    pub author: String,
    /// BCP 47 language tag of the content (`en`, `de-CH`).
    pub language: String,
    /// Every language of a multilingual site (`[languages.xx]`), this
    /// site's default first; empty when the site has one language.
    pub languages: Vec<Language>,
    /// On a site in several languages, a page's backlinks also name the
    /// notes of the other languages that link to it or to its translations.
    pub shared_garden: bool,
    /// The other languages' settings, each `tend.toml` with its
    /// `[languages.xx]` table over it, until the content is split by
    /// language.
    #[serde(skip)]
    pub other_languages: Vec<Config>,
    /// The language's words, dates, numbers and direction: the built-in
    /// table for `language`, then the site's `i18n/LANG.toml`.
    #[serde(skip)]
    pub locale: std::sync::Arc<super::Locale>,
    /// How many dated pages the home page lists.
    pub home_recent: usize,
    /// How many pages one tag page lists before the next page.
    pub paginate_by: usize,
    /// How many entries a feed holds.
    pub feed_limit: usize,
    /// Write Atom and JSON feeds (site, sections, tags) and link them.
    pub feeds: bool,
    /// Show a preview of a linked page on hover (a small script).
    pub hover_previews: bool,
    /// Colour fenced code at build time.
    pub highlight: bool,
    /// Write a full-text search index and show the search box.
    pub search: bool,
    /// A "Copy" button on code blocks (a small script on pages with code).
    pub copy_button: bool,
    /// Give links to other sites `class="external"` (the theme adds an
    /// arrow) and `rel="noopener"`.
    pub mark_external_links: bool,
    /// Show a table of contents on pages whose front matter does not say
    /// `toc: false` (and that have headings).
    pub toc: bool,
    /// Responsive images (`[images]`).
    pub images: ImageConfig,
    /// What becomes of HTML written in Markdown (`[markdown] raw_html`).
    pub raw_html: RawHtml,
    /// The look of the built-in theme (`[theme]`).
    pub theme: ThemeConfig,
    /// The header menu as `[[menu]]` entries say, in their order; empty:
    /// the default menu (the top-level sections).
    pub menu: Vec<MenuEntry>,
    /// Series described in `tend.toml`, by the name pages use.
    pub series: BTreeMap<String, SeriesConfig>,
    /// Taxonomies beside tags (`[taxonomies]`), by name.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Where `tend deploy` sends the site (`[deploy]`).
    pub deploy: DeployConfig,
    /// Social cards (`[cards]`).
    pub cards: CardConfig,
    /// Free values for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The note that is the home page when the content has no `index.md`
    /// and no note with `permalink: /`: its file name or title (`Home`),
    /// and the line of tend.toml that names it.
    pub home: Option<(String, usize)>,
    /// The folder of Markdown, relative to the site folder: `content` when
    /// the site has one, else empty, and the site folder itself is the
    /// content (an Obsidian vault as it is).
    #[serde(skip)]
    pub content_dir: std::path::PathBuf,
}

/// One language of a multilingual site: the site's `language`, or a
/// `[languages.xx]` table of tend.toml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// Its BCP 47 tag (`de`), which also names its files (`about.de.md`).
    pub code: String,
    /// Its name in itself (`Deutsch`), for the language switcher.
    pub name: String,
    /// The folder of the site its pages are under (`de/`); empty for the
    /// default language, whose pages are at the root.
    pub folder: String,
    /// Where its pages are served from: the site's base URL with the
    /// folder under it (known once `--base-url` has been applied).
    pub base: BaseUrl,
}

impl Config {
    /// Whether these are the settings of the site's default language (at
    /// the root), or of a site of one language.
    pub fn is_default_language(&self) -> bool {
        self.languages.first().is_none_or(|default| default.code == self.language)
    }

    /// Where the whole site is served from, the root of every language:
    /// `static/` is copied there, and the writer's `/path` links lead there.
    pub fn site_base(&self) -> &BaseUrl {
        self.languages.first().map_or(&self.base, |default| &default.base)
    }
}

/// `[theme]` in tend.toml: the built-in theme's colours, fonts and width,
/// checked; `None` keeps the theme's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ThemeConfig {
    /// The accent colour on the light background (`#1f5f4a`).
    pub accent: Option<String>,
    /// The accent colour on the dark background.
    pub accent_dark: Option<String>,
    /// The font stack of the text.
    pub font_body: Option<String>,
    /// The font stack of headings and the interface.
    pub font_headings: Option<String>,
    /// The width of the column of text (`70ch`, `44rem`).
    pub width: Option<String>,
    /// Stylesheets in `static/` added after the theme's, fingerprinted.
    pub css: Vec<String>,
    /// The line of tend.toml that lists them.
    pub css_line: usize,
    /// A light/dark toggle in the header (a small script), which keeps the
    /// reader's choice; without it (the default), or without JavaScript,
    /// the system's setting decides.
    pub toggle: bool,
}

/// A `[[menu]]` entry of tend.toml, checked for its types; where it
/// points is resolved with the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuEntry {
    /// The text shown.
    pub name: String,
    /// A site path (`/about/`), a content file (`notes/now.md`) or an
    /// outside URL.
    pub url: String,
    /// Lighter entries come first; equal weights keep tend.toml's order.
    pub weight: i64,
    /// The entry's line in tend.toml.
    pub line: usize,
}

/// What becomes of HTML written in Markdown, and of the wikilink labels,
/// callout titles and embedded notes that hold it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept as written: the writer's own HTML is trusted.
    #[default]
    Allow,
    /// Kept where it is safe: no scripts, event handlers, frames, forms
    /// or `javascript:` URLs (for notes clipped from the web).
    Sanitize,
    /// Shown as text, as written.
    Escape,
}

impl RawHtml {
    /// The setting's values, as written in tend.toml.
    pub const NAMES: [(&'static str, RawHtml); 3] =
        [("allow", RawHtml::Allow), ("sanitize", RawHtml::Sanitize), ("escape", RawHtml::Escape)];
}

/// A series described in `tend.toml` under `[series."name"]`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SeriesConfig {
    /// Display title of the series; the name itself when unset.
    pub title: Option<String>,
    /// The sentence shown at the foot of each part.
    pub closing: Option<String>,
    /// What the series is about.
    pub description: Option<String>,
}

/// A taxonomy beside tags, from `[taxonomies]`: pages name their terms
/// under the taxonomy's name in front matter (`categories: [essays]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxonomyConfig {
    /// The front-matter key and the URL segment (`categories`).
    pub name: String,
    /// What its pages are headed (`Categories`).
    pub title: String,
    /// Whether each term has feeds (when the site has feeds on).
    pub feed: bool,
    /// Pages per term list page; the site's `paginate_by` when unset.
    pub paginate_by: Option<usize>,
}

/// Where `tend deploy` sends the site, from `[deploy]`: a bucket of
/// S3-compatible object storage, or an rsync target. Credentials are never
/// read from tend.toml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeployConfig {
    /// The storage's address (`https://s3.eu-west-1.amazonaws.com`); AWS's
    /// for the region when unset.
    pub endpoint: Option<String>,
    /// The bucket.
    pub bucket: Option<String>,
    /// A folder in the bucket, without slashes at either end; empty: the
    /// bucket's root.
    pub prefix: String,
    /// The region requests are signed for; `us-east-1` when unset.
    pub region: Option<String>,
    /// Whether the bucket is in the URL's path (`endpoint/bucket/key`)
    /// rather than its host; unset: path style except on AWS.
    pub path_style: Option<bool>,
    /// An rsync destination (`user@host:path`), instead of a bucket.
    pub rsync: Option<String>,
    /// The line of `[deploy]` in tend.toml, for problems.
    pub line: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "My Garden".to_owned(),
            description: String::new(),
            base: BaseUrl::default(),
            author: String::new(),
            language: "en".to_owned(),
            languages: Vec::new(),
            other_languages: Vec::new(),
            shared_garden: false,
            locale: std::sync::Arc::default(),
            home_recent: 10,
            paginate_by: 20,
            feed_limit: 20,
            feeds: true,
            hover_previews: false,
            highlight: true,
            search: true,
            toc: false,
            mark_external_links: false,
            copy_button: false,
            images: ImageConfig::default(),
            raw_html: RawHtml::Allow,
            menu: Vec::new(),
            theme: ThemeConfig::default(),
            series: BTreeMap::new(),
            taxonomies: Vec::new(),
            deploy: DeployConfig::default(),
            cards: CardConfig::default(),
            extra: serde_json::Map::new(),
            home: None,
            content_dir: std::path::PathBuf::from("content"),
        }
    }
}
