//! A drawing of the best-connected part of the link graph as a static SVG,
//! laid out at build time (force-directed, deterministic) so it shows
//! without JavaScript.

use std::collections::HashMap;

use pulldown_cmark_escape::escape_html;

use crate::model::{Garden, Graph, Site};

/// How many pages the drawing shows at most (the best connected).
pub(super) const DRAWN: usize = 250;
/// How many of the best-connected pages are given a label, where it fits.
const LABELLED: usize = 60;
const GRAVITY: f32 = 0.3;
const WIDTH: f32 = 720.0;
const HEIGHT: f32 = 480.0;

/// Positions of the drawn pages.
struct Layout {
    nodes: Vec<(usize, f32, f32, usize)>,
    edges: Vec<(usize, usize)>,
}

fn degrees(graph: &Graph) -> HashMap<usize, usize> {
    let mut degree = HashMap::new();
    for &(a, b) in &graph.edges {
        *degree.entry(a).or_insert(0) += 1;
        *degree.entry(b).or_insert(0) += 1;
    }
    degree
}

/// Fruchterman–Reingold on the best-connected pages, from positions on a
/// spiral, so the same graph always gives the same picture.
fn layout(graph: &Graph) -> Layout {
    let degree = degrees(graph);
    let mut chosen: Vec<usize> = graph.nodes.clone();
    chosen.sort_by(|a, b| degree[b].cmp(&degree[a]).then(a.cmp(b)));
    chosen.truncate(DRAWN);
    let position: HashMap<usize, usize> = chosen.iter().enumerate().map(|(i, &p)| (p, i)).collect();
    let edges: Vec<(usize, usize)> =
        graph.edges.iter().filter_map(|(a, b)| Some((*position.get(a)?, *position.get(b)?))).collect();
    let n = chosen.len();
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    let mut xy: Vec<(f32, f32)> = (0..n)
        .map(|i| {
            let r = 10.0 * (i as f32 + 1.0).sqrt();
            (r * (i as f32 * golden).cos(), r * (i as f32 * golden).sin())
        })
        .collect();
    let k = ((WIDTH * HEIGHT) / n.max(1) as f32).sqrt() * 0.6;
    let mut temperature = WIDTH / 10.0;
    for _ in 0..150 {
        let mut shift = vec![(0.0f32, 0.0f32); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (xy[i].0 - xy[j].0, xy[i].1 - xy[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let force = k * k / d;
                let (fx, fy) = (dx / d * force, dy / d * force);
                shift[i].0 += fx;
                shift[i].1 += fy;
                shift[j].0 -= fx;
                shift[j].1 -= fy;
            }
        }
        for &(a, b) in &edges {
            let (dx, dy) = (xy[a].0 - xy[b].0, xy[a].1 - xy[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let force = d * d / k;
            let (fx, fy) = (dx / d * force, dy / d * force);
            shift[a].0 -= fx;
            shift[a].1 -= fy;
            shift[b].0 += fx;
            shift[b].1 += fy;
        }
        for i in 0..n {
            // A pull to the middle keeps loose pages and separate clusters
            // on the picture.
            let d = (xy[i].0 * xy[i].0 + xy[i].1 * xy[i].1).sqrt();
            shift[i].0 -= xy[i].0 * GRAVITY * d / k;
            shift[i].1 -= xy[i].1 * GRAVITY * d / k;
            let length = (shift[i].0 * shift[i].0 + shift[i].1 * shift[i].1).sqrt().max(0.01);
            let step = length.min(temperature);
            xy[i].0 += shift[i].0 / length * step;
            xy[i].1 += shift[i].1 / length * step;
        }
        temperature *= 0.96;
    }
    // Fit into the picture with a margin for labels.
    let (min_x, max_x) = xy.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let (min_y, max_y) = xy.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let margin = 24.0;
    let sx = (WIDTH - 2.0 * margin) / (max_x - min_x).max(1.0);
    let sy = (HEIGHT - 2.0 * margin) / (max_y - min_y).max(1.0);
    let nodes = chosen
        .iter()
        .enumerate()
        .map(|(i, &page)| (page, margin + (xy[i].0 - min_x) * sx, margin + (xy[i].1 - min_y) * sy, degree[&page]))
        .collect();
    Layout { nodes, edges }
}

/// The drawing as inline SVG: a link per page, labels on the best
/// connected.
pub(super) fn svg(site: &Site, garden: &Garden) -> String {
    let layout = layout(&garden.graph);
    let mut out = String::with_capacity(layout.nodes.len() * 200);
    let mut name = String::new();
    let _ = escape_html(&mut name, &site.config.locale.count("graph_label", layout.nodes.len(), &[]));
    out.push_str(&format!(
        "<svg class=\"graph\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"group\" aria-label=\"{name}\">\n<g class=\"graph-edges\">\n"
    ));
    for &(a, b) in &layout.edges {
        let (_, x1, y1, _) = layout.nodes[a];
        let (_, x2, y2, _) = layout.nodes[b];
        out.push_str(&format!("<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"/>\n"));
    }
    out.push_str("</g>\n<g class=\"graph-nodes\">\n");
    // Labels go on top of every dot, each clear of the others.
    let mut labels = Labels::default();
    let mut drawn_labels = String::new();
    for (rank, &(page, x, y, degree)) in layout.nodes.iter().enumerate() {
        let (title, url, lang) = garden.node(site, page);
        let mut escaped = String::new();
        let _ = escape_html(&mut escaped, title);
        let radius = radius(degree);
        // Another language's note says which.
        let lang = lang.map(|lang| format!(" hreflang=\"{lang}\"")).unwrap_or_default();
        out.push_str(&format!(
            "<a href=\"{url}\"{lang} aria-label=\"{escaped}\"><title>{escaped}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\"/></a>\n"
        ));
        if rank < LABELLED
            && let Some(label) = labels.place(title, x, y, radius)
        {
            let mut text = String::new();
            let _ = escape_html(&mut text, &label.text);
            // The dot is the link's one stop for the keyboard; its label
            // is a second place to click.
            drawn_labels.push_str(&format!(
                "<a href=\"{url}\" tabindex=\"-1\" aria-hidden=\"true\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\">{text}</text></a>\n",
                label.x,
                y + 4.0,
                label.anchor
            ));
        }
    }
    out.push_str("</g>\n<g class=\"graph-labels\">\n");
    out.push_str(&drawn_labels);
    out.push_str("</g>\n</svg>\n");
    out
}

/// A dot's radius: bigger with more links.
fn radius(degree: usize) -> f32 {
    4.0 + (degree as f32).sqrt() * 1.5
}

/// The longest label, in characters; a longer title is cut with "…" (the
/// whole title is the link's name and its tooltip).
const LABEL_CHARS: usize = 28;
/// A label's size at the theme's 13 px: the width of an average
/// character, and the line's height.
const CHAR_WIDTH: f32 = 7.0;
const LINE_HEIGHT: f32 = 15.0;

/// A label as drawn: its text, where it is anchored and on which side.
struct Label {
    text: String,
    x: f32,
    anchor: &'static str,
}

/// The boxes of the labels placed so far: a label that would cover one, or
/// leave the picture, is not drawn.
#[derive(Default)]
struct Labels {
    placed: Vec<(f32, f32, f32, f32)>,
}

impl Labels {
    /// Places the label of a dot of `radius` at (`x`, `y`): on its inner
    /// side first (so it stays on the picture), else on the other side, else
    /// nowhere.
    fn place(&mut self, title: &str, x: f32, y: f32, radius: f32) -> Option<Label> {
        let text = if title.chars().count() > LABEL_CHARS {
            let cut: String = title.chars().take(LABEL_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            title.to_owned()
        };
        let width = text.chars().count() as f32 * CHAR_WIDTH;
        let (top, bottom) = (y - LINE_HEIGHT / 2.0, y + LINE_HEIGHT / 2.0);
        let before = (x - radius - 3.0, "end", x - radius - 3.0 - width);
        let after = (x + radius + 3.0, "start", x + radius + 3.0);
        let sides = if x > WIDTH / 2.0 { [before, after] } else { [after, before] };
        for (at, anchor, left) in sides {
            let area = (left, top, left + width, bottom);
            let inside = area.0 >= 0.0 && area.2 <= WIDTH && area.1 >= 0.0 && area.3 <= HEIGHT;
            let free = self.placed.iter().all(|p| p.2 <= area.0 || area.2 <= p.0 || p.3 <= area.1 || area.3 <= p.1);
            if inside && free {
                self.placed.push(area);
                return Some(Label { text, x: at, anchor });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{HEIGHT, Labels, WIDTH};

    #[test]
    fn labels_never_cover_each_other_or_leave_the_picture() {
        let mut labels = Labels::default();
        let mut drawn = Vec::new();
        // A crowd of dots in a small part of the picture, and long titles.
        for i in 0..60 {
            let (x, y) = (300.0 + (i % 6) as f32 * 20.0, 200.0 + (i / 6) as f32 * 9.0);
            let title = format!("A note with a rather long title, number {i}");
            if let Some(label) = labels.place(&title, x, y, 5.0) {
                assert!(label.text.chars().count() <= super::LABEL_CHARS, "{}", label.text);
                drawn.push(label);
            }
        }
        assert!(drawn.len() >= 5, "some labels are drawn: {}", drawn.len());
        assert!(drawn.len() < 60, "not every label fits");
        for (i, a) in labels.placed.iter().enumerate() {
            assert!(a.0 >= 0.0 && a.2 <= WIDTH && a.1 >= 0.0 && a.3 <= HEIGHT, "{a:?} leaves the picture");
            for b in &labels.placed[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{a:?} covers {b:?}");
            }
        }
    }
}
