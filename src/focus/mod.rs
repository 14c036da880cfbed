//! Time-limited focus sessions, the daily budget, quiet hours and the CPD log (issue 5).
//!
//! A pure state machine with an injected clock, so the background script can keep
//! [`FocusState`] in `chrome.storage` and a stopped service worker, a closed tab or a browser
//! restart neither loses nor restarts a session:
//!
//! 1. read the stored state and settings ([`load_state`], [`load_settings`]: lenient, corrupt
//!    parts are reported and replaced, never a panic);
//! 2. [`apply`] an event at [`Clock`] `now` and store the returned state;
//! 3. show [`view`] (badge, cover, countdowns) and set one alarm at
//!    [`FocusView::next_wakeup_ms`], then send [`FocusEvent::Tick`] when it fires.
//!
//! Every event first brings the state up to `now` (a session whose time is up moves to
//! review even if no alarm fired), so any tab or window may apply any event: there is one
//! clock, the stored state. Clock jumps: a backwards jump keeps the remaining time and the
//! minutes already counted (nothing is granted, nothing lost); a forward jump past the end
//! simply ends the session; counted minutes never exceed the wall time inside the session
//! nor its length plus extensions. "Today" and quiet hours use the local offset passed with
//! each `now`; the budget resets at local midnight.
//!
//! Phases: `idle` → (`Start`) → `running` → (time up, or `Done`) → `review` → (`Done`) →
//! `idle`; from `review`, `Extend` returns to `running` for a few minutes (limited per day).
//! With today's budget spent, `Start` goes to `waiting` first, and a second `Start` after the
//! countdown begins the session. Quiet hours are derived from the clock and settings: while
//! idle or waiting inside them the view says `quiet` (timeline covered) until `OverrideQuiet`;
//! a running session is never interrupted by them. A session counts toward the day it
//! started; its minutes toward the local day(s) they fell on.

mod cpd;
mod settings;
mod time;

pub use cpd::{
    cpd_chart_svg, cpd_rows, days_ending, weekly_totals, ChartOptions, CpdDay, CpdRow, CpdWeek,
};
pub use settings::{
    FieldProblem, FocusSettings, QuietHours, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES,
    PRESET_SESSION_MINUTES,
};
pub use time::{Clock, LocalDate, Weekday, MAX_NOW_MS, MAX_TZ_OFFSET_MINUTES};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use settings::{Effective, QuietStatus, MAX_OVERRIDE_MS, MAX_SESSION_TOTAL_MS, MAX_WAIT_MS};
use time::{DAY_MS, MINUTE_MS};

/// How long after its countdown a waiting screen still lets the user start; after that the
/// wait lapses and must be served again (a countdown left running in a forgotten tab should
/// not pre-pay a later session).
pub const WAIT_CONFIRM_GRACE_MS: i64 = 2 * MINUTE_MS;

const MAX_TAG_CHARS: usize = 100;
const MAX_IDEA_ID_CHARS: usize = 200;

/// Everything the engine remembers, stored as snake_case JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FocusState {
    pub phase: Phase,
    /// Quiet hours are set aside until this time (UTC ms).
    pub quiet_override_until_ms: Option<i64>,
    /// The latest `now` applied: detects the clock jumping backwards.
    pub last_now_ms: Option<i64>,
    /// Per local day (`YYYY-MM-DD`): the CPD log and today's budget and extensions.
    pub history: BTreeMap<String, DayTotals>,
}

/// The stored phase. Quiet hours are not a stored phase: they are derived from the clock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Phase {
    #[default]
    Idle,
    /// The budget is spent: a countdown must run out before a session can start.
    Waiting {
        until_ms: i64,
        /// What the user asked for, to prefill the start button.
        minutes: u32,
        tag: Option<String>,
    },
    Running {
        session: Session,
    },
    /// Time is up; the timeline is covered by the review panel until "Done" or an extension.
    Review {
        session: Session,
    },
}

