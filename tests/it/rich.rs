//! Rich content: tables of contents, and the other things technical
//! writers need rendered at build time.

use crate::support::{Site, page};

const HEADINGS: &str = "Intro.\n\n## First part\n\nText.\n\n### A detail\n\nMore.\n\n## Second part\n\nEnd.";

fn toc_of(html: &str) -> Option<String> {
    let start = html.find("<nav class=\"toc\"")?;
    let end = start + html[start..].find("</nav>")? + "</nav>".len();
    Some(html[start..end].to_owned())
}

#[test]
fn toc_true_shows_a_nested_table_of_contents() {
    let site = Site::with(&[("content/a.md", &page("title: A\ntoc: true", HEADINGS))]);
    site.build(&[]).ok();
    let toc = toc_of(&site.output("a/index.html")).expect("a toc");
    insta::assert_snapshot!(toc);
}

#[test]
fn a_site_default_turns_the_toc_on_and_front_matter_still_wins() {
    let site = Site::with(&[
        ("tend.toml", "toc = true\n"),
        ("content/a.md", &page("title: A", HEADINGS)),
        ("content/b.md", &page("title: B\ntoc: false", HEADINGS)),
        ("content/c.md", &page("title: C", "No headings at all.")),
    ]);
    site.build(&[]).ok();
    assert!(toc_of(&site.output("a/index.html")).is_some(), "site default");
    assert!(toc_of(&site.output("b/index.html")).is_none(), "toc: false wins");
    assert!(toc_of(&site.output("c/index.html")).is_none(), "nothing to list");
    let off = Site::with(&[("content/a.md", &page("title: A", HEADINGS))]);
    off.build(&[]).ok();
    assert!(toc_of(&off.output("a/index.html")).is_none(), "off unless asked");
}

