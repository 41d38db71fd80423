//! Civil dates (`YYYY-MM-DD`, proleptic Gregorian calendar) as day numbers, with the small
//! arithmetic the schedule needs. No time zones, no times of day: a plan's dates are calendar
//! days.

use crate::error::{Code, Error, Result};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar day between 0001-01-01 and 9999-12-31, stored as the number of days since
/// 1970-01-01 (negative before it).
///
/// Serialized as the ISO 8601 text `"YYYY-MM-DD"`; decoding rejects anything else (single-digit
/// months, times, impossible days such as `2021-02-29`).
///
/// # Formula
///
/// ```text
/// days_from_civil(y, m, d): shift the year to start in March (y' = y − [m ≤ 2]),
///   era = ⌊y' / 400⌋, yoe = y' − 400·era,
///   doy = ⌊(153·((m + 9) mod 12) + 2) / 5⌋ + d − 1,
///   doe = 365·yoe + ⌊yoe/4⌋ − ⌊yoe/100⌋ + doy,
///   days = 146097·era + doe − 719468
/// ```
///
/// # Examples
///
/// ```
/// use waterline::toc::Date;
/// let start = Date::parse("2021-07-01")?;          // PASS phase 2 opens
/// let end = Date::parse("2023-06-30")?;            // ... and closes
/// assert_eq!(start.days_until(end), 729);
/// assert_eq!(start.add_days(150)?.to_string(), "2021-11-28");
/// assert_eq!(Date::parse("1970-01-01")?.day_number(), 0);
/// # Ok::<(), waterline::Error>(())
/// ```
///
/// # References
///
/// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (`days_from_civil`,
/// `civil_from_days`); checked against Python's `datetime.date.toordinal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDate", type = "string"))]
pub struct Date(i32);

/// Day number of 0001-01-01.
const MIN_DAY: i64 = -719_162;
/// Day number of 9999-12-31.
const MAX_DAY: i64 = 2_932_896;

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1–12) of year `y`.
fn month_len(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn invalid(text: &str, why: &str) -> Error {
    Error::new(
        Code::InvalidDate,
        format!(
            "\"{text}\" is not a valid date: {why} (write dates as YYYY-MM-DD, e.g. 2021-07-01)"
        ),
    )
    .with("value", text)
}

impl Date {
    /// The date for year `y` (1–9999), month `m` (1–12) and day `d` (1–28/29/30/31).
    ///
    /// # Errors
    ///
    /// `invalid_date` when the day does not exist (e.g. 2021-02-29) or the year is outside
    /// 1–9999.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Result<Date> {
        let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
        let text = format!("{y:04}-{m:02}-{d:02}");
        if !(1..=9999).contains(&y) {
            return Err(invalid(&text, "the year must be between 1 and 9999"));
        }
        if !(1..=12).contains(&m) {
            return Err(invalid(&text, "the month must be between 01 and 12"));
        }
        if d < 1 || d > month_len(y, m) {
            return Err(invalid(&text, "that day does not exist in that month"));
        }
        Ok(Date(days_from_civil(y, m, d) as i32))
    }

    /// The date of a day known to exist (year 1–9999, month 1–12, day within the month), as
    /// series periods compute them; no check.
    pub(super) fn civil(y: i32, m: u32, d: u32) -> Date {
        Date(days_from_civil(i64::from(y), i64::from(m), i64::from(d)) as i32)
    }

    /// Parses the strict ISO form `YYYY-MM-DD` (exactly ten characters).
    ///
    /// # Errors
    ///
    /// `invalid_date` for any other form or an impossible day.
    pub fn parse(text: &str) -> Result<Date> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            part.iter()
                .try_fold(0u32, |acc, c| Some(acc * 10 + u32::from(c - b'0')))
        };
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err(invalid(text, "expected the form YYYY-MM-DD"));
        }
        match (digits(0..4), digits(5..7), digits(8..10)) {
            (Some(y), Some(m), Some(d)) => Date::from_ymd(y as i32, m, d),
            _ => Err(invalid(text, "expected digits in the form YYYY-MM-DD")),
        }
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    ///
    /// # Errors
    ///
    /// `invalid_date` outside 0001-01-01 ..= 9999-12-31.
    pub fn from_day_number(days: i64) -> Result<Date> {
        if (MIN_DAY..=MAX_DAY).contains(&days) {
            Ok(Date(days as i32))
        } else {
            Err(Error::new(
                Code::InvalidDate,
                format!("day number {days} is outside the years 1–9999"),
            )
            .with("dayNumber", days))
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn day_number(self) -> i64 {
        i64::from(self.0)
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(self.day_number());
        (y as i32, m as u32, d as u32)
    }

    /// The date `n` days later (earlier when `n < 0`).
    ///
    /// # Errors
    ///
    /// `invalid_date` when the result leaves the years 1–9999.
    pub fn add_days(self, n: i64) -> Result<Date> {
        match self.day_number().checked_add(n) {
            Some(days) => Date::from_day_number(days),
            None => Date::from_day_number(i64::MAX),
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date as text YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Date, E> {
        Date::parse(v).map_err(|e| E::custom(e.message))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Date, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_limits() {
        assert_eq!(Date::parse("1970-01-01").unwrap().day_number(), 0);
        assert_eq!(Date::parse("0001-01-01").unwrap().day_number(), MIN_DAY);
        assert_eq!(Date::parse("9999-12-31").unwrap().day_number(), MAX_DAY);
        assert!(Date::from_day_number(MAX_DAY + 1).is_err());
        assert!(Date::parse("9999-12-31").unwrap().add_days(1).is_err());
        assert!(Date::parse("2021-01-01")
            .unwrap()
            .add_days(i64::MAX)
            .is_err());
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "2021-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-04-31",
            "2021-1-01",
            "21-01-01",
            "2021/01/01",
            "2021-01-01T00:00",
            "",
            "0000-01-01",
            "２０２１-01-01",
            "2021-+1-01",
        ] {
            let e = Date::parse(bad).unwrap_err();
            assert_eq!(e.code, Code::InvalidDate, "{bad}");
        }
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
    }

    #[test]
    fn round_trips_every_day_of_a_leap_cycle() {
        let start = Date::parse("1999-12-01").unwrap().day_number();
        for n in start..start + 146_097 / 4 {
            let d = Date::from_day_number(n).unwrap();
            assert_eq!(Date::parse(&d.to_string()).unwrap(), d);
        }
    }
}
