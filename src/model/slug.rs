//! URL segments: turning titles and file names into slugs, and checking that
//! a segment a writer chose cannot escape the output folder.

/// Turns text into a URL segment: lowercase, letters and digits of any script
/// kept, everything else folded into single hyphens, no leading or trailing
/// hyphen. Never contains `/`, `\` or `..`; may be empty when the text has no
/// letters or digits.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            // Some letters lowercase to a letter and a combining mark
            // (`İ` to `i` and U+0307), which is no safe URL character.
            slug.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
        } else if c == '\'' || c == '’' {
            // "don't" reads better as "dont" than "don-t".
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// A slug that spells out the symbols [`slugify`] drops (`C++` →
/// `c-plus-plus`, `Bash &&` → `bash-and-and`), for file names that would
/// otherwise share a URL.
pub fn spelled_slug(text: &str) -> String {
    let mut spelled = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        let word = match c {
            '&' => " and ",
            '+' => " plus ",
            '#' => " sharp ",
            '@' => " at ",
            '%' => " percent ",
            '=' => " equals ",
            '<' => " less ",
            '>' => " greater ",
            '|' => " pipe ",
            ';' => " semicolon ",
            '*' => " star ",
            '!' => " bang ",
            '?' => " question ",
            '$' => " dollar ",
            '(' | ')' => " parens ",
            _ => {
                spelled.push(c);
                continue;
            }
        };
        spelled.push_str(word);
    }
    slugify(&spelled)
}

/// True when `segment` is safe as one path segment of a URL and of a file
/// name: not empty, not `.` or `..`, and made only of letters, digits and
/// `-`, `_`, `.`, `~`.
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment.chars().any(|c| c != '.')
        && segment.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
}

/// The id of a page's title `h1`; the Markdown renderer reserves it.
pub fn title_id(title: &str) -> String {
    let slug = heading_slug(title);
    if slug.is_empty() { "title".to_owned() } else { slug }
}

/// The slug id for a heading's text.
pub fn heading_slug(text: &str) -> String {
    slugify(text)
}

/// The self-link of a heading, whose accessible name is `label` ("Jump to
/// section titled …").
pub fn write_anchor(out: &mut String, id: &str, label: &str) {
    out.push_str(" <a class=\"heading-anchor\" href=\"#");
    let _ = pulldown_cmark_escape::escape_html(&mut *out, id);
    out.push_str("\" aria-label=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut *out, label);
    out.push_str("\"></a>");
}

#[cfg(test)]
mod tests {
    use super::{is_safe_segment, slugify};

    #[test]
    fn slugs_fold_punctuation_and_case() {
        assert_eq!(slugify("I Stepped Away"), "i-stepped-away");
        assert_eq!(slugify("  Hello,   World!  "), "hello-world");
        assert_eq!(slugify("Don't panic"), "dont-panic");
        assert_eq!(slugify("C++ & Rust: 2025"), "c-rust-2025");
        assert_eq!(super::spelled_slug("C++ Boilerplate"), "c-plus-plus-boilerplate");
        assert_eq!(super::spelled_slug("Bash &&"), "bash-and-and");
        assert_eq!(super::spelled_slug("exit()"), "exit-parens-parens");
    }

    #[test]
    fn slugs_keep_unicode_letters() {
        assert_eq!(slugify("Café notes on déjà vu"), "café-notes-on-déjà-vu");
        assert_eq!(slugify("日本語のノート"), "日本語のノート");
        assert_eq!(slugify("Straße"), "straße");
    }

    #[test]
    fn slugs_of_letters_that_lowercase_to_marks_are_safe() {
        // Found by fuzzing: `İ` lowercases to `i` and a combining dot.
        assert_eq!(slugify("İstanbul"), "istanbul");
        assert!(is_safe_segment(&slugify("İ")));
    }

    #[test]
    fn slugs_never_escape() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("a\\b/c"), "a-b-c");
        assert_eq!(slugify("..."), "");
    }

    #[test]
    fn safe_segments() {
        assert!(is_safe_segment("my-note"));
        assert!(is_safe_segment("v1.2"));
        assert!(is_safe_segment("café"));
        assert!(!is_safe_segment(".."));
        assert!(!is_safe_segment("."));
        assert!(!is_safe_segment(""));
        assert!(!is_safe_segment("a/b"));
        assert!(!is_safe_segment("a\\b"));
        assert!(!is_safe_segment("%2e%2e"));
        assert!(!is_safe_segment("a b"));
    }
}
