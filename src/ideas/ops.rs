//! Operations on a library. Each validates everything before it changes anything, so an
//! `Err` always leaves the library exactly as it was.

use serde::{Deserialize, Serialize};

use super::date::{week_start, DAY_MS, WEEK_MS};
use super::model::{
    check_time, clean_links, clean_tags, idea_id, Author, Idea, IdeaError, Library, Plan, Review,
    Site, Status, MAX_FIELD_BYTES, MAX_LIST_LEN,
};
use crate::normalize::{fold, fold_tag};

/// More active (planned or trying) trials than this earns a gentle warning.
pub const COMFORTABLE_ACTIVE_TRIALS: usize = 3;

/// What the save button sends. Only `site` is required; the rest defaults to empty.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewIdea {
    pub site: Site,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub author: Author,
    #[serde(default)]
    pub permalink: String,
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub posted_at: Option<i64>,
    #[serde(default)]
    pub note: String,
}

/// Fields the user may edit; absent ones stay as they are. The id never changes.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct IdeaPatch {
    pub text: Option<String>,
    pub author: Option<Author>,
    pub note: Option<String>,
    pub hashtags: Option<Vec<String>>,
    pub links: Option<Vec<String>>,
}

/// The plan prompt's answers. `what` is required.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanInput {
    pub what: String,
    pub group: String,
    pub by: Option<i64>,
    pub success_criteria: String,
    pub share_with: String,
}

/// The "How did it go?" answers. `how_it_went` is required.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewInput {
    pub how_it_went: String,
    pub evidence: String,
    pub reflection: String,
    pub next_step: String,
}

/// One operation, as the pages send it: `{"op": "plan", "id": "…", "plan": {…}}`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[allow(clippy::large_enum_variant)] // one short-lived value per call
pub enum Op {
    Save { idea: NewIdea },
    Update { id: String, patch: IdeaPatch },
    Plan { id: String, plan: PlanInput },
    StartTrying { id: String },
    Review { id: String, review: ReviewInput },
    SetStatus { id: String, status: Status },
    Reopen { id: String },
    Delete { id: String },
    Restore { idea: Idea },
}

/// The result of a successful operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    pub id: String,
    /// `save` added a new idea (false: it merged into an existing one).
    pub created: bool,
    /// The library differs from before: the caller should store it.
    pub changed: bool,
    /// `delete`: the removed idea, for an undo via `restore`.
    pub removed: Option<Idea>,
    /// A kind nudge, e.g. too many trials on the go.
    pub warning: Option<String>,
}

impl Applied {
    fn new(id: &str, changed: bool) -> Self {
        Applied {
            id: id.to_string(),
            created: false,
            changed,
            removed: None,
            warning: None,
        }
    }
}

/// Apply one operation at time `now_ms` (epoch ms).
pub fn apply(library: &mut Library, op: Op, now_ms: i64) -> Result<Applied, IdeaError> {
    match op {
        Op::Save { idea } => save(library, idea, now_ms),
        Op::Update { id, patch } => update(library, &id, patch, now_ms),
        Op::Plan { id, plan: input } => plan(library, &id, input, now_ms),
        Op::StartTrying { id } => start_trying(library, &id, now_ms),
        Op::Review { id, review: input } => review(library, &id, input, now_ms),
        Op::SetStatus { id, status } => set_status(library, &id, status, now_ms),
        Op::Reopen { id } => reopen(library, &id, now_ms),
        Op::Delete { id } => delete(library, &id).map(|idea| Applied {
            removed: Some(idea),
            ..Applied::new(&id, true)
        }),
        Op::Restore { idea } => restore(library, idea),
    }
}

