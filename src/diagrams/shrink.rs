//! A drawing made smaller before it goes into pages: merman writes the
//! whole stylesheet of a diagram kind into every drawing (some 20–40 KB,
//! most of it rules for classes the drawing never uses) and data
//! attributes that only mermaid.js's scripts read, and its paths' numbers
//! with sixteen decimals. None of it changes what a reader sees, so rules
//! and attributes go and numbers keep two decimals (a hundredth of a pixel).

use std::collections::HashSet;

/// Attributes mermaid.js's scripts read and nothing in a static page does.
const SCRIPT_ATTRIBUTES: &[&str] = &[" data-points=\"", " data-look=\"", " data-et=\"", " data-edge=\""];

/// `svg` without the rules its elements cannot match and without the
/// script-only attributes.
pub(super) fn shrink(svg: &str) -> String {
    let without = round_paths(&drop_attributes(svg));
    let classes = classes_used(&without);
    let mut out = String::with_capacity(without.len());
    let mut rest = without.as_str();
    while let Some(open) = rest.find("<style") {
        let Some(body) = rest[open..].find('>').map(|i| open + i + 1) else { break };
        let Some(close) = rest[body..].find("</style>").map(|i| body + i) else { break };
        out.push_str(&rest[..body]);
        out.push_str(&used_rules(&rest[body..close], &classes));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

fn drop_attributes(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    loop {
        let next = SCRIPT_ATTRIBUTES.iter().filter_map(|a| rest.find(a).map(|at| (at, a.len()))).min();
        let Some((at, len)) = next else { break };
        out.push_str(&rest[..at]);
        // Values are escaped, so the next quote ends the attribute.
        let Some(end) = rest[at + len..].find('"') else { break };
        rest = &rest[at + len + end + 1..];
    }
    out.push_str(rest);
    out
}

/// `svg` with the numbers of its paths' `d` attributes rounded.
fn round_paths(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(" d=\"") {
        let start = at + 4;
        let Some(len) = rest[start..].find('"') else { break };
        out.push_str(&rest[..start]);
        out.push_str(&round_numbers(&rest[start..start + len]));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// `text` with each number of more than two decimals cut to two
/// (rounded half up on the last digit kept).
fn round_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b'-' || bytes[i] == b'e')
        {
            i += 1;
        }
        if i == start {
            out.push(char::from(bytes[i]));
            i += 1;
            continue;
        }
        let number = &text[start..i];
        match number.parse::<f64>() {
            Ok(n) if number.split('.').nth(1).is_some_and(|d| d.len() > 2) => {
                let rounded = format!("{:.2}", (n * 100.0).round() / 100.0);
                let rounded = rounded.trim_end_matches('0').trim_end_matches('.');
                out.push_str(if rounded == "-0" { "0" } else { rounded });
            }
            _ => out.push_str(number),
        }
    }
    out
}

/// Every class named in a `class="…"` attribute of `svg`.
fn classes_used(svg: &str) -> HashSet<&str> {
    let mut found = HashSet::new();
    for part in svg.split(" class=\"").skip(1) {
        let value = part.split('"').next().unwrap_or_default();
        found.extend(value.split_ascii_whitespace());
    }
    found
}

/// The rules of `css` with at least one selector whose classes are all
/// in `classes`, and the keyframes those rules animate with.
fn used_rules(css: &str, classes: &HashSet<&str>) -> String {
    let mut kept = String::new();
    let mut keyframes: Vec<(&str, &str)> = Vec::new();
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let head = rest[..open].trim();
        if head.starts_with('@') {
            // A block of blocks: up to the brace that closes it.
            let Some(len) = block_len(&rest[open..]) else { return css.to_owned() };
            let whole = &rest[..open + len];
            match head.strip_prefix("@keyframes") {
                Some(name) => keyframes.push((name.trim(), whole.trim())),
                None => kept.push_str(whole.trim()),
            }
            rest = &rest[open + len..];
            continue;
        }
        let Some(close) = rest[open..].find('}').map(|i| open + i) else { return css.to_owned() };
        let selectors: Vec<&str> =
            head.split(',').map(str::trim).filter(|s| selector_classes(s).all(|c| classes.contains(c))).collect();
        if !selectors.is_empty() {
            kept.push_str(&selectors.join(","));
            kept.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    let animations: String = keyframes
        .iter()
        .filter(|(name, _)| kept.contains(&format!(" {name} ")) || kept.contains(&format!(":{name} ")))
        .map(|(_, block)| *block)
        .collect();
    animations + &kept
}

/// The length of the `{…}` block `text` starts with, nested blocks and all.
fn block_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The class names a selector requires (`.node rect.actor` → node, actor).
fn selector_classes(selector: &str) -> impl Iterator<Item = &str> {
    selector.split('.').skip(1).map(|part| {
        let end = part.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(part.len());
        &part[..end]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_classes_the_drawing_lacks_go_and_the_rest_stay() {
        let svg = "<svg id=\"d\" class=\"flow\"><style>#d{fill:red;}@keyframes dash{to{x:0;}}#d .a rect, #d .gone{fill:blue;}#d .gone{x:1;}#d .b.a{animation:dash 5s;}#d text{y:2;}</style><g class=\"a b\" data-points=\"W3s=\" data-look=\"neo\"><rect/></g></svg>";
        assert_eq!(
            shrink(svg),
            "<svg id=\"d\" class=\"flow\"><style>@keyframes dash{to{x:0;}}#d{fill:red;}#d .a rect{fill:blue;}#d .b.a{animation:dash 5s;}#d text{y:2;}</style><g class=\"a b\"><rect/></g></svg>"
        );
    }

    #[test]
    fn path_numbers_keep_two_decimals() {
        assert_eq!(
            shrink("<path d=\"M7 0 C6.964012880168563 0.8165,-0.0000000000000004 7L1.5,2\" x=\"1.23456\"/>"),
            "<path d=\"M7 0 C6.96 0.82,0 7L1.5,2\" x=\"1.23456\"/>"
        );
    }

    #[test]
    fn unused_keyframes_go_and_broken_css_is_kept_whole() {
        let classes = HashSet::from(["a"]);
        assert_eq!(used_rules("@keyframes dash{to{x:0;}}.a{y:1;}", &classes), ".a{y:1;}");
        assert_eq!(used_rules(".a{y:1;", &classes), ".a{y:1;");
    }
}
