//! The idea library: lifecycle, dedupe, merge, import/export and migrations (issue 4).

use serde_json::json;
use staffroom::ideas::*;

const HOUR: i64 = 3_600_000;

/// Monday 2026-11-02, 09:00 UTC.
fn t0() -> i64 {
    days_from_civil(2026, 11, 2) * DAY_MS + 9 * HOUR
}

fn post(site: Site, permalink: &str, text: &str) -> NewIdea {
    NewIdea {
        site,
        text: text.to_string(),
        author: Author {
            name: "Ms Rivera".into(),
            handle: "@rivera".into(),
        },
        permalink: permalink.to_string(),
        hashtags: vec!["#edchat".into()],
        links: vec![],
        posted_at: None,
        note: String::new(),
    }
}

fn saved(lib: &mut Library, n: u32, at: i64) -> String {
    let idea = post(
        Site::X,
        &format!("https://x.com/rivera/status/{n}"),
        &format!("Idea number {n}"),
    );
    save(lib, idea, at).unwrap().id
}

fn a_plan(what: &str, by: Option<i64>) -> PlanInput {
    PlanInput {
        what: what.into(),
        group: "9B".into(),
        by,
        success_criteria: "Most hands up".into(),
        share_with: "Maths dept".into(),
    }
}

fn a_review(how: &str) -> ReviewInput {
    ReviewInput {
        how_it_went: how.into(),
        evidence: "Exit tickets".into(),
        reflection: "Worth it".into(),
        next_step: "Year 8".into(),
    }
}

fn status(lib: &Library, id: &str) -> Status {
    lib.get(id).unwrap().status
}

// ---------------------------------------------------------------- lifecycle

#[test]
fn an_idea_goes_from_saved_to_embedded() {
    let mut lib = Library::new();
    let applied = save(
        &mut lib,
        post(
            Site::X,
            "https://x.com/rivera/status/1",
            "Cold call with whiteboards",
        ),
        t0(),
    )
    .unwrap();
    assert!(applied.created && applied.changed);
    let id = applied.id;
    assert_eq!(status(&lib, &id), Status::Saved);
    assert_eq!(
        lib.get(&id).unwrap().author.handle,
        "rivera",
        "the @ is stripped"
    );

    plan(
        &mut lib,
        &id,
        a_plan("Whiteboards in starters", Some(t0() + 3 * DAY_MS)),
        t0() + HOUR,
    )
    .unwrap();
    let idea = lib.get(&id).unwrap();
    assert_eq!(idea.status, Status::Planned);
    assert_eq!(idea.plan.as_ref().unwrap().planned_at, t0() + HOUR);
    assert_eq!(idea.updated_at, t0() + HOUR);

    start_trying(&mut lib, &id, t0() + 2 * HOUR).unwrap();
    assert_eq!(status(&lib, &id), Status::Trying);
    // Editing the plan mid-trial keeps the status and the original planned_at.
    plan(
        &mut lib,
        &id,
        a_plan("Whiteboards in starters and plenaries", None),
        t0() + 3 * HOUR,
    )
    .unwrap();
    let idea = lib.get(&id).unwrap();
    assert_eq!(idea.status, Status::Trying);
    assert_eq!(idea.plan.as_ref().unwrap().planned_at, t0() + HOUR);

    review(&mut lib, &id, a_review("Went well"), t0() + 5 * DAY_MS).unwrap();
    let idea = lib.get(&id).unwrap();
    assert_eq!(idea.status, Status::Reviewed);
    assert_eq!(idea.review.as_ref().unwrap().reviewed_at, t0() + 5 * DAY_MS);

    set_status(&mut lib, &id, Status::Embedded, t0() + 6 * DAY_MS).unwrap();
    assert_eq!(status(&lib, &id), Status::Embedded);
    // Fixing a typo in the review keeps its date and the status.
    review(&mut lib, &id, a_review("Went very well"), t0() + 9 * DAY_MS).unwrap();
    let idea = lib.get(&id).unwrap();
    assert_eq!(idea.status, Status::Embedded);
    assert_eq!(idea.review.as_ref().unwrap().reviewed_at, t0() + 5 * DAY_MS);
    assert_eq!(idea.review.as_ref().unwrap().how_it_went, "Went very well");

    // Another round: planning again makes it planned, with a new planned_at.
    plan(
        &mut lib,
        &id,
        a_plan("Whiteboards with Year 8", None),
        t0() + 10 * DAY_MS,
    )
    .unwrap();
    let idea = lib.get(&id).unwrap();
    assert_eq!(idea.status, Status::Planned);
    assert_eq!(idea.plan.as_ref().unwrap().planned_at, t0() + 10 * DAY_MS);
    assert!(idea.review.is_some(), "the earlier review is kept");
}

#[test]
fn reviewing_an_idea_never_planned_is_refused_and_changes_nothing() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    let before = lib.clone();
    let err = review(&mut lib, &id, a_review("Fine"), t0() + 1).unwrap_err();
    assert!(matches!(err, IdeaError::NotAllowed { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains(&id) && msg.contains("never planned") && msg.contains("plan"),
        "{msg}"
    );
    assert_eq!(lib, before);
}

#[test]
fn nonsense_transitions_are_refused_with_reasons() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    let before = lib.clone();
    type Attempt<'a> = Box<dyn Fn(&mut Library) -> Result<Applied, IdeaError> + 'a>;
    let cases: Vec<(Attempt, &str)> = vec![
        (
            Box::new(|l| set_status(l, &id, Status::Embedded, t0())),
            "not been reviewed",
        ),
        (
            Box::new(|l| set_status(l, &id, Status::Reviewed, t0())),
            "not been reviewed",
        ),
        (
            Box::new(|l| set_status(l, &id, Status::Trying, t0())),
            "no plan",
        ),
        (Box::new(|l| start_trying(l, &id, t0())), "no plan"),
        (Box::new(|l| reopen(l, &id, t0())), "not dropped"),
        (
            Box::new(|l| plan(l, &id, a_plan("  ", None), t0())),
            "plan.what",
        ),
        (
            Box::new(|l| review(l, "nope", a_review("x"), t0())),
            "no saved idea",
        ),
        (
            Box::new(|l| plan(l, &id, a_plan("x", Some(-5)), t0())),
            "plan.by",
        ),
        (Box::new(|l| start_trying(l, &id, -1)), "now_ms"),
    ];
    for (op, expected) in cases {
        let msg = op(&mut lib).unwrap_err().to_string();
        assert!(
            msg.contains(expected),
            "{msg:?} should mention {expected:?}"
        );
        assert_eq!(lib, before);
    }
    plan(&mut lib, &id, a_plan("x", None), t0()).unwrap();
    review(&mut lib, &id, a_review("ok"), t0()).unwrap();
    assert!(start_trying(&mut lib, &id, t0())
        .unwrap_err()
        .to_string()
        .contains("next round"));
}

