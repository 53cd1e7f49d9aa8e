//! The diagram stage, after Markdown: each ```` ```mermaid ```` block the
//! bodies hold ([`DiagramUse`]) drawn as an inline SVG at build time with
//! merman (`docs/decisions/mermaid-renderer.md` says why), with no script
//! for the reader. The drawing takes the theme's colours and font through
//! CSS custom properties, so light and dark need no second drawing; it is
//! an image with a title and a description (the diagram's `accTitle` and
//! `accDescr`, else a summary such as "Flowchart: 6 nodes, 7 edges"), in a
//! box that scrolls rather than shrinking its text, with the source kept
//! below it for copying.
//!
//! Each source is drawn once however many pages show it, in parallel, and
//! kept in memory for the rebuilds of `tend serve` (an edit draws only the
//! diagram it changed) and in `.tend-cache/diagrams/` across builds. A
//! diagram that cannot be drawn, or whose drawing holds anything that could
//! load or run (`model::untrusted`), is a warning at its block, which stays code.

mod shrink;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use merman::svg::{SvgEnvironment, SvgPipeline, SvgRenderOptions, sanitize_svg_id};
use merman::{OperationControl, RenderOutput, RenderTarget, Renderer, SvgRequest};
use pulldown_cmark_escape::escape_html;
use rayon::prelude::{IntoParallelIterator, IntoParallelRefMutIterator, ParallelIterator};

use crate::model::untrusted::{self, DIAGRAM_SVG};
use crate::model::{Diagnostic, DiagramUse, Locale, Rendered};

/// The longest a diagram may take to lay out.
const TIME_BUDGET: Duration = Duration::from_secs(5);

/// The longest source drawn, in bytes.
const MOST_SOURCE_BYTES: usize = 64 * 1024;

/// Bumped whenever a change here changes the drawings made.
const DRAWING_VERSION: u32 = 6;

/// A drawing: the SVG and what it shows, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Drawing {
    svg: String,
    label: String,
}

/// Draws diagrams, remembering every one it drew.
pub struct Diagrams {
    renderer: Renderer,
    /// Every drawing made or read, by source, when remembering.
    drawn: Option<Mutex<HashMap<String, Result<Drawing, String>>>>,
    cache: Option<PathBuf>,
    /// The site's language: the drawings' names are in it.
    words: Arc<Locale>,
}

impl Diagrams {
    /// A drawer keeping its drawings in the site `root`'s cache when
    /// `keep` asks (`tend check` writes nothing) and it can be written,
    /// and in memory when it will draw again (`remember`: under `tend
    /// serve`; a build draws each source once and would only hold them).
    pub fn new(root: &Path, keep: bool, remember: bool, words: Arc<Locale>) -> Diagrams {
        let cache = root.join(".tend-cache").join("diagrams");
        let cache = (keep && std::fs::create_dir_all(&cache).is_ok()).then_some(cache);
        Diagrams { renderer: Renderer::new(), drawn: remember.then(|| Mutex::new(HashMap::new())), cache, words }
    }

    /// Puts the drawing of every diagram `bodies` hold in place of its
    /// code (an embedded note's too); a body showing one of its own that
    /// could not be drawn gets a warning. Body by body, so only the
    /// drawings of the bodies at hand are held at once.
    pub fn draw(&self, bodies: &mut [&mut Rendered]) {
        bodies.par_iter_mut().filter(|body| !body.diagrams.is_empty()).for_each(|body| {
            let mut shown: HashMap<&str, &DiagramUse> = HashMap::new();
            for diagram in &body.diagrams {
                shown.entry(&diagram.key).or_insert(diagram);
            }
            let drawn: HashMap<&str, Drawn> = shown
                .into_par_iter()
                .map(|(key, diagram)| (key, Drawn { diagram, drawing: self.drawing(diagram) }))
                .collect();
            let html = put_in_place(&body.html, &drawn, &self.words);
            let failed = body.diagrams.iter().filter(|d| !d.embedded).filter_map(|d| {
                match &drawn.get(d.key.as_str())?.drawing {
                    Err(why) => Some(cannot_draw(why, d)),
                    Ok(_) => None,
                }
            });
            let warnings: Vec<Diagnostic> = failed.collect();
            body.problems.extend(warnings);
            body.html = html;
        });
    }

