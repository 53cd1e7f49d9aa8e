//! A site in another language: the theme's words, dates, numbers and
//! plurals in it, the direction it is written in, a site's own words in
//! `i18n/LANG.toml`, and search that splits and folds words as readers of
//! the language expect.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Site, page};

/// The built-in table of `language`, as TOML.
fn table(language: &str) -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/i18n").join(format!("{language}.toml"));
    std::fs::read_to_string(&path).expect("table").parse().expect("a table")
}

/// A site that shows every kind of page and most of the words the theme
/// has, in `language`, named `title`: its tags, series and text are
/// `words`.
fn every_page(language: &str, title: &str, words: [&str; 4]) -> Site {
    let [first, second, third, body] = words;
    let post = |n: usize, title: &str, extra: &str, text: &str| {
        page(
            &format!("title: {title}\ndate: 2025-10-{:02}\ntags: [{first}, {second}]\nseries: {third}{extra}", 28 + n),
            text,
        )
    };
    let site = Site::with(&[
        (
            "tend.toml",
            &format!(
                "title = \"{title}\"\nlanguage = \"{language}\"\nbase_url = \"https://example.org/\"\ncopy_button = true\nhover_previews = true\npaginate_by = 2\n\n[taxonomies.genres]\ntitle = \"{third}\"\npaginate_by = 1\n"
            ),
        ),
        ("content/_index.md", &format!("---\ntitle: {title}\n---\n{body}\n")),
        (
            "content/posts/one.md",
            &post(
                1,
                first,
                "\ngenres: [a, b]",
                &format!(
                    "{body}[^1]\n\n## {second}\n\n{body} [[two]] [[Ailleurs]]\n\n| {first} | {second} |\n| - | - |\n| 1 | 2 |\n\n```rust\nfn main() {{}}\n```\n\n![[doc.pdf]]\n\n![](https://www.youtube.com/watch?v=abcdefghijk)\n\n```mermaid\nflowchart LR\n  A --> B\n  B --> C\n```\n\n[^1]: {second}\n"
                ),
            ),
        ),
        ("content/posts/two.md", &post(2, second, "\ngenres: [a]", &format!("{body} [[one]] [[three]]"))),
        ("content/posts/three.md", &post(3, third, "", &format!("{body} [[one]] [[two]]"))),
        ("content/notes/four.md", &page(&format!("title: {body}\nstatus: budding\ngenres: [b]"), body)),
    ]);
    site.write_bytes("content/posts/doc.pdf", b"%PDF-1.4\n");
    site
}