#[test]
fn dropped_from_any_state_and_reopened_to_what_it_holds() {
    let mut lib = Library::new();
    let plain = saved(&mut lib, 1, t0());
    let planned = saved(&mut lib, 2, t0());
    let reviewed = saved(&mut lib, 3, t0());
    plan(&mut lib, &planned, a_plan("p", None), t0()).unwrap();
    start_trying(&mut lib, &planned, t0()).unwrap();
    plan(&mut lib, &reviewed, a_plan("r", None), t0()).unwrap();
    review(&mut lib, &reviewed, a_review("ok"), t0()).unwrap();
    set_status(&mut lib, &reviewed, Status::Embedded, t0()).unwrap();
    for (id, back) in [
        (&plain, Status::Saved),
        (&planned, Status::Planned),
        (&reviewed, Status::Reviewed),
    ] {
        set_status(&mut lib, id, Status::Dropped, t0() + 1).unwrap();
        assert_eq!(status(&lib, id), Status::Dropped);
        assert!(plan(&mut lib, id, a_plan("x", None), t0())
            .unwrap_err()
            .to_string()
            .contains("reopen"));
        reopen(&mut lib, id, t0() + 2).unwrap();
        assert_eq!(status(&lib, id), back);
    }
    // Setting the current status again is harmless and does not touch updated_at.
    let applied = set_status(&mut lib, &plain, Status::Saved, t0() + 99).unwrap();
    assert!(!applied.changed);
    assert_eq!(lib.get(&plain).unwrap().updated_at, t0() + 2);
}

#[test]
fn a_library_of_another_schema_version_is_refused() {
    let mut lib = Library {
        schema_version: 0,
        ideas: vec![],
    };
    let msg = save(
        &mut lib,
        post(Site::X, "https://x.com/a/status/1", "t"),
        t0(),
    )
    .unwrap_err()
    .to_string();
    assert!(msg.contains("migrate"), "{msg}");
    assert!(lib.ideas.is_empty());
}

// ---------------------------------------------------------------- save and dedupe

#[test]
fn saving_twice_never_duplicates_and_merges_the_note() {
    let mut lib = Library::new();
    let mut first = post(
        Site::X,
        "https://twitter.com/Rivera/status/77?s=20",
        "Retrieval grids",
    );
    first.note = "For Year 9 starters".into();
    let id = save(&mut lib, first, t0()).unwrap().id;
    plan(&mut lib, &id, a_plan("Grids", None), t0() + 1).unwrap();

    let mut again = post(Site::X, "https://x.com/rivera/status/77", "Retrieval grids");
    again.note = "Also for revision lessons".into();
    again.hashtags = vec!["#EdChat".into(), "#mathschat".into()];
    again.links = vec!["https://example.org/grid.pdf".into(), "mailto:a@b.c".into()];
    again.posted_at = Some(t0() - DAY_MS);
    let applied = save(&mut lib, again.clone(), t0() + 2).unwrap();
    assert!(!applied.created && applied.changed);
    assert_eq!(applied.id, id);
    assert_eq!(lib.ideas.len(), 1);
    let idea = lib.get(&id).unwrap();
    assert_eq!(
        idea.note,
        "For Year 9 starters\n\nAlso for revision lessons"
    );
    assert_eq!(idea.status, Status::Planned, "plan and status kept");
    assert_eq!(idea.plan.as_ref().unwrap().what, "Grids");
    assert_eq!(
        idea.hashtags,
        ["edchat", "mathschat"],
        "tags unioned, folded duplicates dropped"
    );
    assert_eq!(
        idea.links,
        ["https://example.org/grid.pdf"],
        "non-web links dropped"
    );
    assert_eq!(idea.posted_at, Some(t0() - DAY_MS));
    assert_eq!(idea.saved_at, t0(), "first save time kept");

    // The same note again adds nothing.
    let applied = save(&mut lib, again, t0() + 3).unwrap();
    assert!(!applied.changed);
    assert_eq!(lib.get(&id).unwrap().updated_at, t0() + 2);
}

#[test]
fn saving_a_dropped_idea_again_reopens_it() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 5, t0());
    set_status(&mut lib, &id, Status::Dropped, t0()).unwrap();
    saved(&mut lib, 5, t0() + 1);
    assert_eq!(status(&lib, &id), Status::Saved);
}

#[test]
fn posts_without_permalink_dedupe_by_text_author_and_site() {
    let mut lib = Library::new();
    let a = save(&mut lib, post(Site::Mastodon, "", "Think-pair-share"), t0()).unwrap();
    let b = save(&mut lib, post(Site::Mastodon, "", "Think-pair-share"), t0()).unwrap();
    let c = save(&mut lib, post(Site::Bluesky, "", "Think-pair-share"), t0()).unwrap();
    assert_eq!(a.id, b.id);
    assert_ne!(a.id, c.id);
    assert_eq!(lib.ideas.len(), 2);
}

#[test]
fn text_up_to_100_kb_is_kept_exactly_and_longer_is_refused() {
    let mut lib = Library::new();
    let unit = "<b>x</b>\u{202E}\u{200B}é"; // 17 bytes
    let mut text = unit.repeat(MAX_TEXT_BYTES / unit.len());
    text.push_str(&"a".repeat(MAX_TEXT_BYTES - text.len()));
    assert_eq!(text.len(), MAX_TEXT_BYTES);
    let id = save(
        &mut lib,
        post(Site::X, "https://x.com/a/status/1", &text),
        t0(),
    )
    .unwrap()
    .id;
    assert_eq!(lib.get(&id).unwrap().text, text);

    text.push('a');
    let before = lib.clone();
    let msg = save(
        &mut lib,
        post(Site::X, "https://x.com/a/status/2", &text),
        t0(),
    )
    .unwrap_err()
    .to_string();
    assert!(msg.starts_with("text: ") && msg.contains("102401"), "{msg}");
    assert_eq!(lib, before);
}

#[test]
fn unsafe_or_empty_saves_are_refused() {
    let mut lib = Library::new();
    let msg = save(&mut lib, post(Site::Web, "javascript:alert(1)", "x"), t0())
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("permalink:"), "{msg}");
    let msg = save(&mut lib, post(Site::Web, "", "  "), t0())
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("text:"), "{msg}");
    assert!(lib.ideas.is_empty());
}

