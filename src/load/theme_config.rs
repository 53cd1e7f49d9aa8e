//! The `[theme]` table of `tend.toml`: accent colours (each must reach a
//! 4.5:1 contrast with the background it is shown on), font stacks, the
//! column's width and extra stylesheets. A value that is not valid keeps
//! the theme's own and is an error at its line; an unknown key a warning.

use serde_json::Value;

use super::meta::unknown_setting;
use crate::model::{CONFIG_FILE, Diagnostic, Location, THEME_SETTINGS, ThemeConfig};

/// The theme's backgrounds, light and dark (`--bg` in `style.css`).
const LIGHT_BACKGROUND: &str = "#fdfcf8";
const DARK_BACKGROUND: &str = "#161714";
/// The contrast text needs (WCAG 2, AA).
const CONTRAST: f64 = 4.5;

/// Reads the `[theme]` table; `at` finds a key's line in tend.toml.
pub(super) fn read_theme(value: Value, at: &dyn Fn(&str) -> Location) -> (ThemeConfig, Vec<Diagnostic>) {
    let mut theme = ThemeConfig::default();
    let mut problems = Vec::new();
    let Value::Object(mut table) = value else {
        let problem = Diagnostic::error(format!("`theme` in {CONFIG_FILE} must be a table"))
            .at(at("theme"))
            .hint("write [theme] on a line of its own, and under it e.g. accent = \"#7a2e8c\"");
        return (theme, vec![problem]);
    };
    for (key, background, slot) in
        [("accent", LIGHT_BACKGROUND, &mut theme.accent), ("accent_dark", DARK_BACKGROUND, &mut theme.accent_dark)]
    {
        if let Some(value) = table.remove(key) {
            match colour(&value, background) {
                Ok(colour) => *slot = Some(colour),
                Err(why) => problems.push(
                    Diagnostic::error(format!("`{key}` in [theme] of {CONFIG_FILE} {why}")).at(at(key)).hint(
                        "pick a colour that reads as text on the background: darker for `accent`, lighter for `accent_dark`",
                    ),
                ),
            }
        }
    }
    for (key, slot) in [("font_body", &mut theme.font_body), ("font_headings", &mut theme.font_headings)] {
        if let Some(value) = table.remove(key) {
            match value.as_str().map(str::trim).filter(|s| is_font_stack(s)) {
                Some(stack) => *slot = Some(stack.to_owned()),
                None => problems.push(
                    Diagnostic::error(format!("`{key}` in [theme] of {CONFIG_FILE} must be a list of font names"))
                        .at(at(key))
                        .hint("write e.g. font_body = \"Iowan Old Style, Georgia, serif\" (names, commas and quotes only)"),
                ),
            }
        }
    }
    if let Some(value) = table.remove("width") {
        match value.as_str().map(str::trim).filter(|s| is_width(s)) {
            Some(width) => theme.width = Some(width.to_owned()),
            None => problems.push(
                Diagnostic::error(format!("`width` in [theme] of {CONFIG_FILE} must be a length"))
                    .at(at("width"))
                    .hint("write e.g. width = \"72ch\" (ch, rem, em or px)"),
            ),
        }
    }
    if let Some(value) = table.remove("toggle") {
        match value.as_bool() {
            Some(on) => theme.toggle = on,
            None => problems.push(
                Diagnostic::error(format!("`toggle` in [theme] of {CONFIG_FILE} must be true or false"))
                    .at(at("toggle"))
                    .hint("write toggle = true for a light/dark button in the header"),
            ),
        }
    }
    if let Some(value) = table.remove("css") {
        let files: Option<Vec<String>> = value.as_array().and_then(|items| {
            items.iter().map(|item| item.as_str().filter(|s| is_stylesheet(s)).map(str::to_owned)).collect()
        });
        match files {
            Some(files) => {
                theme.css = files;
                theme.css_line = at("css").line;
            }
            None => problems.push(
                Diagnostic::error(format!("`css` in [theme] of {CONFIG_FILE} must be a list of .css files in static/"))
                    .at(at("css"))
                    .hint("write e.g. css = [\"css/site.css\"] for static/css/site.css"),
            ),
        }
    }
    problems.extend(table.keys().map(|key| unknown_setting("[theme]", key, THEME_SETTINGS, at)));
    (theme, problems)
}

