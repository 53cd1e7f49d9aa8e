//! Reading shortcode calls out of a page's text: `{{< name key="value" >}}`,
//! the closing `{{< /name >}}`, and the escaped `{{</* name */>}}` that
//! stands for the call's own text. As in Hugo, arguments may also be given
//! by position (`{{< youtube abc >}}`: `_0`, `_1`…) and a value may be a bare
//! word (`lang=go`).
//!
//! Only the text outside code is read: calls inside code spans and code
//! blocks are the page showing the syntax, not using it.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::model::ArgValue;

/// One piece of shortcode syntax in the text.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// `{{< name key=value >}}`.
    Open { name: String, args: Vec<(String, ArgValue)> },
    /// `{{< /name >}}`.
    Close { name: String },
    /// `{{</* … */>}}`: the call's text, shown as it is written.
    Escaped { text: String },
}

/// A token and where it sits in the text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub token: Token,
    pub range: Range<usize>,
}

/// A call that could not be read, with the offset of the problem.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Malformed {
    pub message: String,
    pub hint: &'static str,
    pub at: usize,
    /// Where reading goes on: past what this call's reading already went
    /// through, so no text is read twice.
    pub resume: usize,
}

const OPEN: &str = "{{<";
const CLOSE: &str = ">}}";

/// Every call in `text` outside code, in order, and the calls that could
/// not be read.
pub(super) fn scan(text: &str, options: pulldown_cmark::Options) -> (Vec<Found>, Vec<Malformed>) {
    let code = code_ranges(text, options);
    let (mut found, mut malformed) = (Vec::new(), Vec::new());
    let mut from = 0;
    while let Some(start) = text[from..].find(OPEN).map(|i| i + from) {
        // Code ranges are in order and do not overlap.
        let before = code.partition_point(|r| r.start <= start);
        if let Some(block) = before.checked_sub(1).map(|i| &code[i]).filter(|r| r.contains(&start)) {
            from = block.end.max(start + OPEN.len());
            continue;
        }
        match read_call(text, start) {
            Ok((token, end)) => {
                found.push(Found { token, range: start..end });
                from = end;
            }
            Err(problem) => {
                from = problem.resume.max(start + OPEN.len());
                malformed.push(problem);
            }
        }
    }
    (found, malformed)
}

/// Byte ranges of code spans and code blocks.
fn code_ranges(text: &str, options: pulldown_cmark::Options) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => ranges.push(range),
            // The start event's range covers the whole block.
            Event::Start(Tag::CodeBlock(_)) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Reads the call that starts at `start` (at `{{<`); returns it and the
/// offset just past its `>}}`.
fn read_call(text: &str, start: usize) -> Result<(Token, usize), Malformed> {
    let inner_start = start + OPEN.len();
    let rest = &text[inner_start..];
    if let Some(after) = rest.trim_start().strip_prefix("/*") {
        let Some(end) = after.find("*/>}}") else {
            return Err(malformed(start, "an escaped shortcode `{{</*` is never closed", "end it with `*/>}}`"));
        };
        let end_offset = text.len() - after.len() + end + "*/>}}".len();
        return Ok((Token::Escaped { text: format!("{{{{<{}>}}}}", &after[..end]) }, end_offset));
    }
    let mut cursor = Cursor { text, at: inner_start };
    cursor.skip_space();
    let closing = cursor.eat('/');
    cursor.skip_space();
    let name_at = cursor.at;
    let mut name = cursor.word();
    // Hugo's inline shortcodes: `{{< name.inline >}}`.
    if cursor.rest().starts_with(".inline") {
        cursor.at += ".inline".len();
        name.push_str(".inline");
    }
    if name.is_empty() {
        return Err(malformed(
            name_at,
            "a shortcode call needs a name after `{{<`",
            "write `{{< name key=\"value\" >}}`; to show the characters `{{<` themselves, put them in `code`",
        ));
    }
    let mut args: Vec<(String, ArgValue)> = Vec::new();
    loop {
        cursor.skip_space();
        if cursor.rest().starts_with(CLOSE) {
            let end = cursor.at + CLOSE.len();
            let token = if closing { Token::Close { name } } else { Token::Open { name, args } };
            return Ok((token, end));
        }
        if closing {
            return Err(malformed(
                cursor.at,
                format!("`{{{{< /{name} >}}}}` takes no arguments"),
                "close it as `{{< /name >}}`",
            ));
        }
        if cursor.rest().is_empty() || cursor.rest().starts_with(OPEN) {
            return Err(malformed(start, format!("the call to `{name}` is never closed"), "end the call with `>}}`"));
        }
        let key_at = cursor.at;
        let key = cursor.word();
        if key.is_empty() || !cursor.eat('=') {
            // By position, as Hugo allows: `_0`, `_1`…
            cursor.at = key_at;
            let value = cursor.value().map_err(|message| Malformed {
                resume: cursor.at,
                ..malformed(key_at, message, "a value is text in quotes, a word, a number, `true` or `false`")
            })?;
            let position = args.iter().filter(|(k, _)| k.starts_with('_')).count();
            args.push((format!("_{position}"), value));
            continue;
        }
        if args.iter().any(|(k, _)| *k == key) {
            return Err(malformed(key_at, format!("`{key}` is given twice"), "give each argument once"));
        }
        let value_at = cursor.at;
        let value = cursor.value().map_err(|message| Malformed {
            resume: cursor.at,
            ..malformed(value_at, message, "a value is text in quotes, a number, `true` or `false`")
        })?;
        args.push((key, value));
    }
}

