//! The site's language: every word the built-in theme shows a reader, and
//! its dates, numbers, plural forms and writing direction, from CLDR data
//! (ICU4X, compiled in).
//!
//! The theme's words come from a table per language, `theme/i18n/LANG.toml`
//! in the binary; `en.toml` has every key and explains each. A site changes
//! any of them, or adds a language, in `i18n/LANG.toml` (read by the load
//! stage). A word missing from a table falls back to English, so a site
//! table may hold only the words it changes.

use std::collections::HashMap;
use std::fmt::Write as _;

use icu_datetime::fieldsets::{M, YM, YMD};
use icu_datetime::input::Date;
use icu_datetime::{DateTimeFormatter, DateTimeFormatterPreferences};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale::LocaleDirectionality;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};
use serde::Deserialize;

/// The built-in tables, by language tag.
pub const BUILTIN_TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../../theme/i18n/en.toml")),
    ("de", include_str!("../../theme/i18n/de.toml")),
    ("fr", include_str!("../../theme/i18n/fr.toml")),
    ("es", include_str!("../../theme/i18n/es.toml")),
    ("pt", include_str!("../../theme/i18n/pt.toml")),
    ("it", include_str!("../../theme/i18n/it.toml")),
    ("nl", include_str!("../../theme/i18n/nl.toml")),
    ("pl", include_str!("../../theme/i18n/pl.toml")),
    ("ru", include_str!("../../theme/i18n/ru.toml")),
    ("uk", include_str!("../../theme/i18n/uk.toml")),
    ("ja", include_str!("../../theme/i18n/ja.toml")),
    ("zh-Hans", include_str!("../../theme/i18n/zh-Hans.toml")),
    ("zh-Hant", include_str!("../../theme/i18n/zh-Hant.toml")),
    ("ko", include_str!("../../theme/i18n/ko.toml")),
    ("ar", include_str!("../../theme/i18n/ar.toml")),
    ("he", include_str!("../../theme/i18n/he.toml")),
];

/// The folder beside `tend.toml` whose `LANG.toml` changes the theme's words.
pub const I18N_DIR: &str = "i18n";

/// One of the theme's words: a text, or a text per plural form.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Message {
    /// The same text whatever the number.
    Text(String),
    /// A text per CLDR plural form (`one`, `few`, `other`…), by name.
    Forms(HashMap<String, String>),
}

/// A piece of a message: text as it is, or a `{name}` to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text.
    Text(&'a str),
    /// A placeholder's name.
    Arg(&'a str),
}

/// The pieces of `template`: `{name}` (letters, digits, `_`) is a
/// placeholder, any other brace is text.
pub fn pieces(template: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = template;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut from = 0;
        while let Some(open) = rest[from..].find('{').map(|i| i + from) {
            let name_end = rest[open + 1..].find(|c: char| !(c.is_alphanumeric() || c == '_')).map(|i| i + open + 1);
            match name_end {
                Some(end) if end > open + 1 && rest[end..].starts_with('}') => {
                    if open > 0 {
                        let (text, tail) = rest.split_at(open);
                        rest = tail;
                        return Some(Piece::Text(text));
                    }
                    let name = &rest[1..end];
                    rest = &rest[end + 1..];
                    return Some(Piece::Arg(name));
                }
                _ => from = open + 1,
            }
        }
        let text = rest;
        rest = "";
        Some(Piece::Text(text))
    })
}

