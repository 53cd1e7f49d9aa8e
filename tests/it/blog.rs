//! Blog essentials: tags, series, archive, pagination, feeds, sitemap, head
//! metadata and redirects, on a fixture blog of 32 posts; and a crawl of the
//! whole output for internal links that lead nowhere.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::support::{Site, page};

const TAGS: &[&str] = &["Rust", "writing", "learning", "tools", "walking", "craft", "attention"];

/// 32 dated posts over three years, one a month from January 2024, tags from a pool of seven, two series,
/// a paginated section, an aliased page, a draft and a future post.
fn blog(base_url: &str) -> Site {
    let site = Site::new();
    site.write(
        "tend.toml",
        &format!(
            "title = \"Fixture Blog\"\ndescription = \"A blog for tests.\"\nauthor = \"Ada\"\nlanguage = \"en-GB\"\nbase_url = \"{base_url}\"\nfeed_limit = 10\npaginate_by = 5\n\n[series.\"garden diary\"]\ntitle = \"Garden Diary\"\nclosing = \"Part of my garden diary.\"\n\n[series.rust-notes]\ntitle = \"Rust Notes\"\n"
        ),
    );
    site.write("content/_index.md", &page("title: Home", "Welcome."));
    site.write("content/posts/_index.md", &page("title: Posts\npaginate_by: 10", ""));
    for n in 1..=32 {
        let month = ((n - 1) % 12) + 1;
        let year = 2024 + (n - 1) / 12;
        let tags: Vec<&str> = (0..3).map(|k| TAGS[(n + k * 2) % TAGS.len()]).collect();
        let series = match n {
            3 | 9 | 15 => "\nseries: garden diary",
            4 | 10 => "\nseries: rust-notes",
            _ => "",
        };
        let aliases = if n == 7 { "\naliases: [/2019/old-seven/, /old/seven.html]" } else { "" };
        let front = format!(
            "title: Post {n}\ndate: {year}-{month:02}-{day:02}\ndescription: Number {n}.\ntags: [{}]{series}{aliases}",
            tags.join(", "),
            day = (n % 27) + 1
        );
        let body = format!(
            "Intro of post {n} with a [link to one](/posts/post-1/) and ![a chart](chart.png).\n\n<!-- more -->\n\n## Details\n\nSee [details](#details) and [the archive](/archive/)."
        );
        site.write(&format!("content/posts/post-{n}/index.md"), &page(&front, &body));
        site.write(&format!("content/posts/post-{n}/chart.png"), "not really a png");
    }
    site.write("content/posts/draft.md", &page("title: Draft\ndate: 2025-01-01\ndraft: true\ntags: [secret]", "x"));
    site.write("content/posts/future.md", &page("title: Future\ndate: 2999-01-01\ntags: [secret]", "x"));
    site.write("content/about.md", &page("title: About", "About me. [Home](/)"));
    site
}

fn built(base_url: &str) -> Site {
    let site = blog(base_url);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site
}

