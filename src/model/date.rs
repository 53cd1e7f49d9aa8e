//! Dates as writers write them: `2025-10-31`, `2025-10-31 09:30`,
//! `2025-10-31T09:30:00+02:00`, Jekyll's `2025-10-31 09:30:00 +0200`, and
//! the `YYYY-MM-DD-` file-name prefix.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::PageDate;

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
        match text.replacen(' ', "T", 1).parse() {
            Ok(civil) => civil,
            Err(_) => return jekyll_date(text, day),
        }
    };
    let instant = civil.to_zoned_datetime(TimeZone::UTC).ok()?.timestamp();
    Some(PageDate { instant, day })
}

/// Jekyll's `2025-10-31 09:30:00 +0200` (also `-05:00`, or `Z`): a time, a
/// space and an offset.
fn jekyll_date(text: &str, day: Date) -> Option<PageDate> {
    let (civil, offset) = text.rsplit_once(' ')?;
    let civil: DateTime = civil.trim().replacen(' ', "T", 1).parse().ok()?;
    let offset = offset.trim();
    let offset = if offset == "Z" || offset.eq_ignore_ascii_case("utc") {
        jiff::tz::Offset::UTC
    } else {
        let sign = match offset.get(..1)? {
            "+" => 1,
            "-" => -1,
            _ => return None,
        };
        let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let hours: i32 = digits[..2].parse().ok()?;
        let minutes: i32 = digits[2..].parse().ok()?;
        jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()?
    };
    let instant = civil.to_zoned_datetime(TimeZone::fixed(offset)).ok()?.timestamp();
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
        // Jekyll's way (issue 18).
        let d = parse_date("2013-05-06 02:12:52 +0200").expect("date");
        assert_eq!(d.instant.to_string(), "2013-05-06T00:12:52Z");
        assert_eq!(d.day.to_string(), "2013-05-06");
        let d = parse_date("2013-05-06 22:00:00 -05:00").expect("date");
        assert_eq!(d.instant.to_string(), "2013-05-07T03:00:00Z");
        assert!(parse_date("2013-05-06 02:12:52 +02").is_none());
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