/// The English theme's texts that should appear nowhere in a site in
/// `language`: the text around each placeholder, for every word the
/// language says differently, long enough not to be a name.
fn english_texts(language: &str) -> Vec<(String, String)> {
    let english = table("en");
    let other = table(language);
    let texts = |value: &toml::Value| -> Vec<String> {
        match value {
            toml::Value::String(text) => vec![text.clone()],
            toml::Value::Table(forms) => forms.values().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    };
    let pieces = |text: &str| -> Vec<String> {
        text.split(['{', '}'])
            .step_by(2)
            .map(|piece| piece.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).to_owned())
            .collect()
    };
    let mut found = Vec::new();
    for (key, value) in &english {
        // A piece the language writes the same way ("pages" in French) is
        // no sign of English.
        let theirs = texts(&other[key]).join("\n");
        for text in texts(value) {
            for piece in pieces(&text) {
                if piece.chars().count() >= 4 && !holds_words(&theirs, &piece) {
                    found.push((key.clone(), piece));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Whether `text` holds `piece` as words: not inside a longer word
/// ("Archive" is not in "Archives").
fn holds_words(text: &str, piece: &str) -> bool {
    text.match_indices(piece).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + piece.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// Every text file the site wrote, by path.
fn written(site: &Site) -> BTreeMap<String, String> {
    crate::support::files(&site.root().join("public"))
        .into_iter()
        .filter_map(|(path, bytes)| {
            let name = path.display().to_string();
            let text = [".html", ".js"].iter().any(|e| name.ends_with(e));
            text.then(|| (name, String::from_utf8(bytes).expect("text")))
        })
        .collect()
}

/// What a reader sees or hears of `html`: its text (not its scripts' and
/// styles'), and the values of the attributes that name or describe.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let end = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..end];
        for name in ["aria-label=\"", "title=\"", "alt=\"", "content=\"", "placeholder=\""] {
            for (i, _) in tag.match_indices(name) {
                let value = &tag[i + name.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                // An address (`og:url`) is no reader's text.
                if !value.starts_with("http") && !value.starts_with('/') {
                    out.push_str(value);
                    out.push('\n');
                }
            }
        }
        rest = &rest[end..];
        for element in ["<script", "<style"] {
            if tag.starts_with(element) && !tag.contains(" src=") {
                let close = format!("</{}", &element[1..]);
                rest = rest.find(&close).map_or("", |i| &rest[i..]);
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words a built script carries, as tend wrote them into it.
fn script_words(script: &str) -> &str {
    let start = script.find("})({").expect("the script's words") + "})(".len();
    let end = script[start..].find(");\n").expect("their end") + start;
    &script[start..end]
}

/// The English texts of the theme left in the site built in `language`,
/// each with the file and the key.
fn english_left(site: &Site, files: &BTreeMap<String, String>, language: &str) -> Vec<String> {
    let english = english_texts(language);
    assert!(english.len() > 80, "{english:?}");
    assert!(files.len() > 20, "{:?}", files.keys());
    let mut left = Vec::new();
    for (name, text) in files {
        let text = if name.ends_with(".js") {
            if !text.contains("const say = ((words)") {
                continue;
            }
            // The values: the keys are names, not words.
            let words: serde_json::Value = serde_json::from_str(script_words(text)).expect("the words as JSON");
            let values = words.as_object().expect("an object").values().map(|v| v.to_string());
            // Without the placeholders, which are names too.
            values.map(|v| v.split(['{', '}']).step_by(2).collect::<String>()).collect::<Vec<_>>().join("\n")
        } else {
            readable(text)
        };
        for (key, piece) in &english {
            // "JSON Feed" is the name of a format (the feeds' links' titles).
            let text = text.replace("(JSON Feed)", "");
            if holds_words(&text, piece) {
                left.push(format!("{}: {name}: `{key}`: {piece:?}", site.root().display()));
            }
        }
    }
    left
}

#[test]
fn german_japanese_and_arabic_sites_show_no_english_word_of_the_theme() {
    for (language, title, words) in [
        ("de", "Notizen", ["Garten", "Lesen", "Saat", "Von Samen und Wurzeln."]),
        ("ja", "ノート", ["庭仕事", "読書", "種まき", "種と根について。"]),
        ("ar", "ملاحظات", ["البستنة", "القراءة", "البذور", "عن البذور والجذور."]),
    ] {
        let site = every_page(language, title, words);
        site.build(&[]).ok();
        let left = english_left(&site, &written(&site), language);
        assert!(left.is_empty(), "English left in a site in {language}:\n{}", left.join("\n"));
    }
}

#[test]
fn a_french_site_shows_no_english_word_of_the_theme() {
    let site = every_page("fr", "Carnet", ["Jardinage", "Lecture", "Semis", "Des graines et des racines."]);
    site.build(&[]).ok();
    let files = written(&site);
    let left = english_left(&site, &files, "fr");
    assert!(left.is_empty(), "English left in a French site:\n{}", left.join("\n"));

    // The words that must be there, and in French (as the table spells
    // them, with its narrow no-break spaces).
    let french = table("fr");
    let word = |key: &str, args: &[(&str, &str)]| {
        let value = &french[key];
        let text = value.as_str().or_else(|| value.get("one").and_then(|v| v.as_str())).expect("text");
        args.iter().fold(text.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    };
    let post = site.output("posts/one/index.html");
    for expected in [
        "<html lang=\"fr\" dir=\"ltr\">".to_owned(),
        ">29 octobre 2025</time>".to_owned(),
        word("reading_time", &[("n", "1")]),
        word("skip_link", &[]),
        format!("aria-label=\"{}\"", word("jump_to", &[("title", "Lecture")])),
        format!("title=\"{}\"", word("not_yet_written", &[])),
        word("backlinks", &[]),
        word("series_part", &[("part", "1"), ("series", "<a href=\"/series/semis/\">Semis</a>")]),
    ] {
        assert!(post.contains(&expected), "{expected:?} in {post}");
    }
    let archive = site.output("archive/index.html");
    assert!(archive.contains(">octobre 2025 <a"), "{archive}");
    let note = site.output("notes/four/index.html");
    assert!(note.contains(&format!(">{}</span>", word("status_budding", &[]))), "{note}");
    let tag = site.output("tags/jardinage/index.html");
    assert!(tag.contains("3 pages"), "{tag}");
    assert!(tag.contains(&word("tagged", &[("tag", "Jardinage")])), "{tag}");
    let script = files.iter().find(|(name, _)| name.starts_with("code.")).expect("code.js").1;
    assert!(script_words(script).contains(&format!("\"copy\":\"{}\"", word("code_copy", &[]))), "{script}");
}

#[test]
fn dates_plurals_and_direction_follow_the_language() {
    // German, Japanese and Arabic: day, month and year in each one's order
    // and words; the counts in their plural forms; Arabic right to left.
    let cases = [
        ("de", ">29. Oktober 2025</time>", "1 Min. Lesezeit", "ltr"),
        ("ja", ">2025年10月29日</time>", "1分で読めます", "ltr"),
        ("ar", "2025</time>", "دقيقة واحدة للقراءة", "rtl"),
    ];
    for (language, date, minutes, dir) in cases {
        let site = every_page(language, "Site", ["Alpha", "Beta", "Gamma", "Text."]);
        site.build(&[]).ok();
        let post = site.output("posts/one/index.html");
        assert!(post.contains(&format!("<html lang=\"{language}\" dir=\"{dir}\">")), "{language}: {post}");
        assert!(post.contains(date), "{language}: {date:?} in {post}");
        assert!(post.contains(minutes), "{language}: {minutes:?} in {post}");
        let tag = site.output("tags/alpha/index.html");
        let forms = table(language)["pages"].as_table().expect("forms").clone();
        let three = forms.get("few").or(forms.get("other")).and_then(|f| f.as_str()).expect("a form");
        let three = three.replace("{n}", "3");
        assert!(tag.contains(&three), "{language}: {three:?} in {tag}");
    }
}

#[test]
fn polish_counts_take_their_three_forms() {
    let words = |n: usize| {
        let titles: Vec<String> = (0..n).map(|i| format!("content/p{i}.md")).collect();
        let site = Site::with(&[("tend.toml", "language = \"pl\"\n")]);
        for (i, file) in titles.iter().enumerate() {
            site.write(file, &page(&format!("title: Strona {i}\ntags: [rzeczy]"), "Tekst."));
        }
        site.build(&[]).ok();
        site.output("tags/rzeczy/index.html")
    };
    assert!(words(1).contains("1 strona"));
    assert!(words(2).contains("2 strony"));
    assert!(words(5).contains("5 stron."));
}

#[test]
fn a_sites_own_words_replace_the_builtin_ones_and_wrong_ones_are_named() {
    let site = Site::with(&[
        ("tend.toml", "title = \"Notizen\"\nlanguage = \"de-CH\"\n"),
        ("content/a.md", &page("title: A\ndate: 2025-03-01", "Text.")),
        (
            "i18n/de.toml",
            "skip_link = \"Direkt zum Text\"\n\nskip_lnk = \"Tippfehler\"\nreading_time = { one = \"{n} Minute {wer}\", other = \"{n} Minuten\" }\nnot_found = { other = \"Nicht da\" }\n",
        ),
    ]);
    let run = site.build(&[]);
    run.ok();
    let page = site.output("a/index.html");
    assert!(page.contains(">Direkt zum Text</a>"), "{page}");
    // What the site's table gets wrong keeps the built-in words.
    assert!(page.contains("1 Min. Lesezeit"), "{page}");
    assert!(site.output("404.html").contains("Seite nicht gefunden"));
    let stderr = run.stderr_redacted(&site);
    assert!(stderr.contains("`skip_lnk` is not one of the theme's words"), "{stderr}");
    assert!(stderr.contains("did you mean `skip_link`?"), "{stderr}");
    assert!(stderr.contains("i18n/de.toml:3"), "{stderr}");
    assert!(stderr.contains("`reading_time` uses {wer}, which tend does not fill in there"), "{stderr}");
    assert!(stderr.contains("i18n/de.toml:4"), "{stderr}");
    assert!(stderr.contains("`not_found` takes no number"), "{stderr}");
}

#[test]
fn a_language_tend_has_no_words_in_is_named_and_its_table_is_read() {
    let site = Site::with(&[
        ("tend.toml", "title = \"Bustani\"\nlanguage = \"sw\"\n"),
        ("content/a.md", &page("title: A\ndate: 2025-03-01", "Maandishi.")),
    ]);
    let run = site.build(&[]);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    assert!(stderr.contains("tend has no words in `sw`"), "{stderr}");
    assert!(stderr.contains("tend.toml:2"), "{stderr}");
    assert!(site.output("a/index.html").contains("Skip to content"));

    site.write("i18n/sw.toml", "skip_link = \"Ruka hadi maudhui\"\n");
    let run = site.build(&[]);
    assert!(!run.stderr_redacted(&site).contains("has no words"));
    assert!(site.output("a/index.html").contains(">Ruka hadi maudhui</a>"));
}

#[test]
fn a_broken_table_is_an_error_at_its_line() {
    let site = Site::with(&[
        ("tend.toml", "language = \"fr\"\n"),
        ("content/a.md", &page("title: A", "Texte.")),
        ("i18n/fr.toml", "skip_link = \"Aller\"\nsearch = \n"),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    assert!(stderr.contains("i18n/fr.toml is not a table of words"), "{stderr}");
    assert!(stderr.contains("i18n/fr.toml:2"), "{stderr}");
}

#[test]
fn reading_time_counts_chinese_and_japanese_by_the_character() {
    // 1,500 characters take three minutes at 500 a minute; counted as
    // words (runs between spaces) they would be one.
    let text = "日本語の文章です。".repeat(167);
    let site = Site::with(&[
        ("tend.toml", "language = \"ja\"\n"),
        ("content/a.md", &page("title: 長い文章\ndate: 2025-03-01", &text)),
    ]);
    site.build(&[]).ok();
    assert!(site.output("a/index.html").contains("3分で読めます"), "{}", site.output("a/index.html"));
}

#[test]
fn search_splits_chinese_and_japanese_into_pairs_of_characters_and_folds_accents() {
    let site = Site::with(&[
        ("content/a.md", &page("title: 東京の喫茶店", "Un café près de la gare. コーヒーが好きです。")),
        ("content/b.md", &page("title: Other", "Nothing here.")),
    ]);
    site.build(&[]).ok();
    let meta: serde_json::Value = serde_json::from_str(&site.output("search/meta.json")).expect("json");
    let shards: Vec<String> =
        meta["shards"].as_array().expect("shards").iter().map(|s| s.as_str().expect("key").to_owned()).collect();
    let mut terms = Vec::new();
    for key in &shards {
        let file: String = key
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_string() } else { format!("_{:x}", c as u32) })
            .collect();
        let shard: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&site.output(&format!("search/terms/{file}.json"))).expect("shard");
        terms.extend(shard.keys().cloned());
    }
    for word in ["東京", "京の", "喫茶", "茶店", "コー", "ーヒ", "cafe", "pres"] {
        assert!(terms.iter().any(|t| t == word), "{word:?} in {terms:?}");
    }
    assert!(!terms.iter().any(|t| t == "café" || t.contains("東京の")), "{terms:?}");
}

#[test]
fn taiwan_reads_traditional_chinese() {
    let site = Site::with(&[
        ("tend.toml", "language = \"zh-TW\"\n"),
        ("content/a.md", &page("title: 筆記\ndate: 2025-10-31", "內容。")),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr_redacted(&site).contains("has no words"));
    let note = site.output("a/index.html");
    let words = table("zh-Hant");
    for key in ["skip_link", "search"] {
        assert!(note.contains(words[key].as_str().expect("text")), "{key} in {note}");
    }
    assert!(note.contains(">2025年10月31日</time>"), "{note}");
}
