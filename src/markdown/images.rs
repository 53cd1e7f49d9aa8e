//! The markup of an image: a plain `<img>` with its width and height, or,
//! for a local photo wider than the smallest configured width, a
//! `<picture>` offering resized WebP and original-format copies by width.
//!
//! The variants do not exist yet when this runs: their names are a pure
//! function of the original's path and the width
//! ([`variant_path`](crate::model::variant_path)), and the page records
//! what it asked for ([`ImageUse`]) so the image stage makes exactly those.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::links::{self, LinkContext};
use crate::model::{Diagnostic, ImageUse, VariantFormat, is_resizable, variant_formats, variant_path, variant_widths};

/// A titled image alone in its paragraph is a figure, its title the
/// caption: when the image's HTML ends `target` at `at`, just after the
/// paragraph's start, both are replaced by the figure. Whether it was.
pub(super) fn make_figure(target: &mut Vec<Event>, at: usize, title: &str) -> bool {
    if target.len() != at || at < 2 || !matches!(target.get(at - 2), Some(Event::Start(Tag::Paragraph))) {
        return false;
    }
    let Some(Event::InlineHtml(image)) = target.pop() else { return false };
    target.pop();
    let mut figure = format!("<figure>{image}<figcaption>");
    let _ = escape_html(&mut figure, title);
    figure.push_str("</figcaption></figure>\n");
    target.push(Event::Html(figure.into()));
    true
}

/// Where the URL of the Markdown image at `range` starts: after its `](`
/// (a reference image's URL is elsewhere: its start, then).
pub(super) fn url_offset(source: &str, range: &Range<usize>) -> usize {
    source.get(range.clone()).and_then(|s| s.find("](")).map_or(range.start, |i| range.start + i + 2)
}

/// An image without alt text, in the words `tend check` uses, so that a
/// check reports it once.
pub(super) fn no_alt(src: &str) -> Diagnostic {
    let name = src.rsplit('/').next().unwrap_or(src);
    Diagnostic::warning(format!("image `{name}` has no alt text"))
        .hint("describe the image between the brackets: ![A boat at dawn](boat.jpg)")
}

/// A local image the site does not have, in the words `tend check` uses.
pub(super) fn missing(src: &str) -> Diagnostic {
    Diagnostic::warning(format!("link to `{src}`, which the site does not have"))
        .kind(crate::model::Kind::BrokenLink)
        .hint("fix the address, or create the page or file it points to")
}

/// The alt text of an embedded image: its file name, as words.
pub(super) fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).replace(['-', '_'], " ")
}