/// A session in progress or under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The live chat or topic the session is narrowed to, without `#`, lower case.
    #[serde(default)]
    pub tag: Option<String>,
    pub planned_minutes: u32,
    pub ends_at_ms: i64,
    /// Planned length plus extensions granted: the most that can ever be counted.
    pub allowed_ms: i64,
    /// Focus time counted so far.
    pub counted_ms: i64,
    /// When `counted_ms` was last brought up to date.
    pub last_tick_ms: i64,
    #[serde(default)]
    pub extensions: u32,
    #[serde(default)]
    pub posts_seen: u32,
    #[serde(default)]
    pub posts_hidden: u32,
    #[serde(default)]
    pub saved_idea_ids: Vec<String>,
}

/// One local day's totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DayTotals {
    pub focus_ms: u64,
    pub sessions: u32,
    pub extensions: u32,
    pub ideas_saved: u32,
}

/// Something that happened. JSON: `{"type": "start", "minutes": 20, "tag": "ukedchat"}`,
/// `{"type": "tick"}`, `{"type": "record_stats", "seen": 12, "hidden": 3}` …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FocusEvent {
    /// Start a session of `minutes` (5–120), optionally narrowed to one hashtag. With the
    /// budget spent this starts the waiting countdown instead; applying `Start` again after
    /// it has run out (within [`WAIT_CONFIRM_GRACE_MS`]) starts the session. Also accepted
    /// from review, which it closes.
    Start {
        minutes: u32,
        #[serde(default)]
        tag: Option<String>,
    },
    /// An alarm fired: bring the state up to date.
    Tick,
    /// "Five more minutes" from the review panel, limited per day.
    Extend,
    /// "Done": ends a running session early (to review), closes the review, or cancels a
    /// waiting countdown. Harmless when idle, so several tabs may send it.
    Done,
    /// Deliberately set quiet hours aside for a while.
    OverrideQuiet,
    /// Counts from a content script, added to the session (ignored outside one).
    RecordStats {
        #[serde(default)]
        seen: u32,
        #[serde(default)]
        hidden: u32,
        #[serde(default)]
        saved_idea_id: Option<String>,
    },
}

/// Why an event was refused. Serialized as `{"code": "still_waiting", …details}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FocusError {
    InvalidClock {
        now_ms: i64,
        tz_offset_minutes: i32,
    },
    InvalidMinutes {
        minutes: u32,
        min: u32,
        max: u32,
    },
    InvalidTag {
        tag: String,
    },
    AlreadyRunning,
    /// The waiting countdown has not run out yet.
    StillWaiting {
        until_ms: i64,
        seconds_left: u32,
    },
    /// Quiet hours: override first.
    QuietHours {
        until_ms: i64,
    },
    NotInQuietHours,
    NoExtensionsLeft {
        per_day: u32,
    },
    NotInReview,
    InvalidDate {
        text: String,
    },
}

impl fmt::Display for FocusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FocusError::InvalidClock {
                now_ms,
                tz_offset_minutes,
            } => write!(
                f,
                "invalid clock: now_ms {now_ms} must be 0..={MAX_NOW_MS} and tz_offset_minutes \
                 {tz_offset_minutes} within ±{MAX_TZ_OFFSET_MINUTES}"
            ),
            FocusError::InvalidMinutes { minutes, min, max } => {
                write!(f, "a session lasts {min} to {max} minutes, not {minutes}")
            }
            FocusError::InvalidTag { tag } => write!(
                f,
                "{tag:?} is not a hashtag (letters, digits and _ only, at most {MAX_TAG_CHARS})"
            ),
            FocusError::AlreadyRunning => write!(f, "a focus session is already running"),
            FocusError::StillWaiting { seconds_left, .. } => {
                write!(
                    f,
                    "the daily budget is spent: wait {seconds_left} more seconds"
                )
            }
            FocusError::QuietHours { .. } => {
                write!(f, "quiet hours are on: override them to start a session")
            }
            FocusError::NotInQuietHours => write!(f, "quiet hours are not on now"),
            FocusError::NoExtensionsLeft { per_day } => {
                write!(f, "no extensions left today (limit {per_day} a day)")
            }
            FocusError::NotInReview => {
                write!(f, "more time can be added only when a session's time is up")
            }
            FocusError::InvalidDate { text } => {
                write!(f, "expected a date YYYY-MM-DD, got {text:?}")
            }
        }
    }
}

