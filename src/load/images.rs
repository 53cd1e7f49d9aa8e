//! Image sizes: the width and height of every local image, read from the
//! file's header (or an SVG's `width`/`height`, else its `viewBox`), so that
//! pages can reserve each image's box and nothing shifts while it loads.
//! A JPEG's EXIF orientation is applied, as browsers do: a portrait photo
//! stored sideways is measured upright.

use std::io::Read;
use std::path::{Path, PathBuf};

use image::metadata::Orientation;
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::model::{LocalImage, LocalImages};

/// Whether `path` names an image tend measures (by its extension).
pub fn is_image(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(e.to_ascii_lowercase().as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "bmp")
    })
}

/// Measures every image among `files`: (source, destination in the output
/// folder). An image that cannot be read or measured is listed without a
/// size.
pub fn measure(files: &[(PathBuf, PathBuf)]) -> LocalImages {
    files
        .par_iter()
        .filter(|(source, _)| is_image(source))
        .map(|(source, destination)| {
            let extension = source.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
            let size = match extension.as_str() {
                "svg" => svg_size(source),
                _ => raster_size(source, matches!(extension.as_str(), "jpg" | "jpeg")),
            };
            let path = destination.to_string_lossy().replace('\\', "/");
            (path, LocalImage { source: source.clone(), size })
        })
        .collect()
}

/// How many bytes of a JPEG are read for its EXIF block: it comes first
/// and is at most 64 KiB.
const JPEG_HEAD: u64 = 70_000;

fn raster_size(path: &Path, jpeg: bool) -> Option<(u32, u32)> {
    let size = imagesize::size(path).ok()?;
    let (width, height) = (u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?);
    if !jpeg {
        return Some((width, height));
    }
    let mut head = Vec::new();
    let _ = std::fs::File::open(path).and_then(|f| f.take(JPEG_HEAD).read_to_end(&mut head));
    let turned = jpeg_orientation(&head).is_some_and(|o| {
        matches!(
            o,
            Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
        )
    });
    Some(if turned { (height, width) } else { (width, height) })
}

/// The orientation in a JPEG's EXIF block (its APP1 segment), if any.
fn jpeg_orientation(bytes: &[u8]) -> Option<Orientation> {
    let mut at = 2;
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    // Segments before the image data: marker (FF xx), then a big-endian
    // length that counts itself.
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let body = bytes.get(at + 4..at + 2 + length)?;
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return Orientation::from_exif_chunk(&body[6..]);
        }
        if marker == 0xDA || length < 2 {
            return None;
        }
        at += 2 + length;
    }
    None
}

fn svg_size(path: &Path) -> Option<(u32, u32)> {
    let mut head = vec![0; 8192];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).ok()?;
    head.truncate(read);
    let text = String::from_utf8_lossy(&head);
    parse_svg_size(&text)
}

/// The size an SVG's root element declares.
pub(super) fn parse_svg_size(text: &str) -> Option<(u32, u32)> {
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
    use image::metadata::Orientation;

    use super::{jpeg_orientation, parse_svg_size};

    #[test]
    fn jpeg_orientation_from_exif() {
        // SOI, an APP0 to skip, then APP1 with a little-endian TIFF header
        // and one IFD entry: tag 0x0112 (orientation), SHORT, 1, value 6.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        let tiff: &[u8] = &[
            b'I', b'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,
            0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        let length = u16::try_from(2 + 6 + tiff.len()).expect("short");
        jpeg.extend_from_slice(&[0xFF, 0xE1]);
        jpeg.extend_from_slice(&length.to_be_bytes());
        jpeg.extend_from_slice(b"Exif\0\0");
        jpeg.extend_from_slice(tiff);
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02]);
        assert_eq!(jpeg_orientation(&jpeg), Some(Orientation::Rotate90));
        assert_eq!(jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), None);
        assert_eq!(jpeg_orientation(b"not a jpeg"), None);
        assert_eq!(jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]), None, "a length past the end");
    }

    #[test]
    fn svg_sizes() {
        assert_eq!(parse_svg_size(r#"<?xml?><svg xmlns="x" width="800" height="500">"#), Some((800, 500)));
        assert_eq!(parse_svg_size(r#"<svg viewBox="0 0 400 300">"#), Some((400, 300)));
        assert_eq!(parse_svg_size(r#"<svg width="200px" viewBox="0 0 400 300">"#), Some((200, 150)));
        assert_eq!(parse_svg_size(r#"<svg width="100%" height="100%">"#), None);
    }
}
