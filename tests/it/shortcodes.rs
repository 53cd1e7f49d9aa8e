//! Shortcodes: `{{< name key="value" >}}` calls a template from
//! `templates/shortcodes/` (or a built-in one), `{{< name >}} … {{< /name >}}`
//! gives it a body of Markdown.

use crate::support::{Site, main_element, page};

const BUILT_INS: &str = r#"Intro.

{{< video youtube="dQw4w9WgXcQ" title="A talk on gardens" start=30 >}}

{{< details summary="Why plant in autumn?" >}}
Because the *roots* grow[^1] over winter.
{{< /details >}}

{{< aside title="By the way" >}}
See [[Other]].
{{< /aside >}}

{{< figure src="photo.svg" alt="A [small] photo" caption="The plot in \"May\"" >}}

[^1]: Slowly.
"#;

const PHOTO: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"></svg>"#;

#[test]
fn built_in_shortcodes_render_in_place() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", BUILT_INS)),
        ("content/other.md", &page("title: Other", "Text.")),
        ("content/photo.svg", PHOTO),
    ]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    let main = main_element(&html);
    let script = main.find("/video.").map_or("", |at| &main[at..at + "/video.12345678.js".len()]);
    insta::assert_snapshot!(main.replace(script, "/video.[HASH].js"));
    // The aside's body is Markdown of the page: its wikilink is a backlink.
    assert!(site.output("other/index.html").contains("links-to-this-page"), "backlink from inside a shortcode");
}

#[test]
fn a_video_sends_nothing_to_its_host_until_played() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "{{< video vimeo=\"76979871\" title=\"A film\" >}}")),
        ("content/b.md", &page("title: B", "No video here.")),
    ]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert!(!html.contains("<iframe"), "no player before a click");
    // Only a link and a data attribute name the host: nothing a browser
    // loads by itself.
    for attribute in [" src=\"http", " srcset=\"http", "rel=\"preconnect", "rel=\"dns-prefetch"] {
        assert!(!html.contains(attribute), "{attribute} in {html}");
    }
    assert!(html.contains("href=\"https://vimeo.com/76979871\""), "{html}");
    assert!(html.contains("data-video-embed=\"https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1\""));
    assert!(html.contains("<script src=\"/video."), "the player script on the page with a video");
    assert!(!site.output("b/index.html").contains("/video."), "and only there");
}

#[test]
fn a_local_video_plays_in_the_page() {
    let site = Site::with(&[
        ("content/walk/index.md", &page("title: Walk", "{{< video src=\"walk.mp4\" title=\"The walk\" >}}")),
        ("content/walk/walk.mp4", "not really a video"),
    ]);
    site.build(&[]).ok();
    let html = site.output("walk/index.html");
    assert!(html.contains("<video controls preload=\"none\" src=\"walk.mp4\">"), "{html}");
    assert!(!html.contains("data-video-embed"), "{html}");
}

#[test]
fn a_site_shortcode_takes_arguments_and_a_body_and_overrides_built_ins() {
    let site = Site::with(&[
        (
            "templates/shortcodes/note.html",
            "<div class=\"note note-{{ kind }}\" data-n=\"{{ count + 1 }}\">{{ body }}</div>",
        ),
        ("templates/shortcodes/aside.html", "<p class=\"mine\">{{ text }}</p>"),
        ("templates/shortcodes/sig.md", "— *{{ name }}*, see [[Other]]"),
        (
            "content/a.md",
            &page(
                "title: A",
                "{{< note kind=\"warn\" count=2 >}}\nCareful **now**.\n{{< /note >}}\n\n{{< aside text=\"<b>x</b>\" >}}\n\n{{< sig name=\"Ada\" >}}",
            ),
        ),
        ("content/other.md", &page("title: Other", "Text.")),
    ]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(
        main.contains("<div class=\"note note-warn\" data-n=\"3\">\n<p>Careful <strong>now</strong>.</p>\n</div>"),
        "{main}"
    );
    assert!(main.contains("<p class=\"mine\">&lt;b&gt;x&lt;/b&gt;</p>"), "arguments are escaped: {main}");
    assert!(main.contains("<p>— <em>Ada</em>, see <a href=\"/other/\""), "a Markdown shortcode: {main}");
    assert!(site.output("other/index.html").contains("links-to-this-page"), "its wikilink counts");
}

#[test]
fn calls_in_code_and_escaped_calls_are_shown_as_written() {
    let body = "Write `{{< video >}}` or:\n\n```md\n{{< nope >}}\n```\n\nAlso {{</* aside title=\"x\" */>}} works.";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(main.contains("<code>{{&lt; video &gt;}}</code>"), "{main}");
    assert!(main.contains("{{&lt; nope &gt;}}"), "{main}");
    assert!(main.contains("Also {{&lt; aside title=&quot;x&quot; &gt;}} works."), "{main}");
}

#[test]
fn bad_calls_are_errors_with_file_and_line_and_the_last_output_stays() {
    let site = Site::with(&[("content/a.md", &page("title: A", "Fine."))]);
    site.build(&[]).ok();
    let before = site.output("a/index.html");
    let body = "Text.\n\n{{< vidoe youtube=\"x\" title=\"t\" >}}\n\n{{< video youtube=\"x\" >}}\n\n{{< details summary=\"s\" colour=\"red\" >}}\nBody\n{{< /details >}}\n\n{{< aside title=a=b >}}\n\n{{< figure src=\"p.png\" alt=\"p\" >}}\n{{< /figure >}}\n\n{{< /aside >}}\n";
    site.write("content/a.md", &page("title: A", body));
    site.write("content/_index.md", &page("title: Home", "Hello {{< hello >}}"));
    let run = site.build(&[]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr_redacted(&site));
    assert_eq!(site.output("a/index.html"), before, "the previous output is untouched");
}

#[test]
fn lines_after_a_long_call_are_still_counted_right() {
    let body = "{{< video\n  youtube=\"x\"\n  title=\"t\"\n>}}\n\nSee [[Nowhere]].";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    let run = site.build(&[]);
    run.ok();
    // The body starts on line 5 of the file; the link is on its line 6.
    assert!(run.stderr.contains("content/a.md:10:5"), "{}", run.stderr);
}

/// A Markdown shortcode may write an embed: the note it names is still
/// there to embed (the build keeps every page's Markdown until all are
/// rendered whenever a page or a shortcode call could embed one).
#[test]
fn a_markdown_shortcode_can_embed_a_note() {
    let site = Site::with(&[
        ("templates/shortcodes/include.md", "![[{{ note }}]]\n"),
        ("content/a.md", &page("title: A", "Before.\n\n{{< include note=\"Other\" >}}\n\nAfter.")),
        ("content/other.md", &page("title: Other", "The other note's own words.")),
    ]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert!(html.contains("The other note’s own words."), "{}", main_element(&html));
}
