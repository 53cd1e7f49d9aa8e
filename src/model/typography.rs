//! Typographic punctuation for plain text outside Markdown bodies.

use pulldown_cmark::{Event, Options, Parser};

/// Typographic punctuation for plain text such as titles and descriptions:
/// curly quotes and apostrophes, en and em dashes, ellipses. Everything else
/// is kept as written (Markdown syntax in the text is not interpreted).
pub fn smarten(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_owned();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let leading_marker = i == 0 && matches!(c, '-' | '+' | '=');
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') || leading_marker {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    // A leading "2025." would start an ordered list.
    if let Some(end) = escaped.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && escaped[end..].starts_with('.')
    {
        escaped.insert(end, '\\');
    }
    let mut out = String::with_capacity(text.len() + 8);
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::smarten;

    #[test]
    fn smarten_plain_text() {
        assert_eq!(smarten("I've said \"no\" -- twice..."), "I’ve said “no” – twice…");
        assert_eq!(smarten("C++ *really* [sic] `x` <b>"), "C++ *really* [sic] `x` <b>");
        assert_eq!(smarten("- dash first"), "- dash first");
        assert_eq!(smarten("2025. A year"), "2025. A year");
        assert_eq!(smarten("# not a heading"), "# not a heading");
        assert_eq!(smarten("plain"), "plain");
    }
}
