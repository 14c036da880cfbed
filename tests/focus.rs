//! Focus sessions, budget, quiet hours, clock jumps and the CPD log, through the public API.

use serde_json::json;
use staffroom::focus::*;

const SEC: i64 = 1_000;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;
/// 2026-11-02T00:00:00Z, a Monday.
const MON: i64 = 1_793_577_600_000;

fn utc(ms: i64) -> Clock {
    Clock::new(ms, 0)
}

fn defaults() -> FocusSettings {
    FocusSettings::default()
}

fn start(minutes: u32) -> FocusEvent {
    FocusEvent::Start { minutes, tag: None }
}

fn step(state: &FocusState, settings: &FocusSettings, event: FocusEvent, now: Clock) -> FocusState {
    apply(state, settings, &event, now).unwrap_or_else(|e| panic!("{event:?} at {now:?}: {e}"))
}

fn running(view: &FocusView) -> (i64, u32, u32) {
    match &view.phase {
        PhaseView::Running {
            ends_at_ms,
            minutes_left,
            seconds_left,
            ..
        } => (*ends_at_ms, *minutes_left, *seconds_left),
        other => panic!("expected running, got {other:?}"),
    }
}

fn review_stats(view: &FocusView) -> SessionStats {
    match &view.phase {
        PhaseView::Review { stats, .. } => stats.clone(),
        other => panic!("expected review, got {other:?}"),
    }
}

fn day_minutes(state: &FocusState, date: &str) -> u32 {
    state
        .cpd_days()
        .iter()
        .find(|d| d.date == date)
        .map_or(0, |d| d.focus_minutes)
}

#[test]
fn session_runs_shows_minutes_left_and_expires_into_review() {
    let s = defaults();
    let t0 = MON + 19 * HOUR;
    let st = step(&FocusState::default(), &s, start(10), utc(t0));
    let v = view(&st, &s, utc(t0));
    assert_eq!(running(&v), (t0 + 10 * MIN, 10, 600));
    assert_eq!(v.badge_text, "10");
    assert!(v.strict_lens);
    assert_eq!(v.cover, None);
    // The badge changes when a whole minute has passed: that is the next alarm.
    assert_eq!(v.next_wakeup_ms, Some(t0 + MIN));
    let v = view(&st, &s, utc(t0 + 9 * MIN + 30 * SEC));
    assert_eq!(v.badge_text, "1");
    assert_eq!(v.next_wakeup_ms, Some(t0 + 10 * MIN));

    // No alarm fired (worker stopped): the view is already correct, and so is the next event.
    let v = view(&st, &s, utc(t0 + 10 * MIN));
    assert_eq!(v.cover, Some(CoverReason::Review));
    assert_eq!(v.badge_text, "");
    assert!(!v.strict_lens);
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 10 * MIN + 5 * SEC));
    let v = view(&st, &s, utc(t0 + 11 * MIN));
    assert_eq!(review_stats(&v).minutes_spent, 10);
    assert_eq!(v.next_wakeup_ms, None, "review waits for the user");
    assert_eq!(v.budget_used_minutes, 10);
    assert_eq!(v.budget_left_minutes, 20);

    let st = step(&st, &s, FocusEvent::Done, utc(t0 + 12 * MIN));
    let v = view(&st, &s, utc(t0 + 12 * MIN));
    assert_eq!(v.phase, PhaseView::Idle);
    assert_eq!(v.cover, None);
    assert_eq!(
        st.cpd_days(),
        vec![CpdDay {
            date: "2026-11-02".into(),
            focus_minutes: 10,
            sessions: 1,
            ideas_saved: 0
        }]
    );
}

