//! Where a board's nodes sit and how its edges run: the groups each node
//! lies in (which give the reading order), the plane that holds them all,
//! and the edges drawn as SVG curves with their arrowheads and labels.
//!
//! Coordinates are JSON Canvas pixels; the plane starts a margin above and
//! left of the topmost and leftmost node, and a node inside a group is
//! placed from the group's corner, since the group is its containing box.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use crate::model::{Canvas, CanvasColor, CanvasEdge, Rect, Side};

/// The margin around the nodes, in pixels.
const MARGIN: f64 = 40.0;
/// How deep groups nest before a deeper one is drawn in its ancestor at
/// this depth (a board is read, not a recursion test).
const MAX_DEPTH: usize = 12;
/// An arrowhead's length and half-width.
const ARROW: (f64, f64) = (12.0, 6.0);

/// The board's nodes arranged: each node's group, and every group's
/// members (and the top level's) in reading order.
pub(super) struct Layout {
    /// The plane's top-left corner, in canvas pixels.
    origin: (f64, f64),
    /// The plane's width and height.
    pub size: (f64, f64),
    /// The group each node is drawn in.
    parent: Vec<Option<usize>>,
    /// The nodes of the top level, in reading order.
    pub roots: Vec<usize>,
    /// Each group's members, in reading order (empty for other nodes).
    pub members: Vec<Vec<usize>>,
}

/// Lays `canvas` out: a node belongs to the smallest group that holds it
/// whole (of two groups of one size, the first holds the second), and
/// nodes are read top to bottom, then left to right.
pub(super) fn layout(canvas: &Canvas) -> Layout {
    let nodes = &canvas.nodes;
    let groups: Vec<usize> = (0..nodes.len()).filter(|&g| is_group(canvas, g)).collect();
    let holds = |g: usize, i: usize| {
        let (outer, inner) = (&nodes[g].rect, &nodes[i].rect);
        g != i && outer.contains(inner) && (outer.area() > inner.area() || g < i)
    };
    let mut parent: Vec<Option<usize>> = (0..nodes.len())
        .map(|i| {
            groups
                .iter()
                .copied()
                .filter(|&g| holds(g, i))
                .min_by(|&a, &b| nodes[a].rect.area().total_cmp(&nodes[b].rect.area()).then(b.cmp(&a)))
        })
        .collect();
    // A group comes before what it holds in this order, so each node's
    // depth is known from its group's.
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| nodes[b].rect.area().total_cmp(&nodes[a].rect.area()).then(a.cmp(&b)));
    let mut depth = vec![0; nodes.len()];
    for &i in &order {
        if let Some(g) = parent[i] {
            if depth[g] + 1 > MAX_DEPTH {
                parent[i] = parent[g];
            }
            depth[i] = parent[i].map_or(0, |g| depth[g] + 1);
        }
    }
    let mut members = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, group) in parent.iter().enumerate() {
        match group {
            Some(g) => members[*g].push(i),
            None => roots.push(i),
        }
    }
    let reading = |list: &mut Vec<usize>| {
        list.sort_by(|&a, &b| {
            let (a, b) = (&nodes[a].rect, &nodes[b].rect);
            a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x))
        })
    };
    reading(&mut roots);
    members.iter_mut().for_each(reading);
    let (mut left, mut top, mut right, mut bottom) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (n, node) in nodes.iter().enumerate() {
        let r = node.rect;
        if n == 0 {
            (left, top, right, bottom) = (r.x, r.y, r.x + r.width, r.y + r.height);
        }
        (left, top) = (left.min(r.x), top.min(r.y));
        (right, bottom) = (right.max(r.x + r.width), bottom.max(r.y + r.height));
    }
    Layout {
        origin: (left - MARGIN, top - MARGIN),
        size: ((right - left + 2.0 * MARGIN).round(), (bottom - top + 2.0 * MARGIN).round()),
        parent,
        roots,
        members,
    }
}

fn is_group(canvas: &Canvas, i: usize) -> bool {
    matches!(canvas.nodes[i].kind, crate::model::NodeKind::Group { .. })
}

