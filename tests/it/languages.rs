//! A site in several languages: `[languages.xx]` in tend.toml, a page's
//! translation beside it as `name.xx.md`, each language under its folder
//! with its own lists, tags, feeds, search and garden, translations linked
//! by `hreflang`, a switcher and the sitemap, and links that find the note
//! in their own language first.

use crate::support::{Site, page};

const SETTINGS: &str = r#"title = "My Garden"
language = "en"
base_url = "https://example.org/"

[languages.fr]
title = "Mon jardin"
description = "Des notes en français"

[languages.de]
title = "Mein Garten"
path = "deutsch"
"#;

/// English, French and German: `about` in all three, `hello` in English
/// and French and, under another name, German; `only-english` in
/// English alone.
fn three_languages() -> Site {
    let site = Site::with(&[
        ("tend.toml", SETTINGS),
        ("content/about.md", &page("title: About", "I write about [[Hello]] and [[Only English]].")),
        ("content/about.fr.md", &page("title: À propos", "J'écris sur [[Hello]] et [[Only English]].")),
        ("content/about.de.md", &page("title: Über mich", "Ich schreibe über [[Hello]].")),
        (
            "content/posts/hello.md",
            &page("title: Hello\ndate: 2025-10-31\ntags: [greeting]", "Hello world, see [[About]]."),
        ),
        (
            "content/posts/hello.fr.md",
            &page("title: Bonjour\ndate: 2025-10-31\ntags: [salutation]", "Bonjour le monde, voir [[About]]."),
        ),
        (
            "content/posts/hallo-welt.de.md",
            &page("title: Hallo Welt\ndate: 2025-10-31\ntranslationKey: posts/hello", "Hallo Welt."),
        ),
        ("content/posts/only-english.md", &page("title: Only English\ndate: 2025-11-02", "Just English.")),
        ("content/trip/index.md", &page("title: Trip", "![a photo](photo.png)")),
        ("content/trip/index.fr.md", &page("title: Voyage", "![une photo](photo.png)")),
    ]);
    site.write_bytes("content/trip/photo.png", b"not really a png");
    site.write_bytes("static/robots-free.txt", b"static");
    site
}

#[test]
fn each_language_is_a_site_under_its_folder() {
    let site = three_languages();
    let run = site.build(&[]);
    run.ok();
    let home = |path: &str| site.output(path);
    assert!(home("index.html").contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(home("fr/index.html").contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(home("fr/index.html").contains("Mon jardin"));
    assert!(home("fr/index.html").contains("Des notes en français"));
    assert!(home("deutsch/index.html").contains("Mein Garten"));
    assert!(!site.has_output("de/index.html"));
    // The theme speaks each language.
    assert!(home("fr/posts/hello/index.html").contains("31 octobre 2025"));
    assert!(home("deutsch/posts/hallo-welt/index.html").contains("31. Oktober 2025"));
    // Tags, feeds, search and the archive per language.
    assert!(site.has_output("fr/tags/salutation/index.html"));
    assert!(!site.has_output("fr/tags/greeting/index.html"));
    assert!(site.has_output("tags/greeting/index.html"));
    let feed = site.output("fr/feed.xml");
    assert!(feed.contains("Bonjour") && !feed.contains("Only English"), "{feed}");
    assert!(feed.contains("https://example.org/fr/posts/hello/"));
    assert!(!site.output("feed.xml").contains("Bonjour"));
    assert!(site.output("fr/archive/index.html").contains("Bonjour"));
    assert!(!site.output("fr/archive/index.html").contains("Only English"));
    let terms: Vec<String> = site.output_files().into_iter().filter(|f| f.starts_with("fr/search/terms/")).collect();
    let french: String = terms.iter().map(|f| site.output(f)).collect();
    assert!(french.contains("bonjour") && !french.contains("world"), "{terms:?}");
    // The page's pages in the language's own folder; `static/` once.
    assert!(site.has_output("trip/photo.png") && site.has_output("fr/trip/photo.png"));
    assert!(site.has_output("robots-free.txt") && !site.has_output("fr/robots-free.txt"));
}

#[test]
fn translations_name_each_other_and_only_what_exists() {
    let site = three_languages();
    site.build(&[]).ok();
    let about = site.output("fr/about/index.html");
    for (lang, url) in [
        ("en", "https://example.org/about/"),
        ("fr", "https://example.org/fr/about/"),
        ("de", "https://example.org/deutsch/about/"),
    ] {
        assert!(about.contains(&format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\">")), "{lang}");
    }
    assert!(about.contains("<a href=\"/fr/about/\" lang=\"fr\" hreflang=\"fr\" aria-current=\"page\">Français</a>"));
    assert!(about.contains("<a href=\"/deutsch/about/\" lang=\"de\" hreflang=\"de\">Deutsch</a>"));
    assert!(about.contains("<nav class=\"languages\" aria-label=\"Langues\">"));
    // A translation under another name, by its `translationKey`.
    let hello = site.output("posts/hello/index.html");
    assert!(hello.contains("hreflang=\"de\" href=\"https://example.org/deutsch/posts/hallo-welt/\""));
    // A page no other language has offers no switcher.
    let alone = site.output("posts/only-english/index.html");
    assert!(!alone.contains("hreflang") && !alone.contains("class=\"languages\""));
    // The sitemap lists each page's versions; robots.txt every sitemap.
    let sitemap = site.output("fr/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "<loc>https://example.org/fr/about/</loc>\n    <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/about/\"/>"
    ));
    let robots = site.output("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml\n"));
    assert!(robots.contains("Sitemap: https://example.org/fr/sitemap.xml\n"));
    assert!(robots.contains("Sitemap: https://example.org/deutsch/sitemap.xml\n"));
    assert!(!site.has_output("fr/robots.txt"));
}