#[test]
fn update_edits_fields_and_validates() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    let patch = IdeaPatch {
        note: Some(" Use with 7C ".into()),
        hashtags: Some(vec!["#A".into(), "a".into()]),
        ..Default::default()
    };
    update(&mut lib, &id, patch, t0() + 1).unwrap();
    let idea = lib.get(&id).unwrap();
    assert_eq!(
        (idea.note.as_str(), idea.hashtags.clone()),
        ("Use with 7C", vec!["A".to_string()])
    );
    let before = lib.clone();
    let bad = IdeaPatch {
        links: Some(vec!["https://ok.org".into(), "javascript:x".into()]),
        ..Default::default()
    };
    assert_eq!(
        update(&mut lib, &id, bad, t0() + 2)
            .unwrap_err()
            .to_string(),
        "links[1]: must be an http(s) URL without spaces"
    );
    assert_eq!(lib, before);
}

// ---------------------------------------------------------------- load, delete, search, week

#[test]
fn more_than_three_active_trials_earn_a_kind_warning() {
    let mut lib = Library::new();
    let ids: Vec<String> = (0..5).map(|n| saved(&mut lib, n, t0())).collect();
    for id in &ids[..3] {
        assert_eq!(
            plan(&mut lib, id, a_plan("x", None), t0()).unwrap().warning,
            None
        );
    }
    let warning = plan(&mut lib, &ids[3], a_plan("x", None), t0())
        .unwrap()
        .warning
        .unwrap();
    assert!(
        warning.contains("4 trials on the go") && warning.contains("review"),
        "{warning}"
    );
    assert_eq!(trial_load(&lib).active, 4);
    // Editing a trial already on the go does not nag.
    assert_eq!(
        plan(&mut lib, &ids[3], a_plan("y", None), t0())
            .unwrap()
            .warning,
        None
    );
    assert_eq!(start_trying(&mut lib, &ids[3], t0()).unwrap().warning, None);
    review(&mut lib, &ids[0], a_review("ok"), t0()).unwrap();
    assert_eq!(
        trial_load(&lib),
        TrialLoad {
            active: 3,
            warning: None
        }
    );
}

#[test]
fn delete_returns_the_idea_and_restore_undoes_it() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    plan(&mut lib, &id, a_plan("x", None), t0()).unwrap();
    let before = lib.clone();
    let removed = delete(&mut lib, &id).unwrap();
    assert!(lib.ideas.is_empty());
    assert!(matches!(delete(&mut lib, &id), Err(IdeaError::NotFound(_))));
    restore(&mut lib, removed.clone()).unwrap();
    assert_eq!(lib, before);

    // Deleted, then saved anew before the undo: restoring merges and keeps the plan.
    delete(&mut lib, &id).unwrap();
    saved(&mut lib, 1, t0() + 5);
    restore(&mut lib, removed).unwrap();
    assert_eq!(lib.ideas.len(), 1);
    assert!(lib.get(&id).unwrap().plan.is_some());
}

#[test]
fn search_folds_text_and_filters() {
    let mut lib = Library::new();
    let mut a = post(
        Site::X,
        "https://x.com/a/status/1",
        "Retrieval PRACTICE with low stakes quizzes",
    );
    a.hashtags = vec!["#MathsChat".into()];
    let a = save(&mut lib, a, t0()).unwrap().id;
    let b = save(
        &mut lib,
        post(
            Site::Bluesky,
            "https://bsky.app/profile/b/post/1",
            "Dual coding diagrams",
        ),
        t0() + DAY_MS,
    )
    .unwrap()
    .id;
    plan(
        &mut lib,
        &b,
        a_plan("Diagrams for retrieval", None),
        t0() + DAY_MS,
    )
    .unwrap();
    let (a, b) = (a.as_str(), b.as_str());

    let ids = |f: Filter| {
        search(&lib, &f)
            .into_iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(Filter::default()), [b, a], "newest first");
    assert_eq!(
        ids(Filter {
            query: "ＲＥＴＲＩＥ\u{200B}VAL".into(),
            ..Default::default()
        }),
        [b, a]
    );
    assert_eq!(
        ids(Filter {
            query: "retrieval quizzes".into(),
            ..Default::default()
        }),
        [a]
    );
    assert_eq!(
        ids(Filter {
            query: "9b".into(),
            ..Default::default()
        }),
        [b],
        "plan fields are searched"
    );
    assert_eq!(
        ids(Filter {
            tag: Some("#mathschat".into()),
            ..Default::default()
        }),
        [a]
    );
    assert_eq!(
        ids(Filter {
            site: Some(Site::Bluesky),
            ..Default::default()
        }),
        [b]
    );
    assert_eq!(
        ids(Filter {
            status: vec![Status::Saved, Status::Trying],
            ..Default::default()
        }),
        [a]
    );
    assert_eq!(
        ids(Filter {
            from_ms: Some(t0() + 1),
            ..Default::default()
        }),
        [b]
    );
    assert_eq!(
        ids(Filter {
            to_ms: Some(t0() + DAY_MS),
            ..Default::default()
        }),
        [a]
    );
}

#[test]
fn weekly_summary_counts_the_local_week() {
    let mut lib = Library::new();
    let a = saved(&mut lib, 1, t0() - 10 * HOUR); // Sunday 23:00Z: last week in UTC
    let b = saved(&mut lib, 2, t0()); // Monday
    saved(&mut lib, 3, t0() + 7 * DAY_MS); // next Monday
    plan(&mut lib, &a, a_plan("A", None), t0() + DAY_MS).unwrap();
    plan(&mut lib, &b, a_plan("B", None), t0() + DAY_MS).unwrap();
    review(&mut lib, &a, a_review("ok"), t0() + 2 * DAY_MS).unwrap();

    let week = weekly_summary(&lib, t0() + 3 * DAY_MS, 0);
    assert_eq!(week.week_start_ms, t0() - 9 * HOUR);
    assert_eq!(week.week_end_ms, t0() - 9 * HOUR + WEEK_MS);
    assert_eq!(
        (week.saved_count, week.planned_count, week.reviewed_count),
        (1, 2, 1)
    );
    assert_eq!(week.saved[0].id, b);
    assert_eq!(week.reviewed[0].title, "A");
    assert_eq!(week.active_trials, 1);
    // At UTC+10 the Sunday-23:00Z save falls on Monday morning local time.
    let east = weekly_summary(&lib, t0() + 3 * DAY_MS, 600);
    assert_eq!(east.saved_count, 2);
}

// ---------------------------------------------------------------- reminders

