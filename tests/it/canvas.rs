//! Issue 23: Obsidian boards (`.canvas`, JSON Canvas 1.0) are pages: nodes
//! where the board puts them, notes and images shown through the embed
//! machinery, edges drawn as SVG, the same markup readable as a list, and
//! a board embedded in a note.

use crate::support::{Site, page};

/// A one-pixel PNG.
pub(crate) const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A board with every kind of node and edge: a group (coloured, with a
/// background) holding a text node and a note, a group nested in it, a
/// part of a note, an image, a link, edges by side and by default, with
/// arrows at either end or none, preset and hex colours and a label.
const BOARD: &str = r##"{
	"nodes":[
		{"id":"ground","type":"group","x":-40,"y":-60,"width":760,"height":700,"label":"Ground","color":"4","background":"attachments/leaf.png","backgroundStyle":"ratio"},
		{"id":"ideas","type":"text","text":"# Ideas\n\nThe **garden** grows from [[Soil]].\n\n> [!note] Remember\n> Water $x^2$ litres.","x":0,"y":0,"width":300,"height":260,"color":"1"},
		{"id":"soil","type":"file","file":"Notes/Soil.md","x":360,"y":0,"width":300,"height":260,"color":"#c0392b"},
		{"id":"deep","type":"group","x":0,"y":320,"width":660,"height":280,"label":"Deeper"},
		{"id":"layers","type":"file","file":"Notes/Soil.md","subpath":"#Layers","x":20,"y":360,"width":300,"height":200},
		{"id":"leaf","type":"file","file":"attachments/leaf.png","x":360,"y":360,"width":120,"height":120},
		{"id":"web","type":"link","url":"https://example.com/compost?x=1","x":800,"y":0,"width":260,"height":80,"color":"5"},
		{"id":"odd","type":"link","url":"javascript:alert(1)","x":800,"y":200,"width":260,"height":80}
	],
	"edges":[
		{"id":"e1","fromNode":"ideas","fromSide":"right","toNode":"soil","toSide":"left","label":"feeds","color":"2"},
		{"id":"e2","fromNode":"soil","toNode":"web","fromEnd":"arrow","toEnd":"arrow","color":"#3366ff"},
		{"id":"e3","fromNode":"web","toNode":"odd","toEnd":"none"}
	]
}
"##;

fn garden() -> Site {
    let site = Site::with(&[
        ("Maps/Garden.canvas", BOARD),
        ("Notes/Soil.md", &page("title: Soil", "Soil is alive.\n\n## Layers\n\nTopsoil and subsoil.")),
        ("Notes/Compost.md", "# Compost\n\nCompost feeds the soil. See the board:\n\n![[Garden.canvas]]\n"),
        ("Notes/Garden.md", "# Garden\n\nThe note, not the board: [[Garden]] and [[Garden.canvas]].\n"),
    ]);
    site.write_bytes("attachments/leaf.png", PIXEL);
    site
}

