//! The settings reference and the readers share one list of settings
//! (`tend::model::SITE_SETTINGS` and the others): every setting in it is
//! read (not left for templates as an unknown key), and `docs/settings.md`
//! is made from it.

use std::path::Path;

use tend::model::{
    DEPLOY_SETTINGS, IMAGE_SETTINGS, PAGE_SETTINGS, SECTION_SETTINGS, SITE_SETTINGS, TAXONOMY_SETTINGS,
    settings_reference,
};

#[test]
fn settings_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/settings.md");
    let made = settings_reference();
    if std::env::var_os("TEND_BLESS").is_some() {
        std::fs::write(&path, &made).expect("write docs/settings.md");
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == made,
        "docs/settings.md is not current: run `TEND_BLESS=1 cargo nextest run settings_reference` and commit it"
    );
}

#[test]
fn every_site_setting_is_read() {
    let tables = [
        ("", SITE_SETTINGS),
        ("[images]\n", IMAGE_SETTINGS),
        ("[deploy]\n", DEPLOY_SETTINGS),
        ("[taxonomies.kinds]\n", TAXONOMY_SETTINGS),
    ];
    for (table, settings) in tables {
        for setting in settings {
            let site = tempfile::tempdir().expect("temp folder");
            let text = format!("{table}{} = {}\n", setting.key, setting.sample);
            std::fs::write(site.path().join("tend.toml"), &text).expect("write tend.toml");
            let (config, problems) = tend::load::load_config(site.path());
            assert!(problems.is_empty(), "{text}: {problems:?}");
            assert!(!config.extra.contains_key(setting.key), "{text}: left for templates, not read");
        }
    }
}

#[test]
fn every_front_matter_setting_is_read() {
    for (file, settings) in [("content/a.md", PAGE_SETTINGS), ("content/notes/_index.md", SECTION_SETTINGS)] {
        for setting in settings {
            let site = tempfile::tempdir().expect("temp folder");
            let path = site.path().join(file);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("make the folder");
            let text = format!("---\n{}: {}\n---\n\nText.\n", setting.key, setting.sample);
            std::fs::write(&path, &text).expect("write the note");
            let (meta, problems) = if file.ends_with("_index.md") {
                let (section, problems) = tend::load::load_section_index(site.path(), Path::new(file), &[]);
                (section.map(|s| s.meta), problems)
            } else {
                let (page, problems) = tend::load::load_page(site.path(), Path::new(file), &[]);
                (page.map(|p| p.meta), problems)
            };
            assert!(problems.is_empty(), "{file} with {text}: {problems:?}");
            let meta = meta.expect("read");
            assert!(!meta.extra.contains_key(setting.key), "{file} with {text}: left for templates, not read");
        }
    }
}
