//! Issue 18: a writer's folder builds as it is. A folder without
//! `content/` (an Obsidian vault, a Quartz content folder) is itself the
//! content; folder pages, the home page and notes on generated URLs are
//! what the writer meant, not clashes.

use crate::support::{Site, page};

/// An Obsidian vault as a writer has it: settings and trash in dot-folders,
/// spaces in names, attachments in their own folder, Obsidian's templates,
/// an earlier build's output and a folder git ignores.
fn vault() -> Site {
    Site::with(&[
        (".obsidian/app.json", "{\"attachmentFolderPath\": \"attachments\"}"),
        (".trash/Old note.md", "Thrown away."),
        (".gitignore", "private/\n"),
        ("private/Diary.md", "Not for the site."),
        ("index.md", &page("title: Welcome to my garden", "Start at [[Reading list]] or [[ideas/]].")),
        ("Reading list.md", "# Reading list\n\nBooks I liked. ![[cover image.png]]\n"),
        ("ideas/index.md", &page("title: All my ideas", "The ideas I keep coming back to.")),
        ("ideas/Deep idea.md", "Back to the [[Reading list]]."),
        ("ideas/Small idea.md", "See [[Deep idea]]."),
        ("attachments/cover image.png", "not really a png"),
        ("templates/Daily note.md", "# {{date}}\n"),
        ("static/robots.txt", "User-agent: *\n"),
    ])
}

