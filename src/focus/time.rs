//! The injected clock, local calendar dates and weekdays. No `SystemTime`: the caller passes
//! the time, so the engine is deterministic, testable and runs on wasm32.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::FocusError;

pub(crate) const MINUTE_MS: i64 = 60_000;
pub(crate) const DAY_MS: i64 = 86_400_000;

/// Latest accepted `now_ms` (9999-12-30T23:59:59.999Z): with any accepted offset the local
/// date still has a four-digit year, and all arithmetic stays far from overflow.
pub const MAX_NOW_MS: i64 = 253_402_214_399_999;
/// Largest accepted distance from UTC, in minutes, either way (real zones stay within ±14 h).
pub const MAX_TZ_OFFSET_MINUTES: i32 = 1_439;

/// One reading of the wall clock: UTC epoch milliseconds plus the local offset at that moment.
///
/// `tz_offset_minutes` is local time minus UTC, positive east of Greenwich (UTC+1 → `60`,
/// New York in winter → `-300`). In JavaScript that is `-new Date().getTimezoneOffset()`
/// (note the minus: `getTimezoneOffset` has the opposite sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub now_ms: i64,
    #[serde(default)]
    pub tz_offset_minutes: i32,
}

impl Clock {
    pub fn new(now_ms: i64, tz_offset_minutes: i32) -> Clock {
        Clock {
            now_ms,
            tz_offset_minutes,
        }
    }

    /// Rejects readings outside years 1970–9999 or offsets beyond ±23:59.
    pub fn validate(&self) -> Result<(), FocusError> {
        if !(0..=MAX_NOW_MS).contains(&self.now_ms)
            || self.tz_offset_minutes.unsigned_abs() > MAX_TZ_OFFSET_MINUTES as u32
        {
            return Err(FocusError::InvalidClock {
                now_ms: self.now_ms,
                tz_offset_minutes: self.tz_offset_minutes,
            });
        }
        Ok(())
    }

    /// The nearest valid reading (used where an error cannot be returned).
    pub(crate) fn clamped(self) -> Clock {
        Clock {
            now_ms: self.now_ms.clamp(0, MAX_NOW_MS),
            tz_offset_minutes: self
                .tz_offset_minutes
                .clamp(-MAX_TZ_OFFSET_MINUTES, MAX_TZ_OFFSET_MINUTES),
        }
    }

    pub(crate) fn offset_ms(&self) -> i64 {
        i64::from(self.tz_offset_minutes) * MINUTE_MS
    }

    /// Local wall time expressed as if it were UTC milliseconds.
    pub(crate) fn local_ms(&self) -> i64 {
        self.now_ms + self.offset_ms()
    }

    /// Today's date in local time.
    pub fn local_date(&self) -> LocalDate {
        LocalDate::from_day_number(self.local_ms().div_euclid(DAY_MS))
    }
}

/// A day of the week; serialized as `"mon"` … `"sun"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 for Monday … 6 for Sunday (ISO order).
    pub fn index(self) -> usize {
        self as usize
    }

    fn short_name(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self.index()]
    }
}

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDate {
    year: i32,
    month: u8,
    day: u8,
}

impl LocalDate {
    /// `None` unless the date exists (e.g. 2026-02-29 does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<LocalDate> {
        if !(0..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(LocalDate { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<LocalDate, FocusError> {
        let bad = || FocusError::InvalidDate {
            text: text.to_string(),
        };
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(bad());
        };
        LocalDate::new(y as i32, m as u8, d as u8).ok_or_else(bad)
    }

    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn month(&self) -> u8 {
        self.month
    }
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub(crate) fn day_number(&self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`LocalDate::day_number`] (`civil_from_days`).
    pub(crate) fn from_day_number(z: i64) -> LocalDate {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        LocalDate { year, month, day }
    }

    pub fn add_days(&self, days: i64) -> LocalDate {
        LocalDate::from_day_number(self.day_number() + days)
    }

    pub fn weekday(&self) -> Weekday {
        weekday_of_day_number(self.day_number())
    }

    /// The Monday that starts this date's ISO week.
    pub fn week_start(&self) -> LocalDate {
        self.add_days(-(self.weekday().index() as i64))
    }

    /// ISO 8601 week-numbering year and week (1–53); e.g. 2027-01-01 is in 2026-W53.
    pub fn iso_week(&self) -> (i32, u32) {
        let thursday = self.add_days(3 - self.weekday().index() as i64);
        let jan1 = LocalDate {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let ordinal = thursday.day_number() - jan1.day_number();
        (thursday.year, (ordinal / 7 + 1) as u32)
    }

    /// "Tue 3 Nov 2026", for chart tooltips and descriptions.
    pub(crate) fn long_label(&self) -> String {
        format!(
            "{} {} {} {}",
            self.weekday().short_name(),
            self.day,
            month_short_name(self.month),
            self.year
        )
    }
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub(crate) fn weekday_of_day_number(day_number: i64) -> Weekday {
    // 1970-01-01 was a Thursday (index 3).
    Weekday::ALL[(day_number + 3).rem_euclid(7) as usize]
}

pub(crate) fn month_short_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[usize::from(month.clamp(1, 12)) - 1]
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `"HH:MM"` (24-hour) into minutes after midnight; `"24:00"` only if `allow_24`.
pub(crate) fn parse_hhmm(text: &str, allow_24: bool) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (0..=23, 0..=59) => Some(h * 60 + m),
        (24, 0) if allow_24 => Some(1440),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for z in [-800_000, -1, 0, 1, 59, 60, 365, 10_957, 20_000, 2_932_896] {
            assert_eq!(LocalDate::from_day_number(z).day_number(), z);
        }
        assert_eq!(LocalDate::from_day_number(0).to_string(), "1970-01-01");
        assert_eq!(LocalDate::parse("2000-02-29").unwrap().day_number(), 11_016);
    }

    #[test]
    fn parse_rejects_malformed_dates() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026-01-0a",
            "",
            "２０２６-01-01",
        ] {
            assert!(LocalDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hhmm() {
        assert_eq!(parse_hhmm("08:30", false), Some(510));
        assert_eq!(parse_hhmm("24:00", true), Some(1440));
        assert_eq!(parse_hhmm("24:00", false), None);
        assert_eq!(parse_hhmm("8:30", false), None);
        assert_eq!(parse_hhmm("12:60", false), None);
    }
}
