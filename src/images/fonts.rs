//! The fonts cards are drawn with, and the measuring that fits a card's
//! text before it is drawn.
//!
//! tend's own fonts are embedded (Noto Sans for Latin, Greek and
//! Cyrillic, Noto Sans Arabic and Hebrew, Droid Sans Fallback for CJK;
//! their licences are in `theme/fonts/`), so a card looks the same on
//! every machine. A site's `.ttf` and `.otf` files in `static/` are added,
//! and come first when `[theme] font_headings` names their family.

use std::path::Path;
use std::sync::Arc;

use resvg::usvg::fontdb::{Database, Source};
use sha2::{Digest, Sha256};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

/// tend's fonts, in the order a character is looked for: (file, bold).
const BUILTIN: &[(&[u8], bool)] = &[
    (include_bytes!("../../theme/fonts/NotoSans-Bold.ttf"), true),
    (include_bytes!("../../theme/fonts/NotoSans-Regular.ttf"), false),
    (include_bytes!("../../theme/fonts/NotoSansArabic-Bold.ttf"), true),
    (include_bytes!("../../theme/fonts/NotoSansArabic-Regular.ttf"), false),
    (include_bytes!("../../theme/fonts/NotoSansHebrew-Bold.ttf"), true),
    (include_bytes!("../../theme/fonts/NotoSansHebrew-Regular.ttf"), false),
    (include_bytes!("../../theme/fonts/DroidSansFallback.ttf"), false),
];

/// The families of [`BUILTIN`], as a `font-family` list.
const BUILTIN_FAMILIES: &str = "'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Droid Sans Fallback'";

/// The most bytes of the site's fonts read, so a folder of fonts cannot
/// hold a build up.
const MOST_SITE_FONT_BYTES: u64 = 64 << 20;

/// A font's bytes: embedded, or read from the site.
#[derive(Clone)]
enum Bytes {
    Embedded(&'static [u8]),
    Read(Arc<Vec<u8>>),
}

impl Bytes {
    fn get(&self) -> &[u8] {
        match self {
            Bytes::Embedded(bytes) => bytes,
            Bytes::Read(bytes) => bytes,
        }
    }
}

/// One face to measure with.
struct Face {
    bytes: Bytes,
    index: u32,
    bold: bool,
}

/// The fonts of a build's cards.
pub(super) struct Fonts {
    /// Every face, for drawing.
    pub db: Arc<Database>,
    /// The `font-family` list card templates are given.
    pub families: String,
    /// A hash of the site's own font files, part of every card's key.
    pub key: String,
    /// The faces in the order a character is looked for.
    faces: Vec<Face>,
}

impl Fonts {
    /// tend's fonts, then the `.ttf` and `.otf` files in the site's
    /// `static/` folder; those whose family `headings` (a CSS font stack)
    /// names come first.
    pub(super) fn load(root: &Path, headings: Option<&str>) -> Fonts {
        let mut db = Database::new();
        let mut faces = Vec::new();
        let mut hash = Sha256::new();
        let mut site = Vec::new();
        for (path, bytes) in site_fonts(&root.join(crate::model::STATIC_DIR)) {
            hash.update(path.to_string_lossy().as_bytes());
            hash.update(&bytes);
            let bytes = Arc::new(bytes);
            for id in db.load_font_source(Source::Binary(bytes.clone())) {
                if let Some(face) = db.face(id) {
                    let bold = face.weight.0 >= 600;
                    let family = face.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
                    site.push((family, Face { bytes: Bytes::Read(bytes.clone()), index: face.index, bold }));
                }
            }
        }
        let wanted: Vec<String> = headings.map(font_stack).unwrap_or_default();
        let mut named: Vec<String> = Vec::new();
        for name in &wanted {
            for (family, _) in site.iter().filter(|(family, _)| family.eq_ignore_ascii_case(name)) {
                if !named.contains(family) {
                    named.push(family.clone());
                }
            }
        }
        site.sort_by_key(|(family, _)| named.iter().position(|n| n == family).unwrap_or(usize::MAX));
        faces.extend(site.into_iter().filter(|(family, _)| named.contains(family)).map(|(_, face)| face));
        for &(bytes, bold) in BUILTIN {
            db.load_font_source(Source::Binary(Arc::new(bytes)));
            faces.push(Face { bytes: Bytes::Embedded(bytes), index: 0, bold });
        }
        db.set_sans_serif_family("Noto Sans");
        let quoted: Vec<String> = named.iter().map(|family| format!("'{}'", family.replace('\'', ""))).collect();
        let families = quoted.into_iter().chain([BUILTIN_FAMILIES.to_owned()]).collect::<Vec<_>>().join(", ");
        let key = hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect();
        Fonts { db: Arc::new(db), families, key, faces }
    }

