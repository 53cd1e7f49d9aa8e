//! `![[…]]` in the writer: an image, a link to a file, or another note
//! rendered in place (transcluded), with the cycle, depth and count limits
//! that keep a page finite.

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::super::MarkdownOptions;
use super::super::images;
use super::super::links::{self, Here, LinkContext, MAX_EMBEDS};
use super::{MAX_EMBED_DEPTH, Writer};
use crate::model::{BaseUse, Diagnostic, DiagramUse, PageKind, Target};

impl Writer<'_, '_> {
    /// `![[…]]`: an image, a file link, or a transcluded note.
    pub(super) fn wiki_embed(&mut self, dest: &str, label: &str, has_label: bool, at: usize) {
        let Some(ctx) = self.options.links else {
            self.html(images::image_html(dest, label, None));
            return;
        };
        match self.resolve(&ctx, dest, at) {
            Target::File(path) if ctx.site.base_files.contains_key(&path) => {
                let view = dest.split_once('#').map(|(_, view)| view.trim());
                let base = super::super::bases::kept_as_file(&ctx, &path, view);
                let html = base.markup.clone();
                self.bases.push(base);
                self.block_html(html);
            }
            Target::File(path) => {
                let url = format!("{}{path}", self.options.base_path);
                let asked = if has_label { links::image_size(label) } else { None };
                if links::is_image(&path) {
                    let alt = if has_label && asked.is_none() { label.to_owned() } else { images::file_stem(&path) };
                    self.image(&url, &alt, asked, at, at);
                } else if let Some(kind) = super::media::media_kind(&path) {
                    let name = if has_label && asked.is_none() { label.to_owned() } else { images::file_stem(&path) };
                    let html = super::media::media_html(kind, &url, &name, self.options.words());
                    self.trusted_html(html);
                } else {
                    self.html(plain_link(&url, if has_label { label } else { dest }));
                }
            }
            Target::Page { index, fragment } => self.transclude(&ctx, index, fragment.as_deref(), at),
            // A note only another language has is linked to, not shown.
            Target::Elsewhere(url) => self.html(plain_link(&url, if has_label { label } else { dest })),
            Target::Missing => {
                let title = crate::markdown::escaped(&self.options.words().text("not_yet_written", &[]));
                let mut html = format!("<span class=\"missing-link\" title=\"{title}\">");
                let _ = escape_html(&mut html, dest);
                html.push_str(&format!("<span class=\"visually-hidden\"> ({title})</span></span>"));
                self.html(html);
            }
        }
    }

    pub(super) fn too_many_embeds(&mut self, at: usize) {
        self.problem(
            Diagnostic::warning(format!("this page embeds more than {MAX_EMBEDS} notes; the rest are links"))
                .hint("embed fewer notes, or link to them"),
            at,
        );
    }

    /// Renders page `index` (or a part of it) in place, inside the current
    /// paragraph's flow: the paragraph is closed around it.
    pub(super) fn transclude(&mut self, ctx: &LinkContext, index: usize, fragment: Option<&str>, at: usize) {
        let site = ctx.site;
        if self.is_cycle(ctx, index, fragment, at) {
            return;
        }
        let done = ctx.embeds_done.get();
        ctx.embeds_done.set(done.saturating_add(1));
        if done >= MAX_EMBEDS {
            // Told once, by the page itself (an embedded note's warnings
            // are its own).
            if done == MAX_EMBEDS && ctx.embed_stack.is_empty() {
                self.too_many_embeds(at);
            }
            let mut html = String::from("<a href=\"");
            let _ = escape_href(&mut html, &ctx.page_url(index, fragment));
            html.push_str("\">");
            let _ = escape_html(&mut html, &site.pages[index].shown_title);
            html.push_str("</a>");
            self.link_to(index);
            self.html(html);
            return;
        }
        if ctx.embed_stack.len() >= MAX_EMBED_DEPTH {
            self.problem(
                Diagnostic::error(format!("embeds nest deeper than {MAX_EMBED_DEPTH} notes here"))
                    .hint("embed fewer levels deep"),
                at,
            );
            return;
        }
        let target = &site.pages[index];
        if target.kind == PageKind::Base {
            self.link_to(index);
            let base = super::super::bases::embedded(ctx, index, fragment);
            let html = base.markup.clone();
            self.bases.push(base);
            self.block_html(html);
            return;
        }
        // A board is shown whole.
        let is_canvas = target.kind == PageKind::Canvas;
        let part = if is_canvas { Some(target.body.as_str()) } else { links::embedded_part(&target.body, fragment) };
        let Some(part) = part else {
            self.problem(
                Diagnostic::warning(format!(
                    "{} has no heading or block `{}`",
                    target.source.display(),
                    fragment.unwrap_or_default()
                ))
                .hint("check the heading's text or the block id"),
                at,
            );
            return;
        };
        self.link_to(index);
        self.embeds.push(index);
        let (html, errors) = self.embedded(ctx, index, fragment, part);
        if ctx.embed_stack.is_empty() && done < MAX_EMBEDS && ctx.embeds_done.get() > MAX_EMBEDS {
            self.too_many_embeds(at);
        }
        // Problems inside the embedded note are reported for that note;
        // only cycles and depth belong to this page.
        self.problems.extend(errors);
        self.block_html(html);
    }

