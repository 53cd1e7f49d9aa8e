//! An Obsidian board: a `.canvas` file in the JSON Canvas 1.0 format.
//!
//! The load stage reads one to report what is wrong with it at its line
//! and keeps the text as the page's body; the Markdown stage reads it again
//! to draw the board. Reading never fails on what a later version of the
//! format may add: an unknown node type is a warning and the node is left
//! out, an unknown key is ignored.

use std::path::Path;

use serde::Deserialize;

use super::{Diagnostic, Location, line_column};

/// The farthest a node may sit from the origin, in canvas pixels: beyond
/// it a board is no longer something to draw.
const FAR: f64 = 1_000_000.0;

/// A board: its nodes and the edges between them, as the file orders them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Canvas {
    /// Every node the board draws (unknown kinds left out).
    pub nodes: Vec<CanvasNode>,
    /// Edges whose ends are both nodes of the board.
    pub edges: Vec<CanvasEdge>,
}

/// One node: where it is and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasNode {
    /// Its id in the file.
    pub id: String,
    /// Left edge, top edge, width and height, in canvas pixels.
    pub rect: Rect,
    /// Its colour, if it has one.
    pub color: Option<CanvasColor>,
    /// What it shows.
    pub kind: NodeKind,
    /// Its line in the file, for problems.
    pub line: usize,
}

/// A rectangle in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width, at least 1.
    pub width: f64,
    /// Height, at least 1.
    pub height: f64,
}

impl Rect {
    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.width <= self.x + self.width
            && other.y + other.height <= self.y + self.height
    }

    /// Its area.
    pub fn area(&self) -> f64 {
        self.width * self.height
    }
}

/// What a node shows.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// Markdown.
    Text(String),
    /// A note, image or other file of the vault, by its path, with the
    /// heading or block it shows (`#Heading`), if any.
    File {
        /// The path in the vault.
        file: String,
        /// `#Heading` or `#^block`.
        subpath: Option<String>,
    },
    /// An address on the web.
    Link(String),
    /// A frame around the nodes inside it.
    Group {
        /// Its label.
        label: Option<String>,
        /// An image drawn behind it, by its path in the vault.
        background: Option<String>,
        /// How the image fills it: `cover`, `ratio` or `repeat`.
        background_style: Option<String>,
    },
}

/// A node's or edge's colour: one of the six the format names, or any
/// hex colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CanvasColor {
    /// `"1"` red, `"2"` orange, `"3"` yellow, `"4"` green, `"5"` cyan,
    /// `"6"` purple.
    Preset(u8),
    /// `#rgb` or `#rrggbb`, as written.
    Hex(String),
}

/// The side of a node an edge leaves or meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The top edge's middle.
    Top,
    /// The right edge's middle.
    Right,
    /// The bottom edge's middle.
    Bottom,
    /// The left edge's middle.
    Left,
}

/// An edge between two nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasEdge {
    /// Index of the node it leaves, in [`Canvas::nodes`].
    pub from: usize,
    /// The side it leaves from, if the file says.
    pub from_side: Option<Side>,
    /// Whether it starts with an arrowhead (no by default).
    pub from_arrow: bool,
    /// Index of the node it meets.
    pub to: usize,
    /// The side it meets, if the file says.
    pub to_side: Option<Side>,
    /// Whether it ends with an arrowhead (yes by default).
    pub to_arrow: bool,
    /// Its colour.
    pub color: Option<CanvasColor>,
    /// Its label.
    pub label: Option<String>,
}

