//! Words across scripts: Chinese characters and kana, which do not space
//! their words, are words two characters each; letters are compared
//! without their accents ("é" finds "e").

use std::borrow::Cow;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::CodePointMapData;
use icu_properties::props::Script;

/// Whether `c` is a Chinese character or kana (Unicode's Han, Hiragana and
/// Katakana scripts, as `\p{Script=…}` in the browser's expressions, and
/// ー).
pub(crate) fn is_ideograph(c: char) -> bool {
    // Nothing below the CJK radicals is in those scripts. The long vowel
    // mark ー is in no script of its own, but is written in katakana words.
    u32::from(c) >= 0x2E80
        && (c == '\u{30fc}'
            || matches!(CodePointMapData::<Script>::new().get(c), Script::Han | Script::Hiragana | Script::Katakana))
}

/// How many characters of `text` are ideographs.
pub(crate) fn ideographs(text: &str) -> usize {
    // Only characters from U+2E80 on, whose first byte is 0xE2 or more, are
    // decoded: most text holds none, or only punctuation such as ’.
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b >= 0xE2).map(|n| n + i) {
        let Some(c) = text[at..].chars().next() else { break };
        count += usize::from(is_ideograph(c));
        i = at + c.len_utf8();
    }
    count
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
/// when it holds ideographs, the letters between them and each pair of
/// ideographs side by side (`東京の` is `東京` and `京の`), as a search
/// engine splits Chinese and Japanese, which do not space their words; an
/// ideograph with none beside it is a word alone.
pub(crate) fn split_ideographs(run: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = run;
    while let Some(first) = rest.chars().next() {
        let ideographs = is_ideograph(first);
        let end = rest.char_indices().find(|&(_, c)| is_ideograph(c) != ideographs).map_or(rest.len(), |(i, _)| i);
        let (stretch, tail) = rest.split_at(end);
        rest = tail;
        let starts: Vec<usize> = stretch.char_indices().map(|(i, _)| i).chain([stretch.len()]).collect();
        if !ideographs || starts.len() <= 2 {
            words.push(stretch);
        } else {
            words.extend(starts.windows(3).map(|w| &stretch[w[0]..w[2]]));
        }
    }
    words
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
    fn ideographs_are_words_in_pairs() {
        let words = split_ideographs("abc漢字defテストx字");
        assert_eq!(words, ["abc", "漢字", "def", "テス", "スト", "x", "字"]);
        assert_eq!(split_ideographs("東京の喫茶店"), ["東京", "京の", "の喫", "喫茶", "茶店"]);
        assert_eq!(split_ideographs("한국어"), ["한국어"]);
        assert_eq!(split_ideographs("コーヒー"), ["コー", "ーヒ", "ヒー"]);
        assert_eq!(ideographs("日本語のテキスト, and English"), 8);
    }
}
