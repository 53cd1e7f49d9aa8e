//! An Obsidian board (`.canvas`, JSON Canvas 1.0) drawn as HTML: each
//! node where the board puts it, its content rendered as the page's own
//! (a text node's Markdown, a file node's note, image or media through the
//! embed machinery, a link node as a card that loads nothing), groups as
//! frames around their members, edges as one SVG.
//!
//! The same markup is the board's reading order: groups are sections
//! holding lists of their members, read top to bottom and left to right,
//! followed by the connections as "A → B: label" lines. The stylesheet
//! places it as a board, or, on a narrow screen or when the reader asks
//! (`#…canvas-list`), as that list; `canvas.js` adds zoom.

mod draw;

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::headings::write_heading;
use super::{IdAllocator, MarkdownOptions, render};
use crate::model::{Canvas, CanvasNode, Diagnostic, Location, NodeKind, Rendered, Target, heading_slug, parse_canvas};

/// The board in `json`, the body of a `.canvas` page, rendered with
/// `options` (whose link context is the board's page, or the note it is
/// embedded in): its HTML, and what its nodes link to, embed and say.
pub(super) fn board(json: &str, options: &MarkdownOptions) -> Rendered {
    let file = options.links.as_ref().map(|c| c.source().to_path_buf()).unwrap_or_default();
    // What is wrong with the file was told when it was read.
    let Ok((canvas, _)) = parse_canvas(json, &file) else { return Rendered::default() };
    let layout = draw::layout(&canvas);
    let mut ids = IdAllocator::default();
    options.reserved_ids.iter().for_each(|id| ids.reserve(id));
    let mut made = Board { canvas: &canvas, layout: &layout, options, json, ids, rendered: Rendered::default() };
    let mut items = String::new();
    made.list(&layout.roots, 2, &mut items);
    let Board { mut rendered, .. } = made;
    let words = options.words();
    let prefix = options.id_prefix;
    let mut html = String::with_capacity(items.len() + 1024);
    let _ = write!(
        html,
        "<div class=\"canvas\" id=\"{prefix}canvas-list\" data-canvas>\n<p class=\"canvas-views\"><a class=\"canvas-to-list\" href=\"#{prefix}canvas-list\">{}</a><a class=\"canvas-to-board\" href=\"#{prefix}canvas-board\">{}</a></p>\n",
        super::escaped(&words.text("canvas_as_list", &[])),
        super::escaped(&words.text("canvas_as_board", &[])),
    );
    let (width, height) = layout.size;
    let _ = write!(
        html,
        "<div class=\"canvas-board\" id=\"{prefix}canvas-board\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n<div class=\"canvas-plane\" style=\"width:{width}px;height:{height}px\">\n",
        super::escaped(&words.text("canvas_board", &[])),
    );
    draw::edges(&canvas, &layout, &mut html);
    html.push_str("\n<ul class=\"canvas-items\">\n");
    html.push_str(&items);
    html.push_str("</ul>\n</div>\n</div>\n");
    connections(&canvas, options, &mut html);
    html.push_str("</div>\n");
    rendered.html = html;
    rendered
}

/// A board being written: its nodes' rendered parts gathered in
/// `rendered`.
struct Board<'b, 'o> {
    canvas: &'b Canvas,
    layout: &'b draw::Layout,
    options: &'b MarkdownOptions<'o>,
    json: &'b str,
    /// The ids of the groups' labels.
    ids: IdAllocator,
    rendered: Rendered,
}