#[test]
fn start_validates_minutes_tag_state_and_clock() {
    let s = defaults();
    let st = FocusState::default();
    for bad in [0, 4, 121, 1000] {
        assert!(matches!(
            apply(&st, &s, &start(bad), utc(MON)),
            Err(FocusError::InvalidMinutes { .. })
        ));
    }
    for tag in ["bad tag", "#a<b", &"x".repeat(101)] {
        let e = apply(
            &st,
            &s,
            &FocusEvent::Start {
                minutes: 20,
                tag: Some(tag.into()),
            },
            utc(MON),
        );
        assert!(matches!(e, Err(FocusError::InvalidTag { .. })), "{tag}");
    }
    let st = step(
        &st,
        &s,
        FocusEvent::Start {
            minutes: 5,
            tag: Some(" #UKEdChat ".into()),
        },
        utc(MON),
    );
    match view(&st, &s, utc(MON)).phase {
        PhaseView::Running { tag, .. } => assert_eq!(tag.as_deref(), Some("ukedchat")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        apply(&st, &s, &start(20), utc(MON + MIN)),
        Err(FocusError::AlreadyRunning)
    );
    // An empty tag field means "no tag".
    let st2 = step(
        &FocusState::default(),
        &s,
        FocusEvent::Start {
            minutes: 120,
            tag: Some("#".into()),
        },
        utc(MON),
    );
    assert!(matches!(
        view(&st2, &s, utc(MON)).phase,
        PhaseView::Running { tag: None, .. }
    ));

    for clock in [
        Clock::new(-1, 0),
        Clock::new(i64::MAX, 0),
        Clock::new(MON, 1440),
        Clock::new(MON, i32::MIN),
    ] {
        assert!(matches!(
            apply(&st, &s, &FocusEvent::Tick, clock),
            Err(FocusError::InvalidClock { .. })
        ));
        let _ = view(&st, &s, clock); // clamped, never a panic
    }
}

#[test]
fn done_ends_early_and_is_harmless_when_repeated() {
    let s = defaults();
    let st = step(&FocusState::default(), &s, start(30), utc(MON));
    let st = step(&st, &s, FocusEvent::Done, utc(MON + 7 * MIN));
    let v = view(&st, &s, utc(MON + 20 * MIN));
    assert_eq!(
        review_stats(&v).minutes_spent,
        7,
        "time in review is not focus time"
    );
    let st = step(&st, &s, FocusEvent::Done, utc(MON + 20 * MIN));
    let again = step(&st, &s, FocusEvent::Done, utc(MON + 20 * MIN));
    assert_eq!(view(&again, &s, utc(MON + 20 * MIN)).phase, PhaseView::Idle);
    assert_eq!(day_minutes(&again, "2026-11-02"), 7);
}

#[test]
fn start_from_review_closes_it_and_counts_a_second_session() {
    let s = defaults();
    let st = step(&FocusState::default(), &s, start(10), utc(MON));
    let st = step(&st, &s, start(10), utc(MON + 11 * MIN));
    assert!(matches!(
        view(&st, &s, utc(MON + 11 * MIN)).phase,
        PhaseView::Running { .. }
    ));
    assert_eq!(st.cpd_days()[0].sessions, 2);
}

#[test]
fn extensions_are_limited_per_local_day() {
    let s = defaults(); // 2 extensions of 5 minutes a day
    let t0 = MON + 18 * HOUR;
    let mut st = step(&FocusState::default(), &s, start(10), utc(t0));
    assert_eq!(
        apply(&st, &s, &FocusEvent::Extend, utc(t0 + MIN)),
        Err(FocusError::NotInReview)
    );
    let mut t = t0 + 10 * MIN;
    for left in [1, 0] {
        st = step(&st, &s, FocusEvent::Extend, utc(t));
        let v = view(&st, &s, utc(t));
        assert_eq!(running(&v), (t + 5 * MIN, 5, 300));
        assert_eq!(v.extensions_left_today, left);
        t += 5 * MIN;
    }
    let v = view(&st, &s, utc(t));
    let stats = review_stats(&v);
    assert_eq!((stats.minutes_spent, stats.extensions_used), (20, 2));
    assert!(matches!(
        v.phase,
        PhaseView::Review {
            can_extend: false,
            ..
        }
    ));
    assert_eq!(
        apply(&st, &s, &FocusEvent::Extend, utc(t)),
        Err(FocusError::NoExtensionsLeft { per_day: 2 })
    );

    // Tomorrow the allowance is back.
    let st = step(&st, &s, FocusEvent::Done, utc(t));
    let st = step(&st, &s, start(10), utc(t0 + DAY));
    let st = step(&st, &s, FocusEvent::Extend, utc(t0 + DAY + 10 * MIN));
    assert_eq!(
        view(&st, &s, utc(t0 + DAY + 10 * MIN)).extensions_left_today,
        1
    );

    let none = FocusSettings {
        extensions_per_day: 0,
        ..defaults()
    };
    let st = step(&FocusState::default(), &none, start(10), utc(t0));
    assert!(apply(&st, &none, &FocusEvent::Extend, utc(t0 + 10 * MIN)).is_err());
}

#[test]
fn spent_budget_means_a_countdown_that_cannot_be_skipped() {
    let s = defaults(); // 30 min budget, 30 s wait
    let t0 = MON + 17 * HOUR;
    let st = step(&FocusState::default(), &s, start(30), utc(t0));
    let t1 = t0 + 31 * MIN;
    let st = step(&st, &s, FocusEvent::Done, utc(t1));
    let v = view(&st, &s, utc(t1));
    assert!(v.start_needs_wait);
    assert_eq!((v.budget_used_minutes, v.budget_left_minutes), (30, 0));

    let st = step(
        &st,
        &s,
        FocusEvent::Start {
            minutes: 10,
            tag: Some("mathschat".into()),
        },
        utc(t1),
    );
    let v = view(&st, &s, utc(t1 + 10 * SEC));
    assert_eq!(v.cover, Some(CoverReason::Waiting));
    assert_eq!(v.next_wakeup_ms, Some(t1 + 30 * SEC));
    match &v.phase {
        PhaseView::Waiting {
            until_ms,
            seconds_left,
            ready,
            minutes,
            tag,
            ..
        } => {
            assert_eq!(
                (*until_ms, *seconds_left, *ready, *minutes),
                (t1 + 30 * SEC, 20, false, 10)
            );
            assert_eq!(tag.as_deref(), Some("mathschat"));
        }
        other => panic!("{other:?}"),
    }
    // Re-applying Start (a reload, a second tab) neither skips nor restarts the countdown.
    let reloaded = load_state(&serde_json::to_value(&st).unwrap()).value;
    let again = apply(&reloaded, &s, &start(10), utc(t1 + 10 * SEC));
    assert_eq!(
        again,
        Err(FocusError::StillWaiting {
            until_ms: t1 + 30 * SEC,
            seconds_left: 20
        })
    );

    let ready = view(&reloaded, &s, utc(t1 + 30 * SEC));
    assert!(matches!(
        ready.phase,
        PhaseView::Waiting {
            ready: true,
            seconds_left: 0,
            ..
        }
    ));
    let started = step(&reloaded, &s, start(10), utc(t1 + 31 * SEC));
    assert!(matches!(
        view(&started, &s, utc(t1 + 31 * SEC)).phase,
        PhaseView::Running { .. }
    ));

    // A countdown left unattended lapses; the next start waits again.
    let lapsed = step(
        &st,
        &s,
        FocusEvent::Tick,
        utc(t1 + 30 * SEC + WAIT_CONFIRM_GRACE_MS),
    );
    assert_eq!(view(&lapsed, &s, utc(t1 + 3 * MIN)).phase, PhaseView::Idle);
    let waiting = step(&lapsed, &s, start(10), utc(t1 + 3 * MIN));
    assert!(matches!(
        view(&waiting, &s, utc(t1 + 3 * MIN)).phase,
        PhaseView::Waiting { ready: false, .. }
    ));
    // "Done" on the waiting screen cancels it.
    let cancelled = step(&waiting, &s, FocusEvent::Done, utc(t1 + 3 * MIN + SEC));
    assert_eq!(
        view(&cancelled, &s, utc(t1 + 3 * MIN + SEC)).phase,
        PhaseView::Idle
    );

    // Without friction the session starts at once.
    let no_wait = FocusSettings {
        wait_seconds: 0,
        ..defaults()
    };
    let st = step(&lapsed, &no_wait, start(10), utc(t1 + 3 * MIN));
    assert!(matches!(
        view(&st, &no_wait, utc(t1 + 3 * MIN)).phase,
        PhaseView::Running { .. }
    ));
}

fn teaching() -> FocusSettings {
    FocusSettings {
        quiet_hours: Some(QuietHours::teaching_hours()),
        ..defaults()
    }
}

#[test]
fn quiet_hours_cover_the_timeline_on_school_days_until_overridden() {
    let s = teaching();
    let nine = MON + 9 * HOUR;
    let st = FocusState::default();
    let v = view(&st, &s, utc(nine));
    assert_eq!(
        v.phase,
        PhaseView::Quiet {
            until_ms: MON + 15 * HOUR + 30 * MIN
        }
    );
    assert_eq!(v.cover, Some(CoverReason::Quiet));
    assert!(v.in_quiet_hours);
    assert_eq!(v.next_wakeup_ms, Some(MON + 15 * HOUR + 30 * MIN));
    assert_eq!(
        apply(&st, &s, &start(20), utc(nine)),
        Err(FocusError::QuietHours {
            until_ms: MON + 15 * HOUR + 30 * MIN
        })
    );

    let st = step(&st, &s, FocusEvent::OverrideQuiet, utc(nine));
    let v = view(&st, &s, utc(nine + MIN));
    assert_eq!((v.phase.clone(), v.cover), (PhaseView::Idle, None));
    assert_eq!(v.quiet_override_until_ms, Some(nine + 15 * MIN));
    assert_eq!(
        v.next_wakeup_ms,
        Some(nine + 15 * MIN),
        "when the override runs out"
    );
    assert!(
        matches!(
            view(&st, &s, utc(nine + 15 * MIN)).phase,
            PhaseView::Quiet { .. }
        ),
        "override expired"
    );

    // A session started under the override runs to its end, then review, then quiet again.
    let st = step(&st, &s, start(45), utc(nine + 5 * MIN));
    let v = view(&st, &s, utc(nine + 40 * MIN));
    assert!(v.in_quiet_hours);
    assert_eq!((v.cover, v.badge_text.as_str()), (None, "10"));
    assert_eq!(
        view(&st, &s, utc(nine + 50 * MIN)).cover,
        Some(CoverReason::Review)
    );
    let st = step(&st, &s, FocusEvent::Done, utc(nine + 51 * MIN));
    assert_eq!(
        view(&st, &s, utc(nine + 51 * MIN)).cover,
        Some(CoverReason::Quiet)
    );

    // Before and after the window, and at the weekend, the timeline is free.
    let free = FocusState::default();
    let before = view(&free, &s, utc(MON + 8 * HOUR + 29 * MIN));
    assert_eq!(before.phase, PhaseView::Idle);
    assert_eq!(before.next_wakeup_ms, Some(MON + 8 * HOUR + 30 * MIN));
    assert_eq!(
        view(&free, &s, utc(MON + 15 * HOUR + 30 * MIN)).phase,
        PhaseView::Idle
    );
    let saturday = MON + 5 * DAY + 10 * HOUR;
    let v = view(&free, &s, utc(saturday));
    assert_eq!(
        (v.phase.clone(), v.in_quiet_hours),
        (PhaseView::Idle, false)
    );
    assert_eq!(
        v.next_wakeup_ms,
        Some(MON + 7 * DAY + 8 * HOUR + 30 * MIN),
        "Monday morning"
    );
    assert_eq!(
        apply(&free, &s, &FocusEvent::OverrideQuiet, utc(saturday)),
        Err(FocusError::NotInQuietHours)
    );
    assert!(step(&free, &s, start(20), utc(saturday)).cpd_days()[0].sessions == 1);
}

#[test]
fn quiet_hours_follow_local_time_and_can_run_overnight() {
    let s = teaching();
    let st = FocusState::default();
    // 08:00 UTC is 09:00 in Paris (quiet) and 03:00 in New York (not).
    assert!(view(&st, &s, Clock::new(MON + 8 * HOUR, 60)).in_quiet_hours);
    let ny = view(&st, &s, Clock::new(MON + 8 * HOUR, -300));
    assert!(!ny.in_quiet_hours);
    assert_eq!(
        ny.next_wakeup_ms,
        Some(MON + 13 * HOUR + 30 * MIN),
        "08:30 New York"
    );

    let night = FocusSettings {
        quiet_hours: Some(QuietHours {
            days: vec![Weekday::Fri, Weekday::Sat],
            start: "22:00".into(),
            end: "06:00".into(),
        }),
        ..defaults()
    };
    let friday = MON + 4 * DAY;
    assert!(!view(&st, &night, utc(friday + 21 * HOUR)).in_quiet_hours);
    // Saturday 03:00 belongs to Friday's window; the Friday and Saturday windows do not touch.
    assert_eq!(
        view(&st, &night, utc(friday + DAY + 3 * HOUR)).phase,
        PhaseView::Quiet {
            until_ms: friday + DAY + 6 * HOUR
        }
    );
    assert!(!view(&st, &night, utc(friday + DAY + 12 * HOUR)).in_quiet_hours);
    assert!(
        view(&st, &night, utc(friday + 2 * DAY + 5 * HOUR)).in_quiet_hours,
        "Sunday 05:00, from Saturday"
    );
    assert!(
        !view(&st, &night, utc(friday + 3 * DAY + 5 * HOUR)).in_quiet_hours,
        "Monday 05:00"
    );

    // Back-to-back windows report the end of the whole run.
    let allday = FocusSettings {
        quiet_hours: Some(QuietHours {
            days: vec![Weekday::Mon, Weekday::Tue],
            start: "00:00".into(),
            end: "24:00".into(),
        }),
        ..defaults()
    };
    assert_eq!(
        view(&st, &allday, utc(MON + HOUR)).phase,
        PhaseView::Quiet {
            until_ms: MON + 2 * DAY
        }
    );
}

#[test]
fn unusable_quiet_hours_are_reported_and_ignored() {
    let s = FocusSettings {
        quiet_hours: Some(QuietHours {
            days: vec![],
            start: "8:30".into(),
            end: "25:00".into(),
        }),
        extension_minutes: 0,
        ..defaults()
    };
    let fields: Vec<String> = s.validate().into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "extension_minutes",
            "quiet_hours.start",
            "quiet_hours.end",
            "quiet_hours.days"
        ]
    );
    assert!(!view(&FocusState::default(), &s, utc(MON + 9 * HOUR)).in_quiet_hours);
    assert!(defaults().validate().is_empty());
    assert!(teaching().validate().is_empty());
    let same = FocusSettings {
        quiet_hours: Some(QuietHours {
            days: vec![Weekday::Mon],
            start: "09:00".into(),
            end: "09:00".into(),
        }),
        ..defaults()
    };
    assert_eq!(same.validate()[0].field, "quiet_hours.end");

    let problems = check_settings(
        &json!({"daily_budget_minutes": "lots", "wait_seconds": 9999,
        "quiet_hours": {"days": ["someday"], "start": "08:30", "end": "15:30"}}),
    );
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["daily_budget_minutes", "quiet_hours", "wait_seconds"]
    );
    assert!(check_settings(&serde_json::to_value(teaching()).unwrap()).is_empty());
}

