//! Words across scripts: Chinese characters and kana, which do not space
//! their words, are words one character each; letters are compared without
//! their accents ("é" finds "e").

use std::borrow::Cow;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::CodePointMapData;
use icu_properties::props::Script;

/// Whether `c` is a Chinese character or kana (Unicode's Han, Hiragana and
/// Katakana scripts, as `\p{Script=…}` in the browser's expressions).
pub(crate) fn is_ideograph(c: char) -> bool {
    // Nothing below the CJK radicals is in those scripts.
    u32::from(c) >= 0x2E80
        && matches!(CodePointMapData::<Script>::new().get(c), Script::Han | Script::Hiragana | Script::Katakana)
}

/// How many characters of `text` are ideographs.
pub(crate) fn ideographs(text: &str) -> usize {
    text.chars().filter(|&c| is_ideograph(c)).count()
}

/// `lower` (already lower-cased) without accents: decomposed, its combining
/// diacritical marks (U+0300 to U+036F) dropped, composed again, as the
/// search script does with `normalize`.
pub(crate) fn fold(lower: &str) -> Cow<'_, str> {
    if lower.is_ascii() {
        return Cow::Borrowed(lower);
    }
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(lower);
    if !decomposed.chars().any(is_diacritic) {
        return Cow::Borrowed(lower);
    }
    let bare: String = decomposed.chars().filter(|&c| !is_diacritic(c)).collect();
    Cow::Owned(ComposingNormalizerBorrowed::new_nfc().normalize(&bare).into_owned())
}

fn is_diacritic(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The words of `run`, a run of letters and digits: the run itself, or,
/// when it holds ideographs, each ideograph alone and the letters between
/// them.
pub(crate) fn split_ideographs(run: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = run;
    std::iter::from_fn(move || {
        let (start, c) = rest.char_indices().next()?;
        debug_assert_eq!(start, 0);
        if is_ideograph(c) {
            let (one, tail) = rest.split_at(c.len_utf8());
            rest = tail;
            return Some(one);
        }
        let end = rest.char_indices().find(|&(_, c)| is_ideograph(c)).map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_away_and_other_scripts_stay() {
        assert_eq!(fold("café"), "cafe");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(fold("ünïcode"), "unicode");
        assert_eq!(fold("straße"), "straße");
        assert_eq!(fold("한국어"), "한국어");
        assert_eq!(fold("がくせい"), "がくせい");
        assert_eq!(fold("привет"), "привет");
    }

    #[test]
    fn ideographs_are_words_alone() {
        let words: Vec<&str> = split_ideographs("abc漢字defテスト").collect();
        assert_eq!(words, ["abc", "漢", "字", "def", "テ", "ス", "ト"]);
        assert_eq!(split_ideographs("한국어").collect::<Vec<_>>(), ["한국어"]);
        assert_eq!(ideographs("日本語のテキスト, and English"), 8);
    }
}