#[test]
fn links_find_the_note_in_their_own_language_first() {
    let site = three_languages();
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("missing note"), "{}", run.stderr);
    let french = site.output("fr/about/index.html");
    assert!(french.contains("<a href=\"/fr/posts/hello/\">Hello</a>"), "{french}");
    // A note only English has: the English one.
    assert!(french.contains("<a href=\"/posts/only-english/\">Only English</a>"));
    // German has `Hello` under another name.
    assert!(site.output("deutsch/about/index.html").contains("<a href=\"/deutsch/posts/hallo-welt/\">Hello</a>"));
    assert!(site.output("about/index.html").contains("<a href=\"/posts/hello/\">Hello</a>"));
}

#[test]
fn the_garden_grows_in_each_language() {
    let site = three_languages();
    site.build(&[]).ok();
    let bonjour = site.output("fr/posts/hello/index.html");
    let backlinks = &bonjour[bonjour.find("id=\"links-to-this-page\"").expect("backlinks")..];
    assert!(backlinks.contains("/fr/about/") && !backlinks.contains("\"/about/\""), "{backlinks}");
    let graph = site.output("fr/graph.json");
    assert!(graph.contains("/fr/about/") && !graph.contains("\"/about/\""), "{graph}");
}

#[test]
fn a_new_post_in_a_language() {
    let site = three_languages();
    site.tend(&["new", "post", "Un titre", "--lang", "fr"]).ok();
    assert!(site.root().join("content/posts/un-titre.fr.md").is_file());
    site.tend(&["new", "post", "A title", "--lang", "en"]).ok();
    assert!(site.root().join("content/posts/a-title.md").is_file());
    let run = site.tend(&["new", "post", "Un título", "--lang", "es"]);
    run.expect_code(2);
    assert!(run.stderr.contains("the site has no language `es`; its languages are en, fr, de"), "{}", run.stderr);
}

#[test]
fn a_site_of_one_language_keeps_dotted_names() {
    let site = Site::with(&[("content/v1.de.md", &page("title: Version", "Text."))]);
    site.build(&[]).ok();
    assert!(site.has_output("v1-de/index.html"), "{:?}", site.output_files());
}