impl Board<'_, '_> {
    /// Writes the nodes `list` as list items into `out`, a group as a
    /// section headed at `level` around the list of its members.
    fn list(&mut self, list: &[usize], level: u8, out: &mut String) {
        for &i in list {
            let node = &self.canvas.nodes[i];
            let (class, style) = draw::color_attributes(node.color.as_ref());
            let place = self.layout.place(self.canvas, i);
            if let NodeKind::Group { label, background, background_style } = &node.kind {
                out.push_str("<li class=\"canvas-group-item\">");
                let _ = write!(out, "<section class=\"canvas-group{class}\" style=\"{place}{style}\"");
                let name = label.clone().unwrap_or_else(|| self.options.words().text("canvas_group", &[]));
                out.push_str(" aria-label=\"");
                let _ = escape_html(&mut *out, &name);
                out.push_str("\">");
                if let Some(image) = background {
                    self.background(image, background_style.as_deref(), node, out);
                }
                if let Some(label) = label {
                    let id = self.ids.allocate(&format!("{}{}", self.options.id_prefix, heading_slug(label)));
                    let jump = self.options.words().text("jump_to", &[("title", label)]);
                    let classes = ["canvas-group-label".to_owned()];
                    write_heading(out, level, &id, &classes, &super::escaped(label), &jump);
                }
                out.push_str("<ul class=\"canvas-members\">\n");
                self.list(&self.layout.members[i].clone(), (level + 1).min(6), out);
                out.push_str("</ul></section></li>\n");
                continue;
            }
            // Nodes overlap as the file stacks them, first lowest; a group
            // lies under all.
            let kind = match node.kind {
                NodeKind::Text(_) => "text",
                NodeKind::File { .. } => "file",
                _ => "link",
            };
            let _ = write!(
                out,
                "<li class=\"canvas-node canvas-{kind}{class}\" style=\"{place};z-index:{}{style}\"><div class=\"canvas-node-body\" tabindex=\"0\">",
                i + 1
            );
            let body = self.content(i, node);
            out.push_str(&body);
            out.push_str("</div></li>\n");
        }
    }

    /// What node `i` shows, as HTML; what it links to and says is added to
    /// the board's.
    fn content(&mut self, i: usize, node: &CanvasNode) -> String {
        let markdown = match &node.kind {
            NodeKind::Text(text) => text.clone(),
            NodeKind::File { file, subpath } => {
                format!("![[{}{}]]", file.replace(['[', ']', '|'], ""), subpath.as_deref().unwrap_or_default())
            }
            NodeKind::Link(url) => return link_card(url),
            NodeKind::Group { .. } => return String::new(),
        };
        let prefix = format!("{}n{i}-", self.options.id_prefix);
        let options = MarkdownOptions { id_prefix: &prefix, drop_title: None, body_line: node.line, ..*self.options };
        let mut part = render(&markdown, &options);
        for problem in &mut part.problems {
            at_node(problem, self.json, node.line);
        }
        let html = std::mem::take(&mut part.html);
        absorb(&mut self.rendered, part);
        html
    }

    /// A group's background image, behind its members.
    fn background(&mut self, image: &str, style: Option<&str>, group: &CanvasNode, out: &mut String) {
        let markdown = format!("![[{}]]", image.replace(['[', ']', '|'], ""));
        let options = MarkdownOptions { drop_title: None, ..*self.options };
        let mut part = render(&markdown, &options);
        let html = std::mem::take(&mut part.html);
        part.links.clear();
        part.embeds.clear();
        for problem in &mut part.problems {
            at_node(problem, self.json, group.line);
        }
        absorb(&mut self.rendered, part);
        // Only an image is a background; the link render gives it is not.
        let Some(src) = html.split("src=\"").nth(1).and_then(|s| s.split('"').next()) else { return };
        let fit = match style {
            Some("ratio") => "contain",
            Some("repeat") => "none",
            _ => "cover",
        };
        // `src` is already escaped for an attribute.
        let (width, height) = (group.rect.width.round(), group.rect.height.round());
        let _ = write!(
            out,
            "<img class=\"canvas-background canvas-{fit}\" src=\"{src}\" alt=\"\" width=\"{width}\" height=\"{height}\" loading=\"lazy\">"
        );
    }
}

/// A link node: a card naming the site and the address, loading nothing
/// from it. Only web and mail addresses are links.
fn link_card(url: &str) -> String {
    let url = url.trim();
    let is_web = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| url.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)));
    let host = url.split_once("//").map_or(url, |(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(rest));
    let mut html = String::from("<p class=\"canvas-link-card\">");
    if is_web {
        html.push_str("<a href=\"");
        let _ = escape_href(&mut html, url);
        html.push_str("\">");
    }
    if is_web {
        html.push_str("<span class=\"canvas-link-host\">");
        let _ = escape_html(&mut html, host);
        html.push_str("</span> ");
    }
    html.push_str("<span class=\"canvas-link-url\">");
    let _ = escape_html(&mut html, url);
    html.push_str("</span>");
    if is_web {
        html.push_str("</a>");
    }
    html.push_str("</p>");
    html
}

