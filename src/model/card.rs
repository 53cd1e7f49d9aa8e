//! Social cards: the 1200×630 picture a page shows when its link is
//! shared. The images stage draws them through the card template, which
//! the render stage holds and lends through [`CardTemplate`]; the render
//! stage names them in each page's `og:image`. Which pages have one, and
//! where it is written, is decided here, once for both.

use serde::Serialize;

use super::{Diagnostic, Site};

/// A card's width and height in pixels: what sharing platforms show large.
pub const CARD_SIZE: (u32, u32) = (1200, 630);

/// The file name of a card, beside its page's `index.html`.
pub const CARD_FILE: &str = "social-card.png";

/// The built-in card template.
pub const CARD_TEMPLATE: &str = "card.svg";

/// `[cards]` in tend.toml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardConfig {
    /// Whether pages get cards.
    pub enabled: bool,
    /// The template that lays a card out (an SVG template in `templates/`).
    pub template: String,
}

impl Default for CardConfig {
    fn default() -> Self {
        CardConfig { enabled: true, template: CARD_TEMPLATE.to_owned() }
    }
}

/// What a card is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardSubject {
    /// The site as a whole: the home page, and every page without a card
    /// of its own (tags, the archive, search…).
    Home,
    /// A page, by index.
    Page(usize),
    /// A section's list, by index.
    Section(usize),
}

/// Where the card of the page at URL path `path` is written.
pub fn card_path(path: &str) -> String {
    format!("{path}{CARD_FILE}")
}

impl Site {
    /// Every card the site has, by the URL path of its page: the home page,
    /// each page with a page of its own and no `image` of its own, each
    /// listed section. None when `[cards]` turns them off.
    pub fn cards(&self) -> Vec<(String, CardSubject)> {
        if !self.config.cards.enabled {
            return Vec::new();
        }
        let mut cards = vec![(String::new(), CardSubject::Home)];
        let pages = (0..self.pages.len())
            .filter(|&i| !self.is_shown_elsewhere(i) && self.pages[i].meta.image.is_none())
            .map(|i| (self.pages[i].path.clone(), CardSubject::Page(i)));
        cards.extend(pages);
        let sections = (1..self.sections.len())
            .filter(|&i| self.is_listed_section(i))
            .map(|i| (self.sections[i].path.clone(), CardSubject::Section(i)));
        cards.extend(sections);
        cards
    }

    /// Whether section `index` has a list page: the home, or a folder its
    /// parent lists (a folder of intros to pages tend generates, `tags/`,
    /// has none).
    pub fn is_listed_section(&self, index: usize) -> bool {
        index == 0 || self.sections[index].parent.is_none_or(|p| self.sections[p].subsections.contains(&index))
    }
}

/// What a card template sees: the text already fitted to the card.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Card {
    /// The card's width in pixels.
    pub width: u32,
    /// The card's height in pixels.
    pub height: u32,
    /// `page`, `section` or `home`.
    pub kind: &'static str,
    /// The title broken into lines that fit the title's box.
    pub title_lines: Vec<String>,
    /// The title's font size in pixels, the largest at which it fits.
    pub title_size: u32,
    /// The distance between the title's baselines, in pixels.
    pub title_leading: u32,
    /// Whether the title reads right to left.
    pub rtl: bool,
    /// The site's title.
    pub site: String,
    /// The page's date as written (`2026-12-07`), for the `date` filter.
    pub date: Option<String>,
    /// A garden note's status (`seedling`, `budding`, `evergreen`).
    pub status: Option<&'static str>,
    /// The series the page is part of.
    pub series: Option<String>,
    /// The page's first tags.
    pub tags: Vec<String>,
    /// The number of pages a section lists.
    pub count: usize,
    /// The status, date, series (or a section's count) in one line,
    /// fitted to the card at 28 px.
    pub line: String,
    /// As many of the tags as fit in one line at 28 px, `#`-prefixed.
    pub tag_line: String,
    /// The theme's colours: background, text, muted text and accent.
    pub colors: CardColors,
    /// The font families of the title and the text, as an SVG
    /// `font-family` list.
    pub font: String,
}

/// A card's colours, `#rrggbb`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CardColors {
    /// The background.
    pub background: String,
    /// The title.
    pub text: String,
    /// The site name, date and tags.
    pub muted: String,
    /// The band and the status.
    pub accent: String,
}

/// The card template. The render stage has it; the images stage draws
/// cards through this.
pub trait CardTemplate: Sync {
    /// The SVG the template `name` makes of `card`, or the template's
    /// problem.
    fn card_svg(&self, name: &str, card: &Card) -> Result<String, Diagnostic>;
}
