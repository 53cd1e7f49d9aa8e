//! The search index under `search/` and the search page and box that use
//! it. (The browser side is tested in browser-tests/test/search.test.mjs.)

use serde_json::Value;

use crate::support::{Site, page};

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.output(path)).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// The pages holding `word`, as (URL, score), best first, read the way
/// search.js reads them: the longest shard key the word starts with, gaps
/// added up, then the page lists.
fn lookup(site: &Site, word: &str) -> Vec<(String, u64)> {
    let meta = json(site, "search/meta.json");
    let keys: Vec<&str> = meta["shards"].as_array().expect("shards").iter().filter_map(Value::as_str).collect();
    let Some(key) = keys.iter().filter(|k| word.starts_with(**k)).max_by_key(|k| k.len()) else {
        return Vec::new();
    };
    let file: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_string() } else { format!("_{:x}", c as u32) })
        .collect();
    let shard = json(site, &format!("search/terms/{file}.json"));
    let Some(list) = shard[word].as_array() else {
        return Vec::new();
    };
    let chunk = meta["chunk"].as_u64().expect("chunk");
    let mut page = 0;
    let mut found = Vec::new();
    for pair in list.chunks(2) {
        page += pair[0].as_u64().expect("gap");
        let pages = json(site, &format!("search/pages/{}.json", page / chunk));
        let url = pages[(page % chunk) as usize]["url"].as_str().expect("url").to_owned();
        found.push((url, pair[1].as_u64().expect("score")));
    }
    found.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    found
}

fn urls(found: &[(String, u64)]) -> Vec<&str> {
    found.iter().map(|(url, _)| url.as_str()).collect()
}

#[test]
fn every_word_of_a_page_leads_to_it() {
    let site = Site::with(&[
        ("content/notes/_index.md", &page("title: Field notes", "")),
        (
            "content/notes/otters.md",
            &page(
                "title: River otters\ntags: [mammals]\ndescription: Whiskered swimmers",
                "## Diet\n\nMostly crayfish, sometimes `frogs`.",
            ),
        ),
        ("content/about.md", &page("title: About", "Nothing about otters here.")),
    ]);
    site.build(&[]).ok();
    for word in ["river", "mammals", "whiskered", "diet", "crayfish", "frogs"] {
        assert_eq!(urls(&lookup(&site, word)), ["/notes/otters/"], "{word}");
    }
    // Index words are lower-cased.
    assert!(lookup(&site, "River").is_empty());
    let pages = json(&site, "search/pages/0.json");
    let otters = pages.as_array().expect("pages").iter().find(|p| p["url"] == "/notes/otters/").expect("listed");
    assert_eq!(otters["title"], "River otters");
    assert_eq!(otters["section"], "Field notes");
    // A page at the root has no section to show.
    let about = pages.as_array().expect("pages").iter().find(|p| p["url"] == "/about/").expect("listed");
    assert!(about.get("section").is_none(), "{about}");
    assert_eq!(json(&site, "search/meta.json")["pages"], 2);
}

#[test]
fn a_word_in_the_title_outranks_the_same_word_in_passing() {
    let site = Site::with(&[
        ("content/a.md", &page("title: Compost", "How to start a heap.")),
        ("content/b.md", &page("title: Kitchen", "Peelings go to the compost, and the rest to the bin.")),
    ]);
    site.build(&[]).ok();
    assert_eq!(urls(&lookup(&site, "compost")), ["/a/", "/b/"]);
}

#[test]
fn drafts_and_the_sites_chrome_are_not_indexed() {
    let site = Site::with(&[
        ("tend.toml", "title = \"Zanzibar Garden\"\n"),
        ("content/a.md", &page("title: Published", "Visible text.")),
        ("content/b.md", &page("title: Hidden\ndraft: true", "Quetzal sightings.")),
    ]);
    site.build(&[]).ok();
    assert!(lookup(&site, "quetzal").is_empty(), "draft indexed");
    // The site title is on every page, but not in any page's text.
    assert!(lookup(&site, "zanzibar").is_empty(), "chrome indexed");
    assert_eq!(urls(&lookup(&site, "visible")), ["/a/"]);
}