/// Run `edit` on a copy of the idea, validate the copy, and store it (with `updated_at`)
/// only if it differs.
fn edit(
    library: &mut Library,
    id: &str,
    now_ms: i64,
    edit: impl FnOnce(&mut Idea) -> Result<(), IdeaError>,
) -> Result<Applied, IdeaError> {
    library.check_version()?;
    check_time("now_ms", now_ms)?;
    let at = library.position(id)?;
    let was_active = library.ideas[at].status.is_active();
    let mut idea = library.ideas[at].clone();
    edit(&mut idea)?;
    idea.validate()?;
    let changed = idea != library.ideas[at];
    if changed {
        idea.updated_at = now_ms.max(idea.updated_at);
        library.ideas[at] = idea;
    }
    let mut applied = Applied::new(id, changed);
    // Nudge only when this operation starts a trial, not on every edit of one.
    if !was_active && library.ideas[at].status.is_active() {
        applied.warning = trial_load(library).warning;
    }
    Ok(applied)
}

/// Save a post. Saving the same post again never duplicates it: the existing idea keeps
/// its plan, review and status, gains the new note (appended unless already there) and any
/// tags, links or details it lacked; a dropped idea is reopened.
pub fn save(library: &mut Library, new: NewIdea, now_ms: i64) -> Result<Applied, IdeaError> {
    library.check_version()?;
    check_time("now_ms", now_ms)?;
    let author = Author {
        name: new.author.name.trim().to_string(),
        handle: new.author.handle.trim().trim_start_matches('@').to_string(),
    };
    let permalink = new.permalink.trim().to_string();
    let id = idea_id(new.site, &permalink, &new.text, &author.handle);
    let incoming = Idea {
        id: id.clone(),
        text: new.text,
        author,
        permalink,
        site: new.site,
        hashtags: clean_tags(new.hashtags),
        links: clean_links(new.links),
        posted_at: new.posted_at,
        saved_at: now_ms,
        updated_at: now_ms,
        note: new.note.trim().to_string(),
        status: Status::Saved,
        plan: None,
        review: None,
    };
    incoming.validate()?;
    if library.get(&id).is_none() {
        library.ideas.push(incoming);
        return Ok(Applied {
            created: true,
            ..Applied::new(&id, true)
        });
    }
    edit(library, &id, now_ms, |idea| {
        if !incoming.note.is_empty() && !idea.note.contains(&incoming.note) {
            idea.note = if idea.note.is_empty() {
                incoming.note.clone()
            } else {
                format!("{}\n\n{}", idea.note, incoming.note)
            };
            if idea.note.len() > MAX_FIELD_BYTES {
                return Err(IdeaError::invalid(
                    "note",
                    "the notes together are too long: shorten the existing note first",
                ));
            }
        }
        fill_missing(idea, &incoming);
        if idea.status == Status::Dropped {
            idea.status = idea.reopen_status();
        }
        Ok(())
    })
}

/// Give `idea` whatever `other` has that it lacks; nothing `idea` holds is replaced.
pub(crate) fn fill_missing(idea: &mut Idea, other: &Idea) {
    let fill = |mine: &mut String, theirs: &String| {
        if mine.trim().is_empty() && !theirs.trim().is_empty() {
            mine.clone_from(theirs);
        }
    };
    fill(&mut idea.text, &other.text);
    fill(&mut idea.author.name, &other.author.name);
    fill(&mut idea.author.handle, &other.author.handle);
    fill(&mut idea.permalink, &other.permalink);
    fill(&mut idea.note, &other.note);
    if idea.posted_at.is_none() {
        idea.posted_at = other.posted_at;
    }
    if idea.plan.is_none() {
        idea.plan.clone_from(&other.plan);
    }
    if idea.review.is_none() {
        idea.review.clone_from(&other.review);
    }
    idea.saved_at = idea.saved_at.min(other.saved_at);
    idea.hashtags = clean_tags(idea.hashtags.iter().chain(&other.hashtags).cloned());
    idea.links = clean_links(idea.links.iter().chain(&other.links).cloned());
}