impl std::error::Error for FocusError {}

/// Applies one event at `now`; the caller stores the returned state. On error the stored
/// state stays as it was (bringing it up to date is repeated by the next event anyway).
pub fn apply(
    state: &FocusState,
    settings: &FocusSettings,
    event: &FocusEvent,
    now: Clock,
) -> Result<FocusState, FocusError> {
    now.validate()?;
    let eff = settings.effective();
    let mut s = state.clone();
    s.advance(now);
    let t = now.now_ms;
    match event {
        FocusEvent::Tick => {}
        FocusEvent::Start { minutes, tag } => {
            if !(MIN_SESSION_MINUTES..=MAX_SESSION_MINUTES).contains(minutes) {
                return Err(FocusError::InvalidMinutes {
                    minutes: *minutes,
                    min: MIN_SESSION_MINUTES,
                    max: MAX_SESSION_MINUTES,
                });
            }
            let tag = normalize_tag(tag.as_deref())?;
            if matches!(s.phase, Phase::Running { .. }) {
                return Err(FocusError::AlreadyRunning);
            }
            if let Some(until_ms) = s.quiet_blocking(&eff, now) {
                return Err(FocusError::QuietHours { until_ms });
            }
            if s.today(now).focus_ms >= eff.budget_ms as u64 && eff.wait_ms > 0 {
                match s.phase {
                    Phase::Waiting { until_ms, .. } if t < until_ms => {
                        return Err(FocusError::StillWaiting {
                            until_ms,
                            seconds_left: ceil_div(until_ms - t, 1_000) as u32,
                        });
                    }
                    Phase::Waiting { .. } => {} // served: start below
                    _ => {
                        s.phase = Phase::Waiting {
                            until_ms: t + eff.wait_ms,
                            minutes: *minutes,
                            tag,
                        };
                        return Ok(s);
                    }
                }
            }
            let length = i64::from(*minutes) * MINUTE_MS;
            s.phase = Phase::Running {
                session: Session {
                    tag,
                    planned_minutes: *minutes,
                    ends_at_ms: t + length,
                    allowed_ms: length,
                    counted_ms: 0,
                    last_tick_ms: t,
                    extensions: 0,
                    posts_seen: 0,
                    posts_hidden: 0,
                    saved_idea_ids: Vec::new(),
                },
            };
            s.today_mut(now).sessions += 1;
        }
        FocusEvent::Extend => {
            let Phase::Review { session } = &s.phase else {
                return Err(FocusError::NotInReview);
            };
            if s.today(now).extensions >= eff.extensions_per_day {
                return Err(FocusError::NoExtensionsLeft {
                    per_day: eff.extensions_per_day,
                });
            }
            let mut session = session.clone();
            session.ends_at_ms = t + eff.extension_ms;
            session.counted_ms = session.counted_ms.clamp(0, MAX_SESSION_TOTAL_MS);
            session.allowed_ms = session.counted_ms + eff.extension_ms;
            session.last_tick_ms = t;
            session.extensions += 1;
            s.phase = Phase::Running { session };
            s.today_mut(now).extensions += 1;
        }
        FocusEvent::Done => {
            s.phase = match std::mem::take(&mut s.phase) {
                Phase::Running { mut session } => {
                    session.ends_at_ms = t;
                    Phase::Review { session }
                }
                Phase::Review { .. } | Phase::Waiting { .. } | Phase::Idle => Phase::Idle,
            };
        }
        FocusEvent::OverrideQuiet => match eff.quiet.as_ref().map(|q| q.status(now)) {
            Some(QuietStatus::Active { .. }) => {
                s.quiet_override_until_ms = Some(t + eff.override_ms);
            }
            _ => return Err(FocusError::NotInQuietHours),
        },
        FocusEvent::RecordStats {
            seen,
            hidden,
            saved_idea_id,
        } => {
            let new_idea = match &mut s.phase {
                Phase::Running { session } | Phase::Review { session } => {
                    session.posts_seen = session.posts_seen.saturating_add(*seen);
                    session.posts_hidden = session.posts_hidden.saturating_add(*hidden);
                    let id = saved_idea_id.as_deref().map(str::trim).unwrap_or("");
                    let fresh = !id.is_empty()
                        && id.chars().count() <= MAX_IDEA_ID_CHARS
                        && !session.saved_idea_ids.iter().any(|x| x == id);
                    if fresh {
                        session.saved_idea_ids.push(id.to_string());
                    }
                    fresh
                }
                Phase::Idle | Phase::Waiting { .. } => false,
            };
            if new_idea {
                s.today_mut(now).ideas_saved += 1;
            }
        }
    }
    Ok(s)
}

