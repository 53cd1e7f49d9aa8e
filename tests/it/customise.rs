//! Making the site one's own without copying a template: the header menu
//! from `[[menu]]`, hooks the built-in layout includes, and site templates
//! that extend the built-in ones.

use crate::support::{Site, page};

fn site() -> Site {
    Site::with(&[
        ("content/posts/first.md", &page("title: First\ndate: 2026-01-02", "A post.")),
        ("content/notes/now.md", &page("title: Now", "What I do now.")),
        ("content/about.md", &page("title: About", "Me.")),
    ])
}

/// The header menu's entries, as (text, href, current).
fn menu(html: &str) -> Vec<(String, String, bool)> {
    let start = html.find("<ul class=\"site-menu\">").expect("a menu");
    let end = start + html[start..].find("</ul>").expect("its end");
    html[start..end]
        .split("<li>")
        .skip(1)
        .map(|item| {
            let href = item.split("href=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
            let text = item.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap_or_default();
            (text.to_owned(), href.to_owned(), item.contains("aria-current=\"page\""))
        })
        .collect()
}

#[test]
fn menu_entries_lead_to_site_paths_content_files_and_other_sites_in_weight_order() {
    let site = site();
    site.write(
        "tend.toml",
        "title = \"T\"\nbase_url = \"/blog/\"\n\n\
         [[menu]]\nname = \"Elsewhere\"\nurl = \"https://example.org/\"\nweight = 30\n\n\
         [[menu]]\nname = \"Now\"\nurl = \"notes/now.md\"\nweight = 10\n\n\
         [[menu]]\nname = \"About me\"\nurl = \"/about/\"\nweight = 10\n\n\
         [[menu]]\nname = \"Tags\"\nurl = \"/tags/\"\n",
    );
    site.build(&[]).ok();
    let now = site.output("notes/now/index.html");
    assert_eq!(
        menu(&now),
        [
            ("Tags".to_owned(), "/blog/tags/".to_owned(), false),
            ("Now".to_owned(), "/blog/notes/now/".to_owned(), true),
            ("About me".to_owned(), "/blog/about/".to_owned(), false),
            ("Elsewhere".to_owned(), "https://example.org/".to_owned(), false),
        ]
    );
    let about = site.output("about/index.html");
    assert!(menu(&about).iter().any(|(text, _, current)| text == "About me" && *current), "{:?}", menu(&about));
}

#[test]
fn without_menu_entries_the_sections_are_the_menu() {
    let site = site();
    site.build(&[]).ok();
    let texts: Vec<String> = menu(&site.output("index.html")).into_iter().map(|(text, ..)| text).collect();
    assert_eq!(texts, ["Notes", "Posts"]);
}

#[test]
fn a_menu_entry_that_leads_nowhere_is_an_error_at_its_line() {
    let site = site();
    site.write(
        "tend.toml",
        "title = \"T\"\n\n[[menu]]\nname = \"Gone\"\nurl = \"notes/gone.md\"\n\n[[menu]]\nname = \"\"\nurl = \"/x/\"\n\n\
         [[menu]]\nname = \"Bare\"\nurl = \"about\"\n\n[[menu]]\nname = \"Heavy\"\nurl = \"/\"\nweight = \"a lot\"\ncolour = \"red\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    for (message, line) in [
        ("menu entry `Gone` leads to `notes/gone.md`, which is not a page of the site", 3),
        ("menu entry 2 in tend.toml has an empty `name` or `url`", 7),
        ("menu entry `Bare` has a url tend cannot follow: `about`", 11),
        ("menu entry 4 in tend.toml has a `weight` that is not a whole number", 15),
        ("unknown setting `colour` in menu entry 4 of tend.toml", 15),
    ] {
        let at = stderr.find(message).unwrap_or_else(|| panic!("{message} is not reported:\n{stderr}"));
        assert!(stderr[at..].contains(&format!("tend.toml:{line}:")), "{message} is not at line {line}:\n{stderr}");
    }
}

#[test]
fn hooks_are_included_where_the_layout_says_with_the_pages_context() {
    let site = site();
    site.write("templates/hooks/head.html", "<meta name=\"hook-head\" content=\"{{ canonical }}\">\n");
    site.write("templates/hooks/header.html", "<p class=\"hook-header\">Banner</p>\n");
    site.write("templates/hooks/footer.html", "<p class=\"hook-footer\">{{ site.title }}</p>\n");
    site.write("templates/hooks/body-end.html", "<script src=\"/stats.js\" defer></script>\n");
    site.build(&[]).ok();
    let html = site.output("posts/first/index.html");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle} missing:\n{html}"));
    assert!(at("<meta name=\"hook-head\" content=\"/posts/first/\">") < at("</head>"));
    assert!(at("</header>") < at("<p class=\"hook-header\">Banner</p>"));
    assert!(at("<p class=\"hook-header\">") < at("<main"));
    assert!(at("<footer class=\"site-footer\">") < at("<p class=\"hook-footer\">My Garden</p>"));
    assert!(at("<p class=\"hook-footer\">") < at("</footer>"));
    assert!(at("<script src=\"/stats.js\" defer></script>") < at("</body>"));
    // Every page has them, the generated ones too.
    assert!(site.output("404.html").contains("hook-head"));
    assert!(site.output("archive/index.html").contains("hook-head"));
}

