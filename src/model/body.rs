//! What the Markdown stage makes of one body, which the stages after it
//! read: its HTML, headings, words, summary, links, tags and images.

use serde::Serialize;

use super::{Diagnostic, ImageUse};

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings, nested by level.
    pub toc: Vec<Heading>,
    /// Words of prose (code blocks not counted).
    pub words: usize,
    /// Plain text of the text before `<!-- more -->`, else the first
    /// paragraph.
    pub summary: String,
    /// Links (and embeds) to other pages, in order, with their sentences.
    pub links: Vec<OutgoingLink>,
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
