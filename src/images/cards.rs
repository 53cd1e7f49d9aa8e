//! Social cards: a 1200×630 PNG for each page that has one
//! ([`Site::cards`]), drawn at build time without a browser. The card's
//! text is fitted with the fonts' own measurements (`fit.rs`), laid out by
//! the card template (`card.svg`, which a site may replace), and drawn
//! with resvg. The PNG is kept in `.tend-cache/cards/` under a hash of the
//! SVG, the site's fonts and the drawing code, so a card whose page did not
//! change is never drawn again. Cards are drawn in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};
use resvg::{tiny_skia, usvg};
use sha2::{Digest, Sha256};

use super::Cache;
use super::fit::{self, TEXT_WIDTH};
use super::fonts::{Fonts, Measure};
use crate::model::{
    CARD_SIZE, Card, CardColors, CardSubject, CardTemplate, Diagnostic, Locale, Location, Site, ThemeConfig, card_path,
};

/// Bumped whenever a change to drawing or encoding changes the bytes made.
const DRAWING_VERSION: u32 = 1;

/// The built-in theme's light colours (`theme/static/style.css`):
/// background, text, muted text, accent.
const THEME_COLORS: [&str; 4] = ["#fdfcf8", "#1d1c1a", "#5c5850", "#1f5f4a"];

/// The most tags a card names.
const MOST_TAGS: usize = 5;

/// What drawing the cards did.
#[derive(Debug, Default)]
pub struct CardsMade {
    /// Files to link into the output: (cache entry, path in the output).
    pub copies: Vec<(PathBuf, PathBuf)>,
    /// Cards drawn anew.
    pub drawn: usize,
    /// Cards found in the cache.
    pub reused: usize,
    /// Cards that could not be made.
    pub problems: Vec<Diagnostic>,
}

/// Draws (or finds in `cache`) the card of every page `site` gives one,
/// through the template `[cards] template` names.
pub(crate) fn make_cards(site: &Site, template: &dyn CardTemplate, root: &Path, cache: &Cache) -> CardsMade {
    let subjects = site.cards();
    let mut made = CardsMade::default();
    if subjects.is_empty() {
        return made;
    }
    let fonts = Fonts::load(root, site.config.theme.font_headings.as_deref());
    let colors = colors(&site.config.theme);
    let results: Vec<Result<(PathBuf, PathBuf, bool), Diagnostic>> = subjects
        .par_iter()
        .map(|(path, subject)| {
            let card = card(site, *subject, &fonts, &colors);
            let svg = template.card_svg(&site.config.cards.template, &card)?;
            let entry = cache.named(&format!("{}.png", key(&svg, &fonts.key)));
            let fresh = !entry.is_file();
            if fresh {
                let png = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&svg, &fonts)))
                    .unwrap_or_else(|_| Err("tend hit a bug while drawing it".to_owned()))
                    .map_err(|why| cannot_draw(site, *subject, path, &why))?;
                cache.store(&entry, &png).map_err(|e| cannot_draw(site, *subject, path, &e.to_string()))?;
            }
            Ok((entry, PathBuf::from(card_path(path)), fresh))
        })
        .collect();
    for result in results {
        match result {
            Ok((entry, output, fresh)) => {
                made.copies.push((entry, output));
                if fresh {
                    made.drawn += 1;
                } else {
                    made.reused += 1;
                }
            }
            Err(problem) => made.problems.push(problem),
        }
    }
    made
}