#[test]
fn wrong_language_tables_are_reported_at_their_lines() {
    let site = Site::with(&[
        (
            "tend.toml",
            "title = \"x\"\n\n[languages.fr]\ntitel = \"Mon\"\npath = \"a/b\"\n\n[languages.deutsch]\ntitle = \"y\"\n",
        ),
        ("content/a.md", &page("title: A", "Text.")),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("unknown setting `titel`"), "{}", run.stderr);
    assert!(run.stderr.contains("tend.toml:4:1"), "{}", run.stderr);
    assert!(run.stderr.contains("`path` in [languages.fr] of tend.toml must be one URL segment"));
    assert!(run.stderr.contains("tend.toml:5:1"));
    assert!(run.stderr.contains("`deutsch` in tend.toml is not a language tag"));
    assert!(run.stderr.contains("tend.toml:7:1"));
}

#[test]
fn a_language_has_its_own_menu_and_folder_pages() {
    let site = Site::with(&[
        (
            "tend.toml",
            "language = \"en\"\n\n[languages.de]\npath = \"deutsch\"\nname = \"Auf Deutsch\"\n[[languages.de.menu]]\nname = \"Über mich\"\nurl = \"about.de.md\"\n[[languages.de.menu]]\nname = \"Beiträge\"\nurl = \"/posts/\"\n",
        ),
        ("content/about.md", &page("title: About", "Me.")),
        ("content/about.de.md", &page("title: Über mich\nslug: ueber", "Ich.")),
        ("content/posts/_index.de.md", &page("title: Beiträge", "Was ich schreibe.")),
        ("content/posts/hello.md", &page("title: Hello\ndate: 2025-01-01", "Hi.")),
        ("content/posts/hello.de.md", &page("title: Hallo\ndate: 2025-01-01", "Hallo.")),
    ]);
    site.build(&[]).ok();
    let home = site.output("deutsch/index.html");
    assert!(home.contains("<li><a href=\"/deutsch/ueber/\">Über mich</a></li>"), "{home}");
    assert!(home.contains("<li><a href=\"/deutsch/posts/\">Beiträge</a></li>"));
    assert!(home.contains(">Auf Deutsch</a>"));
    assert!(!site.output("index.html").contains("Über mich"));
    let list = site.output("deutsch/posts/index.html");
    assert!(list.contains("Was ich schreibe.") && list.contains("Hallo") && !list.contains(">Hello<"), "{list}");
    assert!(site.output("posts/index.html").contains("hreflang=\"de\" href=\"/deutsch/posts/\""));
}

#[test]
fn check_follows_links_between_languages() {
    let site = three_languages();
    let run = site.tend(&["check"]);
    run.ok();
    assert!(run.stdout.contains("no problems found") || run.stderr.contains("no problems found"), "{}", run.stderr);
    // A French page's broken link is found and named at its line.
    site.write("content/broken.fr.md", &page("title: Cassé", "Voir [ici](/fr/nope/) et [là](/fr/about/)."));
    let run = site.tend(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("link to `/fr/nope/`, which the site does not have"), "{}", run.stderr);
    assert!(run.stderr.contains("content/broken.fr.md:5:12"), "{}", run.stderr);
    assert!(!run.stderr.contains("link to `/fr/about/`"), "{}", run.stderr);
}

#[test]
fn a_shared_garden_reaches_across_languages() {
    let site = three_languages();
    site.write("tend.toml", &format!("shared_garden = true\n{SETTINGS}"));
    site.write("content/posts/soil.md", &page("title: Soil\ndate: 2025-01-01\ntags: [earth]", "Soil."));
    site.write("content/posts/humus.md", &page("title: Humus\ndate: 2025-01-02\ntags: [earth]", "Humus."));
    site.write("content/posts/soil.fr.md", &page("title: Le sol\ndate: 2025-01-01", "Le sol."));
    site.build(&[]).ok();
    let section = |html: &str, id: &str| {
        let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no {id}: {html}"));
        html[start..].split("</section>").next().unwrap_or_default().to_owned()
    };
    // A note only English has lists the French note that links to it.
    let alone = section(&site.output("posts/only-english/index.html"), "links-to-this-page");
    assert!(
        alone.contains("<li lang=\"fr\" dir=\"auto\"><a href=\"/fr/about/\" hreflang=\"fr\">À propos</a>"),
        "{alone}"
    );
    // A note lists those that link to its translations, in their languages.
    let hello = section(&site.output("posts/hello/index.html"), "links-to-this-page");
    assert!(hello.contains("<a href=\"/fr/about/\" hreflang=\"fr\">À propos</a>"), "{hello}");
    assert!(hello.contains("<a href=\"/deutsch/about/\" hreflang=\"de\">Über mich</a>"), "{hello}");
    assert!(hello.contains("<a href=\"/about/\">About</a>"), "{hello}");
    // Its translation's related notes that its language lacks.
    let sol = section(&site.output("fr/posts/soil/index.html"), "related-notes");
    assert!(sol.contains("<li lang=\"en\" dir=\"auto\"><a href=\"/posts/humus/\" hreflang=\"en\">Humus</a>"), "{sol}");
    // The graph holds the other language's notes its notes link to.
    let graph = site.output("fr/graph.json");
    assert!(
        graph.contains("{\"id\":\"/posts/only-english/\",\"title\":\"Only English\",\"tags\":[],\"lang\":\"en\"}"),
        "{graph}"
    );
    assert!(graph.contains("{\"source\":\"/fr/about/\",\"target\":\"/posts/only-english/\"}"), "{graph}");
}

#[test]
fn without_a_shared_garden_each_language_keeps_its_own() {
    let site = three_languages();
    site.build(&[]).ok();
    let alone = site.output("posts/only-english/index.html");
    assert!(alone.contains("<a href=\"/about/\">About</a>") && !alone.contains("/fr/about/"), "{alone}");
    assert!(!site.output("fr/graph.json").contains("only-english"));
    // A link that finds its note through the note's translation is a
    // backlink in that language's garden.
    assert!(site.output("deutsch/posts/hallo-welt/index.html").contains("id=\"links-to-this-page\""));
}

#[test]
fn the_not_found_page_is_no_pages_translation() {
    let site = three_languages();
    site.build(&[]).ok();
    for file in ["404.html", "fr/404.html"] {
        let html = site.output(file);
        assert!(!html.contains("hreflang") && !html.contains("class=\"languages\""), "{file}: {html}");
    }
}
