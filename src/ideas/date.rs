//! Calendar arithmetic without a date crate: epoch milliseconds to and from ISO dates
//! (proleptic Gregorian, Howard Hinnant's `civil_from_days`/`days_from_civil`).

use super::model::{IdeaError, MAX_TIME_MS};

pub const DAY_MS: i64 = 86_400_000;
pub const WEEK_MS: i64 = 7 * DAY_MS;

/// Days since 1970-01-01 to (year, month 1–12, day 1–31).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) to days since 1970-01-01. The caller checks that the date exists.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A JavaScript time (`Date.now()`, a number) as whole epoch ms, refusing NaN, infinities
/// and instants outside 1970–9999.
pub fn ms_from_f64(field: &str, ms: f64) -> Result<i64, IdeaError> {
    if ms.is_finite() && (0.0..=MAX_TIME_MS as f64).contains(&ms) {
        Ok(ms.floor() as i64)
    } else {
        Err(IdeaError::invalid(
            field,
            format!("{ms} is not a time between 1970 and 9999 (epoch milliseconds)"),
        ))
    }
}

/// Local calendar day number of an instant, for a zone `tz_offset_minutes` east of UTC
/// (JavaScript: `-new Date().getTimezoneOffset()`).
pub fn local_days(ms: i64, tz_offset_minutes: i32) -> i64 {
    ms.clamp(0, MAX_TIME_MS)
        .saturating_add(offset_ms(tz_offset_minutes))
        .div_euclid(DAY_MS)
}

/// Real zones lie within ±14 h; anything beyond ±24 h is clamped so arithmetic stays in range.
fn offset_ms(tz_offset_minutes: i32) -> i64 {
    i64::from(tz_offset_minutes.clamp(-1440, 1440)) * 60_000
}

/// `YYYY-MM-DD` of an instant in the given zone. Instants outside years 0–9999 are clamped,
/// so the output is always ten characters.
pub fn iso_date(ms: i64, tz_offset_minutes: i32) -> String {
    let (y, m, d) = civil_from_days(local_days(ms, tz_offset_minutes).max(0));
    format!("{:04}-{:02}-{:02}", y.min(9999), m, d)
}

/// Parse `YYYY-MM-DD` to the epoch ms of 12:00 UTC that day: noon keeps the same calendar
/// date in every zone from UTC−12 to UTC+11, which is what a date without a zone means.
pub fn parse_iso_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(i64::from(y), m) {
        return None;
    }
    Some(days_from_civil(i64::from(y), m, d) * DAY_MS + DAY_MS / 2)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Start (inclusive) of the ISO week (Monday 00:00 local) containing `ms`.
pub fn week_start(ms: i64, tz_offset_minutes: i32) -> i64 {
    let days = local_days(ms, tz_offset_minutes);
    let monday = days - (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday
    monday * DAY_MS - offset_ms(tz_offset_minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_across_leap_years_and_eras() {
        for days in (-800_000..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn iso_dates_respect_the_zone() {
        // 2026-11-05T23:30:00Z
        let ms = days_from_civil(2026, 11, 5) * DAY_MS + 23 * 3_600_000 + 30 * 60_000;
        assert_eq!(iso_date(ms, 0), "2026-11-05");
        assert_eq!(iso_date(ms, 60), "2026-11-06");
        assert_eq!(iso_date(ms, -300), "2026-11-05");
        assert_eq!(iso_date(-5, 0), "1970-01-01");
    }

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(parse_iso_date("1970-01-01"), Some(DAY_MS / 2));
        assert!(parse_iso_date("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "+026-01-01",
            "2026-01-01T",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn javascript_times_are_checked() {
        assert_eq!(
            ms_from_f64("now_ms", 1_700_000_000_000.7),
            Ok(1_700_000_000_000)
        );
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e300] {
            assert!(ms_from_f64("now_ms", bad)
                .unwrap_err()
                .to_string()
                .starts_with("now_ms: "));
        }
    }

    #[test]
    fn weeks_start_on_local_monday() {
        // Thursday 2026-11-05 10:00Z; the week starts Monday 2026-11-02.
        let thu = days_from_civil(2026, 11, 5) * DAY_MS + 10 * 3_600_000;
        assert_eq!(week_start(thu, 0), days_from_civil(2026, 11, 2) * DAY_MS);
        assert_eq!(
            week_start(thu, 60),
            days_from_civil(2026, 11, 2) * DAY_MS - 3_600_000
        );
        let mon = days_from_civil(2026, 11, 2) * DAY_MS;
        assert_eq!(week_start(mon, 0), mon);
        // Absurd inputs are clamped, never overflow.
        for (ms, tz) in [(i64::MIN, i32::MIN), (i64::MAX, i32::MAX), (0, -1440)] {
            let start = week_start(ms, tz);
            assert!(start.checked_add(WEEK_MS).is_some());
            assert_eq!(iso_date(ms, tz).len(), 10);
        }
    }
}
