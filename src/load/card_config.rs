//! The `[cards]` table of `tend.toml`: whether pages get social cards, and
//! the template that lays them out. A value of the wrong type is an error
//! at its line; an unknown key a warning.

use serde_json::Value;

use super::meta::unknown_setting;
use crate::model::{CARD_SETTINGS, CONFIG_FILE, CardConfig, Diagnostic, Location};

/// Reads the `[cards]` table; `at` finds a key's line in tend.toml.
pub(super) fn read_cards(value: Value, at: &dyn Fn(&str) -> Location) -> (CardConfig, Vec<Diagnostic>) {
    let mut cards = CardConfig::default();
    let Value::Object(mut table) = value else {
        let problem = Diagnostic::error(format!("`cards` in {CONFIG_FILE} must be a table"))
            .at(at("cards"))
            .hint("write [cards] on a line of its own, and under it e.g. enabled = false");
        return (cards, vec![problem]);
    };
    let mut problems = Vec::new();
    match table.remove("enabled") {
        None => {}
        Some(Value::Bool(enabled)) => cards.enabled = enabled,
        Some(_) => problems.push(
            Diagnostic::error(format!("`enabled` in [cards] of {CONFIG_FILE} must be true or false"))
                .at(at("enabled"))
                .hint("write enabled = false to leave the cards out"),
        ),
    }
    match table.remove("template") {
        None => {}
        Some(Value::String(name)) if is_template_name(&name) => cards.template = name,
        Some(_) => problems.push(
            Diagnostic::error(format!("`template` in [cards] of {CONFIG_FILE} must name an SVG template"))
                .at(at("template"))
                .hint("name a file in templates/, e.g. template = \"my-card.svg\""),
        ),
    }
    problems.extend(table.keys().map(|key| unknown_setting("[cards]", key, CARD_SETTINGS, at)));
    (cards, problems)
}

/// Whether `name` can name a template in `templates/`: a relative path
/// without `..`.
fn is_template_name(name: &str) -> bool {
    !name.trim().is_empty() && !name.starts_with('/') && !name.split(['/', '\\']).any(|part| part == "..")
}
