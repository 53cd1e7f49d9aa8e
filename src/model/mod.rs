//! The site model: the data every stage shares.
//!
//! This module is the leaf of the crate. It depends on no stage; every stage
//! depends on it. Relations between pages and sections are indices into the
//! vectors of [`Site`], never shared pointers.

mod body;
mod canvas;
mod card;
mod code_memo;
mod config;
mod content;
mod date;
mod diagnostic;
mod garden;
mod i18n;
mod images;
mod links;
mod media_type;
mod output;
mod page;
mod section;
mod settings;
mod shortcode;
mod site;
mod slug;
mod typography;
pub mod untrusted;
mod url;

pub use body::{BASE_END, BASE_START, BaseUse, DiagramUse, Heading, OutgoingLink, Rendered, base_mark, diagram_key};
pub use canvas::{Canvas, CanvasColor, CanvasEdge, CanvasNode, NodeKind, Rect, Side, parse_canvas};
pub use card::{
    CARD_FILE, CARD_SIZE, CARD_TEMPLATE, Card, CardColors, CardConfig, CardSubject, CardTemplate, card_path,
};
pub use code_memo::{CodeKey, CodeMemo, code_key};
pub use config::{
    CONFIG_FILE, Config, DeployConfig, Language, MenuEntry, RawHtml, STATIC_DIR, SeriesConfig, TaxonomyConfig,
    ThemeConfig,
};
pub use content::{Content, SectionSource};
pub use date::{parse_date, split_date_prefix};
pub use diagnostic::{Diagnostic, Kind, Location, Severity, catch_bug, line_column};
pub use garden::{Backlink, Garden, Graph, OtherBacklink, OtherNote};
pub use i18n::{
    BUILTIN_TABLES, I18N_DIR, Locale, Message, Piece, builtin_table, english, fill, parse_table, pieces, placeholders,
};
pub use images::{
    DEFAULT_SIZES, ImageConfig, ImageUse, LocalImage, LocalImages, VariantFormat, is_resizable, variant_formats,
    variant_path, variant_widths,
};
pub use links::{LinkIndex, Origin, Resolution, Target, Translated, percent_decode};
pub use media_type::media_type;
pub use output::{OUTPUT_MARKER, OutputFile, Sink, SinkError};
pub use page::{FrontMatter, Page, PageDate, PageKind, PageSource, SortBy, Status, Tended};
pub use section::Section;
pub use settings::{
    CARD_SETTINGS, DEPLOY_SETTINGS, IMAGE_SETTINGS, MARKDOWN_SETTINGS, MENU_SETTINGS, PAGE_SETTINGS, SECTION_SETTINGS,
    SITE_SETTINGS, Setting, TAXONOMY_SETTINGS, THEME_SETTINGS, keys, reference as settings_reference,
};
pub use shortcode::{ArgValue, BODY_PLACEHOLDER, Shortcode, ShortcodeError, Shortcodes};
pub use site::{Alias, Alternate, MenuLink, MenuTarget, Series, Site, Tag, Taxonomy, term_names};
pub use slug::{heading_slug, is_safe_segment, slugify, spelled_slug, title_id, write_anchor};
pub use typography::smarten;
pub use url::{BaseUrl, BaseUrlError, join_path};
