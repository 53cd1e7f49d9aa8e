//! The two colour schemes of highlighted code, and their stylesheet.
//!
//! Each scheme is a syntect theme: Coldark-Cold for the light scheme,
//! Coldark-Dark for the dark one. A token's style is resolved in both themes
//! at build time, and the token gets one class per scheme for its colour
//! (`hl-l3 hl-d7`, the theme's third and seventh colours) and, where the
//! theme asks, for bold, italic or underline (`hl-li`). The stylesheet
//! defines each scheme's classes inside its `prefers-color-scheme` query,
//! so neither leaks into the other; resolving at build time keeps the
//! themes' exact scope-matching rules, which CSS selectors cannot express,
//! and keeps the markup to one short span per token.
//!
//! Only colours and font styles are taken from the themes; the background
//! is the site theme's code background. Invariant: every colour reads at
//! WCAG AA (4.5:1) or better on that background and on a highlighted line's.
//! A theme colour that does not is moved toward black or white until it
//! does, so the invariant holds whatever the themes say.

use std::fmt::Write;
use std::sync::LazyLock;

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme};
use two_face::theme::EmbeddedThemeName;

/// The contrast every token colour reaches, a little above WCAG AA's 4.5 so
/// rounding cannot take it below.
const MIN_CONTRAST: f64 = 4.6;

/// One colour scheme of the site theme.
struct Scheme {
    /// The value of `prefers-color-scheme`, and the letter of its classes.
    media: &'static str,
    letter: char,
    theme: EmbeddedThemeName,
    /// `--bg-soft` of `theme/static/style.css`, behind every code block.
    background: Color,
    /// Behind a highlighted line.
    highlighted: Color,
    /// Where a colour with too little contrast is moved.
    toward: Color,
}

const SCHEMES: [Scheme; 2] = [
    Scheme {
        media: "light",
        letter: 'l',
        theme: EmbeddedThemeName::ColdarkCold,
        background: rgb(0xf3f1ea),
        highlighted: rgb(0xe4dfcf),
        toward: rgb(0x000000),
    },
    Scheme {
        media: "dark",
        letter: 'd',
        theme: EmbeddedThemeName::ColdarkDark,
        background: rgb(0x20221e),
        highlighted: rgb(0x30332c),
        toward: rgb(0xffffff),
    },
];

/// A scheme's theme and its colours, in the order the theme first uses
/// them; a colour's index names its class. The theme's text colour is left
/// out: such text takes the site's.
struct Palette {
    theme: Theme,
    colours: Vec<Color>,
}

impl Palette {
    fn load(scheme: &Scheme) -> Palette {
        let theme = two_face::theme::extra().get(scheme.theme).clone();
        let mut colours = Vec::new();
        for colour in theme.scopes.iter().filter_map(|item| item.style.foreground) {
            if !colours.contains(&colour) && Some(colour) != theme.settings.foreground {
                colours.push(colour);
            }
        }
        Palette { theme, colours }
    }

    fn colour(&self, style: &Style) -> Option<u8> {
        let index = self.colours.iter().position(|&c| c == style.foreground)?;
        u8::try_from(index).ok()
    }
}

/// Loaded with the first highlighted block, once per process.
static PALETTES: LazyLock<[Palette; 2]> = LazyLock::new(|| SCHEMES.each_ref().map(Palette::load));

/// The themes' compiled selectors, shared by every thread.
pub(super) static HIGHLIGHTERS: LazyLock<[Highlighter<'static>; 2]> =
    LazyLock::new(|| PALETTES.each_ref().map(|p| Highlighter::new(&p.theme)));

/// A token's look in both schemes: what its classes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TokenClass {
    colour: [Option<u8>; 2],
    font: [FontStyle; 2],
}

impl TokenClass {
    /// A token that looks like plain text in both schemes.
    pub(super) const PLAIN: TokenClass = TokenClass { colour: [None, None], font: [FontStyle::empty(); 2] };

    /// The class of a token styled `styles` by the light and dark themes.
    pub(super) fn of(styles: [Style; 2]) -> TokenClass {
        let [light, dark] = &*PALETTES;
        TokenClass {
            colour: [light.colour(&styles[0]), dark.colour(&styles[1])],
            font: [styles[0].font_style, styles[1].font_style],
        }
    }

