//! Dates as writers write them: `2025-10-31`, `2025-10-31 09:30`,
//! `2025-10-31T09:30:00+02:00`, and the `YYYY-MM-DD-` file-name prefix.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::model::PageDate;

/// Parses a date with an optional time and offset. A date or time without an
/// offset is taken as UTC.
pub fn parse_date(text: &str) -> Option<PageDate> {
    let text = text.trim();
    let day: Date = text.get(..10)?.parse().ok()?;
    if let Ok(instant) = text.parse::<Timestamp>() {
        return Some(PageDate { instant, day });
    }
    let civil: DateTime = if text.len() == 10 {
        day.to_datetime(jiff::civil::Time::midnight())
    } else {
        text.replacen(' ', "T", 1).parse().ok()?
    };
    let instant = civil.to_zoned_datetime(TimeZone::UTC).ok()?.timestamp();
    Some(PageDate { instant, day })
}

/// Splits a `YYYY-MM-DD-` (or `_`, or space) prefix off a file stem:
/// `2025-10-31-growth` gives the date and `growth`. Stems that do not start
/// with a real date are returned whole.
pub fn split_date_prefix(stem: &str) -> (Option<PageDate>, &str) {
    let (Some(prefix), Some(sep)) = (stem.get(..10), stem.get(10..11)) else {
        return (None, stem);
    };
    let looks_like_date =
        prefix.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if !looks_like_date || !matches!(sep, "-" | "_" | " ") || stem.len() == 11 {
        return (None, stem);
    }
    match parse_date(prefix) {
        Some(date) => (Some(date), &stem[11..]),
        None => (None, stem),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_date, split_date_prefix};

    #[test]
    fn plain_dates_are_midnight_utc() {
        let d = parse_date("2025-10-31").expect("date");
        assert_eq!(d.day.to_string(), "2025-10-31");
        assert_eq!(d.instant.to_string(), "2025-10-31T00:00:00Z");
    }

    #[test]
    fn times_and_offsets() {
        let d = parse_date("2025-10-31T09:30:00+02:00").expect("date");
        assert_eq!(d.instant.to_string(), "2025-10-31T07:30:00Z");
        assert_eq!(d.day.to_string(), "2025-10-31");
        let d = parse_date("2025-10-31 09:30").expect("date");
        assert_eq!(d.instant.to_string(), "2025-10-31T09:30:00Z");
    }

    #[test]
    fn invalid_dates() {
        assert!(parse_date("2025-13-01").is_none());
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("2025-10-31Tnoon").is_none());
    }

    #[test]
    fn file_name_prefix() {
        let (d, rest) = split_date_prefix("2025-10-31-growth");
        assert_eq!(d.expect("date").day.to_string(), "2025-10-31");
        assert_eq!(rest, "growth");
        assert_eq!(split_date_prefix("2025-13-31-growth").1, "2025-13-31-growth");
        assert_eq!(split_date_prefix("growth").1, "growth");
        assert!(split_date_prefix("2025-10-31").0.is_none());
    }
}
