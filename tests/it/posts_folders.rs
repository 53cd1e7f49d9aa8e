//! Issue 18: other generators' posts folders build as they are: Eleventy's
//! JSON and JavaScript front matter and data files, Hugo's and Jekyll's
//! bundles named after their folder.

use crate::support::Site;

#[test]
fn json_front_matter_is_read() {
    let site = Site::with(&[(
        "content/posts/a.md",
        "---json\n{\n  \"title\": \"From JSON\",\n  \"date\": \"2025-03-04\",\n  \"tags\": [\"eleventy\"]\n}\n---\n\nThe body.\n",
    )]);
    let run = site.build(&[]);
    run.ok();
    let html = site.output("posts/a/index.html");
    assert!(html.contains("From JSON") && html.contains("datetime=\"2025-03-04\""), "{html}");
    assert!(!html.contains("&quot;title&quot;"), "the front matter is not shown as text");
    assert!(site.has_output("tags/eleventy/index.html"));
}

#[test]
fn broken_json_front_matter_names_its_line() {
    let site = Site::with(&[("content/a.md", "---json\n{\n  \"title\": \"A\",\n  \"date\" \"2025\"\n}\n---\nText\n")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("front matter is not valid JSON") && run.stderr.contains("content/a.md:4"),
        "{}",
        run.stderr
    );
}

#[test]
fn javascript_front_matter_leaves_the_page_out_with_a_warning() {
    let site = Site::with(&[
        ("content/js.md", "---js\n{\n  title: \"Computed\",\n  eleventyComputed: { x: d => d }\n}\n---\n\nBody.\n"),
        ("content/other.md", "Another page."),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("content/js.md:1") && run.stderr.contains("JavaScript"), "{}", run.stderr);
    assert!(!site.has_output("js/index.html"), "not published with its code shown as text");
    assert!(site.has_output("other/index.html"));
}

#[test]
fn a_bundle_named_after_its_folder_publishes_at_the_folders_url() {
    let site = Site::with(&[
        ("content/posts/trip/trip.md", "---\ntitle: The trip\ndate: 2025-05-06\n---\n\n![The road](road.png)\n"),
        ("content/posts/trip/road.png", "png"),
        ("content/posts/other.md", "---\ndate: 2025-01-01\n---\nText.\n"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(site.has_output("posts/trip/index.html") && site.has_output("posts/trip/road.png"));
    assert!(site.output("posts/trip/index.html").contains("src=\"road.png\""));
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_relative_image_that_would_break_is_a_warning_at_its_line() {
    let site = Site::with(&[("content/posts/a.md", "Text.\n\n![A map](maps/missing.png)\n")]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("content/posts/a.md:3"), "{}", run.stderr);
}

#[test]
fn generator_data_files_are_not_published() {
    let site = Site::with(&[
        ("content/posts/a.md", "Text."),
        ("content/posts/posts.11tydata.js", "module.exports = {};"),
        ("content/posts/posts.json", "{\"layout\": \"post.njk\"}"),
        ("content/_data/site.json", "{}"),
        ("content/_includes/layout.njk", "{{ content }}"),
        ("content/posts/notes.json", "{\"kept\": true}"),
    ]);
    site.build(&[]).ok();
    let files = site.output_files();
    for data in ["11tydata", "posts/posts.json", "_data", "_includes"] {
        assert!(!files.iter().any(|f| f.contains(data)), "{data} in {files:#?}");
    }
    assert!(files.contains(&"posts/notes.json".to_owned()), "other files are copied: {files:#?}");
}

#[test]
fn check_fails_on_broken_links_and_anchors_but_not_on_notes_to_write() {
    let site =
        Site::with(&[("content/a.md", "A [[Note to write]] and [[b#Nowhere]].\n"), ("content/b.md", "## Somewhere\n")]);
    let run = site.tend(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error: link to `/b/#nowhere`, but that page has no `#nowhere`"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: link to a missing note `Note to write`"), "{}", run.stderr);
    site.write("content/a.md", "A [[Note to write]] and [[b#Somewhere]].\n");
    site.tend(&["check"]).ok();
    site.tend(&["check", "--deny", "warnings"]).expect_code(1);
}

#[test]
fn hugo_shortcodes_build_as_hugo_reads_them() {
    let post = "---\ntitle: A\ndate: 2024-01-02\n---\nSee [the other]({{< relref \"b.md\" >}}) and [its part]({{< ref \"b#part-two\" >}}).\n\n{{< highlight go \"linenos=table\" >}}\npackage main\n{{< /highlight >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< x user=\"someone\" id=\"123\" >}}\n\n{{< gist spf13 7896402 >}}\n\n{{< theme-thing colour=red >}}\nKept body.\n\n[[menus.main]]\nweight = 1\n{{< /theme-thing >}}\n";
    let site = Site::with(&[
        ("content/posts/a.md", post),
        ("content/posts/b.md", "---\ntitle: B\ndate: 2024-01-01\n---\n## Part two\n"),
    ]);
    let run = site.build(&[]);
    run.ok();
    let html = site.output("posts/a/index.html");
    assert!(
        html.contains(r#"<a href="/posts/b/">the other</a>"#)
            && html.contains(r#"<a href="/posts/b/#part-two">its part</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<pre tabindex="0" data-lang="go"><code class="language-go">"#), "{html}");
    assert!(html.contains("data-video-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"), "{html}");
    assert!(html.contains(r#"<a class="embed-card" href="https://x.com/someone/status/123">"#), "{html}");
    assert!(html.contains(r#"href="https://gist.github.com/spf13/7896402""#), "{html}");
    assert!(html.contains("<p>Kept body.</p>") && !html.contains("theme-thing"), "{html}");
    assert!(
        run.stderr.contains("warning: unknown shortcode `theme-thing`") && run.stderr.contains("content/posts/a.md:17"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning").count(), 1, "{}", run.stderr);
}

#[test]
fn hugos_figure_titled_video_and_inline_shortcodes() {
    let post = "Text.\n\n{{< youtube id=\"abc\" title=\"My talk\" >}}\n\n{{< figure src=\"x.png\" title=\"The harbour\" link=\"/big/\" width=\"300\" >}}\n\n{{< year.inline >}}\n{{ now.Year }}\n{{< /year.inline >}}\n\nAfter.\n";
    let site = Site::with(&[("content/a.md", post), ("content/x.png", "png")]);
    let run = site.build(&[]);
    run.ok();
    let html = site.output("a/index.html");
    assert!(html.contains("the video “My talk”"), "{html}");
    assert!(html.contains(r#"alt="The harbour""#) && html.contains("<figcaption>The harbour</figcaption>"), "{html}");
    assert!(!html.contains("now.Year") && html.contains("<p>After.</p>"), "{html}");
    assert!(
        run.stderr.contains("`year.inline` is a Hugo inline shortcode") && run.stderr.contains("content/a.md:7"),
        "{}",
        run.stderr
    );
}

#[test]
fn tweet_is_hugos_old_name_for_x() {
    let site = Site::with(&[("content/a.md", "{{< tweet user=\"someone\" id=\"7\" >}}\n")]);
    site.build(&[]).ok();
    assert!(site.output("a/index.html").contains(r#"<a class="embed-card" href="https://x.com/someone/status/7">"#));
}

#[test]
fn raw_html_links_to_markdown_files_and_notes_embedded_as_images() {
    let site = Site::with(&[
        ("content/blog/first.md", "## Traces\n\nThe first post."),
        (
            "content/blog/second.md",
            "<a href=\"/blog/first.md\">First</a> and <a href='first.md#traces'>its traces</a>.\n\n![](first.md#Traces)\n",
        ),
    ]);
    let run = site.build(&[]);
    run.ok();
    let html = site.output("blog/second/index.html");
    assert!(
        html.contains(r#"<a href="/blog/first/">First</a>"#) && html.contains("<a href='/blog/first/#traces'>"),
        "{html}"
    );
    assert!(html.contains(r#"<div class="embed">"#) && html.contains("The first post."), "{html}");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site.tend(&["check"]).ok();
}