#[test]
fn clock_jumping_backwards_keeps_remaining_time_and_counted_minutes() {
    let s = defaults();
    let t0 = MON + 20 * HOUR;
    let st = step(&FocusState::default(), &s, start(20), utc(t0));
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 5 * MIN));
    // Manual correction: one hour back.
    let back = t0 + 5 * MIN - HOUR;
    let st = step(&st, &s, FocusEvent::Tick, utc(back));
    let v = view(&st, &s, utc(back));
    let (ends, minutes_left, _) = running(&v);
    assert_eq!(
        (ends, minutes_left),
        (back + 15 * MIN, 15),
        "neither extra time nor a negative remainder"
    );
    assert!(v.next_wakeup_ms.unwrap() > back);
    let st = step(&st, &s, FocusEvent::Tick, utc(back + 15 * MIN));
    let stats = review_stats(&view(&st, &s, utc(back + 15 * MIN)));
    assert_eq!(stats.minutes_spent, 20);
    assert_eq!(day_minutes(&st, "2026-11-02"), 20);

    // A view computed with a stale earlier clock never shows more than the session length.
    let st = step(&FocusState::default(), &s, start(20), utc(t0));
    let (_, minutes_left, seconds_left) = running(&view(&st, &s, utc(t0 - 3 * HOUR)));
    assert!(minutes_left <= 20 && seconds_left <= 1200);

    // A waiting countdown is not lengthened or skipped by a jump back.
    let spent = FocusSettings {
        daily_budget_minutes: 0,
        ..defaults()
    };
    let st = step(&FocusState::default(), &spent, start(10), utc(t0));
    let st = step(&st, &spent, FocusEvent::Tick, utc(t0 + 10 * SEC));
    let st = step(&st, &spent, FocusEvent::Tick, utc(t0 - HOUR));
    assert!(matches!(
        view(&st, &spent, utc(t0 - HOUR)).phase,
        PhaseView::Waiting {
            seconds_left: 20,
            ..
        }
    ));
    assert!(apply(&st, &spent, &start(10), utc(t0 - HOUR + 5 * SEC)).is_err());

    // Nor is a quiet-hours override.
    let s = teaching();
    let nine = MON + 9 * HOUR;
    let st = step(
        &FocusState::default(),
        &s,
        FocusEvent::OverrideQuiet,
        utc(nine),
    );
    let st = step(&st, &s, FocusEvent::Tick, utc(nine + 10 * MIN));
    let back = nine + 10 * MIN - HOUR;
    let v = view(&step(&st, &s, FocusEvent::Tick, utc(back)), &s, utc(back));
    assert_eq!(v.quiet_override_until_ms, Some(back + 5 * MIN));
}

