//! Reading libraries back: JSON backups (`import_json`) and stored libraries of any
//! schema version (`migrate`).
//!
//! Version 0 (Staffroom 0.x) stored `{"ideas": […]}` with no version field, and exported
//! `{"format": "staffroom-library", "version": 0, "ideas": […]}`. Its ideas were flat:
//!
//! ```json
//! { "url": "https://twitter.com/a/status/1", "site": "twitter", "text": "…",
//!   "author": "@handle", "author_name": "Ms A", "tags": ["#edchat"], "saved": 1700000000000,
//!   "note": "…", "plan_what": "…", "plan_class": "9B", "plan_date": "2026-11-20",
//!   "plan_success": "…", "plan_share": "…", "tried": true, "reflection": "…" }
//! ```
//!
//! Version 1 is `Idea` as defined in `model.rs`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::date::parse_iso_date;
use super::model::{
    clean_tags, idea_id, Author, Idea, IdeaError, Library, Plan, Review, Site, Status, FORMAT,
    SCHEMA_VERSION,
};
use super::ops::merge;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// New ideas.
    pub added: usize,
    /// Existing ideas that changed (a newer copy, or fields they lacked).
    pub updated: usize,
    /// Records identical to what the library already held.
    pub unchanged: usize,
    /// Records that were invalid, with the reason; the rest were still imported.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Position in the file's `ideas` array.
    pub index: usize,
    pub reason: String,
}

/// Import a JSON backup (any version up to the current one) into `library`, merging by id:
/// the newer `updated_at` wins and keeps whatever only the older copy had. Invalid records
/// are skipped and reported. A file that is not JSON, not a Staffroom export, or from a
/// newer version is an `Err`, and then the library is unchanged.
pub fn import_json(library: &mut Library, json: &str) -> Result<ImportReport, IdeaError> {
    library.check_version()?;
    let value: Value = serde_json::from_str(json.trim_start_matches('\u{FEFF}'))
        .map_err(|e| {
            IdeaError::Format(format!(
                "this file is not JSON: it cannot be read from line {}, column {}. Choose the .json file that \"JSON backup\" saved",
                e.line(),
                e.column()
            ))
        })?;
    let (version, records) = envelope(&value, true)?;
    let mut working = library.clone();
    let mut report = ImportReport::default();
    for (index, record) in records.iter().enumerate() {
        let idea = match read_record(version, record) {
            Ok(idea) => idea,
            Err(e) => {
                report.skipped.push(Skipped {
                    index,
                    reason: e.within(&format!("ideas[{index}]")).to_string(),
                });
                continue;
            }
        };
        match working.ideas.iter().position(|i| i.id == idea.id) {
            None => {
                working.ideas.push(idea);
                report.added += 1;
            }
            Some(at) => {
                let merged = merge(&working.ideas[at], &idea);
                if let Err(e) = merged.validate() {
                    let reason =
                        format!("ideas[{index}]: could not be merged with the saved copy ({e})");
                    report.skipped.push(Skipped { index, reason });
                } else if merged == working.ideas[at] {
                    report.unchanged += 1;
                } else {
                    working.ideas[at] = merged;
                    report.updated += 1;
                }
            }
        }
    }
    *library = working;
    Ok(report)
}

/// Bring a stored library of any version up to the current schema. `null` (nothing stored
/// yet) gives an empty library; an export file is accepted too. Strict: any record that
/// cannot be read is an `Err` naming it, so the caller keeps the stored data untouched
/// rather than overwrite it with less. Duplicate ids are merged.
pub fn migrate(value: &Value) -> Result<Library, IdeaError> {
    if value.is_null() {
        return Ok(Library::new());
    }
    let (version, records) = envelope(value, false)?;
    let mut library = Library::new();
    for (index, record) in records.iter().enumerate() {
        let idea =
            read_record(version, record).map_err(|e| e.within(&format!("ideas[{index}]")))?;
        match library.ideas.iter().position(|i| i.id == idea.id) {
            None => library.ideas.push(idea),
            Some(at) => library.ideas[at] = merge(&library.ideas[at], &idea),
        }
    }
    Ok(library)
}