    /// Whether the token looks like plain text in both schemes.
    pub(super) fn is_plain(&self) -> bool {
        self.colour == [None, None] && self.font == [FontStyle::empty(); 2]
    }

    /// Writes the class attribute's value: `hl-l3 hl-d7 hl-di`.
    pub(super) fn write(&self, out: &mut String) {
        let start = out.len();
        for (i, scheme) in SCHEMES.iter().enumerate() {
            let letter = scheme.letter;
            if let Some(colour) = self.colour[i] {
                let _ = write!(out, " hl-{letter}{colour}");
            }
            for (flag, name) in FONT_CLASSES {
                if self.font[i].contains(flag) {
                    let _ = write!(out, " hl-{letter}{name}");
                }
            }
        }
        // Each class went in with a space before it; the first needs none.
        if out.len() > start {
            out.remove(start);
        }
    }
}

const FONT_CLASSES: [(FontStyle, char); 3] =
    [(FontStyle::BOLD, 'b'), (FontStyle::ITALIC, 'i'), (FontStyle::UNDERLINE, 'u')];

/// Numbered and highlighted lines (see `highlight.rs` for the markup). The
/// numbers are generated content, so they are not copied with the code,
/// and their alternative text is empty, so screen readers skip them.
const LAYOUT: &str = r#"
/* Code: numbered and highlighted lines. */
pre > code:has(> .line) {
  display: block;
  width: max-content;
  min-width: 100%;
}
pre .line {
  display: inline-block;
  width: 100%;
}
pre[data-linenos] > code {
  counter-reset: line;
}
pre[data-linenos] .line::before {
  counter-increment: line;
  content: counter(line);
  content: counter(line) / "";
  display: inline-block;
  min-width: 2ch;
  margin-right: 1.5ch;
  text-align: right;
  color: var(--muted);
  user-select: none;
}
pre .line.highlighted {
  box-shadow: inset 3px 0 0 var(--accent);
}
"#;

const fn rgb(hex: u32) -> Color {
    Color { r: (hex >> 16) as u8, g: (hex >> 8) as u8, b: hex as u8, a: 0xff }
}

/// The code stylesheet: layout, then the light and the dark classes,
/// made once per process.
pub fn stylesheet() -> &'static str {
    static CSS: LazyLock<String> = LazyLock::new(make_stylesheet);
    &CSS
}

fn make_stylesheet() -> String {
    let mut css = String::from(LAYOUT);
    for (scheme, palette) in SCHEMES.iter().zip(&*PALETTES) {
        write_scheme(&mut css, scheme, palette);
    }
    css
}

/// Writes `scheme`'s classes twice: for the system's setting (unless the
/// reader chose the other scheme with the theme's toggle) and for the
/// reader's choice, `data-scheme` on the root.
fn write_scheme(css: &mut String, scheme: &Scheme, palette: &Palette) {
    let name = palette.theme.name.as_deref().unwrap_or_default();
    let other = if scheme.media == "light" { "dark" } else { "light" };
    let _ = writeln!(css, "\n/* Code colours from the {name} theme, at 4.5:1 or more. */");
    let _ = writeln!(css, "@media (prefers-color-scheme: {}) {{", scheme.media);
    write_rules(css, scheme, palette, &format!(":root:not([data-scheme=\"{other}\"]) "));
    css.push_str("}\n");
    write_rules(css, scheme, palette, &format!(":root[data-scheme=\"{}\"] ", scheme.media));
}