#[test]
fn clock_jumping_forwards_past_the_end_just_ends_the_session() {
    let s = defaults();
    let t0 = MON + 12 * HOUR;
    let st = step(&FocusState::default(), &s, start(20), utc(t0));
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 3 * HOUR)); // laptop slept
    let v = view(&st, &s, utc(t0 + 3 * HOUR));
    assert_eq!(review_stats(&v).minutes_spent, 20);
    assert_eq!(
        v.budget_used_minutes, 20,
        "only the session's own length is counted"
    );
    // Many ticks at the same time or later add nothing more.
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 3 * HOUR));
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 5 * HOUR));
    assert_eq!(day_minutes(&st, "2026-11-02"), 20);

    // Extensions add exactly their length too.
    let st = step(&st, &s, FocusEvent::Extend, utc(t0 + 5 * HOUR));
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 9 * HOUR));
    assert_eq!(
        review_stats(&view(&st, &s, utc(t0 + 9 * HOUR))).minutes_spent,
        25
    );
}

#[test]
fn days_roll_over_at_local_midnight() {
    let s = defaults();
    let paris = |ms| Clock::new(ms, 60);
    // 23:50 on Monday in Paris is 22:50 UTC; the session crosses local midnight.
    let t0 = MON + 22 * HOUR + 50 * MIN;
    let st = step(&FocusState::default(), &s, start(20), paris(t0));
    assert_eq!(view(&st, &s, paris(t0)).today, "2026-11-02");
    let st = step(&st, &s, FocusEvent::Tick, paris(t0 + 20 * MIN));
    assert_eq!(view(&st, &s, paris(t0 + 20 * MIN)).today, "2026-11-03");
    let days = st.cpd_days();
    assert_eq!(days.len(), 2);
    assert_eq!(
        (
            days[0].date.as_str(),
            days[0].focus_minutes,
            days[0].sessions
        ),
        ("2026-11-02", 10, 1)
    );
    assert_eq!(
        (
            days[1].date.as_str(),
            days[1].focus_minutes,
            days[1].sessions
        ),
        ("2026-11-03", 10, 0)
    );
    // Only the minutes after midnight count against the new day's budget.
    assert_eq!(view(&st, &s, paris(t0 + 20 * MIN)).budget_used_minutes, 10);

    // The same instants in UTC fall on one day.
    let st = step(&FocusState::default(), &s, start(20), utc(t0));
    let st = step(&st, &s, FocusEvent::Tick, utc(t0 + 20 * MIN));
    assert_eq!(day_minutes(&st, "2026-11-02"), 20);

    // New York: a spent budget at 23:59 local is a fresh one at 00:00 local.
    let ny = |ms| Clock::new(ms, -300);
    let local_midnight = MON + DAY + 5 * HOUR; // 2026-11-03T00:00 in New York
    let st = step(
        &FocusState::default(),
        &s,
        start(30),
        ny(local_midnight - 40 * MIN),
    );
    let st = step(&st, &s, FocusEvent::Done, ny(local_midnight - 5 * MIN));
    let late = step(&st, &s, start(10), ny(local_midnight - MIN));
    assert!(matches!(
        view(&late, &s, ny(local_midnight - MIN)).phase,
        PhaseView::Waiting { .. }
    ));
    let v = view(&st, &s, ny(local_midnight));
    assert_eq!(
        (v.today.as_str(), v.budget_used_minutes, v.start_needs_wait),
        ("2026-11-03", 0, false)
    );
    let fresh = step(&st, &s, start(10), ny(local_midnight));
    assert!(matches!(
        view(&fresh, &s, ny(local_midnight)).phase,
        PhaseView::Running { .. }
    ));
}