/// The placeholders of `template`, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    pieces(template)
        .filter_map(|p| match p {
            Piece::Arg(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The words in `source`, a table in the format of `theme/i18n/en.toml`.
pub fn parse_table(source: &str) -> Result<HashMap<String, Message>, toml::de::Error> {
    toml::from_str(source)
}

/// The built-in table for `tag`: its own, else its language's (`de-CH`
/// reads `de`, `zh` and `zh-CN` read `zh-Hans`, `zh-TW` and `zh-HK` read
/// `zh-Hant`), else none.
pub fn builtin_table(tag: &str) -> Option<(&'static str, &'static str)> {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let exact = BUILTIN_TABLES.iter().find(|(name, _)| name.eq_ignore_ascii_case(&lower));
    let base = || {
        let mut parts = lower.split('-');
        let language = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let name = match language {
            "zh" if rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo")) => "zh-Hant",
            "zh" => "zh-Hans",
            "iw" => "he",
            other => other,
        };
        BUILTIN_TABLES.iter().find(|(n, _)| *n == name)
    };
    exact.or_else(base).copied()
}

/// The site's language: its words and CLDR's ways with its dates, numbers
/// and plurals.
pub struct Locale {
    tag: String,
    rtl: bool,
    messages: HashMap<String, Message>,
    plurals: PluralRules,
    dates: DateTimeFormatter<YMD>,
    months: DateTimeFormatter<YM>,
    month_names: DateTimeFormatter<M>,
    numbers: DecimalFormatter,
    fingerprint: u64,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("tag", &self.tag).field("rtl", &self.rtl).finish_non_exhaustive()
    }
}

impl Default for Locale {
    fn default() -> Self {
        Locale::new("en", HashMap::new())
    }
}

impl Locale {
    /// The language `tag` (BCP 47, as in tend.toml) with the built-in words
    /// for it, then `site`'s words over them. A tag CLDR cannot read gets
    /// CLDR's root formats.
    pub fn new(tag: &str, site: HashMap<String, Message>) -> Locale {
        let mut messages = parse_table(BUILTIN_TABLES[0].1).unwrap_or_default();
        if let Some((name, source)) = builtin_table(tag).filter(|(name, _)| *name != "en") {
            let table = parse_table(source).unwrap_or_default();
            debug_assert!(!table.is_empty(), "the built-in table {name} does not parse");
            messages.extend(table);
        }
        messages.extend(site);
        let fingerprint = fingerprint(tag, &messages);
        let icu: IcuLocale = tag.replace('_', "-").parse().unwrap_or(IcuLocale::UNKNOWN);
        let prefs = DateTimeFormatterPreferences::from(&icu);
        let rtl = LocaleDirectionality::new_extended().is_right_to_left(&icu.id);
        Locale {
            tag: tag.to_owned(),
            rtl,
            messages,
            plurals: PluralRules::try_new((&icu).into(), Default::default())
                .unwrap_or_else(|_| PluralRules::try_new(Default::default(), Default::default()).expect("root rules")),
            dates: DateTimeFormatter::try_new(prefs, YMD::long())
                .unwrap_or_else(|_| DateTimeFormatter::try_new(Default::default(), YMD::long()).expect("root dates")),
            months: DateTimeFormatter::try_new(prefs, YM::long())
                .unwrap_or_else(|_| DateTimeFormatter::try_new(Default::default(), YM::long()).expect("root months")),
            month_names: DateTimeFormatter::try_new(prefs, M::long())
                .unwrap_or_else(|_| DateTimeFormatter::try_new(Default::default(), M::long()).expect("root months")),
            numbers: DecimalFormatter::try_new((&icu).into(), Default::default())
                .unwrap_or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()).expect("root")),
            fingerprint,
        }
    }

    /// The language tag, as tend.toml has it.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// A hash of the language and every word: what a cache of text made
    /// with them is keyed by.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// `dir` for the root element: `rtl` or `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// The message `key` for the number `n` (its plural form; the first
    /// form when `n` is `None`), or `key` itself when no table has it.
    pub fn message<'a>(&'a self, key: &'a str, n: Option<usize>) -> &'a str {
        match self.messages.get(key) {
            Some(Message::Text(text)) => text,
            Some(Message::Forms(forms)) => {
                let name = n.map_or("other", |n| category_name(self.plurals.category_for(n)));
                forms.get(name).or_else(|| forms.get("other")).map_or(key, String::as_str)
            }
            None => key,
        }
    }

    /// The text `key` with its `{name}`s filled from `args`.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.message(key, None), args)
    }

    /// The text `key` in the plural form for `n`, with `{n}` the number as
    /// the language writes it and the other `{name}`s from `args`.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let number = self.number(n);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(("n", number.as_str()));
        all.extend_from_slice(args);
        fill(self.message(key, Some(n)), &all)
    }

    /// `n` as the language writes it (`1 234` in French).
    pub fn number(&self, n: usize) -> String {
        self.numbers.format(&Decimal::from(n)).to_string()
    }

    /// A day in the language's long form: "31 octobre 2025".
    pub fn date(&self, day: jiff::civil::Date) -> String {
        match Date::try_new_iso(i32::from(day.year()), day.month() as u8, day.day() as u8) {
            Ok(date) => self.dates.format(&date).to_string(),
            Err(_) => day.to_string(),
        }
    }

    /// A month and its year: "octobre 2025".
    pub fn month(&self, year: i16, month: i8) -> String {
        match Date::try_new_iso(i32::from(year), month as u8, 1) {
            Ok(date) => self.months.format(&date).to_string(),
            Err(_) => format!("{year}-{month:02}"),
        }
    }

    /// A month's name on its own: "octobre".
    pub fn month_name(&self, year: i16, month: i8) -> String {
        match Date::try_new_iso(i32::from(year), month as u8, 1) {
            Ok(date) => self.month_names.format(&date).to_string(),
            Err(_) => format!("{month:02}"),
        }
    }

    /// The words whose keys start with `prefix`, without it, for a script:
    /// a text, or an object of plural forms.
    pub fn script_words(&self, prefix: &str) -> serde_json::Value {
        let mut words: Vec<(&String, &Message)> =
            self.messages.iter().filter(|(key, _)| key.starts_with(prefix)).collect();
        words.sort_by_key(|(key, _)| key.as_str());
        let object = words.into_iter().map(|(key, message)| {
            let value = match message {
                Message::Text(text) => serde_json::Value::from(text.as_str()),
                Message::Forms(forms) => {
                    let sorted: std::collections::BTreeMap<&String, &String> = forms.iter().collect();
                    serde_json::to_value(sorted).unwrap_or_default()
                }
            };
            (key[prefix.len()..].to_owned(), value)
        });
        serde_json::Value::Object(object.collect())
    }

    /// The words that are one text with nothing to fill in, by key.
    pub fn plain_texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.messages.iter().filter_map(|(key, message)| match message {
            Message::Text(text) if placeholders(text).is_empty() => Some((key.as_str(), text.as_str())),
            _ => None,
        })
    }

    /// The plural forms the language has, by CLDR name.
    pub fn plural_forms(&self) -> Vec<&'static str> {
        self.plurals.categories().map(category_name).collect()
    }
}

