//! Image sizes: the width and height of every local image, read from the
//! file's header (or an SVG's `width`/`height`, else its `viewBox`), so that
//! pages can reserve each image's box and nothing shifts while it loads.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

/// Width and height in CSS pixels, by path in the output folder
/// (`posts/walk/harbour.svg`).
pub type ImageSizes = HashMap<String, (u32, u32)>;

/// Whether `path` names an image tend measures (by its extension).
pub fn is_image(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(e.to_ascii_lowercase().as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "bmp")
    })
}

/// Measures every image among `files`: (source, destination in the output
/// folder). Files that cannot be read or measured are left out.
pub fn measure(files: &[(PathBuf, PathBuf)]) -> ImageSizes {
    files
        .par_iter()
        .filter(|(source, _)| is_image(source))
        .filter_map(|(source, destination)| {
            let size = if source.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
                svg_size(source)
            } else {
                imagesize::size(source)
                    .ok()
                    .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)))
            }?;
            Some((destination.to_string_lossy().replace('\\', "/"), size))
        })
        .collect()
}

fn svg_size(path: &Path) -> Option<(u32, u32)> {
    let mut head = vec![0; 8192];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).ok()?;
    head.truncate(read);
    let text = String::from_utf8_lossy(&head);
    parse_svg_size(&text)
}

/// The size an SVG's root element declares.
pub fn parse_svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let end = start + text[start..].find('>')?;
    let tag = &text[start..end];
    let attribute = |name: &str| {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(rest[..rest.find(quote)?].trim().to_owned())
    };
    let pixels = |value: Option<String>| -> Option<f64> {
        let value = value?;
        let number = value.strip_suffix("px").unwrap_or(&value);
        number.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    let (width, height) = (pixels(attribute("width")), pixels(attribute("height")));
    let view_box: Option<Vec<f64>> = attribute("viewBox")
        .map(|v| v.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|n| n.parse().ok()).collect());
    let (vw, vh) = match view_box.as_deref() {
        Some([_, _, w, h]) if *w > 0.0 && *h > 0.0 => (Some(*w), Some(*h)),
        _ => (None, None),
    };
    let (w, h) = match (width, height, vw, vh) {
        (Some(w), Some(h), _, _) => (w, h),
        (Some(w), None, Some(vw), Some(vh)) => (w, w * vh / vw),
        (None, Some(h), Some(vw), Some(vh)) => (h * vw / vh, h),
        (None, None, Some(vw), Some(vh)) => (vw, vh),
        _ => return None,
    };
    Some((w.round() as u32, h.round() as u32))
}

#[cfg(test)]
mod tests {
    use super::parse_svg_size;

    #[test]
    fn svg_sizes() {
        assert_eq!(parse_svg_size(r#"<?xml?><svg xmlns="x" width="800" height="500">"#), Some((800, 500)));
        assert_eq!(parse_svg_size(r#"<svg viewBox="0 0 400 300">"#), Some((400, 300)));
        assert_eq!(parse_svg_size(r#"<svg width="200px" viewBox="0 0 400 300">"#), Some((200, 150)));
        assert_eq!(parse_svg_size(r#"<svg width="100%" height="100%">"#), None);
    }
}