    /// Whether embedding page `index` (or its `fragment`) here closes a
    /// cycle, which is reported at `at`.
    fn is_cycle(&mut self, ctx: &LinkContext, index: usize, fragment: Option<&str>, at: usize) -> bool {
        let here = (ctx.here, ctx.part.map(str::to_owned));
        let wanted = (Here::Page(index), fragment.map(str::to_owned));
        // Another part of the same note is no cycle; the same part reached
        // again is, and so is a whole note that holds the part being read.
        let open = || ctx.embed_stack.iter().chain([&here]);
        if !open().any(|entry| *entry == wanted || (fragment.is_none() && entry.0 == Here::Page(index))) {
            return false;
        }
        let name = |(here, part): &(Here, Option<String>)| {
            let file = links::source_of(ctx.site, *here).display().to_string();
            match part {
                Some(part) => format!("{file}#{part}"),
                None => file,
            }
        };
        let mut chain: Vec<String> = open().chain([&wanted]).map(name).collect();
        chain.dedup();
        self.problem(
            Diagnostic::error(format!("embed cycle: {}", chain.join(" → ")))
                .hint("remove one of the embeds; a note cannot contain itself"),
            at,
        );
        true
    }

    /// `part` of page `index` rendered as an embed (its images taken into
    /// this page's), and the errors in it.
    fn embedded(
        &mut self,
        ctx: &LinkContext,
        index: usize,
        fragment: Option<&str>,
        part: &str,
    ) -> (String, Vec<Diagnostic>) {
        let (site, target) = (ctx.site, &ctx.site.pages[index]);
        let mut stack = ctx.embed_stack.to_vec();
        stack.push((ctx.here, ctx.part.map(str::to_owned)));
        let prefix = format!("{}{}--", self.options.id_prefix, target.slug);
        let options = MarkdownOptions {
            base_path: self.options.base_path,
            root_path: self.options.root_path,
            drop_title: Some(&target.title),
            reserved_ids: &[],
            id_prefix: &prefix,
            body_line: target.body_line,
            links: Some(LinkContext {
                site,
                here: Here::Page(index),
                embed_stack: &stack,
                part: fragment,
                embeds_done: ctx.embeds_done,
            }),
            plain_code: self.options.plain_code,
            code_memo: self.options.code_memo,
            mark_external: self.options.mark_external,
            shortcodes: self.options.shortcodes,
            raw_html: self.options.raw_html,
            locale: self.options.locale,
            file: None,
        };
        let is_canvas = target.kind == PageKind::Canvas;
        let inner =
            if is_canvas { super::super::canvas::board(part, &options) } else { super::super::render(part, &options) };
        self.images.extend(inner.images);
        self.diagrams.extend(inner.diagrams.into_iter().map(|d| DiagramUse { embedded: true, ..d }));
        self.bases.extend(inner.bases.into_iter().map(|b| BaseUse { embedded: true, ..b }));
        let mut html =
            String::from(if is_canvas { "<div class=\"embed canvas-embed\">" } else { "<div class=\"embed\">" });
        html.push_str("<p class=\"embed-source\"><a href=\"");
        let _ = escape_href(&mut html, &ctx.page_url(index, fragment));
        html.push_str("\">");
        let _ = escape_html(&mut html, &target.shown_title);
        html.push_str("</a></p>\n");
        html.push_str(&inner.html);
        html.push_str("</div>\n");
        (html, inner.problems.into_iter().filter(Diagnostic::is_error).collect())
    }

    /// Block HTML of tend's making (an embedded note, a frame) in the
    /// current paragraph's flow: block content cannot sit inside `<p>`, so
    /// the paragraph is closed around it.
    pub(super) fn block_html(&mut self, html: String) {
        let html = self.trusted(html);
        let in_paragraph = self.target().last().is_some_and(|e| matches!(e, Event::Start(Tag::Paragraph)));
        if in_paragraph {
            self.target().pop();
        } else {
            self.push(Event::End(TagEnd::Paragraph));
        }
        self.push(Event::Html(html.into()));
        self.push(Event::Start(Tag::Paragraph));
    }
}

/// `<a href="url">text</a>`, both escaped.
fn plain_link(url: &str, text: &str) -> String {
    let mut html = String::from("<a href=\"");
    let _ = escape_href(&mut html, url);
    html.push_str("\">");
    let _ = escape_html(&mut html, text);
    html.push_str("</a>");
    html
}
