//! Integration tests: each module is one feature; each test builds its own
//! small fixture site in a temporary folder and runs the real `tend` binary.

mod architecture;
mod blog;
mod bundles;
mod cards;
mod check;
mod cli;
mod code;
mod customise;
mod deploy;
mod diagrams;
mod drafts;
mod errors;
mod front_matter;
mod garden;
mod hardening;
mod hostile;
mod i18n;
mod images;
mod incremental;
mod markup;
mod output;
mod posts_folders;
mod raw_html;
mod readme;
mod rich;
mod scaffold;
mod search;
mod sections;
mod serve;
mod settings;
mod shortcodes;
mod support;
mod taxonomies;
mod templates;
mod vault;