/// The board's markup, from its first control to the end of its
/// connections.
fn board_of(html: &str) -> &str {
    let start = html.find("<div class=\"canvas\"").expect("a board");
    let end = html[start..].find("\n</div>\n\n").map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn a_board_is_a_page_with_its_nodes_where_the_board_puts_them() {
    let site = garden();
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "no false warnings: {}", run.stderr);
    let html = site.output("maps/garden/index.html");
    assert!(
        html.contains("<h1 id=\"garden\">Garden"),
        "titled by its file name: {}",
        crate::support::main_element(&html)
    );
    let board = board_of(&html);
    // The plane is the nodes' extent with a margin: x from -40 to 1060,
    // y from -60 to 640.
    assert!(board.contains("class=\"canvas-plane\" style=\"width:1180px;height:780px\""), "{board}");
    // A group holds what lies inside it, placed from its corner; a node
    // outside any group is placed on the plane.
    assert!(
        board.contains(
            "<li class=\"canvas-node canvas-text canvas-c1\" style=\"left:40px;top:60px;width:300px;height:260px;z-index:2\">"
        ),
        "{board}"
    );
    assert!(board.contains("<section class=\"canvas-group canvas-c4\" style=\"left:40px;top:40px;width:760px;height:700px\" aria-label=\"Ground\">"), "{board}");
    // A group's label is a heading, with its own link, a level below its
    // group's.
    assert!(
        board.contains(
            "<h2 id=\"ground\" class=\"canvas-group-label\">Ground <a class=\"heading-anchor\" href=\"#ground\""
        ),
        "{board}"
    );
    assert!(
        board.contains("aria-label=\"Deeper\"><h3 id=\"deeper\" class=\"canvas-group-label\">Deeper <a"),
        "nested: {board}"
    );
    assert!(board.contains("<li class=\"canvas-node canvas-file canvas-hex\" style=\"left:400px;top:60px;width:300px;height:260px;z-index:3;--canvas-color:#c0392b\">"), "{board}");
    // A text node is the page's Markdown: links, callouts, math.
    assert!(board.contains("grows from <a href=\"/notes/soil/\">Soil</a>"), "{board}");
    assert!(board.contains("class=\"callout callout-note\"") && board.contains("<math"), "{board}");
    // A note is shown with a link to it; a part of it shows that part.
    assert!(
        board.contains("<p class=\"embed-source\"><a href=\"/notes/soil/\">Soil</a></p>\n<p>Soil is alive."),
        "{board}"
    );
    assert!(board.contains("<a href=\"/notes/soil/#layers\">"), "{board}");
    assert!(board.contains("<img src=\"/attachments/leaf.png\" alt=\"leaf\""), "{board}");
    assert!(
        board.contains("<img class=\"canvas-background canvas-contain\" src=\"/attachments/leaf.png\" alt=\"\""),
        "{board}"
    );
    // A link is a card that loads nothing from the other site; an address
    // that would run script is text.
    assert!(
        board.contains(
            "<a href=\"https://example.com/compost?x=1\"><span class=\"canvas-link-host\">example.com</span>"
        ),
        "{board}"
    );
    assert!(!board.contains("href=\"javascript"), "{board}");
    assert_eq!(board.matches("<img").count(), 2, "no image from another site: {board}");
    // Every link, anchor and id on it holds, and the group's picture is
    // decoration, not an image without words.
    let check = site.tend(&["check"]);
    check.ok();
    assert!(check.stderr.contains("no problems found"), "{}", check.stderr);
}

#[test]
fn edges_are_drawn_with_their_sides_ends_colours_and_labels() {
    let site = garden();
    site.build(&[]).ok();
    let html = site.output("maps/garden/index.html");
    let board = board_of(&html);
    let svg = &board[board.find("<svg").expect("svg")..board.find("</svg>").expect("svg end")];
    assert!(svg.contains("aria-hidden=\"true\""), "the list says it for screen readers: {svg}");
    // From the right side's middle of `ideas` (x 300, y 130 on the board,
    // 380 and 230 on the plane) to the left side of `soil`.
    assert!(
        svg.contains("<g class=\"canvas-edge canvas-c2\"><path d=\"M380,230 C410,230 410,230 440,230\"/>"),
        "{svg}"
    );
    assert!(svg.contains("<g class=\"canvas-edge canvas-hex\" style=\"--canvas-color:#3366ff\">"), "{svg}");
    // One arrow on the first edge, two on the second, none on the third.
    let arrows: Vec<usize> = svg.split("<g ").skip(1).map(|g| g.matches("canvas-arrow").count()).collect();
    assert_eq!(arrows, vec![1, 2, 0], "{svg}");
    assert!(board.contains("<span class=\"canvas-edge-label canvas-c2\" style=\"left:410px;top:230px;z-index:9\" aria-hidden=\"true\">feeds</span>"), "{board}");
}

/// The board as text, line by line: what a screen reader reads, and the
/// list a narrow screen shows.
fn reading_order(board: &str) -> String {
    let from = board.find("<ul class=\"canvas-items\">").expect("the items");
    let mut text = String::new();
    let mut inside = false;
    for c in board[from..].chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            _ if !inside => text.push(c),
            _ => {}
        }
    }
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_board_reads_in_order_groups_first_then_connections() {
    let site = garden();
    site.build(&[]).ok();
    let html = site.output("maps/garden/index.html");
    insta::assert_snapshot!(reading_order(board_of(&html)));
    // Both views are a link away, without a script.
    assert!(html.contains("<a class=\"canvas-to-list\" href=\"#canvas-list\">Read as a list</a>"), "{html}");
    assert!(html.contains("id=\"canvas-board\" tabindex=\"0\" role=\"region\" aria-label=\"Board\""), "{html}");
}