#[test]
fn mid_session_state_survives_a_worker_restart() {
    let s = teaching();
    let t0 = MON + 19 * HOUR;
    let st = step(
        &FocusState::default(),
        &s,
        FocusEvent::Start {
            minutes: 30,
            tag: Some("ukedchat".into()),
        },
        utc(t0),
    );
    let st = step(
        &st,
        &s,
        FocusEvent::RecordStats {
            seen: 40,
            hidden: 12,
            saved_idea_id: Some("idea-1".into()),
        },
        utc(t0 + 4 * MIN),
    );
    let stored = serde_json::to_string(&st).unwrap();
    for key in [
        "\"kind\":\"running\"",
        "\"ends_at_ms\"",
        "\"saved_idea_ids\":[\"idea-1\"]",
        "\"history\"",
    ] {
        assert!(stored.contains(key), "{key} in {stored}");
    }
    let loaded = load_state(&serde_json::from_str(&stored).unwrap());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.value, st);
    let direct: FocusState = serde_json::from_str(&stored).unwrap();
    assert_eq!(direct, st);

    // The worker was stopped for 10 minutes: nothing is lost, nothing restarts.
    let later = utc(t0 + 14 * MIN);
    assert_eq!(view(&loaded.value, &s, later), view(&st, &s, later));
    let v = view(&loaded.value, &s, later);
    assert_eq!(running(&v).1, 16);
    match &v.phase {
        PhaseView::Running { stats, .. } => {
            assert_eq!(
                (
                    stats.posts_seen,
                    stats.posts_hidden,
                    stats.ideas_saved.clone()
                ),
                (40, 12, vec!["idea-1".to_string()])
            );
        }
        other => panic!("{other:?}"),
    }
    // Views and settings serialize as snake_case JSON too.
    let vjson = serde_json::to_value(&v).unwrap();
    assert_eq!(vjson["phase"]["kind"], "running");
    assert_eq!(vjson["badge_text"], "16");
    let sjson = serde_json::to_value(&s).unwrap();
    assert_eq!(
        sjson["quiet_hours"]["days"],
        json!(["mon", "tue", "wed", "thu", "fri"])
    );
    assert_eq!(load_settings(&sjson).value, s);
    let event: FocusEvent =
        serde_json::from_value(json!({"type": "record_stats", "seen": 3})).unwrap();
    assert_eq!(
        event,
        FocusEvent::RecordStats {
            seen: 3,
            hidden: 0,
            saved_idea_id: None
        }
    );
}