/// Edit the text, author, note, tags or links.
pub fn update(
    library: &mut Library,
    id: &str,
    patch: IdeaPatch,
    now_ms: i64,
) -> Result<Applied, IdeaError> {
    edit(library, id, now_ms, |idea| {
        if let Some(text) = patch.text {
            idea.text = text;
        }
        if let Some(author) = patch.author {
            idea.author = Author {
                name: author.name.trim().into(),
                handle: author.handle.trim().trim_start_matches('@').into(),
            };
        }
        if let Some(note) = patch.note {
            idea.note = note.trim().to_string();
        }
        if let Some(tags) = patch.hashtags {
            if tags.len() > MAX_LIST_LEN {
                return Err(IdeaError::invalid(
                    "hashtags",
                    format!("at most {MAX_LIST_LEN} tags"),
                ));
            }
            idea.hashtags = clean_tags(tags);
        }
        if let Some(links) = patch.links {
            if let Some(i) = links
                .iter()
                .position(|l| !super::model::is_web_url(l.trim()))
            {
                return Err(IdeaError::invalid(
                    format!("links[{i}]"),
                    "must be an http(s) URL without spaces",
                ));
            }
            idea.links = clean_links(links);
        }
        Ok(())
    })
}

/// Plan a classroom trial, or edit the plan. A saved, reviewed or embedded idea becomes
/// planned (a new round, `planned_at` = now); a planned or trying idea keeps its status and
/// its `planned_at`. Dropped ideas must be reopened first.
pub fn plan(
    library: &mut Library,
    id: &str,
    input: PlanInput,
    now_ms: i64,
) -> Result<Applied, IdeaError> {
    if input.what.trim().is_empty() {
        return Err(IdeaError::invalid("plan.what", "say what you will try"));
    }
    if let Some(by) = input.by {
        check_time("plan.by", by)?;
    }
    edit(library, id, now_ms, |idea| {
        let editing = match idea.status {
            Status::Dropped => {
                return Err(IdeaError::not_allowed(
                    id,
                    "it was dropped: reopen it before planning",
                ))
            }
            Status::Planned | Status::Trying => true,
            Status::Saved | Status::Reviewed | Status::Embedded => false,
        };
        let planned_at = match (&idea.plan, editing) {
            (Some(old), true) => old.planned_at,
            _ => now_ms,
        };
        idea.plan = Some(Plan {
            what: input.what.trim().to_string(),
            group: input.group.trim().to_string(),
            by: input.by,
            success_criteria: input.success_criteria.trim().to_string(),
            share_with: input.share_with.trim().to_string(),
            planned_at,
        });
        if !editing {
            idea.status = Status::Planned;
        }
        Ok(())
    })
}

/// Planned → trying. Calling it again while trying changes nothing.
pub fn start_trying(library: &mut Library, id: &str, now_ms: i64) -> Result<Applied, IdeaError> {
    edit(library, id, now_ms, |idea| match idea.status {
        Status::Planned | Status::Trying => {
            idea.status = Status::Trying;
            Ok(())
        }
        Status::Saved => Err(IdeaError::not_allowed(
            id,
            "there is no plan yet: plan the trial before starting it",
        )),
        Status::Reviewed | Status::Embedded => Err(IdeaError::not_allowed(
            id,
            "it has been reviewed: plan the next round before trying it again",
        )),
        Status::Dropped => Err(IdeaError::not_allowed(
            id,
            "it was dropped: reopen it first",
        )),
    })
}

/// Record how a trial went: planned or trying → reviewed (`reviewed_at` = now). On a
/// reviewed or embedded idea it edits the review and keeps its date and status. An idea
/// that was never planned cannot be reviewed: a plan, even one line, is what the review
/// measures against.
pub fn review(
    library: &mut Library,
    id: &str,
    input: ReviewInput,
    now_ms: i64,
) -> Result<Applied, IdeaError> {
    if input.how_it_went.trim().is_empty() {
        return Err(IdeaError::invalid("review.how_it_went", "say how it went"));
    }
    edit(library, id, now_ms, |idea| {
        let reviewed_at = match idea.status {
            Status::Planned | Status::Trying => now_ms,
            Status::Reviewed | Status::Embedded => idea.review.as_ref().map_or(now_ms, |r| r.reviewed_at),
            Status::Saved => {
                return Err(IdeaError::not_allowed(
                    id,
                    "it was never planned: add a plan (what you tried, with which class) before reviewing it",
                ))
            }
            Status::Dropped => return Err(IdeaError::not_allowed(id, "it was dropped: reopen it first")),
        };
        idea.review = Some(Review {
            how_it_went: input.how_it_went.trim().to_string(),
            evidence: input.evidence.trim().to_string(),
            reflection: input.reflection.trim().to_string(),
            next_step: input.next_step.trim().to_string(),
            reviewed_at,
        });
        if !matches!(idea.status, Status::Reviewed | Status::Embedded) {
            idea.status = Status::Reviewed;
        }
        Ok(())
    })
}