/// What the UI shows at `now`. Derived, never stored. An out-of-range clock is clamped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusView {
    pub phase: PhaseView,
    /// Toolbar badge: whole minutes left while running ("12"), otherwise empty.
    pub badge_text: String,
    /// Why the timeline on every site must be covered, or `None` to show it.
    pub cover: Option<CoverReason>,
    /// The lens is strict (and narrowed to the session's tag, if any).
    pub strict_lens: bool,
    /// Local date, `YYYY-MM-DD`.
    pub today: String,
    pub extensions_left_today: u32,
    pub extension_minutes: u32,
    pub budget_minutes: u32,
    pub budget_used_minutes: u32,
    pub budget_left_minutes: u32,
    /// The budget is spent: starting a session will show the waiting countdown first.
    pub start_needs_wait: bool,
    /// Inside a quiet-hours window, overridden or not.
    pub in_quiet_hours: bool,
    pub quiet_override_until_ms: Option<i64>,
    /// When to send the next [`FocusEvent::Tick`] (UTC ms): the badge's next change, the end
    /// of a session, countdown or override, or a quiet-hours boundary. `None`: nothing to wait
    /// for. A late alarm only delays the badge: every view and event is exact whenever made.
    pub next_wakeup_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhaseView {
    Idle,
    Waiting {
        until_ms: i64,
        seconds_left: u32,
        /// The countdown has run out: `Start` now begins the session.
        ready: bool,
        /// After this the wait lapses (back to idle).
        expires_at_ms: i64,
        minutes: u32,
        tag: Option<String>,
    },
    Running {
        ends_at_ms: i64,
        minutes_left: u32,
        seconds_left: u32,
        tag: Option<String>,
        stats: SessionStats,
    },
    Review {
        stats: SessionStats,
        can_extend: bool,
    },
    /// Quiet hours cover the timeline until `until_ms` unless overridden.
    Quiet {
        until_ms: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverReason {
    Review,
    Waiting,
    Quiet,
}

/// The numbers on the review panel (and the running chip).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStats {
    pub minutes_spent: u32,
    pub planned_minutes: u32,
    pub extensions_used: u32,
    pub posts_seen: u32,
    pub posts_hidden: u32,
    /// Ideas saved this session, for "plan one now".
    pub ideas_saved: Vec<String>,
}

pub fn view(state: &FocusState, settings: &FocusSettings, now: Clock) -> FocusView {
    let now = now.clamped();
    let eff = settings.effective();
    let mut s = state.clone();
    s.advance(now);
    let t = now.now_ms;
    let today = s.today(now);
    let quiet = eff.quiet.as_ref().map(|q| q.status(now));
    let override_until = s.quiet_override_until_ms.filter(|&u| u > t);
    let extensions_left = eff.extensions_per_day.saturating_sub(today.extensions);
    let mut wakeups: Vec<i64> = Vec::new();

    let phase = match (&s.phase, s.quiet_blocking(&eff, now)) {
        (Phase::Idle | Phase::Waiting { .. }, Some(until_ms)) => PhaseView::Quiet { until_ms },
        (Phase::Idle, None) => PhaseView::Idle,
        (
            Phase::Waiting {
                until_ms,
                minutes,
                tag,
            },
            None,
        ) => {
            let expires_at_ms = until_ms + WAIT_CONFIRM_GRACE_MS;
            wakeups.push(if t < *until_ms {
                *until_ms
            } else {
                expires_at_ms
            });
            PhaseView::Waiting {
                until_ms: *until_ms,
                seconds_left: ceil_div((until_ms - t).max(0), 1_000) as u32,
                ready: t >= *until_ms,
                expires_at_ms,
                minutes: *minutes,
                tag: tag.clone(),
            }
        }
        (Phase::Running { session }, _) => {
            let left = (session.ends_at_ms - t).max(0);
            let minutes_left = ceil_div(left, MINUTE_MS);
            // The badge changes when the whole minutes left drop by one.
            wakeups.push(session.ends_at_ms - (minutes_left - 1).max(0) * MINUTE_MS);
            PhaseView::Running {
                ends_at_ms: session.ends_at_ms,
                minutes_left: minutes_left as u32,
                seconds_left: ceil_div(left, 1_000) as u32,
                tag: session.tag.clone(),
                stats: session.stats(),
            }
        }
        (Phase::Review { session }, _) => PhaseView::Review {
            stats: session.stats(),
            can_extend: extensions_left > 0,
        },
    };
    match quiet {
        Some(QuietStatus::Active { until_ms }) => wakeups.push(until_ms),
        Some(QuietStatus::Inactive {
            next_start_ms: Some(start),
        }) => wakeups.push(start),
        _ => {}
    }
    if let (Some(u), Some(QuietStatus::Active { .. })) = (override_until, quiet) {
        wakeups.push(u);
    }

    let cover = match phase {
        PhaseView::Quiet { .. } => Some(CoverReason::Quiet),
        PhaseView::Waiting { .. } => Some(CoverReason::Waiting),
        PhaseView::Review { .. } => Some(CoverReason::Review),
        PhaseView::Idle | PhaseView::Running { .. } => None,
    };
    let badge_text = match &phase {
        PhaseView::Running { minutes_left, .. } => minutes_left.to_string(),
        _ => String::new(),
    };
    let used_minutes = (today.focus_ms / MINUTE_MS as u64).min(u64::from(u32::MAX)) as u32;
    FocusView {
        strict_lens: matches!(phase, PhaseView::Running { .. }),
        phase,
        badge_text,
        cover,
        today: now.local_date().to_string(),
        extensions_left_today: extensions_left,
        extension_minutes: eff.extension_minutes,
        budget_minutes: eff.budget_minutes,
        budget_used_minutes: used_minutes,
        budget_left_minutes: eff.budget_minutes.saturating_sub(used_minutes),
        start_needs_wait: today.focus_ms >= eff.budget_ms as u64 && eff.wait_ms > 0,
        in_quiet_hours: matches!(quiet, Some(QuietStatus::Active { .. })),
        quiet_override_until_ms: override_until,
        next_wakeup_ms: wakeups.into_iter().filter(|&w| w > t).min(),
    }
}

impl FocusState {
    /// The CPD log: one entry per day with any activity, oldest first.
    pub fn cpd_days(&self) -> Vec<CpdDay> {
        self.history
            .iter()
            .filter(|(date, _)| LocalDate::parse(date).is_ok())
            .map(|(date, d)| CpdDay {
                date: date.clone(),
                focus_minutes: (d.focus_ms.saturating_add(MINUTE_MS as u64 / 2) / MINUTE_MS as u64)
                    .min(u64::from(u32::MAX)) as u32,
                sessions: d.sessions,
                ideas_saved: d.ideas_saved,
            })
            .collect()
    }

    fn today(&self, now: Clock) -> DayTotals {
        self.history
            .get(&now.local_date().to_string())
            .cloned()
            .unwrap_or_default()
    }

    fn today_mut(&mut self, now: Clock) -> &mut DayTotals {
        self.history
            .entry(now.local_date().to_string())
            .or_default()
    }

    /// `Some(end)` if quiet hours cover the timeline now: inside a window, not overridden.
    fn quiet_blocking(&self, eff: &Effective, now: Clock) -> Option<i64> {
        match eff.quiet.as_ref()?.status(now) {
            QuietStatus::Active { until_ms }
                if self
                    .quiet_override_until_ms
                    .is_none_or(|u| u <= now.now_ms) =>
            {
                Some(until_ms)
            }
            _ => None,
        }
    }

    /// Brings the state up to `now`: handles a backwards clock jump, counts focus time,
    /// ends a session whose time is up and lets a stale countdown lapse. Saturating
    /// arithmetic and clamps keep corrupt stored numbers from overflowing or granting time.
    fn advance(&mut self, now: Clock) {
        let t = now.now_ms;
        if let Some(jump) = self
            .last_now_ms
            .map(|last| last.saturating_sub(t))
            .filter(|&j| j > 0)
        {
            // The clock went back: shift deadlines back too, so a wait or an override is not
            // lengthened. (A running session needs no shift: the clamps below re-anchor it at
            // `now` with its remaining time.)
            if let Phase::Waiting { until_ms, .. } = &mut self.phase {
                *until_ms = until_ms.saturating_sub(jump);
            }
            if let Some(u) = &mut self.quiet_override_until_ms {
                *u = u.saturating_sub(jump);
            }
        }
        self.last_now_ms = Some(t);
        if let Some(u) = self.quiet_override_until_ms {
            self.quiet_override_until_ms = (u > t).then_some(u.min(t + MAX_OVERRIDE_MS));
        }
        match &mut self.phase {
            Phase::Waiting { until_ms, .. } => {
                *until_ms = (*until_ms).min(t + MAX_WAIT_MS);
                if t >= until_ms.saturating_add(WAIT_CONFIRM_GRACE_MS) {
                    self.phase = Phase::Idle;
                }
            }
            Phase::Running { session } => {
                session.allowed_ms = session.allowed_ms.clamp(0, MAX_SESSION_TOTAL_MS);
                session.counted_ms = session.counted_ms.clamp(0, session.allowed_ms);
                // A tick "in the future" means the clock went back: count nothing for the gap.
                session.last_tick_ms = session.last_tick_ms.clamp(0, t);
                // Never more left than the allowance minus what was counted.
                let left = session.allowed_ms - session.counted_ms;
                session.ends_at_ms = session
                    .ends_at_ms
                    .min(session.last_tick_ms.saturating_add(left));
                let from = session.last_tick_ms;
                let to = t.min(session.ends_at_ms);
                let ended = t >= session.ends_at_ms;
                if to > from {
                    session.counted_ms += to - from;
                    session.last_tick_ms = to;
                    self.add_focus(from, to, now);
                }
                if ended {
                    if let Phase::Running { session } = std::mem::take(&mut self.phase) {
                        self.phase = Phase::Review { session };
                    }
                }
            }
            Phase::Idle | Phase::Review { .. } => {}
        }
    }

    /// Adds focus time to the local day(s) it fell on, split at local midnight.
    fn add_focus(&mut self, mut from: i64, to: i64, now: Clock) {
        while from < to {
            let local = from + now.offset_ms();
            let next_midnight = (local.div_euclid(DAY_MS) + 1) * DAY_MS - now.offset_ms();
            let end = to.min(next_midnight);
            let date = Clock::new(from, now.tz_offset_minutes)
                .local_date()
                .to_string();
            let day = self.history.entry(date).or_default();
            day.focus_ms = day.focus_ms.saturating_add((end - from) as u64);
            from = end;
        }
    }
}

impl Session {
    fn stats(&self) -> SessionStats {
        SessionStats {
            minutes_spent: ((self.counted_ms.clamp(0, MAX_SESSION_TOTAL_MS) + MINUTE_MS / 2)
                / MINUTE_MS) as u32,
            planned_minutes: self.planned_minutes,
            extensions_used: self.extensions,
            posts_seen: self.posts_seen,
            posts_hidden: self.posts_hidden,
            ideas_saved: self.saved_idea_ids.clone(),
        }
    }
}

/// `None` for no tag (absent, empty or just "#"); otherwise the tag without `#`, lower case.
fn normalize_tag(tag: Option<&str>) -> Result<Option<String>, FocusError> {
    let raw = tag.unwrap_or("").trim();
    let bare = raw
        .strip_prefix('#')
        .or_else(|| raw.strip_prefix('＃'))
        .unwrap_or(raw);
    if bare.is_empty() {
        return Ok(None);
    }
    let ok = bare.chars().count() <= MAX_TAG_CHARS
        && bare
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '\u{200c}');
    if !ok {
        return Err(FocusError::InvalidTag {
            tag: raw.to_string(),
        });
    }
    Ok(Some(bare.to_lowercase()))
}

fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1).div_euclid(b)
}

/// A value read leniently from storage, with what had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loaded<T> {
    pub value: T,
    /// What was repaired, e.g. `{field: "phase", message: "unknown variant … (reset to idle)"}`.
    pub problems: Vec<FieldProblem>,
}

/// Reads stored state field by field: an unreadable phase becomes idle, an unreadable
/// history day is dropped, the rest is kept. `null` (first run) is a fresh state.
pub fn load_state(value: &serde_json::Value) -> Loaded<FocusState> {
    let mut problems = Vec::new();
    let mut state = FocusState::default();
    if let Some(obj) = object_or_report(value, &mut problems) {
        if let Some(phase) = field(obj, "phase", "reset to idle", &mut problems) {
            state.phase = phase;
        }
        state.quiet_override_until_ms =
            field(obj, "quiet_override_until_ms", "cleared", &mut problems).flatten();
        state.last_now_ms = field(obj, "last_now_ms", "cleared", &mut problems).flatten();
        match obj.get("history") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::Object(days)) => {
                for (date, totals) in days {
                    let parsed = LocalDate::parse(date)
                        .map_err(|e| e.to_string())
                        .and_then(|_| {
                            serde_json::from_value::<DayTotals>(totals.clone())
                                .map_err(|e| e.to_string())
                        });
                    match parsed {
                        Ok(t) => {
                            state.history.insert(date.clone(), t);
                        }
                        Err(e) => problems.push(FieldProblem {
                            field: format!("history.{date}"),
                            message: format!("{e} (day dropped)"),
                        }),
                    }
                }
            }
            Some(_) => problems.push(FieldProblem {
                field: "history".into(),
                message: "expected an object (history cleared)".into(),
            }),
        }
    }
    Loaded {
        value: state,
        problems,
    }
}