/// English with the built-in words, for what renders without a site.
pub fn english() -> &'static Locale {
    static ENGLISH: std::sync::LazyLock<Locale> = std::sync::LazyLock::new(Locale::default);
    &ENGLISH
}

/// `template` with each `{name}` that `args` names replaced by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Arg(name) => match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    let _ = write!(out, "{{{name}}}");
                }
            },
        }
    }
    out
}

/// A hash of `tag` and `messages`, the same in every process.
fn fingerprint(tag: &str, messages: &HashMap<String, Message>) -> u64 {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<(&String, &Message)> = messages.iter().collect();
    sorted.sort_by_key(|(key, _)| key.as_str());
    let mut hash = Sha256::new();
    hash.update(tag.as_bytes());
    for (key, message) in sorted {
        hash.update([0]);
        hash.update(key.as_bytes());
        match message {
            Message::Text(text) => hash.update(text.as_bytes()),
            Message::Forms(forms) => {
                let mut forms: Vec<(&String, &String)> = forms.iter().collect();
                forms.sort();
                for (form, text) in forms {
                    hash.update([1]);
                    hash.update(form.as_bytes());
                    hash.update([2]);
                    hash.update(text.as_bytes());
                }
            }
        }
    }
    let digest = hash.finalize();
    u64::from_le_bytes(digest[..8].try_into().unwrap_or_default())
}