/// What the card of `subject` shows, its text fitted.
fn card(site: &Site, subject: CardSubject, fonts: &Fonts, colors: &CardColors) -> Card {
    let bold = fonts.measure(true);
    let regular = fonts.measure(false);
    let (width, height) = CARD_SIZE;
    let mut card = Card {
        width,
        height,
        site: fit::cut(&site.config.title, TEXT_WIDTH / 32.0, &regular),
        colors: colors.clone(),
        font: fonts.families.clone(),
        ..Card::default()
    };
    let title = match subject {
        CardSubject::Home => {
            card.kind = "home";
            card.line = fit::cut(&site.config.description, TEXT_WIDTH / 28.0, &regular);
            site.config.title.clone()
        }
        CardSubject::Section(index) => {
            let section = &site.sections[index];
            card.kind = "section";
            card.count = section.pages.len();
            card.line = site.config.locale.count("pages", card.count, &[]);
            section.title.clone()
        }
        CardSubject::Page(index) => {
            let page = &site.pages[index];
            card.kind = "page";
            card.date = page.date.as_ref().map(|d| d.day.to_string());
            card.status = page.meta.status.map(|s| s.as_str());
            card.series = page.meta.series.clone();
            card.tags = page.meta.tags.iter().take(MOST_TAGS).cloned().collect();
            card.line = fit::cut(&details(&card, &site.config.locale), TEXT_WIDTH / 28.0, &regular);
            card.tag_line = tag_line(&card.tags, &regular);
            page.shown_title.clone()
        }
    };
    let fitted = fit::title(&title, &bold);
    card.rtl = fit::is_rtl(&title);
    card.title_lines = fitted.lines;
    card.title_size = fitted.size;
    card.title_leading = fitted.leading;
    card
}

/// A page's status, date and series, in one line.
fn details(card: &Card, words: &Locale) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(status) = card.status {
        let status = words.text(&format!("status_{status}"), &[]);
        let mut chars = status.chars();
        parts.extend(chars.next().map(|first| first.to_uppercase().chain(chars).collect()));
    }
    if let Some(day) = card.date.as_deref().and_then(|d| d.parse::<jiff::civil::Date>().ok()) {
        parts.push(words.date(day));
    }
    if let Some(series) = &card.series {
        parts.push(words.text("card_series", &[("series", series)]));
    }
    parts.join(" · ")
}

/// As many of `tags` as fit in a line at 28 px, each `#`-prefixed.
fn tag_line(tags: &[String], measure: &Measure<'_>) -> String {
    let mut line = String::new();
    for tag in tags {
        let next = if line.is_empty() { format!("#{tag}") } else { format!("{line}\u{2003}#{tag}") };
        if measure.em_width(&next) * 28.0 > TEXT_WIDTH {
            break;
        }
        line = next;
    }
    line
}

/// The theme's colours with the site's accent.
fn colors(theme: &ThemeConfig) -> CardColors {
    let [background, text, muted, accent] = THEME_COLORS.map(str::to_owned);
    CardColors { background, text, muted, accent: theme.accent.clone().unwrap_or(accent) }
}

/// The cache key of a card: its SVG, the site's fonts and the drawing
/// code's version (128 bits, as hex).
fn key(svg: &str, fonts: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(DRAWING_VERSION.to_le_bytes());
    hash.update(fonts.as_bytes());
    hash.update(svg.as_bytes());
    hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// `svg` drawn at the card's size over white, as an opaque PNG.
fn draw(svg: &str, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let options =
        usvg::Options { fontdb: fonts.db.clone(), font_family: "Noto Sans".to_owned(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("the template's SVG cannot be read: {e}"))?;
    let (width, height) = CARD_SIZE;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("no memory for the picture")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let size = tree.size();
    let scale = tiny_skia::Transform::from_scale(width as f32 / size.width(), height as f32 / size.height());
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    // Opaque (drawn over white), so the premultiplied pixels are plain RGBA.
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(pixmap.data()).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(png)
}

/// The warning for a card that could not be drawn.
fn cannot_draw(site: &Site, subject: CardSubject, path: &str, why: &str) -> Diagnostic {
    let source = match subject {
        CardSubject::Page(index) => Some(site.pages[index].source.clone()),
        CardSubject::Section(index) => site.sections[index].source.clone(),
        CardSubject::Home => None,
    };
    let template = &site.config.cards.template;
    let mut warning = Diagnostic::warning(format!("cannot draw the social card of /{path}: {why}"))
        .hint(format!("the page is shared without a picture; check templates/{template}, or set enabled = false under [cards] in tend.toml"));
    if let Some(source) = source {
        warning = warning.at(Location::new(source, 1, 1));
    }
    warning
}

#[cfg(test)]
mod tests {
    use super::THEME_COLORS;

    #[test]
    fn the_colours_are_the_themes() {
        let css = include_str!("../../theme/static/style.css");
        for (name, color) in ["bg", "text", "muted", "accent"].iter().zip(THEME_COLORS) {
            assert!(css.contains(&format!("--{name}: {color};")), "--{name} is no longer {color}");
        }
    }
}