#[test]
fn reminders_fall_on_the_trial_date_then_one_and_three_weeks_later() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    assert!(
        reminders(lib.get(&id).unwrap()).is_empty(),
        "saved ideas need no reminder"
    );
    let by = t0() + 4 * DAY_MS - HOUR;
    plan(&mut lib, &id, a_plan("Whiteboards", Some(by)), t0()).unwrap();
    let due = reminders(lib.get(&id).unwrap());
    let got: Vec<(ReminderKind, i64)> = due.iter().map(|r| (r.kind, r.due_ms)).collect();
    assert_eq!(
        got,
        [
            (ReminderKind::Trial, by),
            (ReminderKind::FollowUp1w, by + 7 * DAY_MS),
            (ReminderKind::FollowUp3w, by + 21 * DAY_MS)
        ]
    );
    assert!(due.iter().all(|r| r.idea_id == id));
    assert_eq!(due[1].alarm, format!("staffroom-idea:{id}:follow_up_1w"));
    let kinds = serde_json::to_value(&due).unwrap();
    assert_eq!(kinds[0]["kind"], "trial");
    assert_eq!(kinds[1]["kind"], "follow_up_1w");
    assert_eq!(kinds[2]["kind"], "follow_up_3w");
    assert_eq!(due[1].message, "How did it go? Whiteboards");
    assert_eq!(iso_date(due[2].due_ms, 0), "2026-11-27");

    start_trying(&mut lib, &id, t0()).unwrap();
    let kinds: Vec<ReminderKind> = reminders(lib.get(&id).unwrap())
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, [ReminderKind::FollowUp1w, ReminderKind::FollowUp3w]);

    // Without a date the follow-ups count from when it was planned.
    let other = saved(&mut lib, 2, t0());
    plan(&mut lib, &other, a_plan("Quizzes", None), t0() + HOUR).unwrap();
    let due: Vec<i64> = reminders(lib.get(&other).unwrap())
        .iter()
        .map(|r| r.due_ms)
        .collect();
    assert_eq!(due, [t0() + HOUR + 7 * DAY_MS, t0() + HOUR + 21 * DAY_MS]);

    let all = library_reminders(&lib);
    assert_eq!(all.len(), 4);
    assert!(all.windows(2).all(|w| w[0].due_ms <= w[1].due_ms));

    review(&mut lib, &id, a_review("ok"), t0()).unwrap();
    assert!(
        reminders(lib.get(&id).unwrap()).is_empty(),
        "reviewed ideas stop reminding"
    );
}

// ---------------------------------------------------------------- JSON backup and import

fn hostile_text() -> String {
    let mut s = String::from(
        "<script>alert('x')</script> <img src=x onerror=alert(1)> &amp; \"quoted\" \\back\\slash\n\
         \u{202E}reversed\u{202C} \u{2066}isolate\u{2069} zero\u{200B}width\u{200D}joiner \u{FEFF}bom\r\n\
         \0nul \u{1F600} emoji ```code``` # heading\n- item\n=cmd|' /C calc'!A0",
    );
    s.push_str(&"\u{2028}".repeat(3));
    s
}

fn rich_library() -> Library {
    let mut lib = Library::new();
    let mut first = post(Site::X, "https://x.com/a/status/1", &hostile_text());
    first.posted_at = Some(t0() - DAY_MS);
    first.links = vec!["https://example.org/a?b=1&c=2".into()];
    first.note = "Why: \"because\"\n\nsecond para".into();
    let id = save(&mut lib, first, t0()).unwrap().id;
    plan(
        &mut lib,
        &id,
        a_plan("Try <it>", Some(t0() + DAY_MS)),
        t0() + 1,
    )
    .unwrap();
    start_trying(&mut lib, &id, t0() + 2).unwrap();
    review(&mut lib, &id, a_review("=1+1, \"fine\""), t0() + 3).unwrap();
    let second = saved(&mut lib, 2, t0() + 4);
    set_status(&mut lib, &second, Status::Dropped, t0() + 5).unwrap();
    save(&mut lib, post(Site::Web, "", "A plain note"), t0() + 6).unwrap();
    lib
}

#[test]
fn json_backup_round_trips_losslessly_with_hostile_text() {
    let lib = rich_library();
    let json = export_json(&lib).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "staffroom-library");
    assert_eq!(value["version"], 1);

    let mut fresh = Library::new();
    let report = import_json(&mut fresh, &json).unwrap();
    assert_eq!(
        report,
        ImportReport {
            added: 3,
            ..Default::default()
        }
    );
    assert_eq!(fresh, lib);
    assert_eq!(fresh.ideas[0].text, hostile_text());

    // Importing the same backup again changes nothing.
    let report = import_json(&mut fresh, &json).unwrap();
    assert_eq!(
        report,
        ImportReport {
            unchanged: 3,
            ..Default::default()
        }
    );
    assert_eq!(fresh, lib);
    // A BOM added by an editor is tolerated.
    assert!(import_json(&mut fresh, &format!("\u{FEFF}{json}")).is_ok());
}

#[test]
fn malformed_files_are_errors_and_change_nothing() {
    let mut lib = rich_library();
    let before = lib.clone();
    let cases = [
        (
            "{not json",
            "not JSON: it cannot be read from line 1, column 2",
        ),
        ("", "not JSON"),
        ("[1,2]", "expected a JSON object"),
        (
            r#"{"format":"something-else","version":1,"ideas":[]}"#,
            "not a Staffroom library export",
        ),
        (r#"{"version":1,"ideas":[]}"#, "\"format\""),
        (
            r#"{"version":1,"lens":{"packs":["maths"]},"mute":[]}"#,
            "this is a rule pack, not a library backup: import it in Staffroom's settings",
        ),
        (
            r#"{"format":"staffroom-library","version":2,"ideas":[]}"#,
            "newer Staffroom",
        ),
        (
            r#"{"format":"staffroom-library","version":-1,"ideas":[]}"#,
            "version",
        ),
        (
            r#"{"format":"staffroom-library","ideas":[]}"#,
            "version: missing",
        ),
        (
            r#"{"format":"staffroom-library","version":1,"ideas":{}}"#,
            "ideas:",
        ),
    ];
    for (file, expected) in cases {
        let err = import_json(&mut lib, file).unwrap_err();
        assert!(matches!(err, IdeaError::Format(_)));
        assert!(err.to_string().contains(expected), "{file}: {err}");
        assert_eq!(lib, before, "{file}");
    }
}

#[test]
fn import_validates_each_record_and_reports_skips() {
    let mut lib = Library::new();
    let good = rich_library().ideas[2].clone();
    let mut bad_status = good.clone();
    bad_status.id = "web-other".into();
    bad_status.status = Status::Planned;
    let file = json!({
        "format": "staffroom-library", "version": 1,
        "ideas": [
            good,
            {"id": "x-1", "site": "x", "text": "t", "updated_at": 1, "status": "saved"},
            {"id": "x-2", "site": "myspace", "text": "t", "saved_at": 1, "updated_at": 1, "status": "saved"},
            {"id": "x-3", "site": "x", "text": "t", "saved_at": 1, "updated_at": 1, "status": "saved", "colour": "red"},
            {"id": "bad id!", "site": "x", "text": "t", "saved_at": 1, "updated_at": 1, "status": "saved"},
            {"id": "x-4", "site": "x", "text": "t", "permalink": "javascript:alert(1)", "saved_at": 1, "updated_at": 1, "status": "saved"},
            bad_status,
            "just a string"
        ]
    });
    let report = import_json(&mut lib, &file.to_string()).unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (1, 0, 0));
    let reasons: Vec<(usize, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.index, s.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 7, "{reasons:?}");
    let expect = [
        (1, "ideas[1]: missing field `saved_at`"),
        (2, "ideas[2]: unknown variant `myspace`"),
        (3, "ideas[3]: unknown field `colour`"),
        (4, "ideas[4].id: "),
        (5, "ideas[5].permalink: "),
        (6, "ideas[6].plan: status is planned but there is no plan"),
        (7, "ideas[7]: invalid type"),
    ];
    for ((index, reason), (want_index, want)) in reasons.iter().zip(expect) {
        assert_eq!(*index, want_index);
        assert!(
            reason.starts_with(want),
            "{reason:?} should start with {want:?}"
        );
    }
}