    /// A measurer of text in bold (titles) or regular weight.
    pub(super) fn measure(&self, bold: bool) -> Measure<'_> {
        let faces = self
            .faces
            .iter()
            .filter_map(|face| {
                let font = FontRef::from_index(face.bytes.get(), face.index).ok()?;
                let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
                Some((font.charmap(), metrics, face.bold == bold))
            })
            .collect();
        Measure { faces }
    }
}

/// Widths of text in ems, each character in the first face that has it,
/// preferring faces of the asked-for weight.
pub(super) struct Measure<'f> {
    faces: Vec<(Charmap<'f>, GlyphMetrics<'f>, bool)>,
}

impl Measure<'_> {
    /// The width of `text` at 1 px.
    pub(super) fn em_width(&self, text: &str) -> f32 {
        text.chars().map(|c| self.char_width(c)).sum()
    }

    fn char_width(&self, c: char) -> f32 {
        let preferred = self.faces.iter().filter(|(.., weight)| *weight).chain(self.faces.iter());
        for (charmap, metrics, _) in preferred {
            if let Some(glyph) = charmap.map(c) {
                return metrics.advance_width(glyph).unwrap_or(0.5);
            }
        }
        // Drawn as a box of the fallback font.
        if c.is_control() { 0.0 } else { 0.6 }
    }
}

/// The family names of a CSS font stack, unquoted.
fn font_stack(stack: &str) -> Vec<String> {
    stack
        .split(',')
        .map(|name| name.trim().trim_matches(['"', '\'']).trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The `.ttf` and `.otf` files under `dir`, in name order, up to
/// [`MOST_SITE_FONT_BYTES`] in all.
fn site_fonts(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut paths = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let kind = entry.file_type();
            if kind.as_ref().is_ok_and(std::fs::FileType::is_dir) {
                folders.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut total = 0;
    let mut fonts = Vec::new();
    for path in paths {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        if total + size > MOST_SITE_FONT_BYTES {
            break;
        }
        if let Ok(bytes) = std::fs::read(&path) {
            total += size;
            fonts.push((path, bytes));
        }
    }
    fonts
}

#[cfg(test)]
mod tests {
    use super::{Fonts, font_stack};

    #[test]
    fn font_stacks_are_read_as_names() {
        assert_eq!(
            font_stack("\"Iowan Old Style\", Georgia , 'Fira Sans', serif"),
            ["Iowan Old Style", "Georgia", "Fira Sans", "serif"]
        );
    }

    #[test]
    fn every_script_is_measured_by_a_font_that_has_it() {
        let root = tempfile::tempdir().expect("temp");
        let fonts = Fonts::load(root.path(), None);
        let measure = fonts.measure(true);
        // Latin, Cyrillic, Arabic, Hebrew, CJK: none falls back to the box.
        for text in ["Garden", "Сад", "حديقة", "גן", "花园"] {
            let width = measure.em_width(text);
            assert!(width > 0.3 && (width - 0.6 * text.chars().count() as f32).abs() > 1e-3, "{text}: {width}");
        }
        // Wider words measure wider.
        assert!(measure.em_width("mmmm") > measure.em_width("iiii"));
    }
}