#[derive(Deserialize)]
struct RawCanvas {
    #[serde(default)]
    nodes: Vec<RawNode>,
    #[serde(default)]
    edges: Vec<RawEdge>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawNode {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    color: Option<String>,
    text: Option<String>,
    file: Option<String>,
    subpath: Option<String>,
    url: Option<String>,
    label: Option<String>,
    background: Option<String>,
    background_style: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEdge {
    id: String,
    from_node: String,
    from_side: Option<String>,
    from_end: Option<String>,
    to_node: String,
    to_side: Option<String>,
    to_end: Option<String>,
    color: Option<String>,
    label: Option<String>,
}

/// Reads the board in `text`, the file `file`: the board and the warnings
/// about what it leaves out, or the error that keeps it from being read
/// (at its line and column).
pub fn parse_canvas(text: &str, file: &Path) -> Result<(Canvas, Vec<Diagnostic>), Diagnostic> {
    // An empty file is an empty board, as Obsidian makes it.
    let raw: RawCanvas = if text.trim().is_empty() {
        RawCanvas { nodes: Vec::new(), edges: Vec::new() }
    } else {
        serde_json::from_str(text).map_err(|e| {
            Diagnostic::error(format!("this canvas is not valid JSON Canvas: {e}"))
                .at(Location::new(file, e.line().max(1), e.column().max(1)).with_source(text))
                .hint("open it in Obsidian and save it again, or fix the JSON at this position")
        })?
    };
    let mut problems = Vec::new();
    let mut canvas = Canvas::default();
    let mut ids = std::collections::HashMap::new();
    for node in raw.nodes {
        let line = line_of(text, &node.id);
        let warn = |message: String, hint: &str| {
            Diagnostic::warning(message).at(Location::new(file, line, 1).with_source(text)).hint(hint.to_owned())
        };
        let Some(kind) = node_kind(&node) else {
            problems.push(warn(
                format!(
                    "canvas node `{}` is of type `{}`, which tend does not draw; it is left out",
                    node.id, node.kind
                ),
                "JSON Canvas 1.0 has text, file, link and group nodes",
            ));
            continue;
        };
        if ids.contains_key(&node.id) {
            problems.push(warn(
                format!("two canvas nodes have the id `{}`; the second is left out", node.id),
                "give every node its own id",
            ));
            continue;
        }
        let rect = rect_of(&node);
        let color = node.color.as_deref().and_then(|c| color_of(c, &mut problems, file, line));
        ids.insert(node.id.clone(), canvas.nodes.len());
        canvas.nodes.push(CanvasNode { id: node.id, rect, color, kind, line });
    }
    for edge in raw.edges {
        let line = line_of(text, &edge.id);
        let (Some(&from), Some(&to)) = (ids.get(&edge.from_node), ids.get(&edge.to_node)) else {
            problems.push(
                Diagnostic::warning(format!(
                    "canvas edge `{}` joins a node the board does not have; it is left out",
                    edge.id
                ))
                .at(Location::new(file, line, 1).with_source(text))
                .hint("remove the edge, or the node it names was left out above"),
            );
            continue;
        };
        canvas.edges.push(CanvasEdge {
            from,
            from_side: edge.from_side.as_deref().and_then(side_of),
            from_arrow: edge.from_end.as_deref() == Some("arrow"),
            to,
            to_side: edge.to_side.as_deref().and_then(side_of),
            to_arrow: edge.to_end.as_deref() != Some("none"),
            color: edge.color.as_deref().and_then(|c| color_of(c, &mut problems, file, line)),
            label: edge.label.filter(|l| !l.trim().is_empty()),
        });
    }
    Ok((canvas, problems))
}

/// What `node` shows, or `None` for a type the format does not name.
fn node_kind(node: &RawNode) -> Option<NodeKind> {
    Some(match node.kind.as_str() {
        "text" => NodeKind::Text(node.text.clone().unwrap_or_default()),
        "file" => NodeKind::File {
            file: node.file.clone().unwrap_or_default(),
            subpath: node.subpath.clone().filter(|s| !s.trim_start_matches('#').is_empty()),
        },
        "link" => NodeKind::Link(node.url.clone().unwrap_or_default()),
        "group" => NodeKind::Group {
            label: node.label.clone().filter(|l| !l.trim().is_empty()),
            background: node.background.clone().filter(|b| !b.trim().is_empty()),
            background_style: node.background_style.clone(),
        },
        _ => return None,
    })
}

/// `node`'s rectangle, kept finite, near the origin and at least a pixel
/// wide and high.
fn rect_of(node: &RawNode) -> Rect {
    let place = |v: f64| if v.is_finite() { v.clamp(-FAR, FAR) } else { 0.0 };
    let size = |v: f64| if v.is_finite() { v.clamp(1.0, FAR) } else { 1.0 };
    Rect { x: place(node.x), y: place(node.y), width: size(node.width), height: size(node.height) }
}

/// The colour `written`, or `None` (with a warning at `line`) when it is
/// neither a preset nor a hex colour.
fn color_of(written: &str, problems: &mut Vec<Diagnostic>, file: &Path, line: usize) -> Option<CanvasColor> {
    let written = written.trim();
    if let Ok(n @ 1..=6) = written.parse::<u8>() {
        return Some(CanvasColor::Preset(n));
    }
    let hex = written.strip_prefix('#').unwrap_or_default();
    if matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(CanvasColor::Hex(written.to_owned()));
    }
    problems.push(
        Diagnostic::warning(format!("`{written}` is not a canvas colour; it is drawn in the theme's colour"))
            .at(Location::new(file, line, 1))
            .hint("use \"1\" to \"6\" for the preset colours, or a hex colour such as \"#4a7ab8\""),
    );
    None
}

fn side_of(written: &str) -> Option<Side> {
    match written {
        "top" => Some(Side::Top),
        "right" => Some(Side::Right),
        "bottom" => Some(Side::Bottom),
        "left" => Some(Side::Left),
        _ => None,
    }
}

/// The line of `text` that holds the object with id `id` (its first
/// mention as a string), or 1.
fn line_of(text: &str, id: &str) -> usize {
    let quoted = serde_json::to_string(id).unwrap_or_default();
    text.find(&quoted).map_or(1, |at| line_column(text, at).0)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{CanvasColor, NodeKind, parse_canvas};

    #[test]
    fn reads_nodes_edges_and_colours() {
        let text = r##"{"nodes":[
{"id":"a","type":"text","text":"Hi","x":0,"y":0,"width":100,"height":50,"color":"2"},
{"id":"b","type":"file","file":"Note.md","subpath":"#Part","x":200,"y":0,"width":100,"height":50,"color":"#ABC"},
{"id":"c","type":"widget","x":0,"y":0,"width":1,"height":1}
],"edges":[
{"id":"e","fromNode":"a","toNode":"b","label":"then"},
{"id":"f","fromNode":"a","toNode":"c"}
]}"##;
        let (canvas, problems) = parse_canvas(text, Path::new("b.canvas")).expect("reads");
        assert_eq!(canvas.nodes.len(), 2);
        assert_eq!(canvas.nodes[0].color, Some(CanvasColor::Preset(2)));
        assert_eq!(canvas.nodes[1].color, Some(CanvasColor::Hex("#ABC".into())));
        assert_eq!(canvas.nodes[1].line, 3);
        assert!(matches!(&canvas.nodes[1].kind, NodeKind::File { subpath: Some(s), .. } if s == "#Part"));
        assert_eq!(canvas.edges.len(), 1);
        assert!(canvas.edges[0].to_arrow && !canvas.edges[0].from_arrow);
        let messages: Vec<_> =
            problems.iter().map(|p| (p.message.clone(), p.location.as_ref().map(|l| l.line))).collect();
        assert!(messages[0].0.contains("`widget`") && messages[0].1 == Some(4), "{messages:?}");
        assert!(messages[1].0.contains("edge `f`") && messages[1].1 == Some(7), "{messages:?}");
    }

    #[test]
    fn broken_json_names_its_position() {
        let error = parse_canvas("{\"nodes\": [\n{\"id\": \"a\",}\n]}", Path::new("b.canvas")).expect_err("broken");
        let at = error.location.expect("located");
        assert_eq!((at.line, at.column), (2, 12));
        assert!(error.message.contains("not valid JSON Canvas"), "{}", error.message);
    }
}