fn malformed(at: usize, message: impl Into<String>, hint: &'static str) -> Malformed {
    Malformed { message: message.into(), hint, at, resume: at }
}

struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.rest().starts_with(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    /// A name: letters, digits, `_` and `-`.
    fn word(&mut self) -> String {
        let rest = self.rest();
        let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        self.at += len;
        rest[..len].to_owned()
    }

    fn value(&mut self) -> Result<ArgValue, String> {
        let rest = self.rest();
        let Some(first) = rest.chars().next() else { return Err("an argument has no value".to_owned()) };
        if first == '"' || first == '\'' {
            let mut value = String::new();
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, escaped)) => value.push(escaped),
                        None => break,
                    },
                    c if c == first => {
                        self.at += i + c.len_utf8();
                        return Ok(ArgValue::Text(value));
                    }
                    // A value does not run past its paragraph.
                    '\n' if rest[i + 1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n') => {
                        self.at += i;
                        return Err(format!("a text value is missing its closing {first}"));
                    }
                    c => value.push(c),
                }
            }
            self.at = self.text.len();
            return Err(format!("a text value is missing its closing {first}"));
        }
        let len = rest.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(rest.len());
        let word = &rest[..len];
        let value = match word {
            "true" => ArgValue::Bool(true),
            "false" => ArgValue::Bool(false),
            _ => {
                if let Ok(n) = word.parse::<i64>() {
                    ArgValue::Integer(n)
                } else if let Ok(x) = word.parse::<f64>()
                    && x.is_finite()
                {
                    ArgValue::Float(x)
                } else if !word.is_empty() && !word.contains(['"', '\'', '=', '{', '}']) {
                    // A bare word is text, as Hugo reads it.
                    ArgValue::Text(word.to_owned())
                } else {
                    return Err(format!("`{word}` is not a value; put text in quotes"));
                }
            }
        };
        self.at += len;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::{ArgValue, Token, scan};

    fn tokens(text: &str) -> Vec<Token> {
        let (found, malformed) = scan(text, crate::markdown::parser_options());
        assert!(malformed.is_empty(), "{malformed:?}");
        found.into_iter().map(|f| f.token).collect()
    }

    fn problem(text: &str) -> String {
        let (_, malformed) = scan(text, crate::markdown::parser_options());
        malformed.first().map(|m| m.message.clone()).unwrap_or_default()
    }

    #[test]
    fn reads_names_and_values() {
        let got = tokens("a {{< video youtube=\"x\\\"y\" start=90 loop=true ratio=1.5 t='ok' >}} b");
        let Token::Open { name, args } = &got[0] else { panic!("{got:?}") };
        assert_eq!(name, "video");
        assert_eq!(args[0], ("youtube".to_owned(), ArgValue::Text("x\"y".to_owned())));
        assert_eq!(args[1], ("start".to_owned(), ArgValue::Integer(90)));
        assert_eq!(args[2], ("loop".to_owned(), ArgValue::Bool(true)));
        assert_eq!(args[3], ("ratio".to_owned(), ArgValue::Float(1.5)));
        assert_eq!(args[4], ("t".to_owned(), ArgValue::Text("ok".to_owned())));
    }

    #[test]
    fn reads_closing_and_escaped_calls_across_lines() {
        let got = tokens("{{< aside\n  title=\"Hi\"\n>}}\nbody\n{{< /aside >}}\n{{</* x y=1 */>}}");
        assert!(matches!(&got[0], Token::Open { name, .. } if name == "aside"));
        assert_eq!(got[1], Token::Close { name: "aside".to_owned() });
        assert_eq!(got[2], Token::Escaped { text: "{{< x y=1 >}}".to_owned() });
    }

    #[test]
    fn hugo_calls_by_position_and_bare_words() {
        let got = tokens(
            "{{< youtube abc123 >}} {{< highlight go \"linenos=table\" >}}x{{< / highlight >}} {{< x user=someone id=42 >}}",
        );
        let Token::Open { name, args } = &got[0] else { panic!("{got:?}") };
        assert_eq!((name.as_str(), &args[0]), ("youtube", &("_0".to_owned(), ArgValue::Text("abc123".to_owned()))));
        let Token::Open { args, .. } = &got[1] else { panic!("{got:?}") };
        assert_eq!(args[1], ("_1".to_owned(), ArgValue::Text("linenos=table".to_owned())));
        assert_eq!(got[2], Token::Close { name: "highlight".to_owned() });
        let Token::Open { args, .. } = &got[3] else { panic!("{got:?}") };
        assert_eq!(args[0], ("user".to_owned(), ArgValue::Text("someone".to_owned())));
    }

    #[test]
    fn code_is_left_alone() {
        assert!(tokens("`{{< x >}}`\n\n```\n{{< y >}}\n```\n\n    {{< z >}}\n").is_empty());
    }

    #[test]
    fn bad_calls_say_what_is_wrong() {
        assert!(problem("{{< >}}").contains("needs a name"));
        assert!(problem("{{< x y=\"a\" \"b >}}").contains("closing \""));
        assert!(problem("{{< x y=a=b >}}").contains("is not a value"));
        assert!(problem("{{< x y=\"z >}}").contains("closing \""));
        assert!(problem("{{< x y=1 y=2 >}}").contains("given twice"));
        assert!(problem("{{< x y=1").contains("never closed"));
        assert!(problem("{{< /x y=1 >}}").contains("takes no arguments"));
        assert!(problem("{{</* x").contains("never closed"));
    }
}