#[test]
fn urls_carry_the_sub_path_of_base_url() {
    let site = Site::with(&[
        ("tend.toml", "base_url = \"https://example.org/blog/\"\n"),
        ("content/a.md", &page("title: A", "Pangolin.")),
    ]);
    site.build(&[]).ok();
    assert_eq!(urls(&lookup(&site, "pangolin")), ["/blog/a/"]);
    let html = site.output("a/index.html");
    assert!(html.contains("<a class=\"search-link\" href=\"/blog/search/\""), "{html}");
    assert!(html.contains("data-index=\"/blog/search/\""), "{html}");
}

#[test]
fn the_search_page_and_dialog_are_there_and_say_what_happens_without_javascript() {
    let site = Site::with(&[("content/a.md", &page("title: A", "Text."))]);
    site.build(&[]).ok();
    let search = site.output("search/index.html");
    assert!(search.contains("<form role=\"search\""), "{search}");
    assert!(search.contains("Search is unavailable without JavaScript."), "{search}");
    // The page has its own box, so no dialog.
    assert!(!search.contains("id=\"search-dialog\""), "{search}");
    let home = site.output("index.html");
    assert!(home.contains("<dialog id=\"search-dialog\""), "{home}");
    let script = site.output_files().into_iter().find(|f| f.starts_with("search.")).expect("search script");
    assert_eq!(script, "search.[HASH].js");
    assert!(site.output("sitemap.xml").contains("/search/"), "the search page is a page");
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::with(&[("tend.toml", "search = false\n"), ("content/a.md", &page("title: A", "Text."))]);
    site.build(&[]).ok();
    assert!(!site.has_output("search/meta.json"));
    assert!(!site.has_output("search/index.html"));
    let html = site.output("a/index.html");
    assert!(!html.contains("search"), "{html}");
}

#[test]
fn search_must_be_true_or_false() {
    let site = Site::with(&[("tend.toml", "search = \"yes\"\n"), ("content/a.md", "Text.")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("`search` in tend.toml must be true or false"), "{}", run.stderr);
}

#[test]
fn a_page_at_search_is_the_search_pages_intro() {
    // Issue 18: a note on a URL tend generates introduces that page.
    let site = Site::with(&[("content/search.md", &page("title: Search me", "Words to find things by."))]);
    let run = site.build(&[]);
    run.ok();
    assert!(site.output("search/index.html").contains("Words to find things by."));
    let deeper = Site::with(&[("content/search/more.md", &page("title: More", "Text."))]);
    let run = deeper.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("claims the URL /search/more/, where tend writes the search page"), "{}", run.stderr);
}

#[test]
fn words_in_most_pages_are_listed_as_common_not_indexed() {
    let mut files: Vec<(String, String)> = (0..60)
        .map(|i| (format!("content/p{i}.md"), page(&format!("title: Page {i}"), &format!("The walrus number w{i}."))))
        .collect();
    files.push(("content/rare.md".to_owned(), page("title: Rare", "The narwhal.")));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    let site = Site::with(&refs);
    site.build(&[]).ok();
    let meta = json(&site, "search/meta.json");
    let common: Vec<&str> = meta["common"].as_array().expect("common").iter().filter_map(Value::as_str).collect();
    assert!(common.contains(&"the") && common.contains(&"walrus"), "{common:?}");
    assert!(lookup(&site, "walrus").is_empty());
    assert_eq!(urls(&lookup(&site, "narwhal")), ["/rare/"]);
    assert_eq!(urls(&lookup(&site, "w17")), ["/p17/"]);
}

#[test]
fn tend_check_writes_no_index() {
    let site = Site::with(&[("content/a.md", &page("title: A", "Text."))]);
    site.tend(&["check"]).ok();
    assert!(!site.root().join("public").exists());
}