impl Layout {
    /// The CSS that places node `i`: from its group's corner, or the
    /// plane's.
    pub(super) fn place(&self, canvas: &Canvas, i: usize) -> String {
        let r = canvas.nodes[i].rect;
        let (x, y) = match self.parent[i] {
            Some(g) => (canvas.nodes[g].rect.x, canvas.nodes[g].rect.y),
            None => self.origin,
        };
        format!(
            "left:{}px;top:{}px;width:{}px;height:{}px",
            (r.x - x).round(),
            (r.y - y).round(),
            r.width.round(),
            r.height.round()
        )
    }

    /// `rect` in the plane's pixels.
    fn on_plane(&self, rect: Rect) -> Rect {
        Rect { x: rect.x - self.origin.0, y: rect.y - self.origin.1, ..rect }
    }
}

/// The class and style (each with its leading space or semicolon) that
/// colour a node or edge: a preset by class, a hex colour by a custom
/// property.
pub(super) fn color_attributes(color: Option<&CanvasColor>) -> (String, String) {
    match color {
        Some(CanvasColor::Preset(n)) => (format!(" canvas-c{n}"), String::new()),
        // A hex colour is checked digit by digit when read.
        Some(CanvasColor::Hex(hex)) => (" canvas-hex".to_owned(), format!(";--canvas-color:{hex}")),
        None => (String::new(), String::new()),
    }
}

/// Writes the edges into `out` as one SVG the size of the plane (hidden
/// from screen readers, which read the connections' list), then their
/// labels as text placed at each curve's middle, above every node.
pub(super) fn edges(canvas: &Canvas, layout: &Layout, out: &mut String) {
    let (width, height) = layout.size;
    let _ = write!(
        out,
        "<svg class=\"canvas-edges\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-hidden=\"true\" focusable=\"false\">"
    );
    let mut labels = String::new();
    for edge in &canvas.edges {
        let from = layout.on_plane(canvas.nodes[edge.from].rect);
        let to = layout.on_plane(canvas.nodes[edge.to].rect);
        let curve = Curve::between(edge, from, to);
        let (class, style) = color_attributes(edge.color.as_ref());
        let style = style.trim_start_matches(';');
        let _ = write!(out, "<g class=\"canvas-edge{class}\"");
        if !style.is_empty() {
            let _ = write!(out, " style=\"{style}\"");
        }
        let [p0, p1, p2, p3] = curve.points;
        let _ = write!(out, "><path d=\"M{} C{} {} {}\"/>", pair(p0), pair(p1), pair(p2), pair(p3));
        if edge.to_arrow {
            arrowhead(out, p3, curve.into_end);
        }
        if edge.from_arrow {
            arrowhead(out, p0, curve.into_start);
        }
        out.push_str("</g>");
        if let Some(label) = &edge.label {
            let (x, y) = curve.middle();
            let _ = write!(
                labels,
                "<span class=\"canvas-edge-label{class}\" style=\"left:{}px;top:{}px;z-index:{}{}\" aria-hidden=\"true\">",
                x.round(),
                y.round(),
                canvas.nodes.len() + 1,
                if style.is_empty() { String::new() } else { format!(";{style}") }
            );
            let _ = escape_html(&mut labels, label);
            labels.push_str("</span>");
        }
    }
    out.push_str("</svg>");
    out.push_str(&labels);
}

/// An edge's cubic Bézier curve, with the directions its ends point in.
struct Curve {
    points: [(f64, f64); 4],
    /// The unit direction the curve arrives at its end in.
    into_end: (f64, f64),
    /// The unit direction into the start node, for an arrowhead there.
    into_start: (f64, f64),
}