#[test]
fn merging_keeps_the_newer_copy_and_never_drops_fields() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    update(
        &mut lib,
        &id,
        IdeaPatch {
            note: Some("old note".into()),
            ..Default::default()
        },
        t0() + 10,
    )
    .unwrap();

    // A newer copy from another device: it has a plan but no note; its text is edited.
    let mut newer = lib.get(&id).unwrap().clone();
    newer.note.clear();
    newer.text = "Edited on the laptop".into();
    newer.plan = Some(Plan {
        what: "Laptop plan".into(),
        planned_at: t0() + 15,
        ..Default::default()
    });
    newer.status = Status::Planned;
    newer.hashtags = vec!["laptop".into()];
    newer.updated_at = t0() + 20;
    // An older copy with a review the library lacks (and stale text).
    let mut older = lib.get(&id).unwrap().clone();
    older.text = "Stale".into();
    older.review = Some(Review {
        how_it_went: "From the old phone".into(),
        reviewed_at: t0() + 2,
        ..Default::default()
    });
    older.updated_at = t0() + 1;

    let file = json!({"format": "staffroom-library", "version": 1, "ideas": [newer, older]});
    let report = import_json(&mut lib, &file.to_string()).unwrap();
    assert_eq!(
        (report.added, report.updated, report.unchanged),
        (0, 2, 0),
        "{report:?}"
    );
    let idea = lib.get(&id).unwrap();
    assert_eq!(idea.text, "Edited on the laptop", "newer wins");
    assert_eq!(idea.status, Status::Planned);
    assert_eq!(idea.updated_at, t0() + 20);
    assert_eq!(
        idea.note, "old note",
        "the newer copy's empty note does not erase it"
    );
    assert_eq!(idea.plan.as_ref().unwrap().what, "Laptop plan");
    assert_eq!(
        idea.review.as_ref().unwrap().how_it_went,
        "From the old phone",
        "older-only field kept"
    );
    assert_eq!(
        idea.hashtags,
        ["laptop", "edchat"],
        "tags are unioned, the newer copy's first"
    );
    assert_eq!(lib.ideas.len(), 1);
}

#[test]
fn garbage_and_truncated_files_never_panic_or_change_anything() {
    let mut lib = rich_library();
    let before = lib.clone();
    let json = export_json(&lib).unwrap();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let mut cut = (next() as usize) % json.len();
        while !json.is_char_boundary(cut) {
            cut -= 1;
        }
        assert!(import_json(&mut lib, &json[..cut]).is_err());
        assert_eq!(lib, before);
        // Flip one byte to another printable ASCII character: whatever comes out, nothing panics,
        // and any change is an import of valid records only.
        let mut bytes = json.clone().into_bytes();
        let at = (next() as usize) % bytes.len();
        if bytes[at].is_ascii() {
            bytes[at] = b' ' + (next() % 94) as u8;
        }
        if let Ok(text) = String::from_utf8(bytes) {
            let mut copy = before.clone();
            if import_json(&mut copy, &text).is_ok() {
                assert!(copy.ideas.iter().all(|i| i.validate().is_ok()));
                assert!(
                    copy.ideas.len() >= before.ideas.len(),
                    "import never removes ideas"
                );
            } else {
                assert_eq!(copy, before);
            }
        }
    }
}

// ---------------------------------------------------------------- Markdown

/// What a CommonMark renderer (with GitHub's tables, strikethrough, footnotes and task lists)
/// makes of a document: its headings, quotes and list items as plain text (hard breaks as
/// newlines), its links, and every construct that only post text could have started.
#[derive(Default, Debug)]
struct Rendered {
    headings: Vec<(u8, String)>,
    quotes: Vec<String>,
    items: Vec<String>,
    links: Vec<(String, String)>,
    strong: Vec<String>,
    foreign: Vec<String>,
}

