//! User settings for focus sessions, their validation, and the clamped form the engine uses.

use serde::{Deserialize, Serialize};

use super::time::{parse_hhmm, weekday_of_day_number, Clock, Weekday, DAY_MS, MINUTE_MS};

/// Shortest and longest session a user may start ("custom" length bounds).
pub const MIN_SESSION_MINUTES: u32 = 5;
pub const MAX_SESSION_MINUTES: u32 = 120;
/// The lengths offered as one-click buttons.
pub const PRESET_SESSION_MINUTES: [u32; 4] = [10, 20, 30, 45];

const MAX_BUDGET_MINUTES: u32 = 1_440;
const MAX_EXTENSIONS_PER_DAY: u32 = 10;
const MAX_EXTENSION_MINUTES: u32 = 30;
const MAX_WAIT_SECONDS: u32 = 600;
const MAX_OVERRIDE_MINUTES: u32 = 240;

/// Settings as stored and edited on the options page. Missing fields take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FocusSettings {
    /// Session minutes per local day across all sites; once spent, each new session starts
    /// with a waiting countdown. 0 means every session waits.
    pub daily_budget_minutes: u32,
    /// How many "five more minutes" a day (0–10).
    pub extensions_per_day: u32,
    /// Length of one extension (1–30).
    pub extension_minutes: u32,
    /// The waiting countdown once the budget is spent (0–600 s; 0 disables the friction).
    pub wait_seconds: u32,
    /// How long a deliberate quiet-hours override lasts (1–240); a session started under it
    /// runs to its end regardless.
    pub quiet_override_minutes: u32,
    /// When the timeline stays covered (e.g. teaching hours); `None` for never.
    pub quiet_hours: Option<QuietHours>,
}

impl Default for FocusSettings {
    fn default() -> FocusSettings {
        FocusSettings {
            daily_budget_minutes: 30,
            extensions_per_day: 2,
            extension_minutes: 5,
            wait_seconds: 30,
            quiet_override_minutes: 15,
            quiet_hours: None,
        }
    }
}

/// A weekly quiet window in local time. `end` before `start` means it runs past midnight
/// (the day listed is the day it starts); `"24:00"` is accepted as an end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub days: Vec<Weekday>,
    /// `"HH:MM"`, 24-hour.
    pub start: String,
    /// `"HH:MM"`, 24-hour, or `"24:00"`.
    pub end: String,
}

impl QuietHours {
    /// Weekdays 08:30–15:30: a typical school day.
    pub fn teaching_hours() -> QuietHours {
        QuietHours {
            days: Weekday::ALL[..5].to_vec(),
            start: "08:30".into(),
            end: "15:30".into(),
        }
    }
}

/// One invalid or repaired field, named by its JSON path so a page can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl FocusSettings {
    /// Every problem, for the options page. The engine itself never rejects settings: it
    /// clamps numbers into range and ignores an unusable quiet-hours window, so a bad value
    /// can never stop a running session from ending.
    pub fn validate(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut range = |field: &str, value: u32, lo: u32, hi: u32| {
            if !(lo..=hi).contains(&value) {
                problems.push(FieldProblem {
                    field: field.into(),
                    message: format!("must be between {lo} and {hi}, got {value}"),
                });
            }
        };
        range(
            "daily_budget_minutes",
            self.daily_budget_minutes,
            0,
            MAX_BUDGET_MINUTES,
        );
        range(
            "extensions_per_day",
            self.extensions_per_day,
            0,
            MAX_EXTENSIONS_PER_DAY,
        );
        range(
            "extension_minutes",
            self.extension_minutes,
            1,
            MAX_EXTENSION_MINUTES,
        );
        range("wait_seconds", self.wait_seconds, 0, MAX_WAIT_SECONDS);
        range(
            "quiet_override_minutes",
            self.quiet_override_minutes,
            1,
            MAX_OVERRIDE_MINUTES,
        );
        if let Some(q) = &self.quiet_hours {
            let start = parse_hhmm(&q.start, false);
            let end = parse_hhmm(&q.end, true);
            if start.is_none() {
                problems.push(FieldProblem {
                    field: "quiet_hours.start".into(),
                    message: format!("expected a 24-hour time like \"08:30\", got {:?}", q.start),
                });
            }
            if end.is_none() {
                problems.push(FieldProblem {
                    field: "quiet_hours.end".into(),
                    message: format!("expected a 24-hour time like \"15:30\", got {:?}", q.end),
                });
            }
            if start.is_some() && start == end {
                problems.push(FieldProblem {
                    field: "quiet_hours.end".into(),
                    message: "must differ from the start time".into(),
                });
            }
            if q.days.is_empty() {
                problems.push(FieldProblem {
                    field: "quiet_hours.days".into(),
                    message: "choose at least one day, or turn quiet hours off".into(),
                });
            }
        }
        problems
    }

    pub(crate) fn effective(&self) -> Effective {
        let minutes = |v: u32, lo: u32, hi: u32| i64::from(v.clamp(lo, hi)) * MINUTE_MS;
        Effective {
            budget_ms: minutes(self.daily_budget_minutes, 0, MAX_BUDGET_MINUTES),
            budget_minutes: self.daily_budget_minutes.min(MAX_BUDGET_MINUTES),
            extensions_per_day: self.extensions_per_day.min(MAX_EXTENSIONS_PER_DAY),
            extension_ms: minutes(self.extension_minutes, 1, MAX_EXTENSION_MINUTES),
            extension_minutes: self.extension_minutes.clamp(1, MAX_EXTENSION_MINUTES),
            wait_ms: i64::from(self.wait_seconds.min(MAX_WAIT_SECONDS)) * 1_000,
            override_ms: minutes(self.quiet_override_minutes, 1, MAX_OVERRIDE_MINUTES),
            quiet: self.quiet_hours.as_ref().and_then(QuietWindow::new),
        }
    }
}