#[test]
fn a_board_is_listed_searched_linked_and_in_the_graph() {
    let site = garden();
    site.build(&[]).ok();
    let maps = site.output("maps/index.html");
    assert!(maps.contains("href=\"/maps/garden/\""), "listed in its folder: {maps}");
    let soil = site.output("notes/soil/index.html");
    let backlinks = &soil[soil.find("links-to-this-page").expect("backlinks")..];
    assert!(backlinks.contains("<a href=\"/maps/garden/\">Garden</a>"), "the notes it shows link back: {backlinks}");
    let graph = site.output("graph.json");
    assert!(graph.contains("{\"source\":\"/maps/garden/\",\"target\":\"/notes/soil/\"}"), "{graph}");
    let index: String =
        site.output_files().iter().filter(|f| f.starts_with("search/")).map(|f| site.output(f)).collect();
    assert!(index.contains("/maps/garden/") && index.contains("litres"), "its text is searchable");
    // A note of the board's name keeps the name; the board is named with
    // its extension.
    let note = site.output("notes/garden/index.html");
    assert!(
        note.contains("<a href=\"/notes/garden/\">Garden</a> and <a href=\"/maps/garden/\">Garden.canvas</a>"),
        "{note}"
    );
}

#[test]
fn a_board_embedded_in_a_note_is_shown_in_a_bounded_box_with_its_script() {
    let site = garden();
    site.build(&[]).ok();
    let html = site.output("notes/compost/index.html");
    assert!(
        html.contains(
            "<div class=\"embed canvas-embed\"><p class=\"embed-source\"><a href=\"/maps/garden/\">Garden</a></p>"
        ),
        "{html}"
    );
    // Its ids are the embed's own.
    assert!(html.contains("id=\"garden--canvas-board\""), "{html}");
    let script = html.split("<script src=\"/").nth(1).and_then(|s| s.split('"').next()).expect("a script");
    assert!(script.starts_with("canvas.") && script.ends_with(".js"), "{script}");
    assert!(site.output(script).contains("Zoom in"), "the script has its words");
    // A site without a board has no such script.
    let plain = Site::with(&[("a.md", "# A\n\nText.")]);
    plain.build(&[]).ok();
    assert!(!plain.output_files().iter().any(|f| f.starts_with("canvas.")), "{:?}", plain.output_files());
}

#[test]
fn a_board_shows_notes_even_when_no_note_embeds_one() {
    let site = Site::with(&[
        (
            "Board.canvas",
            r#"{"nodes":[{"id":"a","type":"file","file":"Soil.md","x":0,"y":0,"width":200,"height":100}]}"#,
        ),
        ("Soil.md", "# Soil\n\nSoil is alive.\n"),
    ]);
    site.build(&[]).ok();
    assert!(site.output("board/index.html").contains("<p>Soil is alive.</p>"));
}

#[test]
fn a_broken_board_is_an_error_at_its_position_and_unknown_parts_are_warnings() {
    let site = Site::with(&[
        ("note.md", "# Note\n\nA note."),
        ("Broken.canvas", "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\", }\n]}\n"),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("Broken.canvas:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("not valid JSON Canvas"), "{}", run.stderr);

    let site = Site::with(&[(
        "Odd.canvas",
        "{\"nodes\":[\n{\"id\":\"a\",\"type\":\"text\",\"text\":\"Hi [[Nowhere]]\",\"x\":0,\"y\":0,\"width\":9,\"height\":9,\"color\":\"pink\"},\n{\"id\":\"w\",\"type\":\"widget\",\"x\":0,\"y\":0,\"width\":9,\"height\":9}\n],\"edges\":[\n{\"id\":\"e\",\"fromNode\":\"a\",\"toNode\":\"gone\"}\n]}",
    )]);
    let run = site.build(&[]);
    run.ok();
    for (at, what) in [
        ("Odd.canvas:2:", "`pink` is not a canvas colour"),
        ("Odd.canvas:2:", "link to a missing note `Nowhere`"),
        ("Odd.canvas:3:", "of type `widget`, which tend does not draw"),
        ("Odd.canvas:5:", "edge `e` joins a node the board does not have"),
    ] {
        let found = run.stderr.split("warning").any(|w| w.contains(at) && w.contains(what));
        assert!(found, "{what} at {at}: {}", run.stderr);
    }
    assert!(site.output("odd/index.html").contains("Hi <span class=\"missing-link\""));
}