fn render_markdown(md: &str) -> Rendered {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = Rendered::default();
    // The innermost open block whose text is being collected, and the open inline tags.
    let mut block: Option<(&str, String)> = None;
    let mut link: Option<(String, String)> = None;
    let mut strong: Option<String> = None;
    for event in Parser::new_ext(md, options) {
        let text = match &event {
            Event::Text(t) => Some(t.to_string()),
            Event::HardBreak | Event::SoftBreak => Some("\n".to_string()),
            _ => None,
        };
        if let Some(t) = text {
            if let Some((_, buffer)) = block.as_mut() {
                buffer.push_str(&t);
            }
            if let Some((_, label)) = link.as_mut() {
                label.push_str(&t);
            }
            if let Some(label) = strong.as_mut() {
                label.push_str(&t);
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. }) => block = Some(("heading", String::new())),
            Event::End(TagEnd::Heading(level)) => {
                out.headings.push((level as u8, block.take().unwrap().1));
            }
            Event::Start(Tag::BlockQuote(_)) => block = Some(("quote", String::new())),
            Event::End(TagEnd::BlockQuote(_)) => out.quotes.push(block.take().unwrap().1),
            Event::Start(Tag::Item) => block = Some(("item", String::new())),
            Event::End(TagEnd::Item) => out.items.push(block.take().unwrap().1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new()))
            }
            Event::End(TagEnd::Link) => out.links.push(link.take().unwrap()),
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => out.strong.push(strong.take().unwrap()),
            Event::Start(Tag::List(Some(_))) => out.foreign.push("ordered list".into()),
            Event::Start(
                tag @ (Tag::Emphasis
                | Tag::Strikethrough
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::Image { .. }
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_)),
            ) => out.foreign.push(format!("{tag:?}")),
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Rule
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => out.foreign.push(format!("{event:?}")),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_portfolio_renders_as_written() {
    let lib = rich_library();
    let md = export_markdown(&lib, t0() + 7 * DAY_MS, 0);
    assert!(md.starts_with(
        "# My Staffroom portfolio\n\nExported 2026-11-09 · 3 ideas · 0 trials on the go\n"
    ));
    let rendered = render_markdown(&md);
    assert_eq!(rendered.foreign, Vec::<String>::new(), "{md}");
    let headings: Vec<(u8, &str)> = rendered
        .headings
        .iter()
        .map(|(level, text)| (*level, text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "My Staffroom portfolio"),
            (2, "Tried and reviewed (1)"),
            (3, "Try <it>"),
            (2, "Saved ideas (1)"),
            (3, "A plain note"),
            (2, "Dropped (1)"),
            (3, "Idea number 2"),
        ]
    );
    // The post reads exactly as written: lines kept, blank lines, bidi and control characters gone.
    let expected_quote =
        "<script>alert('x')</script> <img src=x onerror=alert(1)> &amp; \"quoted\" \\back\\slash\n\
         reversed isolate zero\u{200B}width\u{200D}joiner \u{FEFF}bom\n\
         nul \u{1F600} emoji ```code``` # heading\n- item\n=cmd|' /C calc'!A0";
    assert_eq!(rendered.quotes[0], expected_quote);
    assert_eq!(
        rendered.links,
        [
            (
                "https://x.com/a/status/1".to_string(),
                "original post".to_string()
            ),
            (
                "https://x.com/rivera/status/2".to_string(),
                "original post".to_string()
            ),
        ]
    );
    assert!(rendered.strong.iter().all(|label| label.ends_with(':')));
    assert!(rendered
        .items
        .contains(&"Why I saved it: Why: \"because\"\nsecond para".to_string()));
    assert!(rendered
        .items
        .contains(&"What I'll try: Try <it>".to_string()));
    assert!(rendered.items.contains(&"Try by: 2026-11-03".to_string()));
    assert!(rendered
        .items
        .contains(&"How it went (2026-11-02): =1+1, \"fine\"".to_string()));
    assert!(rendered
        .items
        .iter()
        .any(|i| i.starts_with("From: Ms Rivera (@rivera) on X · posted 2026-11-01")));
    assert!(rendered.items.contains(&"Tags: #edchat".to_string()));
}

#[test]
fn markdown_escapes_only_what_would_change_the_rendering() {
    // Each line alone and all of them as one post: every one reads back as written.
    let lines = [
        "Try a 5-question quiz #mathschat",
        "snake_case, __init__, *stars* and _underscores_",
        "**bold** and `code` and ~~struck~~ and ~approx~",
        "# heading",
        "#mathschat at the start",
        "### Try this #",
        "- item",
        "+ item",
        "* item",
        "1. first",
        "2) second",
        "2026. A year",
        "> quote",
        "---",
        "***",
        "___",
        "===",
        "| a | b |",
        "| --- | :-: |",
        "```",
        "~~~",
        "[link](https://example.org)",
        "[ref]: https://example.org",
        "![image](x.png)",
        "[^1] footnote",
        "[ ] task",
        "<b>bold</b> <https://example.org> <!-- comment -->",
        "a < b > c, 3 <4",
        "&amp; &#38; &#x26; AT&T, Q&A; R&D",
        "back\\slash and \\*already\\* escaped",
        "ends with a backslash \\",
        "    indented code",
        "Ofsted = 4 * 3 - 2 + 1 = 11 (really!) {yes} ^caret^",
        "@someone replied: 100% yes!",
    ];
    let mut lib = Library::new();
    for (i, line) in lines.iter().enumerate() {
        save(&mut lib, post(Site::Web, "", line), t0() + i as i64).unwrap();
    }
    save(&mut lib, post(Site::Web, "", &lines.join("\n")), t0() - 1).unwrap();
    let md = export_markdown(&lib, t0(), 0);
    let rendered = render_markdown(&md);
    assert_eq!(rendered.foreign, Vec::<String>::new(), "{md}");
    assert!(rendered.links.is_empty(), "{:?}", rendered.links);

    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let mut quotes = rendered.quotes.clone();
    assert_eq!(quotes.pop().as_deref(), Some(trimmed.join("\n").as_str()));
    quotes.reverse(); // newest first in the portfolio
    assert_eq!(quotes, trimmed);
    let mut titles: Vec<&str> = rendered.headings[2..]
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    titles.pop();
    titles.reverse();
    assert_eq!(titles, trimmed);

    // The raw text reads cleanly too: plain words, tags and hyphens carry no backslashes.
    for clean in [
        "> Try a 5-question quiz #mathschat\n",
        "> #mathschat at the start\n",
        "> a < b > c, 3 <4\n",
        "> @someone replied: 100% yes!\n",
        "> Ofsted = 4 \\* 3 - 2 + 1 = 11 (really!) {yes} ^caret^\n",
        "snake_case, \\_\\_init\\_\\_, \\*stars\\* and \\_underscores\\_",
        // "&A;" could be an entity's name: escaped, though renderers know no such entity.
        "AT&T, Q\\&A; R&D",
    ] {
        assert!(md.contains(clean), "{clean:?} in\n{md}");
    }
}

#[test]
fn markdown_numbered_lines_and_indentation_stay_text() {
    let mut lib = Library::new();
    save(
        &mut lib,
        post(
            Site::Web,
            "",
            "1. first\n    indented code?\n\n\n2) second\n> quote",
        ),
        t0(),
    )
    .unwrap();
    let md = export_markdown(&lib, t0(), 0);
    assert!(md.contains("Exported 2026-11-02 · 1 idea · 0 trials on the go\n"));
    assert!(
        md.contains("> 1\\. first\\\n> indented code?\\\n> 2\\) second\\\n> \\> quote\n"),
        "{md}"
    );
}

// ---------------------------------------------------------------- CSV