impl Curve {
    /// The curve from `from`'s side to `to`'s: the sides the edge names,
    /// else the facing ones.
    fn between(edge: &CanvasEdge, from: Rect, to: Rect) -> Curve {
        let (dx, dy) = (centre(to).0 - centre(from).0, centre(to).1 - centre(from).1);
        let (leave, meet) = if dx.abs() >= dy.abs() {
            if dx >= 0.0 { (Side::Right, Side::Left) } else { (Side::Left, Side::Right) }
        } else if dy >= 0.0 {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        };
        let (leave, meet) = (edge.from_side.unwrap_or(leave), edge.to_side.unwrap_or(meet));
        let (start, end) = (anchor(from, leave), anchor(to, meet));
        let distance = ((end.0 - start.0).powi(2) + (end.1 - start.1).powi(2)).sqrt();
        let reach = (distance * 0.5).clamp(20.0, 150.0);
        let (out_start, out_end) = (outward(leave), outward(meet));
        Curve {
            points: [
                start,
                (start.0 + out_start.0 * reach, start.1 + out_start.1 * reach),
                (end.0 + out_end.0 * reach, end.1 + out_end.1 * reach),
                end,
            ],
            into_end: (-out_end.0, -out_end.1),
            into_start: (-out_start.0, -out_start.1),
        }
    }

    /// The point halfway along the curve's parameter.
    fn middle(&self) -> (f64, f64) {
        let [a, b, c, d] = self.points;
        ((a.0 + 3.0 * b.0 + 3.0 * c.0 + d.0) / 8.0, (a.1 + 3.0 * b.1 + 3.0 * c.1 + d.1) / 8.0)
    }
}

fn centre(r: Rect) -> (f64, f64) {
    (r.x + r.width / 2.0, r.y + r.height / 2.0)
}

/// The middle of `side` of `r`.
fn anchor(r: Rect, side: Side) -> (f64, f64) {
    match side {
        Side::Top => (r.x + r.width / 2.0, r.y),
        Side::Right => (r.x + r.width, r.y + r.height / 2.0),
        Side::Bottom => (r.x + r.width / 2.0, r.y + r.height),
        Side::Left => (r.x, r.y + r.height / 2.0),
    }
}

/// The unit direction out of a node through `side`.
fn outward(side: Side) -> (f64, f64) {
    match side {
        Side::Top => (0.0, -1.0),
        Side::Right => (1.0, 0.0),
        Side::Bottom => (0.0, 1.0),
        Side::Left => (-1.0, 0.0),
    }
}

/// An arrowhead whose tip is `tip`, pointing along `direction`.
fn arrowhead(out: &mut String, tip: (f64, f64), direction: (f64, f64)) {
    let (length, half) = ARROW;
    let base = (tip.0 - direction.0 * length, tip.1 - direction.1 * length);
    let across = (-direction.1 * half, direction.0 * half);
    let _ = write!(
        out,
        "<path class=\"canvas-arrow\" d=\"M{} L{} L{} Z\"/>",
        pair(tip),
        pair((base.0 + across.0, base.1 + across.1)),
        pair((base.0 - across.0, base.1 - across.1))
    );
}

/// A point as SVG path numbers, to a tenth of a pixel.
fn pair((x, y): (f64, f64)) -> String {
    let short = |v: f64| {
        let text = format!("{:.1}", v);
        text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
    };
    format!("{},{}", short(x), short(y))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::layout;
    use crate::model::parse_canvas;

    #[test]
    fn groups_hold_what_lies_inside_them_in_reading_order() {
        let text = r#"{"nodes":[
{"id":"g","type":"group","label":"G","x":0,"y":0,"width":500,"height":400},
{"id":"h","type":"group","x":10,"y":200,"width":200,"height":150},
{"id":"b","type":"text","text":"b","x":300,"y":20,"width":50,"height":50},
{"id":"a","type":"text","text":"a","x":20,"y":20,"width":50,"height":50},
{"id":"c","type":"text","text":"c","x":20,"y":220,"width":50,"height":50},
{"id":"d","type":"text","text":"d","x":600,"y":0,"width":50,"height":50}
]}"#;
        let (canvas, _) = parse_canvas(text, Path::new("a.canvas")).expect("reads");
        let layout = layout(&canvas);
        assert_eq!(layout.roots, vec![0, 5]);
        assert_eq!(layout.members[0], vec![3, 2, 1]);
        assert_eq!(layout.members[1], vec![4]);
        assert_eq!(layout.size, (730.0, 480.0));
        assert_eq!(layout.place(&canvas, 4), "left:10px;top:20px;width:50px;height:50px");
        assert_eq!(layout.place(&canvas, 5), "left:640px;top:40px;width:50px;height:50px");
    }
}