/// Reads an image's alt text: the plain text of the events up to its end
/// (with the HTML in it, `html_as_text`, when HTML is shown as text).
pub(super) fn image_alt<'a>(parser: &mut impl Iterator<Item = Event<'a>>, html_as_text: bool) -> String {
    let mut alt = String::new();
    let mut depth = 0;
    for event in parser.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::InlineHtml(t) if html_as_text => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// `<img src alt width height loading="lazy" decoding="async">`.
pub(super) fn image_html(src: &str, alt: &str, size: Option<(u32, Option<u32>)>) -> String {
    let mut out = String::from("<img src=\"");
    let _ = escape_href(&mut out, src);
    out.push_str("\" alt=\"");
    let _ = escape_html(&mut out, alt);
    out.push('"');
    push_size(&mut out, size);
    out.push_str(" loading=\"lazy\" decoding=\"async\">");
    out
}

fn push_size(out: &mut String, size: Option<(u32, Option<u32>)>) {
    if let Some((width, height)) = size {
        out.push_str(&format!(" width=\"{width}\""));
        if let Some(height) = height {
            out.push_str(&format!(" height=\"{height}\""));
        }
    }
}

/// An image as the page shows it.
pub(super) struct ImageMarkup {
    /// The HTML.
    pub html: String,
    /// The variants it names, when it has any (without a location yet).
    pub responsive: Option<ImageUse>,
    /// Whether `src` is a local image the site does not have.
    pub missing: bool,
}

/// The markup for the image at URL `src` with `alt`, shown at `asked` size
/// (an embed's `|300` or `|300x200`) or else at its own.
/// `paths` are the base path of the pages and files the build writes and
/// the site's root path: an image under the root that is not under the base
/// (`static/` seen from a language's pages, `/de/`) is shown at its size,
/// without resized copies, which are written under the base.
pub(super) fn image(
    ctx: Option<&LinkContext>,
    (base_path, root_path): (&str, &str),
    src: &str,
    alt: &str,
    asked: Option<(u32, Option<u32>)>,
) -> ImageMarkup {
    let plain = |size| ImageMarkup { html: image_html(src, alt, size), responsive: None, missing: false };
    let Some(ctx) = ctx else { return plain(asked) };
    let Some(path) = links::local_path(src, base_path, ctx.path()) else {
        let known = links::local_path(src, root_path, "").and_then(|path| ctx.site.images.get(&path));
        return plain(known.map_or(asked, |local| shown_size(asked, local.size)));
    };
    let Some(local) = ctx.site.images.get(&path) else {
        return ImageMarkup { missing: links::is_image(&path), ..plain(asked) };
    };
    let size = shown_size(asked, local.size);
    let config = &ctx.site.config.images;
    let Some((original, _)) = local.size else { return plain(size) };
    let widths = if is_resizable(&path) && !src.contains(['?', '#']) && same_extension(src, &path) {
        variant_widths(&config.widths, original)
    } else {
        Vec::new()
    };
    if widths.is_empty() {
        return plain(size);
    }
    // An embed shown narrower than the column needs no more than its width.
    let sizes = match asked {
        Some((width, _)) => format!("{width}px"),
        None => config.sizes.clone(),
    };
    let formats = variant_formats(&path, config.avif);
    let html = picture_html(src, alt, size, &widths, original, &sizes, formats);
    let use_ = ImageUse { path, widths, markup: html.clone(), plain: image_html(src, alt, size), at: None };
    ImageMarkup { html, responsive: Some(use_), missing: false }
}

/// The size to write: what the embed asked for (a width alone keeps the
/// image's proportions), else the image's own.
fn shown_size(asked: Option<(u32, Option<u32>)>, known: Option<(u32, u32)>) -> Option<(u32, Option<u32>)> {
    match (asked, known) {
        (Some((w, None)), Some((kw, kh))) if kw > 0 => {
            // In u64: a wide `|width` times a tall image overflows u32.
            let h = (u64::from(w) * u64::from(kh) + u64::from(kw / 2)) / u64::from(kw);
            Some((w, u32::try_from(h).ok()))
        }
        (Some(asked), _) => Some(asked),
        (None, Some((w, h))) => Some((w, Some(h))),
        (None, None) => None,
    }
}

/// Whether the URL ends in the same extension as the file, so a variant's
/// URL can be made from it as its path is made from the file's.
fn same_extension(src: &str, path: &str) -> bool {
    let ext = |s: &str| s.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext(src).is_some_and(|e| !e.contains('/')) && ext(src) == ext(path)
}

/// `<picture>` with an AVIF `<source>` (when made) and a WebP one, and
/// the `<img>` whose `srcset` holds the original-format copies and the
/// original itself; a WebP original without AVIF copies needs no
/// `<picture>`. The AVIF and WebP lists stop at the widest variant: a full
/// size WebP of a camera photo costs several times all the smaller ones
/// together to encode (bench/README.md, "Measurements behind the code").
fn picture_html(
    src: &str,
    alt: &str,
    size: Option<(u32, Option<u32>)>,
    widths: &[u32],
    original: u32,
    sizes: &str,
    formats: &[VariantFormat],
) -> String {
    // Each URL escaped on its own: escaping the list would encode its spaces.
    let candidate = |url: &str, width: u32| {
        let mut out = String::new();
        let _ = escape_href(&mut out, url);
        format!("{out} {width}w")
    };
    let srcset = |format: VariantFormat, with_original: bool| {
        let mut list: Vec<String> = widths.iter().map(|&w| candidate(&variant_path(src, w, format), w)).collect();
        if with_original {
            list.push(candidate(src, original));
        }
        list.join(", ")
    };
    let mut out = String::new();
    // The last format is the `<img>`'s (the original's); the others are
    // sources a browser takes first when it can show them.
    let Some((&shown, sources)) = formats.split_last() else { return image_html(src, alt, size) };
    if !sources.is_empty() {
        out.push_str("<picture>");
    }
    for &format in sources {
        let kind = if format == VariantFormat::Avif { "image/avif" } else { "image/webp" };
        out.push_str(&format!("<source type=\"{kind}\" srcset=\""));
        out.push_str(&srcset(format, false));
        out.push_str("\" sizes=\"");
        let _ = escape_html(&mut out, sizes);
        out.push_str("\">");
    }
    out.push_str("<img src=\"");
    let _ = escape_href(&mut out, src);
    out.push_str("\" srcset=\"");
    out.push_str(&srcset(shown, true));
    out.push_str("\" sizes=\"");
    let _ = escape_html(&mut out, sizes);
    out.push_str("\" alt=\"");
    let _ = escape_html(&mut out, alt);
    out.push('"');
    push_size(&mut out, size);
    out.push_str(" loading=\"lazy\" decoding=\"async\">");
    if !sources.is_empty() {
        out.push_str("</picture>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{same_extension, shown_size};

    #[test]
    fn sizes_shown() {
        assert_eq!(shown_size(Some((400, None)), Some((4000, 3000))), Some((400, Some(300))));
        assert_eq!(shown_size(Some((400, Some(10))), Some((4000, 3000))), Some((400, Some(10))));
        assert_eq!(shown_size(None, Some((4000, 3000))), Some((4000, Some(3000))));
        assert_eq!(shown_size(None, None), None);
    }

    #[test]
    fn extensions_match() {
        assert!(same_extension("/blog/a/My%20Photo.JPG", "a/My Photo.jpg"));
        assert!(!same_extension("/a/photo", "a/photo"));
        assert!(!same_extension("/a.b/photo", "a.b/photo"));
    }
}
