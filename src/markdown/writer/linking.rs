//! Links as the writer writes them: wikilinks and Markdown links resolved
//! to pages and attachments, links out of the site marked, and `.md` hrefs
//! in raw HTML rewritten; missing and ambiguous targets are warned about.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::super::links::{self, LinkContext};
use super::super::markup::with_base_path;
use super::{LinkEnd, Writer};
use crate::model::{Diagnostic, RawHtml, Target, slugify};

impl<'a> Writer<'a, '_> {
    pub(super) fn open_link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        at: usize,
    ) {
        if self.options.raw_html != RawHtml::Allow && links::runs_script(&dest) {
            self.problem(
                Diagnostic::warning("a link that runs script is shown as its text")
                    .hint("raw_html in [markdown] of tend.toml keeps no `javascript:` link; link to a page instead"),
                at,
            );
            self.link_ends.push(LinkEnd::Text);
            return;
        }
        if !matches!(link_type, LinkType::WikiLink { .. }) && self.is_marked_external(&dest) {
            let mut html = String::from("<a class=\"external\" rel=\"noopener\" href=\"");
            let _ = escape_href(&mut html, &dest);
            if !title.is_empty() {
                html.push_str("\" title=\"");
                let _ = escape_html(&mut html, &title);
            }
            html.push_str("\">");
            self.link_ends.push(LinkEnd::Anchor);
            self.push(Event::InlineHtml(html.into()));
            return;
        }
        // `<someone@example.org>`: an address to write to, not a page.
        let mailto = link_type == LinkType::Email && !dest.starts_with("mailto:");
        let dest = if mailto { format!("mailto:{dest}").into() } else { dest };
        let Some(ctx) = self.options.links else {
            let dest = match link_type {
                LinkType::WikiLink { .. } => format!("{}{}/", self.options.base_path, slugify(&dest)).into(),
                _ => with_base_path(dest, self.options.root()),
            };
            self.link_ends.push(LinkEnd::Anchor);
            self.push(Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url: dest, title, id }));
            return;
        };
        if link_type == (LinkType::WikiLink { has_pothole: false }) {
            self.wikilink_text = wikilink_text(&dest);
        }
        let target = match link_type {
            LinkType::WikiLink { .. } => Some(self.resolve(&ctx, &dest, at)),
            _ if links::is_markdown_link(&dest) => {
                let found = ctx.site.links.resolve_relative(&ctx.site.pages, ctx.origin(), &dest);
                if found.is_none() {
                    self.problem(
                        Diagnostic::warning(format!("link to a missing file `{dest}`"))
                            .kind(crate::model::Kind::BrokenLink)
                            .hint("check the path; it is relative to this file"),
                        at,
                    );
                }
                Some(found.unwrap_or(Target::Missing))
            }
            _ => None,
        };
        let href: CowStr = match target {
            None => self.local_url(dest, at),
            Some(Target::Page { index, fragment }) => {
                self.link_to(index);
                ctx.page_url(index, fragment.as_deref()).into()
            }
            Some(Target::File(path)) => format!("{}{path}", self.options.base_path).into(),
            Some(Target::Elsewhere(url)) => self.link_elsewhere(url),
            Some(Target::Missing) => {
                self.link_ends.push(LinkEnd::Missing);
                let title = crate::markdown::escaped(&self.options.words().text("not_yet_written", &[]));
                self.html(format!("<span class=\"missing-link\" title=\"{title}\">"));
                return;
            }
        };
        self.link_ends.push(LinkEnd::Anchor);
        self.push(Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url: href, title, id }));
    }

    /// Raw HTML whose `href="note.md"` names a page of the site, with that
    /// page's URL instead (as Eleventy's links to input files work); `None`
    /// when it has none.
    pub(super) fn markdown_hrefs(&mut self, html: &str) -> Option<String> {
        let ctx = self.options.links?;
        if !html.contains(".md") {
            return None;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        let mut changed = false;
        while let Some(at) = rest.find("href=") {
            let after = &rest[at + "href=".len()..];
            let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                out.push_str(&rest[..at + "href=".len()]);
                rest = after;
                continue;
            };
            let value_start = at + "href=".len() + 1;
            let Some(len) = rest[value_start..].find(quote) else { break };
            let value = &rest[value_start..value_start + len];
            out.push_str(&rest[..value_start]);
            match links::is_markdown_link(value)
                .then(|| ctx.site.links.resolve_relative(&ctx.site.pages, ctx.origin(), value))
                .flatten()
            {
                Some(Target::Page { index, fragment }) => {
                    self.link_to(index);
                    let _ = escape_href(&mut out, &ctx.page_url(index, fragment.as_deref()));
                    changed = true;
                }
                _ => out.push_str(value),
            }
            rest = &rest[value_start + len..];
        }
        out.push_str(rest);
        changed.then_some(out)
    }

    /// Whether `dest` leaves the site and links that do are marked.
    fn is_marked_external(&self, dest: &str) -> bool {
        let Some(own) = self.options.mark_external else { return false };
        let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
        (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//"))
            && (own.is_empty() || !dest.starts_with(own))
    }

    pub(super) fn close_link(&mut self) {
        match self.link_ends.pop() {
            Some(LinkEnd::Missing) => {
                self.html("<span class=\"visually-hidden\"> (not yet written)</span></span>".to_owned());
            }
            Some(LinkEnd::Text) => {}
            _ => self.push(Event::End(TagEnd::Link)),
        }
    }

    /// Resolves a wikilink or embed target, reporting missing and ambiguous
    /// names.
    pub(super) fn resolve(&mut self, ctx: &LinkContext, name: &str, at: usize) -> Target {
        let resolution = ctx.site.links.resolve(&ctx.site.pages, ctx.origin(), name);
        if let Target::File(file) = &resolution.target
            && !name.contains('/')
            && let Some((_, others)) = ctx.site.links.attachment_named(ctx.source(), name)
        {
            self.ambiguous_file(name, file, &others, at);
        }
        if resolution.target == Target::Missing
            && let Some((file, why)) = ctx.site.links.left_out(name)
        {
            self.problem(
                Diagnostic::warning(format!("link to `{name}`, which is not published: {why} ({})", file.display()))
                    .hint("publish that note, or remove the link; it is shown as “not yet written” until then"),
                at,
            );
        } else if resolution.target == Target::Missing {
            self.problem(
                Diagnostic::warning(format!("link to a missing note `{name}`"))
                    .hint("create the note, or fix the name; it is shown as “not yet written” until then"),
                at,
            );
        } else if let Target::Page { index, .. } = resolution.target
            && !resolution.passed_over.is_empty()
        {
            let others: Vec<String> =
                resolution.passed_over.iter().map(|&i| ctx.site.pages[i].source.display().to_string()).collect();
            self.problem(
                Diagnostic::warning(format!(
                    "`{name}` names {} and {}, as near as each other; {} is used",
                    ctx.site.pages[index].source.display(),
                    others.join(" and "),
                    ctx.site.pages[index].source.display()
                ))
                .hint("link with the folder, e.g. [[folder/Note]], to choose"),
                at,
            );
        }
        resolution.target
    }

    /// The href of a link to another language's note, at `url`, which the
    /// page's links remember.
    fn link_elsewhere(&mut self, url: String) -> CowStr<'a> {
        self.outgoing.link_elsewhere(&url);
        url.into()
    }

    /// A URL the writer wrote: one starting with `/` under the site's root
    /// path, a relative one as [`beside_source`](Self::beside_source) says.
    pub(super) fn local_url<'u>(&mut self, url: CowStr<'u>, at: usize) -> CowStr<'u> {
        if url.starts_with('/') { with_base_path(url, self.options.root()) } else { self.beside_source(url, at) }
    }

    /// A relative URL written in a page that is not a bundle points at a
    /// file beside the page's source (as in Obsidian), but the page is
    /// served one folder deeper (`notes/a.md` → `/notes/a/`): point the URL
    /// at where that file is written.
    /// A bare file name (`pic.png`) with no such file beside the page is the
    /// attachment of that name nearest to it, anywhere in the vault, as in
    /// Obsidian; several as near are reported (at `at`).
    pub(super) fn beside_source<'u>(&mut self, url: CowStr<'u>, at: usize) -> CowStr<'u> {
        let Some(ctx) = self.options.links else { return url };
        let relative = !url.is_empty()
            && !url.starts_with(['/', '#', '?'])
            && !url.contains("://")
            && !url.starts_with("mailto:")
            && !url.starts_with("data:");
        if !relative || ctx.is_bundle() {
            return url;
        }
        if let Some(path) = ctx.site.links.attachment_near(ctx.source(), &url) {
            return format!("{}{path}", self.options.base_path).into();
        }
        let name = crate::model::percent_decode(url.split(['?', '#']).next().unwrap_or(&url));
        if name.contains('/') || name.starts_with('.') {
            return url;
        }
        match ctx.site.links.attachment_named(ctx.source(), &name) {
            Some((path, others)) => {
                self.ambiguous_file(&name, &path, &others, at);
                format!("{}{path}", self.options.base_path).into()
            }
            None => url,
        }
    }

    /// Several attachments named `name` are as near to this page.
    fn ambiguous_file(&mut self, name: &str, chosen: &str, others: &[String], at: usize) {
        if others.is_empty() {
            return;
        }
        self.problem(
            Diagnostic::warning(format!("`{name}` names {chosen} and {}; {chosen} is used", others.join(" and ")))
                .hint("write the file's folder too, e.g. attachments/photo.png, to choose"),
            at,
        );
    }
}

/// What `[[Note#Heading#Sub]]` shows, as Obsidian shows it: `Note >
/// Heading > Sub` (`Heading` alone for a heading of the same note); `None`
/// when the target has no heading or block.
fn wikilink_text(target: &str) -> Option<String> {
    let (note, fragment) = target.split_once('#')?;
    let parts: Vec<&str> = fragment.split('#').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let note = note.trim();
    let shown = parts.join(" > ");
    Some(if note.is_empty() { shown } else { format!("{note} > {shown}") })
}