#[test]
fn tag_index_and_tag_pages() {
    let site = built("https://example.org/");
    let index = site.output("tags/index.html");
    for tag in TAGS {
        let slug = tag.to_lowercase();
        assert!(index.contains(&format!("<a href=\"/tags/{slug}/\">{tag}</a>")), "{tag}: {index}");
    }
    assert!(!index.contains("secret"), "drafts and future posts carry no tags");
    let rust = site.output("tags/rust/index.html");
    assert!(rust.contains("Tagged “Rust”"));
    // Newest first, five a page.
    let positions: Vec<usize> = ["Post 32", "Post 31"].iter().filter_map(|t| rust.find(&format!(">{t}<"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{rust}");
    assert!(rust.contains("<nav class=\"pagination\" aria-label=\"Pagination\">"), "{rust}");
    assert!(site.has_output("tags/rust/page/2/index.html"));
}

#[test]
fn series_pages_and_closing_lines() {
    let site = built("https://example.org/");
    let diary = site.output("series/garden-diary/index.html");
    let (a, b, c) = (diary.find(">Post 3<"), diary.find(">Post 9<"), diary.find(">Post 15<"));
    assert!(a.is_some() && a < b && b < c, "parts oldest first: {diary}");
    let part = site.output("posts/post-9/index.html");
    assert!(part.contains("<a href=\"/series/garden-diary/\">Part of my garden diary.</a>"), "{part}");
    assert!(part.contains("Previous part</span> <a href=\"/posts/post-3/\" rel=\"prev\">Post 3</a>"), "{part}");
    assert!(part.contains("Next part</span> <a href=\"/posts/post-15/\" rel=\"next\">Post 15</a>"), "{part}");
    let rust = site.output("posts/post-4/index.html");
    assert!(rust.contains("Part 1 of <a href=\"/series/rust-notes/\">Rust Notes</a>."), "{rust}");
    assert!(site.output("series/index.html").contains("Garden Diary"));
}

#[test]
fn archive_groups_by_year_and_month() {
    let site = built("https://example.org/");
    let archive = site.output("archive/index.html");
    let y2025 = archive.find("<h2 id=\"y2025\">").expect("2025");
    let y2024 = archive.find("<h2 id=\"y2024\">").expect("2024");
    assert!(y2025 < y2024);
    assert!(archive.contains("<h3 id=\"m2025-12\">December 2025"), "{archive}");
    assert_eq!(archive.matches("<li><time").count(), 32);
}

#[test]
fn section_pagination_and_neighbours() {
    let site = built("https://example.org/");
    let first = site.output("posts/index.html");
    assert_eq!(first.matches("class=\"page-list-title\"").count(), 10);
    assert!(first.contains("aria-current=\"page\" aria-label=\"Page 1\">1</a>"), "{first}");
    assert!(first.contains("<a href=\"/posts/page/2/\" rel=\"next\" aria-label=\"Next page\">"), "{first}");
    let last = site.output("posts/page/4/index.html");
    assert_eq!(last.matches("class=\"page-list-title\"").count(), 2);
    assert!(last.contains("<title>Posts (page 4) · Fixture Blog</title>"));
    assert!(!site.has_output("posts/page/5/index.html"));
    let post = site.output("posts/post-20/index.html");
    assert!(post.contains("<nav class=\"page-nav\" aria-label=\"More in Posts\">"), "{post}");
}

#[test]
fn summaries_use_the_more_marker_and_reading_time_shows() {
    let site = built("https://example.org/");
    let post = site.output("posts/post-5/index.html");
    assert!(post.contains("min read"));
    let site2 = Site::with(&[(
        "content/posts/a.md",
        &page("title: A\ndate: 2025-01-01", "Before the fold.\n\n<!-- more -->\n\nAfter the fold."),
    )]);
    site2.build(&[]).ok();
    let list = site2.output("posts/index.html");
    assert!(list.contains("<p class=\"page-list-summary\">Before the fold.</p>"), "{list}");
}

#[test]
fn feeds_parse_and_hold_absolute_links() {
    let site = built("https://example.org/");
    for path in ["feed.xml", "posts/feed.xml"] {
        let text = site.output(path);
        let feed = feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!feed.entries.is_empty() && feed.entries.len() <= 10, "{path}");
        let content = feed.entries[0].content.as_ref().and_then(|c| c.body.clone()).expect("content");
        assert!(content.contains("href=\"https://example.org/posts/post-1/\""), "{content}");
        let page_url = &feed.entries[0].links[0].href;
        assert!(content.contains(&format!("src=\"{page_url}chart.png\"")), "{content}");
        assert!(content.contains(&format!("href=\"{page_url}#details\"")), "{content}");
    }
    let atom = feed_rs::parser::parse(site.output("feed.xml").as_bytes()).expect("atom");
    assert_eq!(atom.entries[0].title.as_ref().map(|t| t.content.as_str()), Some("Post 32"));
    assert_eq!(atom.entries.len(), 10);
    for path in ["feed.json", "posts/feed.json", "tags/walking/feed.json"] {
        let text = site.output(path);
        let feed = feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!feed.entries.is_empty(), "{path}");
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    }
    assert!(!site.output("feed.xml").contains("Draft") && !site.output("feed.xml").contains("Future"));
    // A tag's feeds give each page's summary and link, not its content.
    let tag = feed_rs::parser::parse(site.output("tags/rust/feed.xml").as_bytes()).expect("tag atom");
    assert!(!tag.entries.is_empty() && tag.entries.len() <= 10);
    for entry in &tag.entries {
        assert!(entry.content.is_none(), "{entry:?}");
        assert!(entry.summary.as_ref().is_some_and(|s| s.content.starts_with("Number ")), "{entry:?}");
        assert!(entry.links[0].href.starts_with("https://example.org/posts/post-"), "{entry:?}");
    }
    let json: serde_json::Value = serde_json::from_str(&site.output("tags/walking/feed.json")).expect("json");
    let item = &json["items"][0];
    assert!(item["content_html"].is_null(), "{item}");
    assert!(item["content_text"].as_str().is_some_and(|t| t.starts_with("Number ")), "{item}");
}

#[test]
fn every_page_links_its_feeds() {
    let site = built("https://example.org/");
    let post = site.output("posts/post-1/index.html");
    assert!(
        post.contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Fixture Blog (Atom)\" href=\"/feed.xml\">"
        ),
        "{post}"
    );
    assert!(post.contains("type=\"application/feed+json\""));
    let tag = site.output("tags/rust/index.html");
    assert!(tag.contains("href=\"/tags/rust/feed.xml\""), "{tag}");
}