#[test]
fn a_site_template_extends_the_built_in_one_of_the_same_name() {
    let site = site();
    site.write(
        "templates/base.html",
        "{% extends \"tend/base.html\" %}\n{% block head %}<link rel=\"me\" href=\"https://example.org/@me\">{% endblock %}\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"tend/page.html\" %}\n{% block content %}<p class=\"before\">Hi</p>{{ super() }}{% endblock %}\n",
    );
    site.build(&[]).ok();
    let html = site.output("posts/first/index.html");
    assert!(html.contains("<link rel=\"me\" href=\"https://example.org/@me\">"), "{html}");
    assert!(html.contains("<p class=\"before\">Hi</p>"), "{html}");
    assert!(html.contains("<h1 id=\"first\">First"), "the built-in page is still there: {html}");
    assert!(html.contains("<a class=\"skip-link\""), "and the built-in layout: {html}");
}

#[test]
fn an_error_in_a_built_in_template_named_through_tend_is_placed_in_the_theme() {
    let site = site();
    site.write("templates/page.html", "{% extends \"tend/nothing.html\" %}\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("tend/nothing.html"), "{}", run.stderr);
}

#[test]
fn data_files_reach_every_template_by_name() {
    let site = site();
    site.write("data/books.yaml", "- title: Dune\n  year: 1965\n- title: Solaris\n  year: 1961\n");
    site.write("data/motto.toml", "text = \"Tend, don't build\"\n");
    site.write("data/people/ada.json", "{\"name\": \"Ada\"}\n");
    site.write("data/notes.txt", "not data\n");
    site.write(
        "templates/hooks/footer.html",
        "<ul class=\"books\">{% for book in data.books %}<li>{{ book.title }} ({{ book.year }})</li>{% endfor %}</ul>\
         <p class=\"motto\">{{ data.motto.text }} · {{ data.people.ada.name }}</p>\n",
    );
    site.build(&[]).ok();
    for page in ["index.html", "posts/first/index.html", "404.html"] {
        let html = site.output(page);
        assert!(html.contains("<li>Dune (1965)</li><li>Solaris (1961)</li>"), "{page}: {html}");
        assert!(html.contains("<p class=\"motto\">Tend, don&#39;t build · Ada</p>"), "{page}: {html}");
    }
}

#[test]
fn a_data_file_that_cannot_be_read_is_an_error_at_its_line_and_column() {
    let site = site();
    site.write("data/books.yaml", "- title: Dune\n  year: [1965\n");
    site.write("data/motto.toml", "text = \n");
    site.write("data/links.json", "{\"a\": 1,\n \"b\": }\n");
    site.write("data/people.toml", "ada = 1\n");
    site.write("data/people.json", "{}\n");
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    for expected in [
        "data/books.yaml is not valid YAML",
        "data/motto.toml is not valid TOML",
        "--> data/motto.toml:1:8",
        "data/links.json is not valid JSON",
        "--> data/links.json:2:7",
        "data/people.toml is a second file for `data.people`",
    ] {
        assert!(stderr.contains(expected), "{expected} is not in:\n{stderr}");
    }
    assert!(stderr.contains("--> data/books.yaml:"), "{stderr}");
}

#[test]
fn theme_settings_change_colours_fonts_and_width_and_add_stylesheets() {
    let site = site();
    site.write(
        "tend.toml",
        "title = \"T\"\n\n[theme]\naccent = \"#7A2E8C\"\naccent_dark = \"#d9a7e6\"\nfont_body = \"Iowan Old Style, serif\"\n\
         font_headings = \"Avenir Next, sans-serif\"\nwidth = \"72ch\"\ncss = [\"css/site.css\"]\n",
    );
    site.write("static/css/site.css", ".site-title { letter-spacing: 0.1em; }\n");
    site.build(&[]).ok();
    let html = site.output("posts/first/index.html");
    let link = |stem: &str| {
        let at = html.find(&format!("href=\"/{stem}.")).unwrap_or_else(|| panic!("no {stem} stylesheet: {html}"));
        let end = at + html[at..].find("\">").expect("end");
        (at, html[at + "href=\"/".len()..end].to_owned())
    };
    let ((theme_at, theme_css), (own_at, own_css)) = (link("style"), link("css/site"));
    assert!(theme_at < own_at, "the site's stylesheet comes after the theme's");
    assert_eq!(site.output(&own_css), ".site-title { letter-spacing: 0.1em; }\n");
    let css = site.output(&theme_css);
    for rule in [
        "--accent: #7a2e8c;",
        "--font-text: Iowan Old Style, serif;",
        "--font-headings: Avenir Next, sans-serif;",
        "--measure: 72ch;",
        "@media (prefers-color-scheme: dark) { :root:not([data-scheme=\"light\"]) { --accent: #d9a7e6;",
        ":root[data-scheme=\"dark\"] { --accent: #d9a7e6;",
    ] {
        assert!(css.contains(rule), "{rule} is not in the stylesheet");
    }
}

#[test]
fn an_accent_without_contrast_is_refused_with_its_ratio() {
    let site = site();
    site.write("tend.toml", "title = \"T\"\n\n[theme]\naccent = \"#9fd1b2\"\ncss = [\"gone.css\"]\n");
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    assert!(stderr.contains("`accent` in [theme] of tend.toml `#9fd1b2` has a contrast of 1.6"), "{stderr}");
    assert!(stderr.contains(":1 with the background (#fdfcf8); text needs 4.5:1"), "{stderr}");
    assert!(stderr.contains("tend.toml:4:"), "{stderr}");
    assert!(stderr.contains("cannot read static/gone.css, which [theme] css lists"), "{stderr}");
    assert!(stderr.contains("tend.toml:5:"), "{stderr}");
}

#[test]
fn the_light_dark_toggle_is_a_small_script_in_the_head_when_asked_for() {
    let site = site();
    site.build(&[]).ok();
    assert!(!site.output("index.html").contains("scheme."), "off by default: no script");
    assert!(!site.output_files().iter().any(|f| f.starts_with("scheme.")), "no file");
    site.write("tend.toml", "title = \"T\"\n\n[theme]\ntoggle = true\n");
    site.build(&[]).ok();
    let html = site.output("index.html");
    let at = html.find("<script src=\"/scheme.").expect("the toggle's script");
    assert!(at < html.find("</head>").expect("head"), "loaded before the page is drawn");
    assert!(!html[at..html[at..].find('>').map_or(at, |end| at + end)].contains("defer"), "not deferred");
    assert!(html.contains("<button type=\"button\" class=\"scheme-toggle\""), "{html}");
    assert!(site.output_files().iter().any(|f| f.starts_with("scheme.") && f.ends_with(".js")));
}