    /// The drawing of `diagram`: remembered, cached, or drawn now.
    fn drawing(&self, diagram: &DiagramUse) -> Result<Drawing, String> {
        let source = diagram.source.as_str();
        // A drawing's name is in the site's words: another language, or
        // other words, make another drawing.
        let key = format!("{}-{DRAWING_VERSION}-{:016x}", diagram.key, self.words.fingerprint());
        if let Some(known) = self.drawn.as_ref().and_then(|d| d.lock().ok()?.get(source).cloned()) {
            return known;
        }
        let file = self.cache.as_ref().map(|dir| dir.join(format!("{key}.svg")));
        let cached = file.as_ref().and_then(|f| std::fs::read_to_string(f).ok()).and_then(|mut svg| {
            // The label on the first line, then the drawing: read as it is,
            // where JSON would unescape every quote of the SVG.
            let end = svg.find('\n')?;
            let label: String = svg.drain(..=end).collect();
            svg.starts_with("<svg").then(|| Drawing { label: label.trim_end().to_owned(), svg })
        });
        let result = match cached {
            Some(drawing) => Ok(drawing),
            None => {
                let made =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.draw_one(source, &diagram.key)))
                        .unwrap_or_else(|_| Err("the renderer failed on it".to_owned()));
                if let (Ok(drawing), Some(file)) = (&made, &file) {
                    store(file, drawing);
                }
                made
            }
        };
        if let Some(mut drawn) = self.drawn.as_ref().and_then(|d| d.lock().ok()) {
            drawn.insert(source.to_owned(), result.clone());
        }
        result
    }

    /// Lays `source` out; returns the SVG, every id prefixed with `id`
    /// when `rebase` asks (else where merman prefixes them), and what it
    /// shows in one line.
    fn lay_out(&self, source: &str, id: &str, rebase: bool) -> Result<(String, String), String> {
        let control = OperationControl::new().with_deadline(TIME_BUDGET);
        let artifact =
            self.renderer.prepare_semantic(source, control).map_err(|e| e.to_string())?.ok_or("it holds no diagram")?;
        let model = artifact.compatibility_json().map_err(|e| e.to_string())?.into_unmanaged_value();
        // One line: the cache keeps it on the first.
        let label = label(&model, &self.words).split_whitespace().collect::<Vec<_>>().join(" ");
        let (options, pipeline) = match rebase {
            true => (SvgRenderOptions::default(), SvgPipeline::parity().with_rebased_ids(id)),
            false => {
                (SvgRenderOptions { diagram_id: Some(id.to_owned()), ..Default::default() }, SvgPipeline::parity())
            }
        };
        let request = SvgRequest {
            environment: SvgEnvironment::deterministic(),
            options,
            pipeline: Some(pipeline),
            ..Default::default()
        };
        let RenderOutput::Svg(Some(svg)) = artifact.render(RenderTarget::Svg(request)).map_err(|e| e.to_string())?
        else {
            return Err("the renderer made no picture of it".to_owned());
        };
        Ok((svg.svg().to_string(), label))
    }

    /// Lays `source` out and draws it, its ids prefixed with `diagram-`
    /// and its key (which `put_in_place` relies on).
    fn draw_one(&self, source: &str, key: &str) -> Result<Drawing, String> {
        if source.len() > MOST_SOURCE_BYTES {
            return Err(format!("it is over {} KB; split it into smaller diagrams", MOST_SOURCE_BYTES / 1024));
        }
        let id = sanitize_svg_id(&format!("diagram-{key}"));
        let (svg, label) = match self.lay_out(source, &id, true) {
            // merman gives some drawings an id twice (two actors' shared
            // parts), which rebasing refuses: those keep merman's own ids,
            // prefixed where it prefixes them.
            Err(why) if why.contains("rebase-svg-ids") => self.lay_out(source, &id, false)?,
            other => other?,
        };
        let svg = shrink::shrink(&svg);
        untrusted::check(&svg, DIAGRAM_SVG)
            .map_err(|found| format!("its drawing held {found}, which tend does not put in pages"))?;
        Ok(Drawing { svg: natural_size(&svg, &label), label })
    }
}

