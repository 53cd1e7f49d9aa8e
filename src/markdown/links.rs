//! Links between notes: wikilinks (`[[Note]]`, `[[Note|label]]`,
//! `[[Note#Heading]]`), Markdown links to `.md` files, embeds (`![[Note]]`,
//! `![[Note#Heading]]`, `![[image.png|300]]`), and the sentence around each
//! link for the target's backlinks.

use crate::model::{Origin, Site, join_path};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::parser_options;

/// What is being rendered: a page, or a folder's `_index.md` (its list's
/// text), by index into `Site::sections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Here {
    /// A page, by index into `Site::pages`.
    Page(usize),
    /// A folder's `_index.md`, by index into `Site::sections`.
    Section(usize),
}

/// The site and the page (or folder text) being rendered, which wikilinks,
/// `.md` links and embeds are resolved against.
#[derive(Debug, Clone, Copy)]
pub struct LinkContext<'a> {
    /// The whole site.
    pub site: &'a Site,
    /// What is being rendered.
    pub here: Here,
    /// Pages (and the part of each: a heading or block) whose embeds led
    /// here, outermost first, to catch cycles.
    pub embed_stack: &'a [(Here, Option<String>)],
    /// The part of the page being rendered, when it is embedded in part.
    pub part: Option<&'a str>,
    /// How many notes the page being rendered has embedded so far, counting
    /// embeds inside embeds: past [`MAX_EMBEDS`] they become links, so a
    /// page of thousands of embeds, or embeds that fan out at every level,
    /// cannot grow without end.
    pub embeds_done: &'a std::cell::Cell<usize>,
}

/// The file of `here`, relative to the site root.
pub(super) fn source_of(site: &Site, here: Here) -> &std::path::Path {
    match here {
        Here::Page(index) => &site.pages[index].source,
        Here::Section(index) => site.sections[index].source.as_deref().unwrap_or(&site.sections[index].folder),
    }
}

/// How many notes one page may embed in all (embeds within embeds count).
pub const MAX_EMBEDS: usize = 256;

impl LinkContext<'_> {
    /// The page being rendered, when it is a page.
    pub fn page(&self) -> Option<usize> {
        match self.here {
            Here::Page(index) => Some(index),
            Here::Section(_) => None,
        }
    }

    /// The file being rendered, relative to the site root.
    pub fn source(&self) -> &std::path::Path {
        source_of(self.site, self.here)
    }

    /// The URL path it is written at (`posts/a/`).
    pub fn path(&self) -> &str {
        match self.here {
            Here::Page(index) => &self.site.pages[index].path,
            Here::Section(index) => &self.site.sections[index].path,
        }
    }

    /// Whether it is a bundle, whose files are beside it in the output.
    pub fn is_bundle(&self) -> bool {
        self.page().is_some_and(|index| matches!(self.site.pages[index].kind, crate::model::PageKind::Bundle { .. }))
    }

    /// Where its links are written, for the site's `LinkIndex`.
    pub fn origin(&self) -> Origin<'_> {
        Origin { source: self.source(), page: self.page() }
    }

    /// The URL of page `index` with an optional fragment.
    pub fn page_url(&self, index: usize, fragment: Option<&str>) -> String {
        let mut url = self.site.config.base.local(&self.site.pages[index].path);
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(fragment);
        }
        url
    }
}

/// Whether following `url` runs script: a `javascript:` or `vbscript:`
/// URL, or a `data:` one, read the way a browser reads it (case, leading
/// spaces and tabs or line breaks anywhere ignored).
pub(super) fn runs_script(url: &str) -> bool {
    let scheme: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':')
        .flat_map(char::to_lowercase)
        .collect();
    url.contains(':') && ["javascript", "vbscript", "data"].contains(&scheme.as_str())
}

/// True for a link that points at a Markdown file of the site: relative, no
/// scheme, its path ending in `.md`.
pub(super) fn is_markdown_link(url: &str) -> bool {
    if url.contains("://") || url.starts_with("mailto:") || url.starts_with('#') {
        return false;
    }
    let path = url.split(['#', '?']).next().unwrap_or(url);
    path.to_lowercase().ends_with(".md")
}

/// True for file names browsers show as images.
pub(super) fn is_image(path: &str) -> bool {
    let lower = path.to_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp"].iter().any(|e| lower.ends_with(e))
}

/// The path in the output folder of an image `src` written on the page at
/// `page_path` (`posts/a/`): root-relative URLs under the base path and
/// relative ones; `None` for other sites' images and data URLs.
pub(super) fn local_path(src: &str, base_path: &str, page_path: &str) -> Option<String> {
    if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
        return None;
    }
    let src = src.split(['?', '#']).next().unwrap_or(src);
    let src = crate::model::percent_decode(src);
    if let Some(rest) = src.strip_prefix(base_path) {
        Some(join_path("", rest))
    } else if src.starts_with('/') {
        None
    } else {
        Some(join_path(page_path, &src))
    }
}

/// `300` → (300, None); `300x200` → (300, Some(200)).
pub(super) fn image_size(label: &str) -> Option<(u32, Option<u32>)> {
    let label = label.trim();
    match label.split_once('x') {
        Some((w, h)) => Some((w.trim().parse().ok()?, Some(h.trim().parse().ok()?))),
        None => Some((label.parse().ok()?, None)),
    }
}

