//! Fitting a card's text: the title broken into lines at the largest size
//! at which it fits its box, other lines cut to the card's width. Breaks
//! fall at spaces, and between any two CJK characters (which are written
//! without spaces); a word wider than the box is broken where it must be.

use super::fonts::Measure;

/// The width text may take, in pixels.
pub(super) const TEXT_WIDTH: f32 = 1040.0;

/// The height of the title's box, in pixels.
const TITLE_HEIGHT: f32 = 300.0;

/// Title sizes tried, largest first, in pixels.
const TITLE_SIZES: [u32; 8] = [76, 68, 60, 54, 48, 42, 38, 34];

/// Baselines are this many sizes apart.
const LEADING: f32 = 1.2;

/// A title fitted to its box.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Title {
    pub lines: Vec<String>,
    pub size: u32,
    pub leading: u32,
}

/// `title` broken into lines at the largest size of [`TITLE_SIZES`] at
/// which it fits the box; at the smallest, as many lines as fit, the last
/// one ending in `…`.
pub(super) fn title(title: &str, measure: &Measure<'_>) -> Title {
    let pieces = pieces(title, measure);
    for size in TITLE_SIZES {
        let leading = (size as f32 * LEADING).round();
        let most = (TITLE_HEIGHT / leading).floor() as usize;
        let lines = lines(&pieces, TEXT_WIDTH / size as f32);
        if lines.len() <= most {
            return Title { lines, size, leading: leading as u32 };
        }
    }
    let size = TITLE_SIZES[TITLE_SIZES.len() - 1];
    let leading = (size as f32 * LEADING).round();
    let most = (TITLE_HEIGHT / leading).floor() as usize;
    let mut lines = lines(&pieces, TEXT_WIDTH / size as f32);
    lines.truncate(most);
    if let Some(last) = lines.last_mut() {
        *last = cut(&format!("{last} …"), TEXT_WIDTH / size as f32, measure);
    }
    Title { lines, size, leading: leading as u32 }
}

/// `text` as it fits `width` ems, cut short with `…` if it must be.
pub(super) fn cut(text: &str, width: f32, measure: &Measure<'_>) -> String {
    if measure.em_width(text) <= width {
        return text.to_owned();
    }
    let ellipsis = measure.em_width("…");
    let mut kept = String::new();
    let mut used = ellipsis;
    for c in text.chars() {
        let w = measure.em_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    format!("{}…", kept.trim_end())
}

/// A piece of text no line breaks inside of, its width in ems, and
/// whether it is a space (dropped at a break).
#[derive(Debug)]
struct Piece {
    text: String,
    width: f32,
    space: bool,
}

/// `text` cut where lines may break: at spaces, and around CJK characters.
fn pieces(text: &str, measure: &Measure<'_>) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, pieces: &mut Vec<Piece>| {
        if !word.is_empty() {
            pieces.push(Piece { width: measure.em_width(word), text: std::mem::take(word), space: false });
        }
    };
    for c in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if c == ' ' {
            flush(&mut word, &mut pieces);
            pieces.push(Piece { text: " ".to_owned(), width: measure.em_width(" "), space: true });
        } else if is_cjk(c) {
            flush(&mut word, &mut pieces);
            word.push(c);
            flush(&mut word, &mut pieces);
        } else if is_closing(c) && word.is_empty() && pieces.last().is_some_and(|p| !p.space) {
            // Closing punctuation stays with what it closes: 「花」。
            if let Some(last) = pieces.last_mut() {
                last.text.push(c);
                last.width += measure.em_width(c.encode_utf8(&mut [0; 4]));
            }
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut pieces);
    pieces
}

/// `pieces` filled greedily into lines of at most `width` ems.
fn lines(pieces: &[Piece], width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for piece in pieces {
        if piece.space {
            if !line.is_empty() {
                line.push(' ');
                used += piece.width;
            }
            continue;
        }
        if used + piece.width > width && !line.trim_end().is_empty() {
            lines.push(line.trim_end().to_owned());
            line.clear();
            used = 0.0;
        }
        if piece.width > width {
            // A word wider than a line is broken where it must be.
            let per_char = piece.width / piece.text.chars().count().max(1) as f32;
            for c in piece.text.chars() {
                if used + per_char > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += per_char;
            }
            continue;
        }
        line.push_str(&piece.text);
        used += piece.width;
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Characters of scripts written without spaces between words: CJK
/// ideographs, kana, Hangul syllables and their punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Punctuation that must not begin a line.
fn is_closing(c: char) -> bool {
    matches!(c, '。' | '、' | '，' | '．' | '！' | '？' | '」' | '』' | '）' | '：' | '；')
}

/// Whether `text` reads right to left: its first letter is Hebrew or
/// Arabic.
pub(super) fn is_rtl(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
}

#[cfg(test)]
mod tests {
    use super::{TEXT_WIDTH, cut, is_rtl, title};
    use crate::images::fonts::Fonts;

    fn fonts() -> Fonts {
        let root = tempfile::tempdir().expect("temp");
        Fonts::load(root.path(), None)
    }

    #[test]
    fn a_short_title_is_one_line_at_the_largest_size() {
        let fonts = fonts();
        let fitted = title("Hello, world", &fonts.measure(true));
        assert_eq!(fitted.lines, ["Hello, world"]);
        assert_eq!(fitted.size, 76);
    }

    #[test]
    fn long_titles_wrap_and_shrink_and_never_overflow() {
        let fonts = fonts();
        let measure = fonts.measure(true);
        let long = "The surprisingly long story of how a small garden of notes grew into a website that a great many people read every single morning before work";
        let fitted = title(long, &measure);
        assert!(fitted.size < 76 && fitted.lines.len() > 1, "{fitted:?}");
        for line in &fitted.lines {
            assert!(measure.em_width(line) * fitted.size as f32 <= TEXT_WIDTH, "{line}");
        }
        assert_eq!(fitted.lines.join(" "), long, "nothing lost when it fits");
        let endless = "word ".repeat(400);
        let fitted = title(&endless, &measure);
        assert_eq!(fitted.size, 34);
        assert!(fitted.lines.last().is_some_and(|l| l.ends_with('…')), "{fitted:?}");
        assert!(fitted.lines.len() as u32 * fitted.leading <= 300);
    }

    #[test]
    fn cjk_breaks_between_characters_and_long_words_break_anywhere() {
        let fonts = fonts();
        let measure = fonts.measure(true);
        let fitted = title(&"庭園の手入れについての長い覚え書き。".repeat(4), &measure);
        assert!(fitted.lines.len() > 1);
        assert!(fitted.lines.iter().all(|l| !l.starts_with('。')), "{fitted:?}");
        let fitted = title(&"x".repeat(300), &measure);
        for line in &fitted.lines {
            assert!(measure.em_width(line) * fitted.size as f32 <= TEXT_WIDTH + 1.0, "{line}");
        }
    }

    #[test]
    fn lines_are_cut_with_an_ellipsis() {
        let fonts = fonts();
        let measure = fonts.measure(false);
        assert_eq!(cut("short", 20.0, &measure), "short");
        let cut_text = cut(&"tag ".repeat(100), 20.0, &measure);
        assert!(cut_text.ends_with('…') && measure.em_width(&cut_text) <= 20.0, "{cut_text}");
    }

    #[test]
    fn arabic_and_hebrew_titles_read_right_to_left() {
        assert!(is_rtl("حديقة الملاحظات"));
        assert!(is_rtl("«גן» של רשימות"));
        assert!(!is_rtl("Notes: حديقة"));
    }
}