/// Move to any status whose prerequisites the idea meets: planned and trying need a plan,
/// reviewed and embedded need a review (so "embedded" without ever reviewing is refused).
/// Dropping is always allowed; setting the current status changes nothing.
pub fn set_status(
    library: &mut Library,
    id: &str,
    to: Status,
    now_ms: i64,
) -> Result<Applied, IdeaError> {
    edit(library, id, now_ms, |idea| {
        match to {
            Status::Planned | Status::Trying if idea.plan.is_none() => {
                return Err(IdeaError::not_allowed(
                    id,
                    format!("can't mark it {to}: there is no plan yet, so plan it first"),
                ))
            }
            Status::Reviewed | Status::Embedded if idea.review.is_none() => {
                return Err(IdeaError::not_allowed(
                    id,
                    format!("can't mark it {to}: it has not been reviewed yet"),
                ))
            }
            _ => {}
        }
        idea.status = to;
        Ok(())
    })
}

/// Dropped → the furthest status its contents support (reviewed, planned or saved).
pub fn reopen(library: &mut Library, id: &str, now_ms: i64) -> Result<Applied, IdeaError> {
    edit(library, id, now_ms, |idea| {
        if idea.status != Status::Dropped {
            return Err(IdeaError::not_allowed(
                id,
                format!("it is {}, not dropped", idea.status),
            ));
        }
        idea.status = idea.reopen_status();
        Ok(())
    })
}

/// Remove an idea and hand it back, so the page can offer "Undo" (see `restore`).
pub fn delete(library: &mut Library, id: &str) -> Result<Idea, IdeaError> {
    library.check_version()?;
    let at = library.position(id)?;
    Ok(library.ideas.remove(at))
}

/// Put back an idea returned by `delete` (or any valid idea). If the id exists again by
/// now (saved anew in between), the two are merged as an import would.
pub fn restore(library: &mut Library, idea: Idea) -> Result<Applied, IdeaError> {
    library.check_version()?;
    idea.validate()?;
    let id = idea.id.clone();
    match library.ideas.iter().position(|i| i.id == id) {
        None => {
            library.ideas.push(idea);
            Ok(Applied {
                created: true,
                ..Applied::new(&id, true)
            })
        }
        Some(at) => {
            let merged = merge(&library.ideas[at], &idea);
            merged.validate()?;
            let changed = merged != library.ideas[at];
            library.ideas[at] = merged;
            Ok(Applied::new(&id, changed))
        }
    }
}

/// Merge two copies of one idea: the newer `updated_at` wins (the existing one on a tie),
/// and it is completed with anything only the other has, so no field is ever lost.
pub fn merge(existing: &Idea, incoming: &Idea) -> Idea {
    let (mut base, other) = if incoming.updated_at > existing.updated_at {
        (incoming.clone(), existing)
    } else {
        (existing.clone(), incoming)
    };
    fill_missing(&mut base, other);
    base
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialLoad {
    /// Ideas planned or being tried.
    pub active: usize,
    pub warning: Option<String>,
}

pub fn active_trials(library: &Library) -> usize {
    library
        .ideas
        .iter()
        .filter(|i| i.status.is_active())
        .count()
}

pub fn trial_load(library: &Library) -> TrialLoad {
    let active = active_trials(library);
    let warning = (active > COMFORTABLE_ACTIVE_TRIALS).then(|| {
        format!(
            "You have {active} trials on the go. Embedding one idea is worth more than trying many: \
             consider reviewing one before starting another."
        )
    });
    TrialLoad { active, warning }
}

/// Search and filter. Every field is optional; all given ones must match.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filter {
    /// Words matched (folded: case, width and invisible characters ignored) against the
    /// text, note, author, tags, plan and review. Every word must appear.
    pub query: String,
    /// Any of these statuses; empty means all.
    pub status: Vec<Status>,
    /// A hashtag, with or without `#`.
    pub tag: Option<String>,
    pub site: Option<Site>,
    /// `saved_at` from this instant (inclusive)…
    pub from_ms: Option<i64>,
    /// …to this instant (exclusive).
    pub to_ms: Option<i64>,
}

