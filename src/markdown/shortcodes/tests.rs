use super::expand;
use crate::markdown::{MarkdownOptions, render};
use crate::model::{ArgValue, BODY_PLACEHOLDER, Shortcode, ShortcodeError, Shortcodes};

/// `box` wraps its body in a div; `star` writes Markdown; `kbd` is inline.
struct Fake;

impl Shortcodes for Fake {
    fn find(&self, name: &str) -> Option<Shortcode> {
        let arguments = vec!["label".to_owned()];
        match name {
            "box" => Some(Shortcode { markdown: false, takes_body: true, arguments }),
            "star" => Some(Shortcode { markdown: true, takes_body: false, arguments }),
            "kbd" => Some(Shortcode { markdown: false, takes_body: false, arguments }),
            _ => None,
        }
    }

    fn names(&self) -> Vec<String> {
        vec!["box".to_owned(), "kbd".to_owned(), "star".to_owned()]
    }

    fn render(&self, name: &str, args: &[(String, ArgValue)], body: &str) -> Result<String, ShortcodeError> {
        let label = match args.first() {
            Some((_, ArgValue::Text(text))) => text.clone(),
            _ => String::new(),
        };
        Ok(match name {
            "box" => format!("<div class=\"box\">\n{body}</div>\n"),
            "star" => format!("*{label}*"),
            _ => format!("<kbd>{label}</kbd>"),
        })
    }
}

fn html(markdown: &str) -> String {
    render(markdown, &MarkdownOptions { shortcodes: Some(&Fake), ..MarkdownOptions::default() }).html
}

#[test]
fn a_body_stays_markdown_of_the_page() {
    assert_eq!(
        html("{{< box >}}\nSome *text*.\n\n- one\n{{< /box >}}\n"),
        "<div class=\"box\">\n\n<p>Some <em>text</em>.</p>\n<ul>\n<li>one</li>\n</ul>\n</div>\n\n"
    );
}

#[test]
fn inline_calls_stay_in_their_paragraph() {
    assert_eq!(html("Press {{< kbd label=\"Ctrl\" >}} now."), "<p>Press <kbd>Ctrl</kbd> now.</p>\n");
}

#[test]
fn markdown_shortcodes_are_rendered() {
    assert_eq!(html("{{< star label=\"hi\" >}}"), "<p><em>hi</em></p>\n");
}

#[test]
fn escaped_calls_show_as_written() {
    assert_eq!(html("Write {{</* kbd label=\"x\" */>}}."), "<p>Write {{&lt; kbd label=&quot;x&quot; &gt;}}.</p>\n");
}

#[test]
fn calls_in_code_are_text() {
    assert_eq!(html("`{{< kbd >}}`"), "<p><code>{{&lt; kbd &gt;}}</code></p>\n");
}

#[test]
fn without_shortcodes_calls_stay_as_written() {
    let out = render("{{< kbd >}}", &MarkdownOptions::default()).html;
    assert_eq!(out, "<p>{{&lt; kbd &gt;}}</p>\n");
}

#[test]
fn offsets_after_a_call_map_back_to_the_text_as_written() {
    let text = "a {{< kbd\n label=\"x\" >}} b {{</* y */>}} c";
    let options = MarkdownOptions { shortcodes: Some(&Fake), ..MarkdownOptions::default() };
    let expanded = expand(text, &options);
    let c_now = expanded.text.rfind('c').unwrap_or_default();
    assert_eq!(expanded.original_offset(c_now), text.rfind('c').unwrap_or_default());
    let b_now = expanded.text.find(" b ").unwrap_or_default();
    assert_eq!(expanded.original_offset(b_now), text.find(" b ").unwrap_or_default());
    // Inside a marker: the call's start.
    let inside = expanded.text.find("tend-shortcode").unwrap_or_default();
    assert_eq!(expanded.original_offset(inside), 2);
    // The marker keeps the call's line break, so lines stay lines.
    assert_eq!(expanded.text.matches('\n').count(), text.matches('\n').count());
}

#[test]
fn problems_name_the_call() {
    let options = MarkdownOptions { shortcodes: Some(&Fake), ..MarkdownOptions::default() };
    let expanded = expand("x\n{{< kdb >}}\n{{< kbd size=1 >}}\n{{< kbd >}}{{< /kbd >}}\n{{< /box >}}", &options);
    let messages: Vec<(String, usize)> = expanded.problems.iter().map(|(d, at)| (d.message.clone(), *at)).collect();
    let at = |message: &str| messages.iter().find(|(m, _)| m == message).map(|(_, at)| *at);
    assert_eq!(at("unknown shortcode `kdb`"), Some(2));
    assert_eq!(at("the `kbd` shortcode has no argument `size`"), Some(14));
    assert_eq!(at("the `kbd` shortcode takes no body"), Some(33));
    assert_eq!(at("`{{< /box >}}` closes a shortcode that was never opened"), Some(57));
    let unknown = expanded.problems.iter().find(|(d, _)| d.message.contains("kdb"));
    assert_eq!(unknown.and_then(|(d, _)| d.hint.as_deref()), Some("did you mean `kbd`?"));
}

#[test]
fn the_placeholder_splits_the_output() {
    assert!(!BODY_PLACEHOLDER.contains(['<', '>', '&', '"', '\'', ' ']));
}
