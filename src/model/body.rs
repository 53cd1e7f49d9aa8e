//! What the Markdown stage makes of one body, which the stages after it
//! read: its HTML, headings, words, summary, links, tags and images.

use serde::Serialize;

use super::{Diagnostic, ImageUse, Location};

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings, nested by level.
    pub toc: Vec<Heading>,
    /// Words of prose (code blocks not counted), in scripts that space
    /// their words.
    pub words: usize,
    /// Characters of prose in the scripts that do not space words (Chinese
    /// characters, kana), which are read by the character.
    pub ideographs: usize,
    /// Plain text of the text before `<!-- more -->`, else the first
    /// paragraph.
    pub summary: String,
    /// Links (and embeds) to other pages, in order, with their sentences.
    pub links: Vec<OutgoingLink>,
    /// On a site in several languages, links to notes of another language
    /// (by URL from the host's root, without a fragment), in order, with
    /// their sentences.
    pub elsewhere: Vec<(String, String)>,
    /// Inline `#tags`, without the `#`, as written.
    pub tags: Vec<String>,
    /// Pages embedded whole or in part (`![[note]]`), directly.
    pub embeds: Vec<usize>,
    /// Missing link targets, ambiguous names, embed cycles.
    pub problems: Vec<Diagnostic>,
    /// The page's most frequent meaningful words, with counts, most
    /// frequent first, for related notes.
    pub terms: Vec<(String, u32)>,
    /// Local images shown with resized variants (embedded notes' included),
    /// in order: what the image stage must make.
    pub images: Vec<ImageUse>,
    /// Mermaid blocks, in order: what the diagram stage draws.
    pub diagrams: Vec<DiagramUse>,
    /// Obsidian Bases shown (a ```` ```base ```` block, a `.base` page, an
    /// embedded base), in order: what the bases stage fills in.
    pub bases: Vec<BaseUse>,
}

/// A base to show: the Markdown stage writes a mark where it goes, and the
/// bases stage, which knows every note's links and tags, puts its views
/// there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUse {
    /// The base's YAML.
    pub source: String,
    /// The mark in the body the views replace.
    pub markup: String,
    /// The file the YAML is in and the line it starts on (the `.base`
    /// file's first, or the block's first line of YAML), for problems.
    pub at: Location,
    /// The page `this` names: the note that shows the base, or the base's
    /// own page.
    pub this: Option<usize>,
    /// Shown through an embedded note, whose own page warns about it.
    pub embedded: bool,
    /// Shown as a page of its own: its views are headed, a level below
    /// the page's title.
    pub whole_page: bool,
    /// The one view to show (`![[Books.base#Shelf]]`), else all.
    pub view: Option<String>,
}

/// Around the views of each base in a body, so the search index can leave
/// them out.
pub const BASE_START: &str = "<!--tend-base-->";
/// See [`BASE_START`].
pub const BASE_END: &str = "<!--/tend-base-->";

/// The mark for the `n`th base of a body (`n` counted across the whole
/// build, so an embedded note's bases keep marks of their own).
pub fn base_mark(n: u64) -> String {
    format!("<div class=\"base-pending\" data-base=\"{n}\"></div>")
}

/// A ```` ```mermaid ```` block. The Markdown stage writes it as code,
/// marked; the diagram stage puts the drawing in its place, or leaves the
/// code where the diagram cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramUse {
    /// The diagram's source, as written.
    pub source: String,
    /// Its [`diagram_key`], computed once: the mark in the page and the
    /// drawing's ids and cache entry all use it.
    pub key: String,
    /// What the page holds for it until it is drawn: the code, marked.
    pub markup: String,
    /// The code alone, which the drawing keeps for copying.
    pub code: String,
    /// Where the block starts.
    pub at: Option<Location>,
    /// Shown through an embedded note, whose own page warns about it.
    pub embedded: bool,
}

/// One heading, for the table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6, after the body's h1s were moved to h2.
    pub level: u8,
    /// The id in the page.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
    /// Headings nested under this one.
    pub children: Vec<Heading>,
}

/// A link from the rendered page to another page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingLink {
    /// Index of the target in `Site::pages`.
    pub page: usize,
    /// The sentence the link stands in, as plain text.
    pub context: String,
}

/// A short name of a diagram's source: the same source, the same key.
pub fn diagram_key(source: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(source.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