/// Matching ideas, most recently saved first.
pub fn search<'a>(library: &'a Library, filter: &Filter) -> Vec<&'a Idea> {
    let words: Vec<String> = fold(&filter.query)
        .split_whitespace()
        .map(String::from)
        .collect();
    let tag = filter
        .tag
        .as_deref()
        .map(fold_tag)
        .filter(|t| !t.is_empty());
    let mut found: Vec<&Idea> = library
        .ideas
        .iter()
        .filter(|i| filter.status.is_empty() || filter.status.contains(&i.status))
        .filter(|i| filter.site.is_none_or(|s| s == i.site))
        .filter(|i| filter.from_ms.is_none_or(|from| i.saved_at >= from))
        .filter(|i| filter.to_ms.is_none_or(|to| i.saved_at < to))
        .filter(|i| {
            tag.as_ref()
                .is_none_or(|t| i.hashtags.iter().any(|h| fold_tag(h) == *t))
        })
        .filter(|i| {
            if words.is_empty() {
                return true;
            }
            let haystack = fold(&searchable_text(i));
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect();
    found.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
    found
}

fn searchable_text(idea: &Idea) -> String {
    let mut parts: Vec<&str> = vec![
        &idea.text,
        &idea.note,
        &idea.author.name,
        &idea.author.handle,
    ];
    parts.extend(idea.hashtags.iter().map(String::as_str));
    if let Some(p) = &idea.plan {
        parts.extend([
            p.what.as_str(),
            &p.group,
            &p.success_criteria,
            &p.share_with,
        ]);
    }
    if let Some(r) = &idea.review {
        parts.extend([
            r.how_it_went.as_str(),
            &r.evidence,
            &r.reflection,
            &r.next_step,
        ]);
    }
    parts.join("\n")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekItem {
    pub id: String,
    pub title: String,
    pub status: Status,
}

/// What happened in one week (Monday 00:00 to Monday 00:00, local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklySummary {
    pub week_start_ms: i64,
    pub week_end_ms: i64,
    pub saved_count: usize,
    pub planned_count: usize,
    pub reviewed_count: usize,
    /// Ideas saved this week.
    pub saved: Vec<WeekItem>,
    /// Plans begun this week (`plan.planned_at`).
    pub planned: Vec<WeekItem>,
    /// Reviews written this week (`review.reviewed_at`).
    pub reviewed: Vec<WeekItem>,
    /// Trials on the go now, whatever the week.
    pub active_trials: usize,
}

/// The week containing `week_of_ms`, in a zone `tz_offset_minutes` east of UTC.
pub fn weekly_summary(library: &Library, week_of_ms: i64, tz_offset_minutes: i32) -> WeeklySummary {
    let start = week_start(week_of_ms, tz_offset_minutes);
    let end = start + WEEK_MS;
    let in_week = |ms: i64| (start..end).contains(&ms);
    let items = |when: &dyn Fn(&Idea) -> Option<i64>| -> Vec<WeekItem> {
        let mut hits: Vec<(&Idea, i64)> = library
            .ideas
            .iter()
            .filter_map(|i| when(i).filter(|ms| in_week(*ms)).map(|ms| (i, ms)))
            .collect();
        hits.sort_by_key(|(i, ms)| (*ms, i.id.clone()));
        hits.into_iter()
            .map(|(i, _)| WeekItem {
                id: i.id.clone(),
                title: i.excerpt(),
                status: i.status,
            })
            .collect()
    };
    let saved = items(&|i| Some(i.saved_at));
    let planned = items(&|i| i.plan.as_ref().map(|p| p.planned_at));
    let reviewed = items(&|i| i.review.as_ref().map(|r| r.reviewed_at));
    WeeklySummary {
        week_start_ms: start,
        week_end_ms: end,
        saved_count: saved.len(),
        planned_count: planned.len(),
        reviewed_count: reviewed.len(),
        saved,
        planned,
        reviewed,
        active_trials: active_trials(library),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The day of the planned trial.
    Trial,
    /// "How did it go?" one week after the trial date.
    #[serde(rename = "follow_up_1w")]
    FollowUp1w,
    /// "How did it go?" three weeks after the trial date.
    #[serde(rename = "follow_up_3w")]
    FollowUp3w,
}

impl ReminderKind {
    /// The serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Trial => "trial",
            ReminderKind::FollowUp1w => "follow_up_1w",
            ReminderKind::FollowUp3w => "follow_up_3w",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub idea_id: String,
    pub due_ms: i64,
    pub kind: ReminderKind,
    /// A unique `chrome.alarms` name: `staffroom-idea:<id>:<kind>`.
    pub alarm: String,
    /// Notification text.
    pub message: String,
}

/// The reminders an idea needs now. A planned idea: its trial date (`plan.by`), then
/// "How did it go?" one and three weeks later. A trying idea: only the two follow-ups.
/// Without a trial date the follow-ups count from `planned_at`. Other statuses: none.
/// Past-due reminders are included; the caller decides whether to fire them at once.
pub fn reminders(idea: &Idea) -> Vec<Reminder> {
    let Some(plan) = idea.plan.as_ref().filter(|_| idea.status.is_active()) else {
        return Vec::new();
    };
    let base = plan.by.unwrap_or(plan.planned_at);
    let title = idea.excerpt();
    let mut due = Vec::new();
    if idea.status == Status::Planned && plan.by.is_some() {
        due.push((ReminderKind::Trial, base, format!("Today's trial: {title}")));
    }
    due.push((
        ReminderKind::FollowUp1w,
        base.saturating_add(7 * DAY_MS),
        format!("How did it go? {title}"),
    ));
    due.push((
        ReminderKind::FollowUp3w,
        base.saturating_add(21 * DAY_MS),
        format!("How did it go? {title}"),
    ));
    due.into_iter()
        .map(|(kind, due_ms, message)| Reminder {
            idea_id: idea.id.clone(),
            due_ms,
            kind,
            alarm: format!("staffroom-idea:{}:{}", idea.id, kind.as_str()),
            message,
        })
        .collect()
}

/// Every reminder in the library, soonest first: what the background turns into alarms
/// (clearing its `staffroom-idea:` alarms first, so finished trials stop reminding).
pub fn library_reminders(library: &Library) -> Vec<Reminder> {
    let mut all: Vec<Reminder> = library.ideas.iter().flat_map(reminders).collect();
    all.sort_by(|a, b| a.due_ms.cmp(&b.due_ms).then_with(|| a.alarm.cmp(&b.alarm)));
    all
}

/// chrome.storage.local's default quota (without the `unlimitedStorage` permission).
pub const STORAGE_QUOTA_BYTES: usize = 10 * 1024 * 1024;

/// Bytes the library takes as JSON: what chrome.storage counts, give or take the key.
pub fn estimate_bytes(library: &Library) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Serialising these plain types cannot fail; the count is an estimate either way.
    let _ = serde_json::to_writer(&mut count, library);
    count.0
}

/// A warning once the library passes 80% of `quota_bytes`.
pub fn storage_warning(bytes: usize, quota_bytes: usize) -> Option<String> {
    let percent = bytes.saturating_mul(100) / quota_bytes.max(1);
    (percent >= 80).then(|| {
        format!(
            "Your library uses {percent}% of the browser's storage for Staffroom. Export a backup, \
             then delete ideas you no longer need."
        )
    })
}
