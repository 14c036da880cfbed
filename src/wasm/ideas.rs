//! JavaScript names for the idea library (`crate::ideas`; its module docs describe the flow).
//! Values cross as plain JS objects (snake_case keys, `null` for absent values); times are
//! epoch ms numbers; errors are thrown as `Error` with a message naming the field or idea.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::ideas::{self, CpdEntry, Filter, Library, Op};

fn from_js<T: serde::de::DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn library(value: JsValue) -> Result<Library, JsError> {
    from_js("library", value)
}

/// Any stored library (or `null`/`undefined` on first run) → the current schema.
#[wasm_bindgen(js_name = ideasMigrate)]
pub fn ideas_migrate(stored: JsValue) -> Result<JsValue, JsError> {
    let value: serde_json::Value = from_js("stored library", stored)?;
    to_js(&ideas::migrate(&value)?)
}

#[derive(Serialize)]
struct Changed<'a, T> {
    library: &'a Library,
    #[serde(flatten)]
    result: T,
}

#[derive(Serialize)]
struct Applied<'a> {
    applied: &'a ideas::Applied,
}

#[derive(Serialize)]
struct Imported<'a> {
    report: &'a ideas::ImportReport,
}

/// `op`: `{op: "save" | "update" | "plan" | "start_trying" | "review" | "set_status" |
/// "reopen" | "delete" | "restore", …}`. Returns `{library, applied}`.
#[wasm_bindgen(js_name = ideasApply)]
pub fn ideas_apply(library_value: JsValue, op: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let mut lib = library(library_value)?;
    let op: Op = from_js("op", op)?;
    let applied = ideas::apply(&mut lib, op, ideas::ms_from_f64("now_ms", now_ms)?)?;
    to_js(&Changed {
        library: &lib,
        result: Applied { applied: &applied },
    })
}

/// `[{idea_id, due_ms, kind, alarm, message}]`, soonest first.
#[wasm_bindgen(js_name = ideasReminders)]
pub fn ideas_reminders(library_value: JsValue) -> Result<JsValue, JsError> {
    to_js(&ideas::library_reminders(&library(library_value)?))
}

/// `{active, warning}`.
#[wasm_bindgen(js_name = ideasTrialLoad)]
pub fn ideas_trial_load(library_value: JsValue) -> Result<JsValue, JsError> {
    to_js(&ideas::trial_load(&library(library_value)?))
}

/// `filter`: `{query?, status?: [...], tag?, site?, from_ms?, to_ms?}` → matching ideas, newest first.
#[wasm_bindgen(js_name = ideasSearch)]
pub fn ideas_search(library_value: JsValue, filter: JsValue) -> Result<JsValue, JsError> {
    let lib = library(library_value)?;
    let filter: Filter = if filter.is_undefined() || filter.is_null() {
        Filter::default()
    } else {
        from_js("filter", filter)?
    };
    to_js(&ideas::search(&lib, &filter))
}

#[wasm_bindgen(js_name = ideasWeeklySummary)]
pub fn ideas_weekly_summary(
    library_value: JsValue,
    week_of_ms: f64,
    tz_offset_minutes: i32,
) -> Result<JsValue, JsError> {
    let week_of = ideas::ms_from_f64("week_of_ms", week_of_ms)?;
    to_js(&ideas::weekly_summary(
        &library(library_value)?,
        week_of,
        tz_offset_minutes,
    ))
}

#[wasm_bindgen(js_name = ideasExportJson)]
pub fn ideas_export_json(library_value: JsValue) -> Result<String, JsError> {
    Ok(ideas::export_json(&library(library_value)?)?)
}

#[wasm_bindgen(js_name = ideasExportMarkdown)]
pub fn ideas_export_markdown(
    library_value: JsValue,
    now_ms: f64,
    tz_offset_minutes: i32,
) -> Result<String, JsError> {
    let now = ideas::ms_from_f64("now_ms", now_ms)?;
    Ok(ideas::export_markdown(
        &library(library_value)?,
        now,
        tz_offset_minutes,
    ))
}

/// `extra`: more CPD events (`CpdEntry` fields: `{date, event, minutes, outcome}` for focus sessions), or undefined.
#[wasm_bindgen(js_name = ideasExportCsv)]
pub fn ideas_export_csv(
    library_value: JsValue,
    extra: JsValue,
    tz_offset_minutes: i32,
) -> Result<String, JsError> {
    let extra: Vec<CpdEntry> = if extra.is_undefined() || extra.is_null() {
        Vec::new()
    } else {
        from_js("extra", extra)?
    };
    Ok(ideas::export_csv(
        &library(library_value)?,
        &extra,
        tz_offset_minutes,
    ))
}

/// Returns `{library, report: {added, updated, unchanged, skipped: [{index, reason}]}}`;
/// throws (and changes nothing) for a file that is not a readable Staffroom export.
#[wasm_bindgen(js_name = ideasImportJson)]
pub fn ideas_import_json(library_value: JsValue, text: &str) -> Result<JsValue, JsError> {
    let mut lib = library(library_value)?;
    let report = ideas::import_json(&mut lib, text)?;
    to_js(&Changed {
        library: &lib,
        result: Imported { report: &report },
    })
}

#[derive(Serialize)]
struct Storage {
    bytes: usize,
    quota: usize,
    warning: Option<String>,
}

/// `{bytes, quota, warning}`: the library's size against chrome.storage.local's quota.
#[wasm_bindgen(js_name = ideasStorage)]
pub fn ideas_storage(library_value: JsValue) -> Result<JsValue, JsError> {
    let bytes = ideas::estimate_bytes(&library(library_value)?);
    let quota = ideas::STORAGE_QUOTA_BYTES;
    to_js(&Storage {
        bytes,
        quota,
        warning: ideas::storage_warning(bytes, quota),
    })
}