/// Reads stored settings field by field; an unreadable field takes its default.
pub fn load_settings(value: &serde_json::Value) -> Loaded<FocusSettings> {
    let mut problems = Vec::new();
    let mut s = FocusSettings::default();
    if let Some(obj) = object_or_report(value, &mut problems) {
        let d = "default used";
        if let Some(v) = field(obj, "daily_budget_minutes", d, &mut problems) {
            s.daily_budget_minutes = v;
        }
        if let Some(v) = field(obj, "extensions_per_day", d, &mut problems) {
            s.extensions_per_day = v;
        }
        if let Some(v) = field(obj, "extension_minutes", d, &mut problems) {
            s.extension_minutes = v;
        }
        if let Some(v) = field(obj, "wait_seconds", d, &mut problems) {
            s.wait_seconds = v;
        }
        if let Some(v) = field(obj, "quiet_override_minutes", d, &mut problems) {
            s.quiet_override_minutes = v;
        }
        if let Some(v) = field(obj, "quiet_hours", "quiet hours off", &mut problems) {
            s.quiet_hours = v;
        }
    }
    Loaded { value: s, problems }
}

/// Everything wrong with settings as a page would save them: unreadable fields and
/// out-of-range values. Empty when they are good.
pub fn check_settings(value: &serde_json::Value) -> Vec<FieldProblem> {
    let loaded = load_settings(value);
    let mut problems = loaded.problems;
    problems.extend(loaded.value.validate());
    problems
}

fn object_or_report<'a>(
    value: &'a serde_json::Value,
    problems: &mut Vec<FieldProblem>,
) -> Option<&'a serde_json::Map<String, serde_json::Value>> {
    match value {
        serde_json::Value::Object(obj) => Some(obj),
        serde_json::Value::Null => None,
        _ => {
            problems.push(FieldProblem {
                field: String::new(),
                message: "expected an object (defaults used)".into(),
            });
            None
        }
    }
}

/// `None` when absent or unreadable (reported with `fallback`).
fn field<T: DeserializeOwned>(
    obj: &serde_json::Map<String, serde_json::Value>,
    key: &str,
    fallback: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    let v = obj.get(key)?;
    match serde_json::from_value(v.clone()) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(FieldProblem {
                field: key.into(),
                message: format!("{e} ({fallback})"),
            });
            None
        }
    }
}
