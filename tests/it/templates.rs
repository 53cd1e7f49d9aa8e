//! Template overrides and template errors.

use crate::support::{Site, page};

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        ("templates/page.html", "<p>{{ page.title }}: {{ page.content | safe }}</p>"),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("a/index.html"), "<p>A: <p>Body</p>\n</p>");
    // The other built-in templates are still used.
    assert!(site.output("index.html").contains("Skip to content"));
}

#[test]
fn overrides_can_extend_the_built_in_base() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ page.title }}</p>{% endblock %}",
        ),
    ]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert!(html.contains("<p class=\"mine\">A</p>") && html.contains("Skip to content"), "{html}");
}

#[test]
fn syntax_error_names_the_template_file_and_line() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        ("templates/page.html", "<h1>{{ page.title }}</h1>\n{% if page.title %}\n<p>unclosed\n"),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr_redacted(&site));
}

#[test]
fn a_block_left_open_is_named_where_it_opens() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<p>x</p>\n{% for tag in page.tags %}\n<p>{{ tag }}</p>\n{% endblock %}\n",
        ),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr_redacted(&site));
}

#[test]
fn an_undefined_value_is_named_with_what_it_was_probably_meant_to_be() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}<p>{{ page.titel }}</p>{% endblock %}\n",
        ),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr_redacted(&site));
}

#[test]
fn a_missing_include_names_the_template_and_where_it_is_asked_for() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{% include \"partials/card.html\" %}\n{% endblock %}\n",
        ),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr_redacted(&site));
}

#[test]
fn undefined_variable_names_the_template_line_once() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", "Body")),
        ("content/b.md", &page("title: B", "Body")),
        ("templates/page.html", "line one\n{{ page.nonexistent.deeper }}\n"),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr_redacted(&site));
}

#[test]
fn missing_template_named_in_front_matter() {
    let site = Site::with(&[("content/a.md", &page("title: A\ntemplate: fancy.html", "Body"))]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("template \"fancy.html\" does not exist"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:3:1"), "{}", run.stderr);
}

#[test]
fn custom_template_from_front_matter() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A\ntemplate: wide.html", "Body")),
        ("templates/wide.html", "wide {{ page.title }}"),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("a/index.html"), "wide A");
}

#[test]
fn date_filter_formats_dates() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A\ndate: 2025-10-31", "Body")),
        ("templates/page.html", "{{ page.date | date(\"%d %b %Y\") }}"),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("a/index.html"), "31 Oct 2025");
}