/// The part of `body` an embed with `fragment` shows: the whole body, the
/// section under a heading (up to the next heading of the same or a higher
/// level), or the paragraph holding a block id. `None` when the heading or
/// block does not exist.
pub(super) fn embedded_part<'b>(body: &'b str, fragment: Option<&str>) -> Option<&'b str> {
    let Some(fragment) = fragment else { return Some(body) };
    if let Some(block) = fragment.strip_prefix('^') {
        let marker = format!("^{block}");
        let end = body.find(&marker)? + marker.len();
        let start = body[..end].rfind("\n\n").map_or(0, |i| i + 2);
        return Some(&body[start..end]);
    }
    let mut found: Option<(HeadingLevel, usize)> = None;
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some((found_level, start)) = found
                    && level <= found_level
                {
                    return Some(&body[start..range.start]);
                }
                heading = Some((level, range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = &mut heading {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = heading.take()
                    && found.is_none()
                    && crate::model::slugify(&text) == fragment
                {
                    found = Some((level, start));
                }
            }
            _ => {}
        }
    }
    found.map(|(_, start)| &body[start..])
}

/// The sentences of a block of text, for the links in it: where each
/// sentence ends (a space after `.`, `!`, `?` or `…`) is found once, so a
/// block with many links is read once, not once per link.
pub(super) struct Sentences<'t> {
    text: &'t str,
    ends: Vec<usize>,
}

impl<'t> Sentences<'t> {
    /// Finds the sentence ends of `text`.
    pub(super) fn new(text: &'t str) -> Self {
        let is_end = |i: usize| text[..i].ends_with(['.', '!', '?', '…']);
        Sentences { text, ends: text.match_indices(' ').map(|(i, _)| i).filter(|&i| is_end(i)).collect() }
    }

    /// The sentence around byte `at`, trimmed, at most about 300 characters.
    pub(super) fn around(&self, at: usize) -> String {
        let at = at.min(self.text.len());
        let next = self.ends.partition_point(|&end| end < at);
        let start = if next == 0 { 0 } else { self.ends[next - 1] + 1 };
        let end = self.ends.get(next).copied().unwrap_or(self.text.len());
        let sentence = self.text[start..end].trim();
        if sentence.chars().nth(300).is_some() {
            let cut: String = sentence.chars().take(299).collect();
            format!("{}…", cut.trim_end())
        } else {
            sentence.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Sentences, embedded_part, image_size, is_markdown_link};

    #[test]
    fn script_urls_are_known_however_written() {
        for url in
            ["javascript:x()", " JavaScript:x", "java\tscript:x", "jav\nascript:x", "vbscript:x", "data:text/html,x"]
        {
            assert!(super::runs_script(url), "{url:?}");
        }
        for url in ["https://example.org/javascript:", "notes/javascript.md", "javascript", "mailto:a@b.c", "/data:x"] {
            assert!(!super::runs_script(url), "{url:?}");
        }
    }

    #[test]
    fn markdown_links() {
        assert!(is_markdown_link("other.md"));
        assert!(is_markdown_link("../notes/My%20Note.md#part"));
        assert!(!is_markdown_link("https://example.org/readme.md"));
        assert!(!is_markdown_link("/notes/a/"));
    }

    #[test]
    fn local_paths() {
        use super::local_path;
        assert_eq!(local_path("photo.png", "/", "posts/a/").as_deref(), Some("posts/a/photo.png"));
        assert_eq!(local_path("../b/x.svg", "/", "posts/a/").as_deref(), Some("posts/b/x.svg"));
        assert_eq!(local_path("/blog/img/x.png", "/blog/", "posts/a/").as_deref(), Some("img/x.png"));
        assert_eq!(local_path("/img/x.png", "/blog/", "posts/a/"), None);
        assert_eq!(local_path("My%20Photo.png?v=1", "/", "").as_deref(), Some("My Photo.png"));
        assert_eq!(local_path("https://e.org/x.png", "/", ""), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(image_size("300"), Some((300, None)));
        assert_eq!(image_size("300x200"), Some((300, Some(200))));
        assert_eq!(image_size("a photo"), None);
    }

    #[test]
    fn sentences() {
        let text = "First one. The link is here in the second. Third!";
        let sentences = Sentences::new(text);
        assert_eq!(sentences.around(text.find("link").unwrap_or(0)), "The link is here in the second.");
        assert_eq!(sentences.around(0), "First one.");
        assert_eq!(sentences.around(text.find("Third").unwrap_or(0)), "Third!");
        assert_eq!(sentences.around(text.len()), "Third!");
        assert_eq!(Sentences::new("Only one sentence").around(5), "Only one sentence");
    }

    #[test]
    fn a_long_block_of_links_is_read_once() {
        // Found with the markdown fuzz target on a large input: each link's
        // sentence was looked for from the start of the block, so a long block
        // of links took quadratic time.
        let text = "[[a]] ".repeat(20_000);
        let sentences = Sentences::new(&text);
        for at in (0..text.len()).step_by(6) {
            let sentence = sentences.around(at);
            assert_eq!(sentence.chars().count(), 300, "cut to about 300 characters");
            assert!(sentence.ends_with('…'));
        }
        let text = "One. Two! Three? Four… Five";
        let sentences = Sentences::new(text);
        let found: Vec<String> = [0, 5, 10, 17, 25].iter().map(|&at| sentences.around(at)).collect();
        assert_eq!(found, ["One.", "Two!", "Three?", "Four…", "Five"]);
    }

    #[test]
    fn embedded_parts() {
        let body = "Intro.\n\n## One\n\nA.\n\n### Sub\n\nB.\n\n## Two\n\nC. ^blk\n";
        assert_eq!(embedded_part(body, Some("one")), Some("## One\n\nA.\n\n### Sub\n\nB.\n\n"));
        assert_eq!(embedded_part(body, Some("two")), Some("## Two\n\nC. ^blk\n"));
        assert_eq!(embedded_part(body, Some("^blk")), Some("C. ^blk"));
        assert_eq!(embedded_part(body, Some("nope")), None);
        assert_eq!(embedded_part(body, None), Some(body));
    }
}