#[test]
fn every_template_can_read_the_toc() {
    let site = Site::with(&[
        (
            "templates/page.html",
            "{% for h in page.toc %}[{{ h.title }}#{{ h.id }}:{{ h.children | length }}]{% endfor %}",
        ),
        ("content/a.md", &page("title: A", HEADINGS)),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("a/index.html"), "[First part#first-part:1][Second part#second-part:0]");
}

#[test]
fn math_becomes_mathml_and_prices_stay_prices() {
    let body = "Euler: $e^{i\\pi} + 1 = 0$.\n\n$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$\n\nIt cost $5, or $10 with tax.\n\nSet `$PATH` and `$HOME`.\n\n```sh\necho $HOME $USER\n```";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let main = crate::support::main_element(&site.output("a/index.html"));
    assert_eq!(main.matches("<math").count(), 2, "{main}");
    assert!(main.contains("<math display=\"block\""), "{main}");
    assert!(main.contains("It cost $5, or $10 with tax."), "{main}");
    assert!(main.contains("<code>$PATH</code>"), "{main}");
    assert!(main.contains("$HOME"), "{main}");
    // No script, no stylesheet from elsewhere: the browser draws MathML.
    assert!(!main.contains("<script"), "{main}");
    let start = main.find("<p>Euler").expect("paragraph");
    insta::assert_snapshot!(&main[start..start + main[start..].find("</p>").expect("end") + 4]);
}

#[test]
fn math_source_is_escaped_in_the_page_and_the_feeds() {
    let body = "Less: $a<b$ and $a > b$.\n\nHostile: $x <img src=x onerror=alert(1)> y$.\n\n$$\n\\text{</annotation><script>alert(2)</script>}\n$$";
    let site = Site::with(&[
        ("tend.toml", "base_url = \"https://example.org/\""),
        ("content/posts/a.md", &page("title: A\ndate: 2025-01-02", body)),
    ]);
    site.build(&[]).ok();
    for file in ["posts/a/index.html", "feed.xml", "posts/feed.xml", "feed.json"] {
        let text = site.output(file);
        assert!(!text.contains("<img src=x") && !text.contains("<script>alert"), "{file}: {text}");
    }
    let main = crate::support::main_element(&site.output("posts/a/index.html"));
    assert!(main.contains("<annotation encoding=\"application/x-tex\">a&lt;b</annotation>"), "{main}");
    assert!(main.contains("x &lt;img src=x onerror=alert(1)&gt; y</annotation>"), "{main}");
    assert_eq!(main.matches("<math").count(), 4, "{main}");
    assert_eq!(main.matches("</annotation>").count(), 4, "{main}");
}

#[test]
fn invalid_latex_warns_at_its_line_and_shows_the_source() {
    let site = Site::with(&[("content/a.md", &page("title: A", "Fine.\n\nBroken: $\\frac{1}\\nosuchcommand$ here."))]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("warning: this math is not valid LaTeX"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:7:9"), "{}", run.stderr);
    let html = site.output("a/index.html");
    assert!(html.contains("Broken: <code class=\"math-error\">$\\frac{1}\\nosuchcommand$</code> here."), "{html}");
}

#[test]
fn footnotes_are_also_sidenotes_for_wide_screens() {
    let body = "A claim.[^src] A list.[^list] Again.[^src]\n\n[^src]: See [the paper](https://example.org/) for *more*.\n\n[^list]: Two points:\n    - one\n    - two";
    let site = Site::with(&[
        ("tend.toml", "base_url = \"https://example.org/\"\n"),
        ("content/a.md", &page("title: A\ndate: 2025-01-02", body)),
    ]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    // One sidenote, after the first reference, out of the accessibility tree
    // and the tab order; the footnote made of a list stays at the end only.
    assert_eq!(html.matches("class=\"sidenote\"").count(), 1, "{html}");
    assert!(
        html.contains("Footnote 1\">1</a></sup><span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-number\">1</span>See <a tabindex=\"-1\" href=\"https://example.org/\">the paper</a> for <em>more</em>.</span> A list."),
        "{html}"
    );
    assert!(html.contains("<section class=\"footnotes\""), "the list stays: {html}");
    // Feed readers have no stylesheet to hide them.
    let feed = site.output("feed.xml");
    assert!(feed.contains("the paper"), "{feed}");
    assert!(!feed.contains("sidenote"), "{feed}");
}

#[test]
fn private_use_characters_in_the_text_are_kept() {
    let body = "Icon \u{e000}1\u{e001} here.[^a]\n\n[^a]: Note.";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert!(html.contains("Icon \u{e000}1\u{e001} here."), "{html}");
    assert!(!html.contains("class=\"sidenote\""), "{html}");
}

#[test]
fn external_links_are_marked_when_asked() {
    let body = "[Out](https://other.example/page \"Elsewhere\"), [home](https://example.org/blog/a/), [inside](/a/) and <https://other.example/bare>.";
    let files = |config: &str| {
        Site::with(&[
            ("tend.toml", config),
            ("content/_index.md", &page("title: Home", body)),
            ("content/a.md", &page("title: A", body)),
        ])
    };
    let site = files("base_url = \"https://example.org/blog/\"\nmark_external_links = true\n");
    site.build(&[]).ok();
    for html in [site.output("a/index.html"), site.output("index.html")] {
        assert!(
            html.contains(
                "<a class=\"external\" rel=\"noopener\" href=\"https://other.example/page\" title=\"Elsewhere\">Out</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<a class=\"external\" rel=\"noopener\" href=\"https://other.example/bare\">"), "{html}");
        assert!(html.contains("<a href=\"https://example.org/blog/a/\">home</a>"), "own site: {html}");
        assert!(html.contains("<a href=\"/blog/a/\">inside</a>"), "{html}");
    }
    let plain = files("base_url = \"https://example.org/blog/\"\n");
    plain.build(&[]).ok();
    let html = plain.output("a/index.html");
    assert!(
        html.contains("<a href=\"https://other.example/page\" title=\"Elsewhere\">Out</a>"),
        "off by default: {html}"
    );
    assert!(!html.contains("class=\"external\""), "{html}");
}

#[test]
fn a_titled_image_alone_in_its_paragraph_is_a_figure() {
    let body = "![A heap](heap.png \"The heap in *May*\")\n\nText with ![icon](heap.png \"inline\") inside.\n\n![Plain](heap.png)";
    let site =
        Site::with(&[("content/a/index.md", &page("title: A", body)), ("content/a/heap.png", "not really a png")]);
    site.build(&[]).ok();
    let main = crate::support::main_element(&site.output("a/index.html"));
    assert!(
        main.contains("<figure><img src=\"heap.png\" alt=\"A heap\" loading=\"lazy\" decoding=\"async\"><figcaption>The heap in *May*</figcaption></figure>"),
        "{main}"
    );
    assert_eq!(main.matches("<figure>").count(), 1, "only the image alone with a title: {main}");
    assert!(main.contains("<p>Text with <img src=\"heap.png\" alt=\"icon\""), "{main}");
}
