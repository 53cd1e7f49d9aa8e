//! The `[images]` table of `tend.toml`: the widths of the resized copies,
//! their quality, whether AVIF copies are made, and the `sizes` attribute. Every key is checked; a
//! setting that is not valid keeps its default and is an error at its
//! line, an unknown key a warning.

use serde_json::Value;

use super::meta::unknown_setting;
use crate::model::{CONFIG_FILE, Diagnostic, IMAGE_SETTINGS, ImageConfig, Location};

/// The widest variant tend makes: WebP's limit.
const MAX_WIDTH: u64 = 16_383;

/// Reads the `[images]` table; `at` finds a key's line in tend.toml.
pub(super) fn read_images(value: Value, at: &dyn Fn(&str) -> Location) -> (ImageConfig, Vec<Diagnostic>) {
    let mut config = ImageConfig::default();
    let mut problems = Vec::new();
    let Value::Object(mut table) = value else {
        let problem = Diagnostic::error(format!("`images` in {CONFIG_FILE} must be a table"))
            .at(at("images"))
            .hint("write [images] on a line of its own, and under it e.g. widths = [480, 960, 1440]");
        return (config, vec![problem]);
    };
    match table.remove("widths") {
        None => {}
        Some(Value::Array(items)) => {
            let widths: Option<Vec<u32>> = items
                .iter()
                .map(|item| item.as_u64().filter(|w| (1..=MAX_WIDTH).contains(w)).and_then(|w| u32::try_from(w).ok()))
                .collect();
            match widths {
                Some(mut widths) => {
                    widths.sort_unstable();
                    widths.dedup();
                    config.widths = widths;
                }
                None => problems.push(widths_error(at)),
            }
        }
        Some(_) => problems.push(widths_error(at)),
    }
    match table.remove("quality") {
        None => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|q| (1..=100).contains(&q)) => {
            config.quality = n.as_u64().and_then(|q| u8::try_from(q).ok()).unwrap_or(config.quality);
        }
        Some(_) => problems.push(
            Diagnostic::error(format!("`quality` in [images] of {CONFIG_FILE} must be a whole number from 1 to 100"))
                .at(at("quality"))
                .hint("write e.g. quality = 80"),
        ),
    }
    match table.remove("avif") {
        None => {}
        Some(Value::Bool(true)) if !cfg!(feature = "avif") => problems.push(
            Diagnostic::error("this tend was built without AVIF, so `avif = true` in [images] cannot be met")
                .at(at("avif"))
                .hint("install tend with `cargo install --features avif` (it needs nasm 2.15 or later to build), or remove the line"),
        ),
        Some(Value::Bool(avif)) => config.avif = avif,
        Some(_) => problems.push(
            Diagnostic::error(format!("`avif` in [images] of {CONFIG_FILE} must be true or false"))
                .at(at("avif"))
                .hint("write avif = true to make AVIF copies too (builds with many photos take some three times as long)"),
        ),
    }
    match table.remove("sizes") {
        None => {}
        Some(Value::String(sizes)) if !sizes.trim().is_empty() => config.sizes = sizes.trim().to_owned(),
        Some(_) => problems.push(
            Diagnostic::error(format!("`sizes` in [images] of {CONFIG_FILE} must be text"))
                .at(at("sizes"))
                .hint("write how wide images are shown, e.g. sizes = \"(min-width: 50rem) 48rem, 100vw\""),
        ),
    }
    problems.extend(table.keys().map(|key| unknown_setting("[images]", key, IMAGE_SETTINGS, at)));
    (config, problems)
}

fn widths_error(at: &dyn Fn(&str) -> Location) -> Diagnostic {
    Diagnostic::error(format!("`widths` in [images] of {CONFIG_FILE} must be a list of widths in pixels"))
        .at(at("widths"))
        .hint(format!("write e.g. widths = [480, 960, 1440] (each 1 to {MAX_WIDTH}), or widths = [] for no resizing"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::read_images;
    use crate::model::{ImageConfig, Location};

    fn at(_: &str) -> Location {
        Location::new("tend.toml", 1, 1)
    }

    #[test]
    fn settings_are_read_and_checked() {
        let settings = json!({"widths": [960, 480, 480], "quality": 70, "avif": false, "sizes": "100vw"});
        let (config, problems) = read_images(settings, &at);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config, ImageConfig { widths: vec![480, 960], quality: 70, avif: false, sizes: "100vw".into() });
        // AVIF is there only in a tend built with it.
        let (config, problems) = read_images(json!({"avif": true}), &at);
        assert_eq!(
            (config.avif, problems.is_empty()),
            (cfg!(feature = "avif"), cfg!(feature = "avif")),
            "{problems:?}"
        );
        let (config, problems) = read_images(json!({"widths": []}), &at);
        assert!(problems.is_empty() && config.widths.is_empty());
        let settings = json!({"widths": [0], "quality": 101, "avif": "yes", "sizes": 3, "width": 1});
        let (config, problems) = read_images(settings, &at);
        assert_eq!(config, ImageConfig::default(), "bad values keep the defaults");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(problems[4].hint.as_deref() == Some("did you mean `widths`?"), "{problems:?}");
        assert!(read_images(json!(3), &at).1[0].is_error());
    }
}