#[test]
fn feeds_false_writes_no_feeds_and_links_none() {
    let site = blog("https://example.org/");
    let config = std::fs::read_to_string(site.root().join("tend.toml")).expect("tend.toml");
    site.write("tend.toml", &config.replace("feed_limit = 10\n", "feed_limit = 10\nfeeds = false\n"));
    site.build(&[]).ok();
    let feeds: Vec<String> = site.output_files().into_iter().filter(|f| f.contains("feed.")).collect();
    assert_eq!(feeds, Vec::<String>::new());
    for path in ["index.html", "posts/index.html", "posts/post-1/index.html", "tags/rust/index.html"] {
        let html = site.output(path);
        assert!(!html.contains("feed.xml") && !html.contains("feed.json"), "{path}: {html}");
    }
    // Everything else is still there.
    assert!(site.has_output("sitemap.xml") && site.has_output("tags/rust/index.html"));
    let bad = Site::with(&[("tend.toml", "feeds = \"no\"\n"), ("content/a.md", "Text.")]);
    let run = bad.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("`feeds` in tend.toml must be true or false"), "{}", run.stderr);
    assert!(run.stderr.contains("tend.toml:1"), "{}", run.stderr);
}

#[test]
fn a_section_with_feed_false_has_no_feeds_of_its_own() {
    let site = blog("https://example.org/");
    site.write("content/posts/_index.md", &page("title: Posts\npaginate_by: 10\nfeed: false", ""));
    site.build(&[]).ok();
    assert!(!site.has_output("posts/feed.xml") && !site.has_output("posts/feed.json"));
    assert!(!site.output("posts/index.html").contains("/posts/feed.xml"));
    assert!(site.has_output("feed.xml") && site.has_output("tags/rust/feed.xml"));
}

fn sitemap_locs(site: &Site) -> Vec<(String, Option<String>)> {
    let text = site.output("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("url"))
        .map(|url| {
            let child =
                |name: &str| url.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).map(str::to_owned);
            (child("loc").expect("loc"), child("lastmod"))
        })
        .collect()
}