/// The version and the `ideas` array of an export (`require_format`) or a stored library.
fn envelope(value: &Value, require_format: bool) -> Result<(u64, &Vec<Value>), IdeaError> {
    let object = value.as_object().ok_or_else(|| {
        IdeaError::Format("this is not a Staffroom library: expected a JSON object".into())
    })?;
    match object.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(IdeaError::Format(format!(
                "this is not a Staffroom library export (format is {other})"
            )))
        }
        None if require_format && ["lens", "mute", "noise", "troll", "accounts"].iter().any(|k| object.contains_key(*k)) => {
            return Err(IdeaError::Format(
                "this is a rule pack, not a library backup: import it in Staffroom's settings, under Import and export".into(),
            ))
        }
        None if require_format => return Err(IdeaError::Format(format!(
            "this is not a Staffroom library export: the \"format\": \"{FORMAT}\" field is missing"
        ))),
        None => {}
    }
    let version = match object
        .get("version")
        .or_else(|| object.get("schema_version"))
    {
        Some(v) => v
            .as_u64()
            .ok_or_else(|| IdeaError::Format(format!("version: {v} is not a version number")))?,
        None if require_format => return Err(IdeaError::Format("version: missing".into())),
        // Version 0 stored libraries had no version field.
        None => 0,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(IdeaError::Format(format!(
            "this library was made by a newer Staffroom (version {version}; this one reads up to {SCHEMA_VERSION}): update Staffroom to import it"
        )));
    }
    let records = object
        .get("ideas")
        .and_then(Value::as_array)
        .ok_or_else(|| IdeaError::Format("ideas: missing, or not a list".into()))?;
    Ok((version, records))
}

/// One record of the given version, converted and validated. Field paths are relative.
fn read_record(version: u64, record: &Value) -> Result<Idea, IdeaError> {
    let idea = if version == 0 {
        let v0: V0Idea = serde_json::from_value(record.clone())
            .map_err(|e| IdeaError::invalid("", e.to_string()))?;
        from_v0(v0)?
    } else {
        serde_json::from_value::<Idea>(record.clone())
            .map_err(|e| IdeaError::invalid("", e.to_string()))?
    };
    idea.validate()?;
    Ok(idea)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V0Idea {
    #[serde(default)]
    url: String,
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    author_name: String,
    #[serde(default)]
    tags: Vec<String>,
    saved: i64,
    #[serde(default)]
    note: String,
    #[serde(default)]
    plan_what: String,
    #[serde(default)]
    plan_class: String,
    #[serde(default)]
    plan_date: Option<String>,
    #[serde(default)]
    plan_success: String,
    #[serde(default)]
    plan_share: String,
    #[serde(default)]
    tried: bool,
    #[serde(default)]
    reflection: String,
}

fn from_v0(old: V0Idea) -> Result<Idea, IdeaError> {
    let site = match old.site.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("twitter" | "x") => Site::X,
        Some("bluesky" | "bsky") => Site::Bluesky,
        Some("mastodon") => Site::Mastodon,
        Some("web") => Site::Web,
        Some(other) => {
            return Err(IdeaError::invalid(
                "site",
                format!("unknown site {other:?}"),
            ))
        }
        None => site_from_url(&old.url),
    };
    let by = match old
        .plan_date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(date) => Some(parse_iso_date(date).ok_or_else(|| {
            IdeaError::invalid("plan_date", format!("{date:?} is not a date (YYYY-MM-DD)"))
        })?),
        None => None,
    };
    let handle = old.author.trim().trim_start_matches('@').to_string();
    let url = old.url.trim().to_string();
    let has_plan = by.is_some()
        || [
            &old.plan_what,
            &old.plan_class,
            &old.plan_success,
            &old.plan_share,
        ]
        .iter()
        .any(|s| !s.trim().is_empty());
    // v0's "tried" implied a trial; keep it as trying, with an empty plan if none was written.
    let plan = (has_plan || old.tried).then_some(Plan {
        what: old.plan_what,
        group: old.plan_class,
        by,
        success_criteria: old.plan_success,
        share_with: old.plan_share,
        planned_at: old.saved,
    });
    let review = (!old.reflection.trim().is_empty()).then(|| Review {
        reflection: old.reflection,
        reviewed_at: old.saved,
        ..Review::default()
    });
    let status = match (old.tried, review.is_some(), plan.is_some()) {
        (true, true, _) => Status::Reviewed,
        (true, false, _) => Status::Trying,
        (false, _, true) => Status::Planned,
        (false, _, false) => Status::Saved,
    };
    Ok(Idea {
        id: idea_id(site, &url, &old.text, &handle),
        text: old.text,
        author: Author {
            name: old.author_name.trim().to_string(),
            handle,
        },
        permalink: url,
        site,
        hashtags: clean_tags(old.tags),
        links: Vec::new(),
        posted_at: None,
        saved_at: old.saved,
        updated_at: old.saved,
        note: old.note,
        status,
        plan,
        review,
    })
}

fn site_from_url(url: &str) -> Site {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("mobile."))
        .unwrap_or(&host);
    match host {
        "x.com" | "twitter.com" => Site::X,
        "bsky.app" => Site::Bluesky,
        _ => Site::Web,
    }
}