/// CLDR's name of a plural form.
fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_names_in_braces() {
        assert_eq!(placeholders("{n} pages in {taxonomy}."), ["n", "taxonomy"]);
        assert_eq!(placeholders("a { b } {c-d} {} {ok}"), ["ok"]);
        assert_eq!(fill("Part {part} of {series}.", &[("part", "2"), ("series", "Rust")]), "Part 2 of Rust.");
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
    }

    #[test]
    fn every_builtin_table_has_every_word_with_its_placeholders_and_forms() {
        let english = parse_table(BUILTIN_TABLES[0].1).expect("en.toml parses");
        for (name, source) in BUILTIN_TABLES {
            let table = parse_table(source).unwrap_or_else(|e| panic!("{name}.toml: {e}"));
            let forms = Locale::new(name, HashMap::new()).plural_forms();
            for (key, reference) in &english {
                let wanted = |m: &Message| match m {
                    Message::Text(t) => placeholders(t).into_iter().map(str::to_owned).collect::<Vec<_>>(),
                    Message::Forms(f) => placeholders(&f["other"]).into_iter().map(str::to_owned).collect(),
                };
                let message = table.get(key).unwrap_or_else(|| panic!("{name}.toml lacks `{key}`"));
                let mut want = wanted(reference);
                want.sort();
                match message {
                    Message::Text(text) => {
                        assert!(matches!(reference, Message::Text(_)), "{name}.toml: `{key}` needs plural forms");
                        let mut got: Vec<&str> = placeholders(text);
                        got.sort();
                        assert_eq!(got, want, "{name}.toml: `{key}`'s placeholders");
                    }
                    Message::Forms(given) => {
                        let mut names: Vec<&str> = given.keys().map(String::as_str).collect();
                        names.sort();
                        let mut expected = forms.clone();
                        expected.sort();
                        assert_eq!(names, expected, "{name}.toml: `{key}`'s plural forms");
                        for text in given.values() {
                            let got: Vec<&str> = placeholders(text);
                            assert!(
                                got.iter().all(|p| want.iter().any(|w| w == p)),
                                "{name}.toml: `{key}` has an unknown placeholder in {text:?}"
                            );
                        }
                    }
                }
            }
            let extra: Vec<&String> = table.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{name}.toml has words en.toml lacks: {extra:?}");
        }
    }

    #[test]
    fn dates_numbers_and_plurals_follow_the_language() {
        let day = jiff::civil::date(2025, 10, 31);
        let french = Locale::new("fr", HashMap::new());
        assert_eq!(french.date(day), "31 octobre 2025");
        assert_eq!(french.month(2025, 10), "octobre 2025");
        assert_eq!(Locale::new("de", HashMap::new()).date(day), "31. Oktober 2025");
        assert_eq!(Locale::new("ja", HashMap::new()).date(day), "2025年10月31日");
        assert_eq!(Locale::default().date(day), "October 31, 2025");
        assert_eq!(Locale::default().count("reading_time", 1, &[]), "1 min read");
        assert_eq!(Locale::default().count("pages", 1234, &[]), "1,234 pages");
        let polish = Locale::new("pl", HashMap::new());
        assert_ne!(polish.count("pages", 2, &[]), polish.count("pages", 5, &[]));
        assert!(Locale::new("ar", HashMap::new()).is_rtl());
        assert!(Locale::new("he-IL", HashMap::new()).is_rtl());
        assert!(!Locale::new("ja", HashMap::new()).is_rtl());
    }

    #[test]
    fn a_region_reads_its_languages_table() {
        assert_eq!(builtin_table("de-CH").map(|t| t.0), Some("de"));
        assert_eq!(builtin_table("pt_BR").map(|t| t.0), Some("pt"));
        assert_eq!(builtin_table("zh-CN").map(|t| t.0), Some("zh-Hans"));
        assert_eq!(builtin_table("zh-TW").map(|t| t.0), Some("zh-Hant"));
        assert_eq!(builtin_table("zh-Hant-HK").map(|t| t.0), Some("zh-Hant"));
        assert_eq!(builtin_table("sw"), None);
    }

    #[test]
    fn a_site_word_replaces_the_builtin_one_and_the_rest_stay() {
        let site = HashMap::from([("skip_link".to_owned(), Message::Text("Zum Text".to_owned()))]);
        let german = Locale::new("de", site);
        assert_eq!(german.text("skip_link", &[]), "Zum Text");
        assert_ne!(german.text("backlinks", &[]), "Links to this page");
    }
}