/// The CSV as a spreadsheet reads it: a strict RFC 4180 reader (the `csv` crate), every row as
/// long as the header.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "rows end with CRLF");
    assert!(
        !text.replace("\r\n", "").contains('\r') || text.contains('"'),
        "a bare CR only inside quotes"
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect()
}

const CSV_COLUMNS: [&str; 14] = [
    "Date",
    "Event",
    "Idea",
    "Source",
    "Minutes",
    "Outcome",
    "Why I saved it",
    "Class or group",
    "Plan",
    "Success criteria",
    "Evidence",
    "Reflection",
    "Next step",
    "Link",
];

/// One row as column name → value, for the columns that are filled in.
fn filled(row: &[String]) -> Vec<(&'static str, &str)> {
    CSV_COLUMNS
        .iter()
        .zip(row)
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

#[test]
fn csv_cpd_log_has_a_row_per_event_and_a_column_per_field() {
    let lib = rich_library();
    let extra = [
        CpdEntry {
            date: t0() - 3 * DAY_MS,
            event: "Focus session".into(),
            minutes: Some(25),
            outcome: "2 focus sessions, 1 idea saved".into(),
            ..Default::default()
        },
        CpdEntry {
            date: t0() + 10 * DAY_MS,
            event: "@everyone, \"read\"\nthis".into(),
            minutes: Some(10),
            outcome: "-5".into(),
            reflection: "+SUM(A1)".into(),
            ..Default::default()
        },
    ];
    let csv = export_csv(&lib, &extra, 0);
    let rows = parse_csv(&csv);
    assert_eq!(rows[0], CSV_COLUMNS);
    let events: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        events,
        [
            ("2026-10-30", "Focus session"),
            ("2026-11-02", "Idea saved"),
            ("2026-11-02", "Trial planned"),
            // Reviewed before the planned trial date: tried, at the latest, on that day.
            ("2026-11-02", "Tried in class"),
            ("2026-11-02", "Reviewed"),
            ("2026-11-02", "Idea saved"),
            ("2026-11-02", "Idea saved"),
            ("2026-11-12", "'@everyone, \"read\"\nthis"),
        ]
    );
    assert_eq!(
        filled(&rows[1]),
        [
            ("Date", "2026-10-30"),
            ("Event", "Focus session"),
            ("Minutes", "25"),
            ("Outcome", "2 focus sessions, 1 idea saved")
        ]
    );
    assert_eq!(
        filled(&rows[2]),
        [
            ("Date", "2026-11-02"),
            ("Event", "Idea saved"),
            ("Idea", "Try <it>"),
            ("Source", "X (@rivera)"),
            ("Why I saved it", "Why: \"because\"\n\nsecond para"),
            ("Link", "https://x.com/a/status/1"),
        ]
    );
    assert_eq!(
        filled(&rows[3])[4..],
        [
            ("Class or group", "9B"),
            ("Plan", "Try <it>"),
            ("Success criteria", "Most hands up"),
            ("Link", "https://x.com/a/status/1"),
        ]
    );
    assert_eq!(
        filled(&rows[5])[4..],
        [
            ("Outcome", "'=1+1, \"fine\""),
            ("Evidence", "Exit tickets"),
            ("Reflection", "Worth it"),
            ("Next step", "Year 8"),
            ("Link", "https://x.com/a/status/1"),
        ]
    );
    assert_eq!(
        filled(&rows[4]),
        [
            ("Date", "2026-11-02"),
            ("Event", "Tried in class"),
            ("Idea", "Try <it>"),
            ("Source", "X (@rivera)"),
            ("Class or group", "9B"),
            ("Link", "https://x.com/a/status/1"),
        ]
    );
    assert_eq!(rows[8][5], "'-5");
    assert_eq!(rows[8][11], "'+SUM(A1)");
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?}"
        );
    }
}

#[test]
fn csv_cells_follow_rfc_4180() {
    assert_eq!(csv_cell("plain"), "plain");
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("two\r\nlines"), "\"two\r\nlines\"");
    assert_eq!(
        csv_cell("=HYPERLINK(\"http://evil\")"),
        "\"'=HYPERLINK(\"\"http://evil\"\")\""
    );
    assert_eq!(csv_cell("\tcmd"), "'\tcmd");
    assert_eq!(csv_cell("＝1+1"), "'＝1+1");
    assert_eq!(
        csv_cell("\u{202E}=1"),
        "'=1",
        "a bidi control cannot hide a formula"
    );
}

#[test]
fn trials_in_progress_are_logged_as_tried() {
    let mut lib = Library::new();
    let id = saved(&mut lib, 1, t0());
    plan(
        &mut lib,
        &id,
        a_plan("Mini plenaries", Some(t0() + DAY_MS)),
        t0(),
    )
    .unwrap();
    let events =
        |lib: &Library| -> Vec<String> { cpd_entries(lib).into_iter().map(|e| e.event).collect() };
    assert_eq!(
        events(&lib),
        ["Idea saved", "Trial planned"],
        "not tried yet"
    );
    start_trying(&mut lib, &id, t0()).unwrap();
    assert_eq!(
        events(&lib),
        ["Idea saved", "Trial planned", "Tried in class"]
    );
    let tried = &cpd_entries(&lib)[2];
    assert_eq!(tried.date, t0() + DAY_MS);
    assert_eq!(tried.outcome, "In progress");
}

// ---------------------------------------------------------------- migrations

fn v0_ideas() -> serde_json::Value {
    json!([
        {"url": "https://twitter.com/rivera/status/10", "site": "twitter", "text": "Exit tickets",
         "author": "@rivera", "author_name": "Ms Rivera", "tags": ["#edchat", "AfL"], "saved": 1_700_000_000_000i64,
         "note": "Quick check", "plan_what": "Exit tickets in 8C", "plan_class": "8C", "plan_date": "2023-11-20",
         "plan_success": "Fewer misconceptions", "plan_share": "Dept meeting", "tried": true,
         "reflection": "Students liked it"},
        {"url": "https://bsky.app/profile/b.bsky.social/post/3k", "text": "Dual coding", "author": "b.bsky.social",
         "saved": 1_700_000_100_000i64, "tried": true},
        {"url": "https://blog.example.org/post", "text": "Mini whiteboards", "saved": 1_700_000_200_000i64,
         "plan_what": "Whiteboards", "plan_date": ""},
        {"text": "Cold calling", "site": "mastodon", "author": "@t@school.social", "saved": 1_700_000_300_000i64},
        {"url": "https://x.com/rivera/status/10", "site": "x", "text": "Exit tickets", "saved": 1_699_000_000_000i64,
         "note": "Seen again"}
    ])
}

