//! Focus sessions for the background, popup, overlay and library pages. Thin: every decision
//! is in `crate::focus`. Stored state and settings are read leniently (corrupt parts are
//! repaired and reported, never thrown); refused events throw an `Error` whose `code`
//! property names the reason (`"still_waiting"`, `"quiet_hours"`, …) and `details` holds its
//! fields (e.g. `seconds_left`).

use crate::focus::{
    self, ChartOptions, Clock, CpdDay, FieldProblem, FocusEvent, FocusState, FocusView, LocalDate,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Plain objects (not `Map`s) and plain numbers, so results can go straight to `chrome.storage`.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn json(value: JsValue) -> Result<serde_json::Value, JsValue> {
    Ok(serde_wasm_bindgen::from_value(value)?)
}

fn focus_error(error: focus::FocusError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    if let Ok(details) = to_js(&error) {
        let code = js_sys::Reflect::get(&details, &"code".into()).unwrap_or(JsValue::NULL);
        let _ = js_sys::Reflect::set(&js, &"code".into(), &code);
        let _ = js_sys::Reflect::set(&js, &"details".into(), &details);
    }
    js.into()
}

#[derive(Serialize)]
struct Transition {
    state: FocusState,
    view: FocusView,
    /// Repairs made while reading the stored state and settings.
    problems: Vec<FieldProblem>,
}

/// `{now_ms, tz_offset_minutes}` for this moment, with the engine's sign convention.
#[wasm_bindgen(js_name = focusNow)]
pub fn focus_now() -> Result<JsValue, JsValue> {
    let date = js_sys::Date::new_0();
    to_js(&Clock::new(
        date.get_time() as i64,
        -(date.get_timezone_offset() as i32),
    ))
}

#[wasm_bindgen(js_name = focusDefaultSettings)]
pub fn focus_default_settings() -> Result<JsValue, JsValue> {
    to_js(&focus::FocusSettings::default())
}

/// `[]` when the settings are good, else every `{field, message}`.
#[wasm_bindgen(js_name = focusCheckSettings)]
pub fn focus_check_settings(settings: JsValue) -> Result<JsValue, JsValue> {
    to_js(&focus::check_settings(&json(settings)?))
}

/// `{value, problems}`: the stored state (or a fresh one for `undefined`) and what was repaired.
#[wasm_bindgen(js_name = focusLoadState)]
pub fn focus_load_state(state: JsValue) -> Result<JsValue, JsValue> {
    to_js(&focus::load_state(&json(state)?))
}

/// `{value, problems}` for stored settings; unreadable fields take their defaults.
#[wasm_bindgen(js_name = focusLoadSettings)]
pub fn focus_load_settings(settings: JsValue) -> Result<JsValue, JsValue> {
    to_js(&focus::load_settings(&json(settings)?))
}

/// Applies `event` (`{type: "start", minutes, tag?}`, `{type: "tick"}`, …) at `clock`.
/// Returns `{state, view, problems}`; store `state`, show `view`, set an alarm at
/// `view.next_wakeup_ms`.
#[wasm_bindgen(js_name = focusApply)]
pub fn focus_apply(
    state: JsValue,
    settings: JsValue,
    event: JsValue,
    clock: JsValue,
) -> Result<JsValue, JsValue> {
    let state = focus::load_state(&json(state)?);
    let settings = focus::load_settings(&json(settings)?);
    let event: FocusEvent = serde_wasm_bindgen::from_value(event)?;
    let clock: Clock = serde_wasm_bindgen::from_value(clock)?;
    let next = focus::apply(&state.value, &settings.value, &event, clock).map_err(focus_error)?;
    let view = focus::view(&next, &settings.value, clock);
    let mut problems = state.problems;
    problems.extend(settings.problems);
    to_js(&Transition {
        state: next,
        view,
        problems,
    })
}

/// What to show at `clock`: phase, badge text, cover, budget, `next_wakeup_ms`.
#[wasm_bindgen(js_name = focusView)]
pub fn focus_view(state: JsValue, settings: JsValue, clock: JsValue) -> Result<JsValue, JsValue> {
    let state = focus::load_state(&json(state)?).value;
    let settings = focus::load_settings(&json(settings)?).value;
    let clock: Clock = serde_wasm_bindgen::from_value(clock)?;
    to_js(&focus::view(&state, &settings, clock))
}

/// The CPD log from a stored state: `[{date, focus_minutes, sessions, ideas_saved}]`.
#[wasm_bindgen(js_name = focusCpdDays)]
pub fn focus_cpd_days(state: JsValue) -> Result<JsValue, JsValue> {
    to_js(&focus::load_state(&json(state)?).value.cpd_days())
}

/// Totals per ISO week: `[{week: "2026-W45", week_start, focus_minutes, sessions, ideas_saved, active_days}]`.
#[wasm_bindgen(js_name = focusCpdWeeks)]
pub fn focus_cpd_weeks(days: JsValue) -> Result<JsValue, JsValue> {
    let days: Vec<CpdDay> = serde_wasm_bindgen::from_value(days)?;
    to_js(&focus::weekly_totals(&days))
}

/// CPD export rows: `[{date, activity, minutes, outcome, reflection}]`.
#[wasm_bindgen(js_name = focusCpdRows)]
pub fn focus_cpd_rows(days: JsValue) -> Result<JsValue, JsValue> {
    let days: Vec<CpdDay> = serde_wasm_bindgen::from_value(days)?;
    to_js(&focus::cpd_rows(&days))
}

/// SVG markup of the last `options.days` days ending `end_date` (`YYYY-MM-DD`, e.g.
/// `view.today`); `options`: `{days?, title?, budget_minutes?}`.
#[wasm_bindgen(js_name = focusCpdChartSvg)]
pub fn focus_cpd_chart_svg(
    days: JsValue,
    end_date: &str,
    options: JsValue,
) -> Result<String, JsValue> {
    let days: Vec<CpdDay> = serde_wasm_bindgen::from_value(days)?;
    let end = LocalDate::parse(end_date).map_err(focus_error)?;
    let options: ChartOptions = if options.is_undefined() {
        ChartOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)?
    };
    Ok(focus::cpd_chart_svg(&days, end, &options))
}