/// What a diagram shows, in a sentence: its `accTitle` and `accDescr`,
/// else its kind and size.
fn label(model: &serde_json::Value, words: &Locale) -> String {
    let text = |key: &str| model.get(key).and_then(|v| v.as_str()).map(str::trim).filter(|t| !t.is_empty());
    if let Some(title) = text("accTitle") {
        return match text("accDescr") {
            Some(description) => format!("{title}: {description}"),
            None => title.to_owned(),
        };
    }
    let count = |key: &str| {
        model.get(key).map_or(0, |v| v.as_array().map(Vec::len).or(v.as_object().map(|o| o.len())).unwrap_or(0))
    };
    let kind = model.get("type").and_then(|v| v.as_str()).unwrap_or("");
    // The kind's word, and what to count: the model's key and the word.
    let (name, parts): (&str, &[(&str, &str)]) = match kind {
        "flowchart-v2" | "flowchart" | "graph" => ("flowchart", &[("nodes", "count_nodes"), ("edges", "count_edges")]),
        "sequence" => ("sequence_diagram", &[("actors", "count_participants")]),
        "classDiagram" | "class" => {
            ("class_diagram", &[("classes", "count_classes"), ("relations", "count_relations")])
        }
        "stateDiagram" | "state" => ("state_diagram", &[("nodes", "count_states"), ("edges", "count_transitions")]),
        "er" | "erDiagram" => {
            ("er_diagram", &[("entities", "count_entities"), ("relationships", "count_relationships")])
        }
        "gantt" => ("gantt_chart", &[("tasks", "count_tasks")]),
        "pie" => ("pie_chart", &[("sections", "count_slices")]),
        "mindmap" => ("mind_map", &[]),
        _ => ("diagram", &[]),
    };
    let name = words.text(name, &[]);
    let sizes: Vec<String> = parts
        .iter()
        .filter(|(key, _)| model.get(*key).is_some())
        .map(|(key, word)| words.count(word, count(key), &[]))
        .collect();
    if sizes.is_empty() {
        return name;
    }
    let parts = sizes.join(&words.text("list_separator", &[]));
    words.text("diagram_label", &[("kind", &name), ("parts", &parts)])
}

/// `svg` at the size it was laid out at (so a narrow screen scrolls its box
/// rather than shrinking the text), named by `label` as an image (or as a
/// group, when it holds links).
fn natural_size(svg: &str, label: &str) -> String {
    let Some(end) = svg.find('>') else { return svg.to_owned() };
    let (open, rest) = svg.split_at(end);
    let view_box = attribute(open, "viewBox").unwrap_or_default();
    let numbers: Vec<f64> = view_box.split([' ', ',']).filter_map(|n| n.parse().ok()).collect();
    let mut tag = String::from("<svg");
    for (name, value) in attributes(open) {
        if matches!(name.as_str(), "width" | "height" | "style" | "role" | "aria-label" | "aria-roledescription") {
            continue;
        }
        tag.push_str(&format!(" {name}=\"{value}\""));
    }
    if let [_, _, width, height] = numbers[..] {
        tag.push_str(&format!(" width=\"{}\" height=\"{}\"", width.ceil(), height.ceil()));
    }
    // An image's parts are hidden from screen readers: a drawing with
    // links (`click`) is a group, so its links can be reached.
    let role = if rest.contains("<a ") { "group" } else { "img" };
    tag.push_str(&format!(" role=\"{role}\" aria-label=\""));
    let _ = escape_html(&mut tag, label);
    tag.push('"');
    format!("{tag}{rest}")
}

