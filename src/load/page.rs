//! Reading one Markdown file into a [`PageSource`] (or a section's index): text,
//! front matter, title, date and slug.

use std::path::Path;

use super::front_matter;
use super::meta::{self, Kind, RawFrontMatter};
use crate::model::{
    Diagnostic, FrontMatter, Location, PageKind, PageSource, SectionSource, is_safe_segment, line_column, slugify,
    split_date_prefix,
};

/// Text of a file after decoding (see [`decode_text`]).
pub(super) fn read_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(file)).map_err(|e| {
        Diagnostic::error(format!("cannot read the file: {e}"))
            .at(Location::new(file, 1, 1))
            .hint("check that the file exists and is readable")
    })?;
    decode_text(bytes, file)
}

/// The text of a Markdown file's bytes: UTF-8, BOM removed, every line
/// ending (`\r\n`, or a lone `\r` as YAML and CommonMark also read it) made
/// `\n`, so every later step counts the same lines. Binary or non-UTF-8
/// bytes are an error in `file`.
pub fn decode_text(mut bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    // A stray NUL in otherwise good text (pasted from a terminal) is
    // dropped; NULs in bytes that are no UTF-8 make a binary file.
    if bytes.contains(&0) && std::str::from_utf8(&bytes).is_ok() {
        bytes.retain(|&b| b != 0);
    }
    if bytes.contains(&0) {
        // Left out, not fatal: one damaged file in a vault of thousands
        // should not keep the rest off the web.
        return Err(Diagnostic::warning("this looks like a binary file, not Markdown text; it is left out")
            .at(Location::new(file, 1, 1))
            .hint("rename it without the .md extension, or add it to .gitignore"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_column(valid, valid.len());
        Diagnostic::error("the file is not valid UTF-8 text")
            .at(Location::new(file, line, column))
            .hint("save the file with UTF-8 encoding")
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

/// Reads and checks the front matter of `file`; returns it with the body.
fn read_parts(
    root: &Path,
    file: &Path,
    kind: Kind,
    problems: &mut Vec<Diagnostic>,
) -> Option<(FrontMatter, String, usize)> {
    let text = read_text(root, file).map_err(|d| problems.push(d)).ok()?;
    let split = front_matter::split(&text, file).map_err(|d| problems.push(d)).ok()?;
    let raw = match split.block {
        Some((front_matter::Format::JavaScript, _)) => {
            // Skipped, not published without its settings: the rest of
            // the site builds while the page waits to be rewritten.
            problems.push(
                Diagnostic::warning(
                    "this page's front matter is JavaScript (`---js`), which tend does not run; the page is left out",
                )
                .at(Location::new(file, 1, 1).with_source(&text).with_width(5))
                .hint("rewrite the front matter as YAML between `---` lines, or as JSON after `---json`"),
            );
            return None;
        }
        Some((format, block)) => {
            front_matter::parse(format, block, split.block_line, file, &text).map_err(|d| problems.push(d)).ok()?
        }
        None => RawFrontMatter::default(),
    };
    let (meta, found) = meta::check(raw, kind, file, &text);
    problems.extend(found);
    Some((meta, split.body.to_owned(), split.body_line))
}

/// Reads a section's `_index.md`.
/// `codes` are the site's languages, which a file may name (`_index.de.md`).
pub fn load_section_index(root: &Path, file: &Path, codes: &[String]) -> (Option<SectionSource>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let lang = super::languages::language_of(stem, codes).1.filter(|l| !is_default(l, codes)).map(str::to_owned);
    let section = read_parts(root, file, Kind::Section, &mut problems).map(|(meta, body, body_line)| SectionSource {
        source: file.to_path_buf(),
        lang,
        meta,
        body,
        body_line,
    });
    (section, problems)
}

/// Reads a page. Its URL and section are decided when the site is
/// resolved. `codes` are the site's languages, which a file may name
/// before its extension (`about.de.md`).
pub fn load_page(root: &Path, file: &Path, codes: &[String]) -> (Option<PageSource>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some((meta, body, body_line)) = read_parts(root, file, Kind::Page, &mut problems) else {
        return (None, problems);
    };
    let file_stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let (file_stem, lang) = super::languages::language_of(file_stem, codes);
    let is_bundle = file_stem.eq_ignore_ascii_case("index");
    let stem = match file.parent().and_then(|folder| folder.file_stem()).and_then(|name| name.to_str()) {
        Some(folder) if is_bundle => folder,
        _ => file_stem,
    };
    let (name_date, name) = split_date_prefix(stem);

    let heading = first_heading(&body);
    let (title, title_in_body) = match (&meta.title, heading) {
        (Some(title), Some(h)) => (title.clone(), h.eq_ignore_ascii_case(title.trim())),
        (Some(title), None) => (title.clone(), false),
        (None, Some(h)) => (h.to_owned(), true),
        (None, None) => (name.to_owned(), false),
    };

    let slug = match &meta.slug {
        Some(slug) if is_safe_segment(slug) => slug.clone(),
        // Words with spaces (`slug: Obsidian to Anki`) are made a slug, as
        // Hugo makes them; a path (`a/b`, `..`) is refused.
        Some(slug) if !slug.contains(['/', '\\']) && !slug.contains("..") && !fallback_slug(slug, "").is_empty() => {
            let made = fallback_slug(slug, &title);
            problems.push(
                Diagnostic::warning(format!("`slug` `{slug}` is not a URL segment: the page's is `{made}`"))
                    .at(Location::new(file, meta.line_of("slug"), 1))
                    .hint(format!("write `slug: {made}` to say so, with letters, digits and hyphens")),
            );
            made
        }
        Some(slug) => {
            problems.push(
                Diagnostic::error(format!("`slug` must be one safe URL segment, found `{slug}`"))
                    .at(Location::new(file, meta.line_of("slug"), 1))
                    .hint(format!(
                        "use letters, digits and hyphens only, e.g. `slug: {}`",
                        fallback_slug(slug, &title)
                    )),
            );
            fallback_slug(slug, &title)
        }
        None => fallback_slug(name, &title),
    };

    let page = PageSource {
        source: file.to_path_buf(),
        stem: file_stem.to_owned(),
        lang: lang.filter(|l| !is_default(l, codes)).map(str::to_owned),
        kind: if is_bundle { PageKind::Bundle { assets: Vec::new() } } else { PageKind::File },
        date: meta.date.or(name_date),
        title,
        title_in_body,
        meta,
        slug,
        body,
        body_line,
        tended: None,
    };
    (Some(page), problems)
}

/// Whether `lang` is the site's default language, the first of `codes`,
/// whose pages need not name it.
fn is_default(lang: &str, codes: &[String]) -> bool {
    codes.first().is_some_and(|default| default.eq_ignore_ascii_case(lang))
}

/// A page's slug when its front matter gives none: from the file name, else
/// the title, else `page`.
pub fn fallback_slug(name: &str, title: &str) -> String {
    let slug = slugify(name);
    if !slug.is_empty() {
        return slug;
    }
    let slug = slugify(title);
    if slug.is_empty() { "page".to_owned() } else { slug }
}

/// The text of the first level-1 ATX heading outside code fences.
pub(super) fn first_heading(body: &str) -> Option<&str> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(rest) = line.strip_prefix("# ") {
            let text = rest.trim().trim_end_matches('#').trim_end();
            let text = match text.rfind(" {") {
                Some(i) if text.ends_with('}') => text[..i].trim_end(),
                _ => text,
            };
            if !text.is_empty() {
                return Some(text);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{decode_text, first_heading};

    #[test]
    fn lone_carriage_returns_end_lines() {
        // Found by fuzzing: YAML counts a lone `\r` as a line break, so a
        // front-matter error pointed past the end of the file.
        let bytes = b"\xEF\xBB\xBF---\r\ntitle: A\rtags: [a\r---\rBody\r\n".to_vec();
        let text = decode_text(bytes, Path::new("a.md")).expect("decodes");
        assert_eq!(text, "---\ntitle: A\ntags: [a\n---\nBody\n");
    }

    #[test]
    fn first_heading_skips_code_and_attributes() {
        assert_eq!(first_heading("intro\n# Hello #\n"), Some("Hello"));
        assert_eq!(first_heading("```\n# not\n```\n# Yes {#id}\n"), Some("Yes"));
        assert_eq!(first_heading("## two\n"), None);
        assert_eq!(first_heading("#tag\n"), None);
    }
}