#[test]
fn sitemap_lists_every_public_page_once() {
    let site = built("https://example.org/");
    let locs = sitemap_locs(&site);
    let unique: HashSet<&String> = locs.iter().map(|(l, _)| l).collect();
    assert_eq!(unique.len(), locs.len(), "no duplicates");
    assert!(locs.iter().all(|(l, _)| l.starts_with("https://example.org/")));
    let has = |l: &str| locs.iter().any(|(loc, _)| loc == l);
    assert!(has("https://example.org/"));
    assert!(has("https://example.org/posts/post-1/"));
    assert!(has("https://example.org/tags/rust/"));
    assert!(has("https://example.org/archive/"));
    assert!(!has("https://example.org/posts/draft/") && !has("https://example.org/posts/future/"));
    assert!(!has("https://example.org/2019/old-seven/"), "redirects are not pages");
    let post = locs.iter().find(|(l, _)| l == "https://example.org/posts/post-1/").expect("post 1");
    assert_eq!(post.1.as_deref(), Some("2024-01-02"));
    // Every HTML page in the output is in the sitemap, except 404 and redirects.
    let pages: Vec<String> =
        site.output_files().into_iter().filter(|f| f.ends_with("index.html") && !f.starts_with("2019/")).collect();
    assert_eq!(pages.len(), locs.len());
    let robots = site.output("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn head_metadata() {
    let site = built("https://example.org/");
    let post = site.output("posts/post-2/index.html");
    assert!(post.contains("<html lang=\"en-GB\" dir=\"ltr\">"));
    assert!(post.contains("<title>Post 2 · Fixture Blog</title>"));
    assert!(post.contains("<meta name=\"description\" content=\"Number 2.\">"));
    assert!(post.contains("<link rel=\"canonical\" href=\"https://example.org/posts/post-2/\">"), "{post}");
    assert!(post.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(post.contains("<meta property=\"og:title\" content=\"Post 2\">"));
    assert!(post.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(post.contains("<meta property=\"og:image\" content=\"https://example.org/posts/post-2/social-card.png\">"));
    let start = post.find("<script type=\"application/ld+json\">").expect("json-ld") + 35;
    let end = post[start..].find("</script>").expect("end") + start;
    let ld: serde_json::Value = serde_json::from_str(&post[start..end]).expect("json-ld parses");
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["headline"], "Post 2");
    assert_eq!(ld["datePublished"], "2024-02-03");
    assert_eq!(ld["author"]["name"], "Ada");
    assert_eq!(ld["image"], "https://example.org/posts/post-2/social-card.png");
    let about = site.output("about/index.html");
    assert!(!about.contains("ld+json"), "undated pages are not blog posts");
}

#[test]
fn aliases_redirect() {
    let site = built("https://example.org/");
    for path in ["2019/old-seven/index.html", "old/seven.html"] {
        let html = site.output(path);
        assert!(
            html.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/posts/post-7/\">"),
            "{html}"
        );
        assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/posts/post-7/\">"));
        assert!(html.contains("<a href=\"https://example.org/posts/post-7/\">Post 7</a>"));
    }
    assert_eq!(site.output("_redirects"), "/2019/old-seven/ /posts/post-7/ 301\n/old/seven.html /posts/post-7/ 301\n");
}

#[test]
fn alias_colliding_with_a_page_is_an_error_naming_both() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A\naliases: [/b/]", "x")),
        ("content/b.md", &page("title: B", "x")),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("alias `/b/` of content/a.md collides with content/b.md"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:3:1"), "{}", run.stderr);
}

#[test]
fn content_cannot_take_generated_urls() {
    // `tags/x.md` describes the tag x (issue 18); deeper is no tag.
    let site = Site::with(&[("content/tags/x/y.md", &page("title: X", "x"))]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("claims the URL /tags/x/y/, where tend writes the tag pages"), "{}", run.stderr);
}