/// The value of attribute `name` in the start tag `open`.
fn attribute(open: &str, name: &str) -> Option<String> {
    attributes(open).into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// The attributes of the start tag `open` (`<svg a="1" b="2"`), as written.
fn attributes(open: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = open.trim_start_matches("<svg");
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_owned();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        found.push((name, after[..close].to_owned()));
        rest = &after[close + 1..];
    }
    found
}

/// How the Markdown stage marks a diagram's code, before its key.
const MARK: &str = "<div class=\"diagram-code\" data-diagram=\"";

/// A diagram a body shows, and its drawing or why there is none.
struct Drawn<'a> {
    diagram: &'a DiagramUse,
    drawing: Result<Drawing, String>,
}

/// `html` with each marked block whose drawing is in `drawn` replaced
/// by it, in one pass. A diagram shown again on the same page gets ids of
/// its own: each drawing's ids start with its key, so a suffix after the
/// key tells the copies apart.
fn put_in_place(html: &str, drawn: &HashMap<&str, Drawn<'_>>, words: &Locale) -> String {
    // Sized for each drawing once, so the page is not copied as it grows.
    let drawings: usize =
        drawn.values().map(|d| d.drawing.as_ref().map_or(0, |x| x.svg.len() + d.diagram.code.len() + 256)).sum();
    let mut out = String::with_capacity(html.len() + drawings);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let key = rest[MARK.len()..].split('"').next().unwrap_or_default();
        match drawn.get(key) {
            Some(Drawn { diagram, drawing: Ok(drawing) }) if rest.starts_with(diagram.markup.as_str()) => {
                let count = seen.entry(key).or_insert(0);
                *count += 1;
                if *count == 1 {
                    figure(&mut out, drawing, &diagram.code, words);
                } else {
                    let mut copy = String::new();
                    figure(&mut copy, drawing, &diagram.code, words);
                    out.push_str(&copy.replace(&format!("diagram-{key}"), &format!("diagram-{key}-{count}")));
                }
                rest = &rest[diagram.markup.len()..];
            }
            _ => {
                out.push_str(MARK);
                rest = &rest[MARK.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Writes the figure in a page to `out`: the drawing in a box of its own
/// that scrolls, then the source for copying.
fn figure(out: &mut String, drawing: &Drawing, code: &str, words: &Locale) {
    out.push_str("<figure class=\"diagram\"><div class=\"diagram-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"");
    let _ = escape_html(&mut *out, &drawing.label);
    out.push_str("\">");
    out.push_str(&drawing.svg);
    out.push_str("</div><details class=\"diagram-source\"><summary>");
    let _ = escape_html(&mut *out, &words.text("diagram_source", &[]));
    out.push_str("</summary>");
    out.push_str(code);
    out.push_str("</details></figure>");
}

/// The warning for a diagram that cannot be drawn, at its block.
fn cannot_draw(why: &str, diagram: &DiagramUse) -> Diagnostic {
    let warning = Diagnostic::warning(format!("cannot draw this Mermaid diagram: {why}"))
        .hint("the block is shown as code; check its syntax against mermaid.js.org");
    match diagram.at.clone() {
        Some(at) => warning.at(at),
        None => warning,
    }
}

/// Writes `drawing` to `file` whole or not at all.
fn store(file: &Path, drawing: &Drawing) {
    let bytes = format!("{}\n{}", drawing.label, drawing.svg);
    let partial = file.with_extension(format!("partial-{}", std::process::id()));
    if std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, file)).is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}