/// A `#rgb` or `#rrggbb` colour (as `#rrggbb`) that reaches [`CONTRAST`]
/// with `background`, or why not.
fn colour(value: &Value, background: &str) -> Result<String, String> {
    let text = value.as_str().map(str::trim).unwrap_or_default();
    let rgb = parse_hex(text).ok_or_else(|| "must be a colour written `#rrggbb` (or `#rgb`)".to_owned())?;
    let ratio = contrast(rgb, parse_hex(background).unwrap_or((255, 255, 255)));
    if ratio < CONTRAST {
        return Err(format!(
            "`{text}` has a contrast of {ratio:.2}:1 with the background ({background}); text needs {CONTRAST}:1"
        ));
    }
    Ok(format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2))
}

fn parse_hex(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        3 => {
            let double = |i: usize| channel(&hex[i..=i].repeat(2));
            Some((double(0)?, double(1)?, double(2)?))
        }
        6 => Some((channel(&hex[0..2])?, channel(&hex[2..4])?, channel(&hex[4..6])?)),
        _ => None,
    }
}

/// WCAG 2's contrast ratio of two colours.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let luminance = |(r, g, b): (u8, u8, u8)| {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Font names, commas, spaces, quotes and hyphens: nothing that could end
/// the CSS declaration it goes into.
fn is_font_stack(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || " ,-_.'\"".contains(c))
}

/// A positive length in `ch`, `rem`, `em` or `px`.
fn is_width(text: &str) -> bool {
    ["ch", "rem", "em", "px"].iter().any(|unit| {
        text.strip_suffix(unit).and_then(|n| n.parse::<f64>().ok()).is_some_and(|n| n > 0.0 && n.is_finite())
    })
}

/// A `.css` file path inside `static/`.
fn is_stylesheet(path: &str) -> bool {
    let path = path.trim_start_matches('/');
    path.ends_with(".css") && path.split('/').all(crate::model::is_safe_segment)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{contrast, parse_hex, read_theme};
    use crate::model::Location;

    fn at(_: &str) -> Location {
        Location::new("tend.toml", 1, 1)
    }

    #[test]
    fn contrast_is_measured_as_wcag_says() {
        let ratio = contrast((0, 0, 0), (255, 255, 255));
        assert!((ratio - 21.0).abs() < 0.01, "{ratio}");
        assert_eq!(parse_hex("#abc"), Some((0xaa, 0xbb, 0xcc)));
        assert_eq!(parse_hex("abc"), None);
    }

    #[test]
    fn settings_are_checked() {
        let (theme, problems) = read_theme(
            json!({"accent": "#7A2E8C", "accent_dark": "#d9a7e6", "font_body": "Iowan Old Style, \"Palatino\", serif", "width": "72ch", "css": ["css/site.css"]}),
            &at,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(theme.accent.as_deref(), Some("#7a2e8c"));
        assert_eq!(theme.css, ["css/site.css"]);
        assert_eq!(theme.css_line, 1);
        let (theme, problems) = read_theme(
            json!({"accent": "#9fd1b2", "accent_dark": "#1f5f4a", "font_body": "x; } body { display: none", "width": "wide", "css": ["../x.css"], "colour": 1}),
            &at,
        );
        assert_eq!(theme, Default::default(), "bad values keep the theme's own");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages[0].starts_with("`accent` in [theme] of tend.toml `#9fd1b2` has a contrast of 1.6"),
            "{messages:?}"
        );
        assert!(messages[1].contains("with the background (#161714); text needs 4.5:1"), "{messages:?}");
        assert_eq!(messages.len(), 6, "{messages:?}");
    }
}