#[test]
fn sub_path_base_url_reaches_everything() {
    let site = built("https://example.org/blog/");
    let post = site.output("posts/post-9/index.html");
    assert!(post.contains("href=\"/blog/style."), "{post}");
    assert!(post.contains("href=\"/blog/series/garden-diary/\""));
    assert!(post.contains("<a href=\"/blog/posts/post-1/\">link to one</a>"));
    assert!(post.contains("<link rel=\"canonical\" href=\"https://example.org/blog/posts/post-9/\">"));
    assert!(site.output("tags/index.html").contains("href=\"/blog/tags/rust/\""));
    let feed = feed_rs::parser::parse(site.output("feed.xml").as_bytes()).expect("atom");
    assert_eq!(feed.entries[0].links[0].href, "https://example.org/blog/posts/post-32/");
    assert!(sitemap_locs(&site).iter().all(|(l, _)| l.starts_with("https://example.org/blog/")));
    assert!(site.output("_redirects").starts_with("/blog/2019/old-seven/ /blog/posts/post-7/ 301\n"));
    assert!(site.output("robots.txt").contains("https://example.org/blog/sitemap.xml"));
    crawl(&site.root().join("public"), "/blog/");
}

#[test]
fn drafts_flag_brings_drafts_into_lists_and_feeds() {
    let site = blog("https://example.org/");
    site.build(&["--drafts"]).ok();
    assert!(site.output("tags/index.html").contains("secret"));
    assert!(site.output("feed.xml").contains("Future"));
}

#[test]
fn no_internal_link_leads_nowhere() {
    let site = built("https://example.org/");
    crawl(&site.root().join("public"), "/");
}

#[test]
fn the_example_site_has_no_broken_links() {
    let out = tempfile::tempdir().expect("temp");
    let public = out.path().join("public");
    let root = crate::support::example_site().display().to_string();
    crate::support::tend_in(out.path(), &["build", "--root", &root, "--output", &public.display().to_string()]).ok();
    crawl(&public, "/");
}

/// Follows every `href` and `src` in every HTML file under `public` that
/// points inside the site, and fails on a missing file or `#anchor`.
fn crawl(public: &Path, base_path: &str) {
    let mut ids: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    let mut files = Vec::new();
    collect_html(public, &mut files);
    for file in &files {
        let html = std::fs::read_to_string(file).expect("read");
        let page = file.strip_prefix(public).expect("inside").to_string_lossy().replace('\\', "/");
        let mut page_ids = HashSet::new();
        let mut page_links = Vec::new();
        lol_html::rewrite_str(
            &html,
            lol_html::RewriteStrSettings::new()
                .append_element_content_handler(lol_html::element!("[id]", |el| {
                    page_ids.insert(el.get_attribute("id").unwrap_or_default());
                    Ok(())
                }))
                .append_element_content_handler(lol_html::element!(
                    "a[href], link[href], img[src], script[src]",
                    |el| {
                        let url = el.get_attribute("href").or_else(|| el.get_attribute("src")).unwrap_or_default();
                        page_links.push(url);
                        Ok(())
                    }
                )),
        )
        .expect("html parses");
        ids.insert(page.clone(), page_ids);
        links.extend(page_links.into_iter().map(|l| (page.clone(), l)));
    }
    let mut broken = Vec::new();
    for (from, url) in &links {
        if url.contains("://") || url.starts_with("mailto:") || url.starts_with("//") {
            continue;
        }
        let (path, fragment) = url.split_once('#').map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
        let target = if path.is_empty() {
            from.clone()
        } else if let Some(rooted) = path.strip_prefix(base_path) {
            rooted.to_owned()
        } else if path.starts_with('/') {
            broken.push(format!("{from}: {url} is outside the base path"));
            continue;
        } else {
            let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
            if dir.is_empty() { path.to_owned() } else { format!("{dir}/{path}") }
        };
        let file = if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
        if !public.join(&file).is_file() {
            broken.push(format!("{from}: {url} → missing {file}"));
            continue;
        }
        if let Some(fragment) = fragment
            && !fragment.is_empty()
            && ids.get(&file).is_some_and(|set| !set.contains(fragment))
        {
            broken.push(format!("{from}: {url} → no #{fragment} in {file}"));
        }
    }
    assert!(broken.is_empty(), "{} broken links:\n{}", broken.len(), broken.join("\n"));
    assert!(links.len() > 10, "the crawl found links");
}

fn collect_html(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_html(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}