#[test]
fn stats_are_counted_only_in_a_session_and_ideas_once() {
    let s = defaults();
    let idle = step(
        &FocusState::default(),
        &s,
        FocusEvent::RecordStats {
            seen: 5,
            hidden: 5,
            saved_idea_id: Some("x".into()),
        },
        utc(MON),
    );
    assert_eq!(
        idle,
        step(&FocusState::default(), &s, FocusEvent::Tick, utc(MON))
    );
    let mut st = step(&FocusState::default(), &s, start(10), utc(MON));
    for id in [Some("a"), Some("a"), Some("  "), None, Some("b")] {
        let ev = FocusEvent::RecordStats {
            seen: u32::MAX,
            hidden: 1,
            saved_idea_id: id.map(String::from),
        };
        st = step(&st, &s, ev, utc(MON + MIN));
    }
    // A late batch from a content script after time is up still lands in the review.
    let st = step(
        &st,
        &s,
        FocusEvent::RecordStats {
            seen: 0,
            hidden: 1,
            saved_idea_id: Some("c".into()),
        },
        utc(MON + 11 * MIN),
    );
    let stats = review_stats(&view(&st, &s, utc(MON + 11 * MIN)));
    assert_eq!((stats.posts_seen, stats.posts_hidden), (u32::MAX, 6));
    assert_eq!(stats.ideas_saved, ["a", "b", "c"]);
    assert_eq!(st.cpd_days()[0].ideas_saved, 3);
}

#[test]
fn corrupt_stored_state_is_repaired_and_reported() {
    let s = defaults();
    let fresh = load_state(&serde_json::Value::Null);
    assert_eq!(
        (fresh.value.clone(), fresh.problems.len()),
        (FocusState::default(), 0)
    );
    let not_object = load_state(&json!("oops"));
    assert_eq!(
        (not_object.value, not_object.problems.len()),
        (FocusState::default(), 1)
    );

    let loaded = load_state(&json!({
        "phase": {"kind": "runing", "session": {}},
        "quiet_override_until_ms": "soon",
        "last_now_ms": 5,
        "history": {"2026-11-02": {"focus_ms": 600000, "sessions": 1}, "2026-02-30": {"sessions": 1},
                    "yesterday": {}, "2026-11-03": {"focus_ms": -5}}
    }));
    let fields: Vec<&str> = loaded.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "phase",
            "quiet_override_until_ms",
            "history.2026-02-30",
            "history.2026-11-03",
            "history.yesterday"
        ]
    );
    assert_eq!(loaded.value.phase, Phase::Idle);
    assert_eq!(loaded.value.last_now_ms, Some(5));
    assert_eq!(loaded.value.cpd_days().len(), 1);
    assert_eq!(
        load_state(&json!({"history": [1, 2]})).problems[0].field,
        "history"
    );

    // Absurd numbers in an otherwise readable session: no panic, no time granted.
    let absurd = |ends: i64, counted: i64, allowed: i64, tick: i64, last: Option<i64>| FocusState {
        phase: Phase::Running {
            session: Session {
                tag: None,
                planned_minutes: u32::MAX,
                ends_at_ms: ends,
                allowed_ms: allowed,
                counted_ms: counted,
                last_tick_ms: tick,
                extensions: u32::MAX,
                posts_seen: u32::MAX,
                posts_hidden: 0,
                saved_idea_ids: vec![],
            },
        },
        quiet_override_until_ms: last.map(|l| l.wrapping_mul(3)),
        last_now_ms: last,
        history: [(
            "2026-11-02".to_string(),
            DayTotals {
                focus_ms: u64::MAX,
                sessions: u32::MAX,
                extensions: u32::MAX,
                ideas_saved: u32::MAX,
            },
        )]
        .into(),
    };
    let extremes = [i64::MIN, -1, 0, MON, i64::MAX];
    let now = utc(MON + HOUR);
    for ends in extremes {
        for counted in extremes {
            for allowed in extremes {
                for tick in extremes {
                    for last in [None, Some(i64::MIN), Some(MON), Some(i64::MAX)] {
                        let st = absurd(ends, counted, allowed, tick, last);
                        let v = view(&st, &s, now);
                        if let PhaseView::Running { minutes_left, .. } = v.phase {
                            assert!(minutes_left <= 420, "{minutes_left}");
                        }
                        for ev in [
                            FocusEvent::Tick,
                            FocusEvent::Extend,
                            FocusEvent::Done,
                            start(10),
                            FocusEvent::OverrideQuiet,
                        ] {
                            if let Ok(next) = apply(&st, &teaching(), &ev, now) {
                                let _ = view(&next, &teaching(), now);
                                let _ = next.cpd_days();
                            }
                        }
                    }
                }
            }
        }
    }

    // A waiting countdown stored far in the future cannot lock the user out.
    let stuck = FocusState {
        phase: Phase::Waiting {
            until_ms: i64::MAX,
            minutes: 10,
            tag: None,
        },
        ..FocusState::default()
    };
    match view(&stuck, &s, now).phase {
        PhaseView::Waiting { seconds_left, .. } => assert!(seconds_left <= 600),
        other => panic!("{other:?}"),
    }
}