/// Settings clamped into range: what the state machine actually uses.
pub(crate) struct Effective {
    pub budget_ms: i64,
    pub budget_minutes: u32,
    pub extensions_per_day: u32,
    pub extension_ms: i64,
    pub extension_minutes: u32,
    pub wait_ms: i64,
    pub override_ms: i64,
    pub quiet: Option<QuietWindow>,
}

/// Longest a session can ever be, with every extension taken: bounds corrupt stored state.
pub(crate) const MAX_SESSION_TOTAL_MS: i64 = (MAX_SESSION_MINUTES as i64
    + MAX_EXTENSIONS_PER_DAY as i64 * MAX_EXTENSION_MINUTES as i64)
    * MINUTE_MS;
pub(crate) const MAX_WAIT_MS: i64 = MAX_WAIT_SECONDS as i64 * 1_000;
pub(crate) const MAX_OVERRIDE_MS: i64 = MAX_OVERRIDE_MINUTES as i64 * MINUTE_MS;

/// A parsed, usable quiet-hours window.
pub(crate) struct QuietWindow {
    days: [bool; 7],
    start_min: i64,
    end_min: i64,
}

/// Where `now` stands relative to quiet hours, in UTC milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuietStatus {
    /// Inside a window that ends at this time.
    Active { until_ms: i64 },
    /// Outside; the next window starts at this time (if any within a week).
    Inactive { next_start_ms: Option<i64> },
}

impl QuietWindow {
    fn new(q: &QuietHours) -> Option<QuietWindow> {
        let start = parse_hhmm(&q.start, false)?;
        let end = parse_hhmm(&q.end, true)?;
        if start == end || q.days.is_empty() {
            return None;
        }
        let mut days = [false; 7];
        for d in &q.days {
            days[d.index()] = true;
        }
        Some(QuietWindow {
            days,
            start_min: i64::from(start),
            end_min: i64::from(end),
        })
    }

    /// Works in local milliseconds with the offset of `now`, then converts back to UTC.
    pub(crate) fn status(&self, now: Clock) -> QuietStatus {
        let local = now.local_ms();
        let today = local.div_euclid(DAY_MS);
        // Windows from yesterday (an overnight one may still be open) to a week ahead,
        // merged so that back-to-back windows report the end of the whole run.
        let mut spans: Vec<(i64, i64)> = Vec::new();
        for day in today - 1..=today + 8 {
            if !self.days[weekday_of_day_number(day).index()] {
                continue;
            }
            let start = day * DAY_MS + self.start_min * MINUTE_MS;
            let end_day = if self.end_min > self.start_min {
                day
            } else {
                day + 1
            };
            let end = end_day * DAY_MS + self.end_min * MINUTE_MS;
            match spans.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => spans.push((start, end)),
            }
        }
        let to_utc = |ms: i64| ms - now.offset_ms();
        if let Some(&(_, end)) = spans.iter().find(|(s, e)| *s <= local && local < *e) {
            return QuietStatus::Active {
                until_ms: to_utc(end),
            };
        }
        QuietStatus::Inactive {
            next_start_ms: spans
                .iter()
                .find(|(s, _)| *s > local)
                .map(|(s, _)| to_utc(*s)),
        }
    }
}
