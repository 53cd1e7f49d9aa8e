//! A page: one Markdown file, its checked front matter and where it goes.

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// A date from front matter or a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageDate {
    /// The instant, for ordering and for deciding what is in the future.
    /// Dates without a time or offset count as midnight UTC.
    pub instant: Timestamp,
    /// The calendar day as the writer wrote it, for display.
    pub day: Date,
}

/// How far a garden note has grown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A new, rough idea.
    Seedling,
    /// Growing, revised now and then.
    Budding,
    /// Mature and stable.
    Evergreen,
}

impl Status {
    /// Parses the front-matter word.
    pub fn parse(word: &str) -> Option<Status> {
        match word.trim().to_lowercase().as_str() {
            "seedling" => Some(Status::Seedling),
            "budding" => Some(Status::Budding),
            "evergreen" => Some(Status::Evergreen),
            _ => None,
        }
    }

    /// The front-matter word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Seedling => "seedling",
            Status::Budding => "budding",
            Status::Evergreen => "evergreen",
        }
    }
}

/// How a section orders its list (`sort_by` in `_index.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Newest first; a page without a date is an error.
    Date,
    /// Lighter first, then by title.
    Weight,
    /// By title.
    Title,
}

impl SortBy {
    /// Parses the front-matter word.
    pub fn parse(word: &str) -> Option<SortBy> {
        match word {
            "date" => Some(SortBy::Date),
            "weight" => Some(SortBy::Weight),
            "title" => Some(SortBy::Title),
            _ => None,
        }
    }
}

/// Front matter after checking: every key tend knows, typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date`.
    pub date: Option<PageDate>,
    /// `updated`.
    pub updated: Option<PageDate>,
    /// `description`: the lede.
    pub description: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `series`: the name of the series the page is part of.
    pub series: Option<String>,
    /// `draft`.
    pub draft: bool,
    /// `slug`: the last URL segment.
    pub slug: Option<String>,
    /// `aliases`: old URLs (starting with `/`) and other names.
    pub aliases: Vec<String>,
    /// `template`: a template name instead of the default.
    pub template: Option<String>,
    /// `weight`: order in sections without dates.
    pub weight: Option<i64>,
    /// `status`: growth of a garden note.
    pub status: Option<Status>,
    /// `toc`: whether to show a table of contents.
    pub toc: Option<bool>,
    /// `publish` (Obsidian Publish): `false` keeps the page out of the site.
    pub publish: bool,
    /// `permalink` (Obsidian Publish): the page's whole URL path.
    pub permalink: Option<String>,
    /// `translationKey`: pages of different languages with the same key
    /// are translations of each other, whatever their file names.
    pub translation_key: Option<String>,
    /// `cssclasses` (Obsidian): classes on the article.
    pub cssclasses: Vec<String>,
    /// `image` or `cover`: the social image.
    pub image: Option<String>,
    /// Section settings (only in `_index.md`): `sort_by`.
    pub sort_by: Option<SortBy>,
    /// Section settings: `paginate_by`.
    pub paginate_by: Option<usize>,
    /// Section settings: `feed`.
    pub feed: Option<bool>,
    /// Every other key, and the contents of `extra`.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Line (1-based, in the whole file) of each top-level key, so later
    /// stages can point at the key a problem comes from.
    pub key_lines: std::collections::HashMap<String, usize>,
}

impl FrontMatter {
    /// The line of `key` in the file, or 1 when it is not there.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

/// Where a page's "last tended" date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tended {
    /// `updated` in front matter.
    Updated,
    /// The last git commit that touched the file.
    Commit,
    /// The file's modification time.
    Modified,
}

/// Whether a page is a lone file or a folder with co-located assets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// `posts/a.md`.
    File,
    /// `notes/index.md` in a folder that holds other Markdown, or `index.md`
    /// at the top of the content: the folder's own page, shown at the
    /// folder's URL above its list (as Quartz and Obsidian Publish do).
    Folder,
    /// `posts/a/index.md` (or `posts/a/a.md`) alone in its folder, with these
    /// asset files (relative to the site root).
    Bundle {
        /// Files beside `index.md` (in any sub-folder), copied beside the page.
        assets: Vec<PathBuf>,
    },
    /// `maps/garden.canvas`: an Obsidian board (JSON Canvas), whose body
    /// is the file's JSON, drawn by the Markdown stage.
    Canvas,
    /// `books.base`: an Obsidian base (YAML), whose views the bases stage
    /// shows as the page's body.
    Base,
}

impl Page {
    /// Whether `loaded`, the same file read again, differs from this page
    /// only in its body. `front_tags` are this page's tags as its front
    /// matter gave them (inline `#tags` join them later).
    pub fn same_but_body(&self, front_tags: &[String], loaded: &PageSource) -> bool {
        self.source == loaded.source
            && self.title == loaded.title
            && self.title_in_body == loaded.title_in_body
            && self.date == loaded.date
            && self.slug == loaded.slug
            && self.body_line == loaded.body_line
            && std::mem::discriminant(&self.kind) == std::mem::discriminant(&loaded.kind)
            && front_tags == loaded.meta.tags.as_slice()
            && FrontMatter { tags: Vec::new(), ..self.meta.clone() }
                == FrontMatter { tags: Vec::new(), ..loaded.meta.clone() }
    }
}

/// A page as the load stage read it: what its file says, before the site
/// stage gives it a URL and a section (and makes it a [`Page`]).
#[derive(Debug, Clone)]
pub struct PageSource {
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Its file name without the extension, or the language a
    /// multilingual site's file names (`about` for `about.de.md`).
    pub stem: String,
    /// The language its name gives (`de` for `about.de.md`), on a
    /// multilingual site.
    pub lang: Option<String>,
    /// Lone file or bundle.
    pub kind: PageKind,
    /// Checked front matter.
    pub meta: FrontMatter,
    /// The title: front matter, else the first `# heading`, else the file name.
    pub title: String,
    /// See [`Page::title_in_body`].
    pub title_in_body: bool,
    /// Front-matter date, else the file name's `YYYY-MM-DD-` prefix.
    pub date: Option<PageDate>,
    /// The last URL segment its front matter or file name asks for.
    pub slug: String,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the whole file on which `body` starts.
    pub body_line: usize,
    /// When the page was last tended, and how that is known.
    pub tended: Option<(PageDate, Tended)>,
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Its file name without the extension or a language (`about` for
    /// `about.de.md`).
    pub stem: String,
    /// Lone file or bundle.
    pub kind: PageKind,
    /// Checked front matter.
    pub meta: FrontMatter,
    /// The title: front matter, else the first `# heading`, else the file
    /// name (a folder's untitled page: its folder's title).
    pub title: String,
    /// The title as shown: with typographic quotes and dashes
    /// ([`super::smarten`]).
    pub shown_title: String,
    /// True when the title came from the body's first `# heading`, or the
    /// body opens with a heading equal to the title: the renderer drops it so
    /// the title is the page's only `h1`.
    pub title_in_body: bool,
    /// Front-matter date, else the file name's `YYYY-MM-DD-` prefix.
    pub date: Option<PageDate>,
    /// The last URL segment.
    pub slug: String,
    /// URL path relative to the site root, ending in `/` (`posts/a/`).
    pub path: String,
    /// Index of the section that lists this page in [`super::Site::sections`].
    pub section: usize,
    /// The size of its text in bytes (`body` may be dropped once
    /// rendered).
    pub size: usize,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the whole file on which `body` starts.
    pub body_line: usize,
    /// When the page was last tended, and how that is known.
    pub tended: Option<(PageDate, Tended)>,
}