#[test]
fn a_folder_without_content_is_the_content() {
    let site = vault();
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("from the whole site folder"), "the summary says which folder it read: {}", run.stderr);
    assert!(!run.stderr.contains("warning"), "no false warnings: {}", run.stderr);
    let files = site.output_files();
    for expected in [
        "index.html",
        "reading-list/index.html",
        "ideas/index.html",
        "ideas/deep-idea/index.html",
        "ideas/small-idea/index.html",
        "attachments/cover image.png",
        "robots.txt",
    ] {
        assert!(files.contains(&expected.to_owned()), "{expected} in {files:#?}");
    }
    for left_out in ["private", "old-note", "daily-note", "content/", ".obsidian", "templates/"] {
        assert!(!files.iter().any(|f| f.contains(left_out)), "{left_out} is not content: {files:#?}");
    }
    let home = site.output("index.html");
    assert!(home.contains("Welcome to my garden"), "the root index.md is the home page");
    assert!(home.contains(r#"href="/reading-list/""#) && home.contains(r#"href="/ideas/""#), "{home}");
    let reading = site.output("reading-list/index.html");
    assert!(
        reading.contains(r#"src="/attachments/cover%20image.png""#) || reading.contains("/attachments/cover image.png")
    );
}

#[test]
fn a_second_build_does_not_read_the_first_ones_output() {
    let site = vault();
    site.build(&[]).ok();
    let again = site.build(&[]);
    again.ok();
    assert!(!site.output_files().iter().any(|f| f.starts_with("public/")), "{:#?}", site.output_files());
    let elsewhere = site.build(&["--output", "site-out"]);
    elsewhere.ok();
    assert!(!site.root().join("site-out/public").exists(), "an old output folder is never content");
}

#[test]
fn a_folder_index_is_the_folder_page_and_lists_the_folder() {
    let site = vault();
    site.build(&[]).ok();
    let ideas = site.output("ideas/index.html");
    assert!(ideas.contains("All my ideas"), "its title");
    assert!(ideas.contains("The ideas I keep coming back to."), "its text");
    assert!(ideas.contains(r#"href="/ideas/deep-idea/""#) && ideas.contains(r#"href="/ideas/small-idea/""#), "{ideas}");
    assert_eq!(ideas.matches("<h1").count(), 1, "{ideas}");
}

#[test]
fn a_lone_index_is_still_a_bundle() {
    let site = Site::with(&[
        ("content/posts/walk/index.md", &page("title: A walk\ndate: 2025-01-02", "![A path](path.png)")),
        ("content/posts/walk/path.png", "png"),
        ("content/posts/other.md", &page("title: Other\ndate: 2025-01-01", "Text.")),
    ]);
    site.build(&[]).ok();
    assert!(site.has_output("posts/walk/index.html") && site.has_output("posts/walk/path.png"));
    assert!(site.output("posts/index.html").contains("A walk"), "listed in its section");
}

#[test]
fn permalink_slash_is_the_home_page() {
    let site = Site::with(&[
        ("Home.md", &page("title: Home\npermalink: /", "The garden's front door, see [[Other]].")),
        ("Other.md", "Another note."),
    ]);
    site.build(&[]).ok();
    let home = site.output("index.html");
    assert!(home.contains("The garden&rsquo;s front door") || home.contains("The garden’s front door"), "{home}");
    assert!(!site.has_output("home/index.html"));
}

#[test]
fn a_permalink_on_a_folders_url_is_that_folders_page() {
    let site = Site::with(&[
        ("Projects.md", &page("title: My projects\npermalink: /projects/", "What I am building.")),
        ("projects/Boat.md", "A boat."),
        ("projects/Shed.md", "A shed."),
    ]);
    site.build(&[]).ok();
    let projects = site.output("projects/index.html");
    assert!(projects.contains("What I am building.") && projects.contains("My projects"), "{projects}");
    assert!(projects.contains(r#"href="/projects/boat/""#), "{projects}");
}

#[test]
fn a_note_beside_a_folder_of_its_name_is_that_folders_page() {
    // Obsidian's folder notes: `yocto.md` beside `yocto/` (found in a
    // public vault, where it failed the build as two claims on /yocto/).
    let site = Site::with(&[
        ("index.md", "Home."),
        ("yocto.md", &page("title: Yocto", "Notes on building images. See [[bitbake]].")),
        ("yocto/bitbake.md", "The build engine."),
        ("yocto/devtool.md", "The workflow tool. Up: [[yocto]]."),
    ]);
    site.build(&[]).ok();
    let folder = site.output("yocto/index.html");
    assert!(folder.contains("Notes on building images.") && folder.contains(">Yocto"), "{folder}");
    assert!(folder.contains(r#"href="/yocto/bitbake/""#) && folder.contains(r#"href="/yocto/devtool/""#), "{folder}");
    assert!(site.output("yocto/devtool/index.html").contains(r#"href="/yocto/""#));
    // A folder note with an index.md of its own still leaves one of them
    // without a URL, which is an error.
    site.write("yocto/index.md", "Another page for the folder.");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("both claim the URL /yocto/"), "{}", run.stderr);
}

#[test]
fn names_that_differ_in_dash_and_underscore_keep_their_own_urls() {
    // Found in a public vault: `memory-management-flashcards.md` and
    // `memory_management_flashcards.md` side by side.
    let site = Site::with(&[
        ("index.md", "Home: [[memory-management]] and [[memory_management]]."),
        ("memory-management.md", "With dashes."),
        ("memory_management.md", "With underscores."),
    ]);
    site.build(&[]).ok();
    assert!(site.output("memory-management/index.html").contains("With dashes."));
    assert!(site.output("memory_management/index.html").contains("With underscores."));
    let home = site.output("index.html");
    assert!(home.contains(r#"href="/memory_management/""#) && home.contains(r#"href="/memory-management/""#), "{home}");
}

#[test]
fn notes_whose_slugs_or_names_clash_get_urls_of_their_own() {
    // All found in a public Quartz garden (which does not read `slug`):
    // front matter copied from another note, two notes with one slug, a
    // slug written as words, and names that differ in spaces and case.
    let site = Site::with(&[
        ("index.md", "Home."),
        ("pulmonology.md", &page("title: Lungs\nslug: pulmonology", "The lungs.")),
        ("chest.md", &page("title: Chest\nslug: pulmonology", "The chest.")),
        ("data science.md", &page("title: Data science\nslug: data-science", "With a space.")),
        ("data-science.md", &page("title: Data-science\nslug: data-science", "With a dash.")),
        ("Open Source.md", "Capitals."),
        ("open-source.md", "Dashes."),
        ("anki.md", &page("title: Anki\nslug: Obsidian to Anki", "Cards.")),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(site.output("pulmonology/index.html").contains("The lungs."));
    assert!(site.output("chest/index.html").contains("The chest."));
    let both = [site.output("data-science/index.html"), site.output("data-science-2/index.html")].join("\n");
    assert!(both.contains("With a space.") && both.contains("With a dash."), "{both}");
    let both = [site.output("open-source/index.html"), site.output("open-source-2/index.html")].join("\n");
    assert!(both.contains("Capitals.") && both.contains("Dashes."), "{both}");
    assert!(site.output("obsidian-to-anki/index.html").contains("Cards."));
    let stderr = run.stderr_redacted(&site);
    assert!(
        stderr.contains("`slug` takes /pulmonology/, which pulmonology.md has: this page keeps /chest/"),
        "{stderr}"
    );
    assert!(stderr.contains("`slug` `Obsidian to Anki` is not a URL segment"), "{stderr}");
}

#[test]
fn another_generators_layout_name_is_a_warning_and_the_page_is_built() {
    // Gatsby's starters write `template: post`; a name the site has with
    // `.html` is that template.
    let site = Site::with(&[
        ("content/a.md", &page("title: A\ntemplate: post", "Text of A.")),
        ("content/b.md", &page("title: B\ntemplate: post", "Text of B.")),
        ("content/c.md", &page("title: C\ntemplate: wide", "Text of C.")),
        ("templates/wide.html", "WIDE {{ page.title }}"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(site.output("a/index.html").contains("Text of A."));
    assert_eq!(site.output("c/index.html"), "WIDE C");
    let stderr = run.stderr_redacted(&site);
    assert!(
        stderr.contains("no template `post`: the page is shown with the theme's own (2 pages ask for it)"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("no template").count(), 1, "{stderr}");
    // A missing template named as a file stays an error.
    site.write("content/d.md", &page("title: D\ntemplate: gone.html", "D."));
    site.build(&[]).expect_code(1);
}

#[test]
fn two_notes_on_one_url_stay_an_error_naming_both() {
    let site = Site::with(&[("index.md", "The first home."), ("Home.md", &page("permalink: /", "The second home."))]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("Home.md") && run.stderr.contains("index.md"), "{}", run.stderr);
}

#[test]
fn an_empty_folder_is_an_error_that_says_where_it_looked() {
    let site = Site::with(&[("notes.txt", "no markdown here"), ("content/.keep", "")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("no Markdown files found in"), "{}", run.stderr);
    assert!(run.stderr.contains("content"), "{}", run.stderr);
    assert!(!site.has_output("index.html"));
    let bare = Site::with(&[("notes.txt", "no markdown here")]);
    let run = bare.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("it has no content/ folder"), "{}", run.stderr);
}

#[test]
fn check_reads_the_vault_too() {
    let site = vault();
    site.write("ideas/Broken.md", "A link to [a missing file](nowhere.md).");
    let run = site.tend(&["check"]);
    assert!(run.stderr.contains("ideas/Broken.md:1"), "{}", run.stderr);
}

#[test]
fn new_writes_into_the_vault_and_refuses_a_missing_folder() {
    let site = vault();
    let run = site.tend(&["new", "note", "Fresh thought"]);
    run.ok();
    assert!(site.root().join("notes/fresh-thought.md").is_file(), "{}", run.stderr);
    assert!(!site.root().join("content").exists());
    let missing = site.tend(&["new", "note", "Lost", "--root", "no-such-folder"]);
    missing.expect_code(2);
    assert!(missing.stderr.contains("does not exist"), "{}", missing.stderr);
    assert!(!site.root().join("no-such-folder").exists());
}

/// Obsidian's own syntax, as Obsidian Publish shows it.
fn obsidian_vault(note: &str) -> Site {
    Site::with(&[
        ("Note.md", note),
        ("B.md", "---\ntags: [plugin]\n---\n# B\n\n## Part\n\n### Deeper\n\nDeep text. ^blk\n"),
        ("Secret.md", "---\npublish: false\n---\nNot for the site.\n"),
        ("index.md", "The home page."),
        ("sub/C.md", "C."),
        ("sub/D.md", "D."),
        ("media/pic.png", "not really a png"),
        ("media/song.mp3", "mp3"),
        ("media/clip.mp4", "mp4"),
        ("media/paper.pdf", "pdf"),
    ])
}

fn built_note(note: &str) -> (Site, String, String) {
    let site = obsidian_vault(note);
    let run = site.build(&[]);
    run.ok();
    let html = site.output("note/index.html");
    (site, html, run.stderr)
}

#[test]
fn an_escaped_pipe_in_a_table_is_the_label_or_size_pipe() {
    let (_, html, stderr) =
        built_note("| note | picture |\n| --- | --- |\n| [[B\\|the b note]] | ![[pic.png\\|100]] |\n");
    assert!(html.contains(r#"<td><a href="/b/">the b note</a></td>"#), "{html}");
    assert!(html.contains(r#"src="/media/pic.png""#) && html.contains(r#"width="100""#), "{html}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn heading_paths_and_blocks_link_and_read_as_in_obsidian() {
    let (_, html, stderr) = built_note("See [[B#Part#Deeper]], [[B#^blk]] and [[#Here]].\n\n## Here\n");
    assert!(html.contains(r#"<a href="/b/#deeper">B &gt; Part &gt; Deeper</a>"#), "{html}");
    assert!(html.contains(r#"<a href="/b/#^blk">B &gt; ^blk</a>"#), "{html}");
    assert!(html.contains(r##"<a href="/note/#here">Here</a>"##), "{html}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn embedding_another_part_of_the_same_note_is_no_cycle() {
    let (_, html, stderr) = built_note("# Note\n\n![[Note#Two]]\n\n## Two\n\nThe second part.\n");
    let main = crate::support::main_element(&html);
    assert_eq!(main.matches("<p>The second part.</p>").count(), 2, "once in place, once embedded: {main}");
    assert!(!stderr.contains("cycle"), "{stderr}");
    let site = obsidian_vault("## One\n\n![[Note#Two]]\n\n## Two\n\n![[Note#One]]\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("embed cycle: Note.md → Note.md#one → Note.md#two → Note.md#one"), "{}", run.stderr);
}

#[test]
fn a_bare_attachment_name_is_found_anywhere_nearest_first() {
    let site = obsidian_vault("![A picture](pic.png) and [the paper](paper.pdf).");
    site.write("sub/deep/pic.png", "another png");
    site.write("sub/E.md", "![Near](pic.png)");
    let run = site.build(&[]);
    run.ok();
    assert!(site.output("note/index.html").contains(r#"src="/media/pic.png""#));
    assert!(site.output("note/index.html").contains(r#"href="/media/paper.pdf""#));
    assert!(site.output("sub/e/index.html").contains(r#"src="/sub/deep/pic.png""#), "the nearer one");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site.write("other/pic.png", "a third png");
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("`pic.png` names media/pic.png and other/pic.png") && run.stderr.contains("Note.md:1"),
        "as near as each other: {}",
        run.stderr
    );
}

#[test]
fn sound_video_pdf_and_other_sites_embed_without_loading_anything_early() {
    let (_, html, stderr) = built_note(
        "![[song.mp3]] ![[clip.mp4]]\n\n![[paper.pdf]]\n\n![](https://www.youtube.com/watch?v=abc123)\n\n![](https://x.com/someone/status/1)\n\n![A boat|250](https://example.org/boat.png)\n",
    );
    assert!(
        html.contains(r#"<audio class="embed-audio" controls preload="metadata" src="/media/song.mp3">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<video class="embed-video" controls preload="metadata" src="/media/clip.mp4">"#),
        "{html}"
    );
    assert!(html.contains(r#"<iframe src="/media/paper.pdf" title="paper (PDF)""#), "{html}");
    assert!(html.contains(r#"href="/media/paper.pdf" download"#), "{html}");
    assert!(html.contains("data-video-embed=\"https://www.youtube-nocookie.com/embed/abc123"), "{html}");
    assert!(html.contains(r#"<a class="embed-card" href="https://x.com/someone/status/1">"#), "{html}");
    assert!(!html.contains("youtube.com/watch?v=abc123\" alt"), "no blank image: {html}");
    assert!(html.contains(r#"alt="A boat" width="250""#), "{html}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn folders_index_and_tag_pages_can_be_linked() {
    let (_, html, stderr) = built_note("[[sub/]] [[index]] [[tags/plugin]]");
    assert!(html.contains(r#"<a href="/sub/">sub/</a>"#), "{html}");
    assert!(html.contains(r#"<a href="/">index</a>"#), "{html}");
    assert!(html.contains(r#"<a href="/tags/plugin/">tags/plugin</a>"#), "{html}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn a_link_to_an_unpublished_note_says_so() {
    let site = obsidian_vault("See [[Secret]].");
    let run = site.build(&[]);
    run.ok();
    assert!(
        run.stderr.contains("link to `Secret`, which is not published: it says `publish: false` (Secret.md)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("missing note"), "{}", run.stderr);
}

#[test]
fn the_menu_lists_folders_in_natural_order_and_no_loose_notes() {
    let mut files: Vec<(String, String)> =
        (1..=9).map(|n| (format!("{n}0 Area/Note.md"), "Text.".to_owned())).collect();
    files.push(("2 Start/Note.md".to_owned(), "Text.".to_owned()));
    files.push(("Loose note.md".to_owned(), "Text.".to_owned()));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = Site::with(&borrowed);
    site.build(&[]).ok();
    let home = site.output("index.html");
    let menu = &home[home.find("site-menu").expect("a menu")..];
    let menu = &menu[..menu.find("</ul>").expect("its end")];
    let order: Vec<&str> = menu.split("href=\"/").skip(1).map(|s| s.split('/').next().unwrap_or_default()).collect();
    assert_eq!(order, ["2-start", "10-area", "20-area", "30-area", "40-area", "50-area", "60-area"], "{menu}");
    assert!(!menu.contains("loose-note"), "{menu}");
    // Reached from the home page instead.
    let pages = &home[home.find(r#"<h2 id="pages">"#).expect("a list of the top pages")..];
    assert!(pages.contains(r#"<a href="/loose-note/">Loose note</a>"#), "{pages}");
}

#[test]
fn a_vaults_own_properties_are_kept_without_warnings() {
    let site = Site::with(&[
        (
            "Book.md",
            "---\nAliases: [The book]\nstatus: [reading, lent]\npublished: 2020\nloc: shelf 3\ncolor: red\ntag: novels\n---\nA book.\n",
        ),
        ("Project.md", "---\nstatus: in-progress\n---\nSee [[The book]].\n"),
        ("Seed.md", "---\nstatus: seedling\n---\nA seed.\n"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(site.output("project/index.html").contains(r#"href="/book/""#), "Aliases is aliases");
    assert!(site.has_output("tags/novels/index.html"), "tag is tags");
    assert!(site.output("seed/index.html").contains("seedling"));
}

#[test]
fn a_file_name_wins_over_another_notes_title() {
    let site = Site::with(&[
        ("Rust.md", "The language."),
        ("Notes on iron.md", "# Rust\n\nWhat happens to iron."),
        ("Links.md", "[[Rust]] and [[../Links]] and [[./Rust]]"),
        ("deep/Below.md", "Up to [[../Rust]]."),
    ]);
    let run = site.build(&[]);
    run.ok();
    let links = site.output("links/index.html");
    assert!(links.contains(r#"<a href="/rust/">Rust</a>"#), "{links}");
    assert!(site.output("deep/below/index.html").contains(r#"<a href="/rust/">../Rust</a>"#));
    assert!(!run.stderr.contains("names"), "no ambiguity: {}", run.stderr);
}

#[test]
fn names_that_differ_only_in_symbols_get_their_own_urls() {
    let site = Site::with(&[
        ("code/C Boilerplate.md", "Plain C."),
        ("code/C++ Boilerplate.md", "C plus plus."),
        ("shell/Bash.md", "Bash."),
        ("shell/Bash &&.md", "And."),
        ("Links.md", "[[C++ Boilerplate]] [[Bash &&]]"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(site.output("code/c-boilerplate/index.html").contains("Plain C."));
    assert!(site.output("code/c-plus-plus-boilerplate/index.html").contains("C plus plus."));
    assert!(site.output("shell/bash/index.html").contains("Bash."));
    assert!(site.output("shell/bash-and-and/index.html").contains("And."));
    let links = site.output("links/index.html");
    assert!(
        links.contains(r#"href="/code/c-plus-plus-boilerplate/""#) && links.contains(r#"href="/shell/bash-and-and/""#)
    );
}

#[test]
fn obsidians_template_folder_is_not_published() {
    let site = Site::with(&[
        (".obsidian/templates.json", "{\"folder\": \"Templates\"}"),
        ("Templates/Book.md", "---\ntitle: {{title}}\ncreated: {{date}}\n---\n# {{title}}\n"),
        ("Templates/Bases/Books.base", "views: []\n"),
        ("Reading.md", "A note. ![[Books.base]]"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("Templates") && !run.stderr.contains("warning"), "{}", run.stderr);
    let files = site.output_files();
    assert!(!files.iter().any(|f| f.to_lowercase().contains("book/") || f.ends_with("Book.md")), "{files:#?}");
    assert!(files.iter().any(|f| f.ends_with("Books.base")), "a file a note embeds is kept: {files:#?}");
    // The base is no page of its own, and shows where a note embeds it.
    assert!(!files.iter().any(|f| f.contains("books/index.html")), "{files:#?}");
    assert!(site.output("reading/index.html").contains("<div class=\"base\">"), "the embedded base is drawn");
}

#[test]
fn a_note_on_a_generated_url_is_that_pages_intro() {
    let site = Site::with(&[
        ("tags/plugin.md", "---\ntitle: Plugins\n---\nPlugins extend the garden."),
        ("tags/unused.md", "A tag nobody uses yet."),
        ("All tags.md", "---\npermalink: /tags/\n---\nEvery topic here, by tag."),
        ("Markdown.md", "---\ntags: [plugin]\n---\nA plugin note."),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("note: tags/plugin.md is the intro of /tags/plugin/"), "{}", run.stderr);
    let tag = site.output("tags/plugin/index.html");
    assert!(tag.contains("Plugins extend the garden.") && tag.contains(r#"href="/markdown/""#), "{tag}");
    assert!(site.output("tags/unused/index.html").contains("A tag nobody uses yet."));
    assert!(site.output("tags/index.html").contains("Every topic here, by tag."));
    let home = site.output("index.html");
    assert!(!home.contains(r#"href="/tags/plugin/">Plugins"#), "an intro is listed nowhere: {home}");
    let twice =
        Site::with(&[("tags/plugin.md", "One."), ("Plugin tag.md", "---\npermalink: /tags/plugin/\n---\nTwo.")]);
    let run = twice.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("Plugin tag.md and tags/plugin.md both claim the URL /tags/plugin/"), "{}", run.stderr);
}

#[test]
fn block_ids_on_list_items_are_anchors() {
    let (_, html, stderr) = built_note("- one ^first\n- two\n  - nested\n- parent ^second\n  - child\n\n[[#^first]]");
    assert!(html.contains(r#"<li>one <span class="block-anchor" id="^first"></span></li>"#), "{html}");
    assert!(html.contains(r#"parent <span class="block-anchor" id="^second"></span>"#), "{html}");
    assert!(!html.contains("^first</li>") && !html.contains("^second\n"), "{html}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn a_note_named_home_is_the_home_page_only_when_tend_toml_says_so() {
    let files = [("Home.md", "Welcome, reader."), ("Other.md", "Another note.")];
    let plain = Site::with(&files);
    plain.build(&[]).ok();
    assert!(plain.has_output("home/index.html") && !plain.output("index.html").contains("Welcome, reader."));
    let told = Site::with(&files);
    told.write("tend.toml", "title = \"Garden\"\nhome = \"Home\"\n");
    told.build(&[]).ok();
    assert!(told.output("index.html").contains("Welcome, reader."));
    assert!(!told.has_output("home/index.html"));
    told.write("tend.toml", "title = \"Garden\"\nhome = \"Welcome\"\n");
    let run = told.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`home` in tend.toml names `Welcome`") && run.stderr.contains("tend.toml:2"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_obsidian_still_finds() {
    let site = Site::with(&[
        ("Concepts/index.md", "All concepts."),
        ("Concepts/IEEE 754 Floats.md", "Floats."),
        ("Concepts/Other.md", "Other."),
        ("Math/Proving e^x = 1.md", "A proof."),
        ("Links.md", "[[./Concepts/index]] [[../Fleeting/IEEE 754 Floats]] [[Proving e^x = 1]] [[Other^blk]]"),
        ("Stray.md", "Text with a stray \u{0} in it."),
    ]);
    let run = site.build(&[]);
    run.ok();
    let links = site.output("links/index.html");
    assert!(links.contains(r#"<a href="/concepts/">"#), "{links}");
    assert!(links.contains(r#"<a href="/concepts/ieee-754-floats/">"#), "a moved folder: {links}");
    assert!(links.contains(r#"<a href="/math/proving-e-x-1/">"#), "{links}");
    assert!(links.contains(r#"<a href="/concepts/other/#^blk">"#), "{links}");
    assert!(site.output("stray/index.html").contains("Text with a stray"));
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn math_written_for_katex_renders() {
    let (_, html, stderr) =
        built_note("$a \\mod b$ and ${n \\choose k}$ and $\\boxed{x}$\n\n$$\na = b \\\\\nc = d\n$$\n\n$\\fbox{y}$\n");
    assert_eq!(html.matches("<math").count(), 4, "{html}");
    assert!(stderr.contains("unknown primitive command found: `\\fbox`"), "names the command: {stderr}");
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
}

// As a statistics cheatsheet writes them: an arrow named like `\right`
// inside `\left … \right`, and `\mbox`.
#[test]
fn arrows_inside_left_and_right_and_mbox_render() {
    let (_, html, stderr) = built_note(
        "$\\mathbb{P}\\left[\\left\\{T_n \\underset{n \\rightarrow \\infty}{\\longrightarrow} T\\right\\}\\right]=1$\n\n\
         $$T_n \\xrightarrow[n \\to \\infty]{\\mbox{a.s.}} T$$\n",
    );
    assert_eq!(html.matches("<math").count(), 2, "{html}");
    assert!(html.contains("<mo>→</mo>"), "{html}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn a_note_on_a_url_tend_does_not_write_this_time_is_a_page() {
    // Too few links for a graph page, and search off: the notes on those
    // URLs are pages of their own, not intros to nothing.
    let site = Site::with(&[
        ("tend.toml", "search = false\n"),
        ("graph.md", "---\ntitle: My graph\n---\nHow my notes connect."),
        ("search.md", "---\ntitle: Finding things\n---\nUse the index."),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("intro"), "no note about intros: {}", run.stderr);
    assert!(site.output("graph/index.html").contains("How my notes connect."));
    assert!(site.output("search/index.html").contains("Use the index."));
}