/// Writes the connections, one line each ("A → B: label"), for screen
/// readers and the list view.
fn connections(canvas: &Canvas, options: &MarkdownOptions, out: &mut String) {
    if canvas.edges.is_empty() {
        return;
    }
    let prefix = options.id_prefix;
    let _ = writeln!(
        out,
        "<div class=\"canvas-connections\"><p class=\"canvas-connections-title\" id=\"{prefix}canvas-connections\">{}</p><ul aria-labelledby=\"{prefix}canvas-connections\">",
        super::escaped(&options.words().text("canvas_connections", &[]))
    );
    for edge in &canvas.edges {
        let arrow = match (edge.from_arrow, edge.to_arrow) {
            (true, true) => "↔",
            (false, true) => "→",
            (true, false) => "←",
            (false, false) => "—",
        };
        out.push_str("<li>");
        let _ = escape_html(&mut *out, &name_of(&canvas.nodes[edge.from], options));
        let _ = write!(out, " {arrow} ");
        let _ = escape_html(&mut *out, &name_of(&canvas.nodes[edge.to], options));
        if let Some(label) = &edge.label {
            out.push_str(": ");
            let _ = escape_html(&mut *out, label);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul></div>\n");
}

/// How the connections' list names a node: a text's first line, a file's
/// name, a link's address, a group's label.
fn name_of(node: &CanvasNode, options: &MarkdownOptions) -> String {
    let name = match &node.kind {
        NodeKind::Text(text) => {
            let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
            let line = line.trim_start_matches(['#', '>', '-', '*', ' ']);
            line.replace("[[", "").replace("]]", "").replace(['*', '_', '`'], "")
        }
        NodeKind::File { file, .. } => {
            let page = options.links.as_ref().and_then(|ctx| {
                match ctx.site.links.resolve(&ctx.site.pages, ctx.origin(), file).target {
                    Target::Page { index, .. } => Some(ctx.site.pages[index].shown_title.clone()),
                    _ => None,
                }
            });
            let name = file.rsplit('/').next().unwrap_or(file);
            page.unwrap_or_else(|| name.strip_suffix(".md").unwrap_or(name).to_owned())
        }
        NodeKind::Link(url) => url.clone(),
        NodeKind::Group { label, .. } => label.clone().unwrap_or_default(),
    };
    let name = name.trim();
    if name.is_empty() {
        return options.words().text("canvas_group", &[]);
    }
    match name.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name.to_owned(),
    }
}

/// Moves `problem`, found in a node's text, to the node's line of the
/// board's file: the text is one JSON string there.
fn at_node(problem: &mut Diagnostic, json: &str, line: usize) {
    if let Some(location) = &mut problem.location {
        let file = std::mem::take(&mut location.file);
        **location = Location::new(file, line, 1).with_source(json);
    }
}

/// Adds what `part` of a board links to, embeds and says to `all`.
fn absorb(all: &mut Rendered, part: Rendered) {
    all.words += part.words;
    all.ideographs += part.ideographs;
    if all.summary.is_empty() {
        all.summary = part.summary;
    }
    all.links.extend(part.links);
    all.elsewhere.extend(part.elsewhere);
    all.tags.extend(part.tags);
    all.embeds.extend(part.embeds);
    all.problems.extend(part.problems);
    all.images.extend(part.images);
    all.diagrams.extend(part.diagrams);
    all.bases.extend(part.bases);
    let kept = all.terms.len().max(part.terms.len());
    let mut counts: std::collections::HashMap<String, u32> = std::mem::take(&mut all.terms).into_iter().collect();
    for (word, count) in part.terms {
        *counts.entry(word).or_default() += count;
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(kept);
    all.terms = terms;
}
