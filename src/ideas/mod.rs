//! Saved ideas, their classroom-trial lifecycle, reminders, search, summaries, import and
//! export (issue 4). Pure functions over a [`Library`]; no browser types, no clock: every
//! time is passed in as epoch milliseconds (`now_ms: i64`).
//!
//! # Data
//!
//! `Library { schema_version: 1, ideas: [Idea] }`, serialised with snake_case keys, is what
//! the background keeps in `chrome.storage.local`. An [`Idea`] has a stable `id` (from site
//! and permalink, else from text, author and site), the post's `text` (kept literally, up to
//! [`MAX_TEXT_BYTES`]), `author {name, handle}`, `permalink`, `site` (`x` | `bluesky` |
//! `mastodon` | `web`), `hashtags`, `links`, `posted_at`, `saved_at`, `updated_at`, `note`,
//! `status`, `plan` and `review`.
//!
//! # Lifecycle
//!
//! `saved → planned → trying → reviewed → embedded`, and `dropped` from anywhere.
//! * [`plan`]: saved/reviewed/embedded → planned (a new round); edits a planned or trying plan.
//! * [`start_trying`]: planned → trying.
//! * [`review`]: planned/trying → reviewed. An idea never planned cannot be reviewed (the
//!   error says to add a one-line plan first); a reviewed one has its review edited.
//! * [`set_status`]: any status the idea's contents support (planned/trying need a plan,
//!   reviewed/embedded a review); `dropped` always.
//! * [`reopen`]: dropped → reviewed, planned or saved, by what it holds.
//!
//! More than [`COMFORTABLE_ACTIVE_TRIALS`] planned-or-trying ideas: the operation that
//! starts another returns a kind `warning` (also from [`trial_load`]).
//!
//! # How the JavaScript uses it (see `src/wasm/ideas.rs`)
//!
//! * Load: `library = ideasMigrate(stored ?? null)`. On error keep the stored value as it is
//!   (never overwrite it) and show the message; offer export of the raw value.
//! * Change: `{library, applied} = ideasApply(library, op, Date.now())` with `op` one of
//!   `{op:"save", idea:{site, text, author:{name,handle}, permalink, hashtags, links,
//!   posted_at, note}}`, `{op:"update", id, patch:{text?, author?, note?, hashtags?, links?}}`,
//!   `{op:"plan", id, plan:{what, group, by, success_criteria, share_with}}`,
//!   `{op:"start_trying", id}`, `{op:"review", id, review:{how_it_went, evidence, reflection,
//!   next_step}}`, `{op:"set_status", id, status}`, `{op:"reopen", id}`, `{op:"delete", id}`
//!   (`applied.removed` holds the idea for undo), `{op:"restore", idea}`. Store `library` when
//!   `applied.changed`, and acknowledge only after the write. Errors leave nothing changed.
//! * Reminders: after each change, clear alarms named `staffroom-idea:*` and create one per
//!   `ideasReminders(library)` entry (`alarm` name, `due_ms`, `message`).
//! * Search: `ideasSearch(library, {query, status:[…], tag, site, from_ms, to_ms})`.
//! * Week: `ideasWeeklySummary(library, Date.now(), -new Date().getTimezoneOffset())`.
//! * Export: `ideasExportJson`, `ideasExportMarkdown(library, now, tz)`,
//!   `ideasExportCsv(library, focusEntries, tz)`. Import: `ideasImportJson(library, text)`
//!   → `{library, report:{added, updated, unchanged, skipped:[{index, reason}]}}`.
//! * Storage: `ideasStorage(library)` → `{bytes, quota, warning}`.

mod date;
mod export;
mod import;
mod model;
mod ops;

pub use date::{
    civil_from_days, days_from_civil, iso_date, ms_from_f64, parse_iso_date, week_start, DAY_MS,
    WEEK_MS,
};
pub use export::{cpd_entries, csv_cell, export_csv, export_json, export_markdown, CpdEntry};
pub use import::{import_json, migrate, ImportReport, Skipped};
pub use model::{
    idea_id, is_web_url, Author, Idea, IdeaError, Library, Plan, Review, Site, Status, FORMAT,
    MAX_FIELD_BYTES, MAX_ID_BYTES, MAX_LIST_LEN, MAX_SHORT_BYTES, MAX_TEXT_BYTES, MAX_TIME_MS,
    SCHEMA_VERSION,
};
pub use ops::{
    active_trials, apply, delete, estimate_bytes, library_reminders, merge, plan, reminders,
    reopen, restore, review, save, search, set_status, start_trying, storage_warning, trial_load,
    update, weekly_summary, Applied, Filter, IdeaPatch, NewIdea, Op, PlanInput, Reminder,
    ReminderKind, ReviewInput, TrialLoad, WeekItem, WeeklySummary, COMFORTABLE_ACTIVE_TRIALS,
    STORAGE_QUOTA_BYTES,
};