#[test]
fn version_0_libraries_migrate_without_losing_anything() {
    let lib = migrate(&json!({"ideas": v0_ideas()})).unwrap();
    assert_eq!(lib.schema_version, SCHEMA_VERSION);
    assert_eq!(
        lib.ideas.len(),
        4,
        "the twitter.com and x.com copies of status 10 are one idea"
    );

    let exit = &lib.ideas[0];
    assert_eq!(
        exit.id,
        idea_id(Site::X, "https://x.com/rivera/status/10", "", "")
    );
    assert_eq!(exit.site, Site::X);
    assert_eq!(
        exit.author,
        Author {
            name: "Ms Rivera".into(),
            handle: "rivera".into()
        }
    );
    assert_eq!(exit.hashtags, ["edchat", "AfL"]);
    assert_eq!(exit.status, Status::Reviewed);
    assert_eq!(exit.saved_at, 1_699_000_000_000, "earliest save kept");
    assert_eq!(exit.note, "Quick check", "the newer copy's note wins");
    let plan = exit.plan.as_ref().unwrap();
    assert_eq!(
        (plan.what.as_str(), plan.group.as_str()),
        ("Exit tickets in 8C", "8C")
    );
    assert_eq!(plan.success_criteria, "Fewer misconceptions");
    assert_eq!(plan.share_with, "Dept meeting");
    assert_eq!(iso_date(plan.by.unwrap(), 0), "2023-11-20");
    assert_eq!(
        iso_date(plan.by.unwrap(), -600),
        "2023-11-20",
        "noon UTC is the same date in the Americas"
    );
    assert_eq!(
        exit.review.as_ref().unwrap().reflection,
        "Students liked it"
    );

    let dual = &lib.ideas[1];
    assert_eq!((dual.site, dual.status), (Site::Bluesky, Status::Trying));
    assert!(
        dual.plan.is_some(),
        "tried without a plan keeps an (empty) plan so the status holds"
    );

    let boards = &lib.ideas[2];
    assert_eq!((boards.site, boards.status), (Site::Web, Status::Planned));
    assert_eq!(boards.plan.as_ref().unwrap().by, None);

    let cold = &lib.ideas[3];
    assert_eq!(
        (cold.site, cold.status, cold.author.handle.as_str()),
        (Site::Mastodon, Status::Saved, "t@school.social")
    );
    assert!(cold.permalink.is_empty() && cold.id.starts_with("mastodon-t"));

    assert!(lib.ideas.iter().all(|i| i.validate().is_ok()));
    // Migrated libraries are stable: exporting and migrating again gives the same thing.
    let again = migrate(&serde_json::from_str(&export_json(&lib).unwrap()).unwrap()).unwrap();
    assert_eq!(again, lib);
}

#[test]
fn version_0_exports_import_too() {
    let mut lib = Library::new();
    let file = json!({"format": "staffroom-library", "version": 0, "ideas": v0_ideas()});
    let report = import_json(&mut lib, &file.to_string()).unwrap();
    assert_eq!(
        (
            report.added,
            report.updated,
            report.unchanged,
            report.skipped.len()
        ),
        (4, 1, 0, 0)
    );
}

#[test]
fn migration_is_strict_and_names_the_record() {
    let bad_date = json!({"ideas": [{"text": "a", "saved": 1}, {"text": "b", "saved": 1, "plan_date": "20/11/2023"}]});
    assert_eq!(
        migrate(&bad_date).unwrap_err().to_string(),
        "ideas[1].plan_date: \"20/11/2023\" is not a date (YYYY-MM-DD)"
    );
    let no_saved = json!({"schema_version": 0, "ideas": [{"text": "a"}]});
    assert_eq!(
        migrate(&no_saved).unwrap_err().to_string(),
        "ideas[0]: missing field `saved`"
    );
    let future = json!({"schema_version": 7, "ideas": []});
    assert!(migrate(&future)
        .unwrap_err()
        .to_string()
        .contains("newer Staffroom"));
    assert!(migrate(&json!("library")).is_err());
}

#[test]
fn first_run_and_current_libraries_migrate_to_themselves() {
    assert_eq!(migrate(&serde_json::Value::Null).unwrap(), Library::new());
    let lib = rich_library();
    assert_eq!(migrate(&serde_json::to_value(&lib).unwrap()).unwrap(), lib);
}

// ---------------------------------------------------------------- ops as the pages send them

#[test]
fn operations_arrive_as_json() {
    let mut lib = Library::new();
    let op: Op = serde_json::from_value(json!({"op": "save", "idea": {"site": "bluesky", "text": "Hinge questions",
        "author": {"name": "B", "handle": "b.bsky.social"}, "permalink": "https://bsky.app/profile/b/post/1",
        "posted_at": null, "note": "for 10A"}}))
    .unwrap();
    let id = apply(&mut lib, op, t0()).unwrap().id;
    let op: Op = serde_json::from_value(
        json!({"op": "plan", "id": id, "plan": {"what": "Hinge Qs", "by": t0() + DAY_MS}}),
    )
    .unwrap();
    apply(&mut lib, op, t0()).unwrap();
    let op: Op =
        serde_json::from_value(json!({"op": "set_status", "id": id, "status": "trying"})).unwrap();
    apply(&mut lib, op, t0()).unwrap();
    assert_eq!(status(&lib, &id), Status::Trying);
    let removed = apply(
        &mut lib,
        serde_json::from_value(json!({"op": "delete", "id": id})).unwrap(),
        t0(),
    )
    .unwrap()
    .removed
    .unwrap();
    let op: Op = serde_json::from_value(json!({"op": "restore", "idea": removed})).unwrap();
    assert!(apply(&mut lib, op, t0()).unwrap().created);

    let typo = serde_json::from_value::<Op>(json!({"op": "plan", "id": id, "plan": {"waht": "x"}}));
    assert!(typo
        .unwrap_err()
        .to_string()
        .contains("unknown field `waht`"));
    let serialised = serde_json::to_value(&lib).unwrap();
    assert_eq!(serialised["ideas"][0]["plan"]["success_criteria"], "");
    assert_eq!(serialised["schema_version"], 1);
}

#[test]
fn size_estimate_tracks_the_stored_json() {
    let lib = rich_library();
    assert_eq!(
        estimate_bytes(&lib),
        serde_json::to_string(&lib).unwrap().len()
    );
    assert_eq!(storage_warning(7 * 1024 * 1024, STORAGE_QUOTA_BYTES), None);
    assert!(storage_warning(9 * 1024 * 1024, STORAGE_QUOTA_BYTES)
        .unwrap()
        .contains("90%"));
}