fn day(date: &str, focus_minutes: u32, sessions: u32) -> CpdDay {
    CpdDay {
        date: date.into(),
        focus_minutes,
        sessions,
        ideas_saved: 0,
    }
}

#[test]
fn weekly_totals_follow_iso_weeks() {
    let days = vec![
        day("2026-11-01", 15, 1), // Sunday: week 44
        day("2026-11-02", 20, 1), // Monday: week 45
        day("2026-11-08", 30, 2), // Sunday: week 45
        day("2026-11-02", 5, 1),  // repeated date: added
        day("2026-12-31", 10, 1), // Thursday: 2026-W53
        day("2027-01-03", 10, 1), // Sunday: still 2026-W53
        day("2027-01-04", 45, 1), // Monday: 2027-W01
        day("not a date", 99, 9),
    ];
    let weeks = weekly_totals(&days);
    let summary: Vec<(&str, &str, u32, u32, u32)> = weeks
        .iter()
        .map(|w| {
            (
                w.week.as_str(),
                w.week_start.as_str(),
                w.focus_minutes,
                w.sessions,
                w.active_days,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-W44", "2026-10-26", 15, 1, 1),
            ("2026-W45", "2026-11-02", 55, 4, 2),
            ("2026-W53", "2026-12-28", 20, 2, 2),
            ("2027-W01", "2027-01-04", 45, 1, 1),
        ]
    );
    assert_eq!(
        LocalDate::parse("2027-01-01").unwrap().iso_week(),
        (2026, 53)
    );
    assert_eq!(
        LocalDate::parse("2024-12-30").unwrap().iso_week(),
        (2025, 1)
    );
}

#[test]
fn days_and_rows_for_the_export() {
    let mut d = day("2026-11-03", 25, 2);
    d.ideas_saved = 1;
    let days = vec![day("2026-11-01", 0, 0), d, day("2026-11-05", 12, 1)];
    let window = days_ending(&days, LocalDate::parse("2026-11-05").unwrap(), 4);
    let summary: Vec<(&str, u32)> = window
        .iter()
        .map(|d| (d.date.as_str(), d.focus_minutes))
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-11-02", 0),
            ("2026-11-03", 25),
            ("2026-11-04", 0),
            ("2026-11-05", 12)
        ]
    );

    let rows = cpd_rows(&days);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        CpdRow {
            date: "2026-11-03".into(),
            activity: "Focus session".into(),
            minutes: 25,
            outcome: "2 focus sessions, 1 idea saved".into(),
            reflection: String::new(),
        }
    );
    assert_eq!(rows[1].outcome, "1 focus session");
}

/// Checks that every tag is closed in order, attributes are quoted, and text has no bare `<` or `&`.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open]);
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "'<' inside tag {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let name = tag
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
            let attrs = &tag[name.len()..];
            assert_eq!(
                attrs.matches('"').count() % 2,
                0,
                "unbalanced quotes in {tag}"
            );
            check_text(&attrs.split('"').skip(1).step_by(2).collect::<String>());
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.is_empty(), "text after the root: {rest}");
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

fn check_text(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity),
            "bare & in {text}"
        );
    }
}