/// `scheme`'s rules, each selector after `prefix`.
fn write_rules(css: &mut String, scheme: &Scheme, palette: &Palette, prefix: &str) {
    let letter = scheme.letter;
    let _ = writeln!(css, "  {prefix}pre .line.highlighted {{\n    background: {};\n  }}", hex(scheme.highlighted));
    for (i, &colour) in palette.colours.iter().enumerate() {
        // The shortest scope given the colour, as a reminder of what it is.
        let scope = palette
            .theme
            .scopes
            .iter()
            .filter(|item| item.style.foreground == Some(colour))
            .flat_map(|item| &item.scope.selectors)
            .map(|s| s.extract_scopes().iter().map(|scope| scope.build_string()).collect::<Vec<_>>().join(" "))
            .min_by_key(|name| (name.len(), name.clone()))
            .unwrap_or_default();
        let _ =
            writeln!(css, "  {prefix}.hl-{letter}{i} {{ color: {}; }} /* {scope} */", hex(readable(colour, scheme)));
    }
    let _ = writeln!(css, "  {prefix}.hl-{letter}b {{ font-weight: bold; }}");
    let _ = writeln!(css, "  {prefix}.hl-{letter}i {{ font-style: italic; }}");
    let _ = writeln!(css, "  {prefix}.hl-{letter}u {{ text-decoration: underline; }}");
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// `colour` (made opaque over the code background), moved toward the
/// scheme's black or white just far enough to pass on both backgrounds.
fn readable(colour: Color, scheme: &Scheme) -> Color {
    let colour = mix(scheme.background, colour, f64::from(colour.a) / 255.0);
    let passes = |c: Color| [scheme.background, scheme.highlighted].iter().all(|&bg| contrast(c, bg) >= MIN_CONTRAST);
    (0..=100)
        .map(|step| mix(colour, scheme.toward, f64::from(step) / 100.0))
        .find(|&c| passes(c))
        .unwrap_or(scheme.toward)
}

/// `amount` of the way from `from` to `to`.
fn mix(from: Color, to: Color, amount: f64) -> Color {
    // Between two bytes, so the cast cannot overflow.
    let channel = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
    Color { r: channel(from.r, to.r), g: channel(from.g, to.g), b: channel(from.b, to.b), a: 0xff }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

/// WCAG contrast ratio, 1 to 21.
fn contrast(a: Color, b: Color) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_hex(text: &str) -> Color {
        rgb(u32::from_str_radix(&text[1..7], 16).expect("hex colour"))
    }

    #[test]
    fn both_schemes_have_classes_inside_their_query() {
        let css = stylesheet();
        let light = css.find("@media (prefers-color-scheme: light)").expect("light");
        let dark = css.find("@media (prefers-color-scheme: dark)").expect("dark");
        assert!(css[light..dark].contains(":root:not([data-scheme=\"dark\"]) .hl-l0 { color: #"), "{css}");
        assert!(css[light..dark].contains(".hl-li { font-style: italic; }"), "{css}");
        assert!(css[light..dark].contains(":root[data-scheme=\"light\"] .hl-l0 { color: #"), "the reader's choice");
        assert!(css[dark..].contains(":root:not([data-scheme=\"light\"]) .hl-d0 { color: #"), "{css}");
        assert!(css[dark..].contains(":root[data-scheme=\"dark\"] .hl-d0 { color: #"), "{css}");
        assert!(!css[..light].contains("color: #"), "no colour outside the queries");
    }

    #[test]
    fn every_token_colour_passes_aa_on_both_backgrounds() {
        let css = stylesheet();
        let dark = css.find("@media (prefers-color-scheme: dark)").expect("dark");
        for (part, scheme) in [(&css[..dark], &SCHEMES[0]), (&css[dark..], &SCHEMES[1])] {
            let mut seen = 0;
            for (at, _) in part.match_indices(" color: #") {
                let colour = parse_hex(&part[at + 8..]);
                for bg in [scheme.background, scheme.highlighted] {
                    let ratio = contrast(colour, bg);
                    assert!(ratio >= 4.5, "{} on {}: {ratio:.2}", hex(colour), hex(bg));
                }
                seen += 1;
            }
            assert!(seen >= 8, "{seen} colours");
        }
    }

    #[test]
    fn backgrounds_are_the_site_themes() {
        let style = include_str!("../../../theme/static/style.css");
        for scheme in &SCHEMES {
            assert!(style.contains(&format!("--bg-soft: {};", hex(scheme.background))), "{}", scheme.media);
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast(rgb(0x000000), rgb(0xffffff)) - 21.0).abs() < 1e-9);
        assert!((contrast(rgb(0x777777), rgb(0xffffff)) - 4.48).abs() < 0.01);
        // A colour that passes is left alone; one that fails is darkened
        // just enough.
        assert_eq!(readable(rgb(0x3c526d), &SCHEMES[0]), rgb(0x3c526d));
        let pale = readable(rgb(0xcccccc), &SCHEMES[0]);
        assert!(contrast(pale, SCHEMES[0].highlighted) >= MIN_CONTRAST && pale != rgb(0x000000));
    }
}
