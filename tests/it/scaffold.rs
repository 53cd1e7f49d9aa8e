//! `tend init` and `tend new`.

use crate::support::{Site, tend_in};

#[test]
fn init_then_new_post_then_build() {
    let site = Site::new();
    let run = site.tend(&["init", "mysite"]);
    run.ok();
    assert!(run.stderr.contains("created a new site"), "{}", run.stderr);
    let root = site.root().join("mysite");
    assert!(root.join("tend.toml").is_file());
    assert!(root.join("content/posts/hello-world.md").is_file());

    let run = tend_in(&root, &["new", "post", "My title"]);
    run.ok();
    assert!(run.stderr.contains("content/posts/my-title.md"), "{}", run.stderr);
    let text = std::fs::read_to_string(root.join("content/posts/my-title.md")).expect("post");
    let today = jiff::ZonedDateTime::now().date().to_string();
    assert!(text.contains("title: \"My title\""), "{text}");
    assert!(text.contains(&format!("date: {today}")), "{text}");

    tend_in(&root, &["new", "note", "A seed"]).ok();
    assert!(root.join("content/notes/a-seed.md").is_file());

    let run = tend_in(&root, &["build"]);
    run.ok();
    assert!(run.stderr.is_empty() || !run.stderr.contains("warning"), "{}", run.stderr);
    let post = std::fs::read_to_string(root.join("public/posts/my-title/index.html")).expect("built");
    assert!(post.contains("My title"));
    let home = std::fs::read_to_string(root.join("public/index.html")).expect("home");
    assert!(home.contains("href=\"/posts/my-title/\""), "{home}");
}

#[test]
fn init_refuses_a_folder_with_files() {
    let site = Site::with(&[("mysite/notes.txt", "mine")]);
    let run = site.tend(&["init", "mysite"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert!(!site.root().join("mysite/tend.toml").exists());
}

#[test]
fn new_never_overwrites() {
    let site = Site::with(&[("content/posts/hello.md", "mine")]);
    let run = site.tend(&["new", "post", "Hello"]);
    run.expect_code(2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(site.root().join("content/posts/hello.md")).expect("kept"), "mine");
}

#[test]
fn new_page_goes_at_the_top_and_kinds_come_from_archetypes() {
    let site = Site::new();
    site.write("content/about.md", "---\ntitle: About\n---\n");
    site.tend(&["new", "page", "Colophon"]).ok();
    assert_eq!(site.read("content/colophon.md"), "---\ntitle: \"Colophon\"\n---\n\nWhat this page is about.\n");
    site.write(
        "archetypes/books.md",
        "---\ntitle: {{ title }}\nread: {{ date }}\nrating: 0\n---\n\nWhy I read {{ slug }}.\n",
    );
    site.tend(&["new", "books", "Dune, Again"]).ok();
    let book = site.read("content/books/dune-again.md");
    assert!(book.starts_with("---\ntitle: \"Dune, Again\"\nread: 20"), "{book}");
    assert!(book.ends_with("rating: 0\n---\n\nWhy I read dune-again.\n"), "{book}");
    // An archetype of a built-in kind's name replaces its text.
    site.write("archetypes/note.md", "---\ntitle: {{ title }}\nstatus: budding\n---\n");
    site.tend(&["new", "note", "Moss"]).ok();
    assert_eq!(site.read("content/notes/moss.md"), "---\ntitle: \"Moss\"\nstatus: budding\n---\n");
    site.build(&[]).ok();
    assert!(site.has_output("books/dune-again/index.html") && site.has_output("colophon/index.html"));
}

#[test]
fn new_with_an_unknown_kind_names_the_kinds_it_knows() {
    let site = Site::new();
    site.write("archetypes/books.md", "---\ntitle: {{ title }}\n---\n");
    let run = site.tend(&["new", "recipe", "Soup"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "tend new knows no kind `recipe`; it knows post, note, page, books (add archetypes/recipe.md to make one)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn theme_eject_copies_built_in_templates_and_never_overwrites() {
    let site = Site::new();
    site.write("content/a.md", "---\ntitle: A\n---\nText\n");
    site.tend(&["theme", "eject", "page", "shortcodes/youtube.html"]).ok();
    assert!(site.read("templates/page.html").contains("{% block content %}"));
    assert!(site.read("templates/shortcodes/youtube.html").contains("youtube"));
    // The ejected templates build the same site.
    site.build(&[]).ok();
    let run = site.tend(&["theme", "eject", "base.html", "page.html"]);
    run.expect_code(2);
    assert!(run.stderr.contains("templates/page.html exists already"), "{}", run.stderr);
    assert!(!site.root().join("templates/base.html").exists(), "nothing is written when one would be overwritten");
    let run = site.tend(&["theme", "eject", "nope.html"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("the built-in theme has no template `nope.html`; it has base.html, home.html"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(site.root().join("templates")).expect("remove");
    site.tend(&["theme", "eject", "--all"]).ok();
    let ejected = std::fs::read_dir(site.root().join("templates")).expect("templates").count();
    assert!(ejected >= 14, "{ejected} entries");
    site.build(&[]).ok();
}

#[test]
fn init_writes_what_puts_the_site_online() {
    let site = Site::new();
    site.tend(&["init", "mysite"]).ok();
    let root = site.root().join("mysite");
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));

    // The GitHub Pages workflow: valid YAML, building into public/ with the
    // Pages address, and publishing that folder.
    let workflow: serde_json::Value = serde_saphyr::from_str(&read(".github/workflows/pages.yml")).expect("YAML");
    let steps = workflow["jobs"]["build"]["steps"].as_array().expect("build steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.starts_with("tend build --base-url")), "{runs:?}");
    let upload =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact")));
    assert_eq!(upload.map(|s| s["with"]["path"].clone()), Some(serde_json::json!("public")));
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert!(
        workflow["jobs"]["publish"]["steps"][0]["uses"].as_str().is_some_and(|u| u.starts_with("actions/deploy-pages"))
    );

    // The build step, as the workflow runs it for a project site.
    tend_in(&root, &["build", "--base-url", "https://someone.github.io/garden/"]).ok();
    let home = std::fs::read_to_string(root.join("public/index.html")).expect("home");
    assert!(home.contains("href=\"/garden/posts/hello-world/\""), "{home}");

    let netlify: toml::Table = read("netlify.toml").parse().expect("TOML");
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    assert!(netlify["build"]["command"].as_str().is_some_and(|c| c.ends_with("tend build")));
    let publishing = read("PUBLISHING.md");
    for host in ["GitHub Pages", "Netlify", "Cloudflare Pages", "tend deploy", "--rsync"] {
        assert!(publishing.contains(host), "{host}");
    }
    assert!(read(".gitignore").lines().any(|l| l == "public/"));
    // None of it is content.
    assert!(!root.join("public/publishing/index.html").exists());
}