#[test]
fn chart_is_accessible_well_formed_and_escaped() {
    let days = vec![
        day("2026-10-31", 45, 2),
        day("2026-11-02", 20, 1),
        day("2026-11-05", 12, 1),
    ];
    let options = ChartOptions {
        days: 7,
        title: "Ms <O'Neil> & \"focus\"".into(),
        budget_minutes: Some(30),
        width: None,
    };
    let svg = cpd_chart_svg(&days, LocalDate::parse("2026-11-05").unwrap(), &options);
    assert_well_formed(&svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains(
        "<title id=\"staffroom-cpd-title\">Ms &lt;O&apos;Neil&gt; &amp; &quot;focus&quot;</title>"
    ));
    assert!(svg.contains("<desc id=\"staffroom-cpd-desc\">Focus minutes per day from Fri 30 Oct 2026 to Thu 5 Nov 2026: 77 minutes in 4 sessions over 3 days; most on Sat 31 Oct 2026 with 45 minutes.</desc>"));
    assert_eq!(
        svg.matches("<rect").count(),
        3,
        "one bar per day with focus time"
    );
    assert!(svg.contains("<title>Mon 2 Nov 2026: 20 min, 1 session</title>"));
    assert!(
        svg.contains(">Oct</text>") && svg.contains(">Nov</text>"),
        "month labels"
    );
    assert!(svg.contains("budget 30 min"));
    assert!(!svg.contains("<script") && !svg.contains("href"));

    let empty = cpd_chart_svg(
        &[],
        LocalDate::parse("2026-11-05").unwrap(),
        &ChartOptions {
            days: 0,
            ..ChartOptions::default()
        },
    );
    assert_well_formed(&empty);
    assert!(empty.contains("no focus time"));
    let year = cpd_chart_svg(
        &days,
        LocalDate::parse("2026-11-05").unwrap(),
        &ChartOptions {
            days: 10_000,
            ..ChartOptions::default()
        },
    );
    assert_well_formed(&year);
    assert!(
        year.contains("from Wed 5 Nov 2025 to"),
        "clamped to 366 days"
    );
}

#[test]
fn every_error_serializes_with_a_code_and_reads_clearly() {
    let errors = [
        FocusError::InvalidClock {
            now_ms: -1,
            tz_offset_minutes: 0,
        },
        FocusError::InvalidMinutes {
            minutes: 4,
            min: 5,
            max: 120,
        },
        FocusError::InvalidTag { tag: "a b".into() },
        FocusError::AlreadyRunning,
        FocusError::StillWaiting {
            until_ms: 1,
            seconds_left: 20,
        },
        FocusError::QuietHours { until_ms: 1 },
        FocusError::NotInQuietHours,
        FocusError::NoExtensionsLeft { per_day: 2 },
        FocusError::NotInReview,
        LocalDate::parse("2026-02-30").unwrap_err(),
    ];
    for e in errors {
        let v = serde_json::to_value(&e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
        assert!(v["code"].as_str().is_some_and(|c| !c.is_empty()), "{v}");
        assert!(!e.to_string().is_empty());
    }
    let v = serde_json::to_value(FocusError::StillWaiting {
        until_ms: 1,
        seconds_left: 20,
    })
    .unwrap();
    assert_eq!(
        v,
        json!({"code": "still_waiting", "until_ms": 1, "seconds_left": 20})
    );
}

/// `(x, y, text)` of every centred label, and the chart's width, from the SVG text.
fn centred_labels(svg: &str) -> (f64, Vec<(f64, f64, String)>) {
    let number = |s: &str, key: &str| -> f64 {
        let start = s.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        s[start..][..s[start..].find('"').unwrap()].parse().unwrap()
    };
    let view_box = &svg[svg.find("viewBox=\"").unwrap() + 9..];
    let width: f64 = view_box.split(' ').nth(2).unwrap().parse().unwrap();
    let labels = svg
        .split("<text ")
        .skip(1)
        .filter(|t| t.contains("text-anchor=\"middle\""))
        .map(|t| {
            let text = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            (number(t, "x"), number(t, "y"), text.to_string())
        })
        .collect();
    (width, labels)
}

#[test]
fn chart_in_a_narrow_column_keeps_every_label_whole() {
    let days = vec![day("2026-10-31", 45, 2), day("2026-11-05", 12, 1)];
    let end = LocalDate::parse("2026-11-05").unwrap();
    for (width, shown) in [(285, 14), (240, 31), (692, 14), (300, 366)] {
        let options = ChartOptions {
            days: shown,
            width: Some(width),
            ..ChartOptions::default()
        };
        let svg = cpd_chart_svg(&days, end, &options);
        let (drawn, labels) = centred_labels(&svg);
        assert_eq!(drawn, f64::from(width), "drawn at the width it is shown");
        // 11 px system-ui digits and letters are at most ~7 px wide.
        let half = |text: &str| text.chars().count() as f64 * 3.5;
        for (x, _, text) in &labels {
            assert!(
                x - half(text) >= 0.0 && x + half(text) <= drawn,
                "{width}/{shown}: {text:?} at {x} is cut off"
            );
        }
        let day_labels: Vec<_> = labels
            .iter()
            .filter(|l| l.2.parse::<u32>().is_ok())
            .collect();
        for pair in day_labels.windows(2) {
            let gap = pair[1].0 - pair[0].0;
            assert!(
                gap >= half(&pair[0].2) + half(&pair[1].2),
                "{width}/{shown}: {:?} and {:?} overlap",
                pair[0].2,
                pair[1].2
            );
        }
        assert_eq!(
            day_labels.last().unwrap().2,
            "5",
            "{width}/{shown}: today is labelled"
        );
    }
}
