//! The CPD log derived from focus history: per-day and per-ISO-week totals, rows for the CSV
//! export, and a self-contained accessible SVG bar chart for the library page.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

use super::time::{month_short_name, LocalDate};

/// One local day of focus sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdDay {
    /// `YYYY-MM-DD`, local.
    pub date: String,
    pub focus_minutes: u32,
    pub sessions: u32,
    #[serde(default)]
    pub ideas_saved: u32,
}

/// One ISO week (Monday to Sunday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdWeek {
    /// ISO week label, e.g. `2026-W45`.
    pub week: String,
    /// The Monday, `YYYY-MM-DD`.
    pub week_start: String,
    pub focus_minutes: u32,
    pub sessions: u32,
    pub ideas_saved: u32,
    /// Days with any focus time or session.
    pub active_days: u32,
}

/// A row of the CPD export; the same fields as the ideas log's entries so both can be joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdRow {
    pub date: String,
    pub activity: String,
    pub minutes: u32,
    pub outcome: String,
    /// Left empty for the teacher to write.
    pub reflection: String,
}

/// Days with unparsable dates are skipped; repeated dates are added together.
fn by_date(days: &[CpdDay]) -> BTreeMap<LocalDate, CpdDay> {
    let mut map: BTreeMap<LocalDate, CpdDay> = BTreeMap::new();
    for d in days {
        let Ok(date) = LocalDate::parse(&d.date) else {
            continue;
        };
        let e = map.entry(date).or_insert_with(|| CpdDay {
            date: date.to_string(),
            focus_minutes: 0,
            sessions: 0,
            ideas_saved: 0,
        });
        e.focus_minutes = e.focus_minutes.saturating_add(d.focus_minutes);
        e.sessions = e.sessions.saturating_add(d.sessions);
        e.ideas_saved = e.ideas_saved.saturating_add(d.ideas_saved);
    }
    map
}

/// Totals per ISO week (weeks start on Monday), oldest first; weeks without days are omitted.
pub fn weekly_totals(days: &[CpdDay]) -> Vec<CpdWeek> {
    let mut weeks: BTreeMap<LocalDate, CpdWeek> = BTreeMap::new();
    for (date, d) in by_date(days) {
        let monday = date.week_start();
        let (year, week) = date.iso_week();
        let w = weeks.entry(monday).or_insert_with(|| CpdWeek {
            week: format!("{year:04}-W{week:02}"),
            week_start: monday.to_string(),
            focus_minutes: 0,
            sessions: 0,
            ideas_saved: 0,
            active_days: 0,
        });
        w.focus_minutes = w.focus_minutes.saturating_add(d.focus_minutes);
        w.sessions = w.sessions.saturating_add(d.sessions);
        w.ideas_saved = w.ideas_saved.saturating_add(d.ideas_saved);
        if d.focus_minutes > 0 || d.sessions > 0 {
            w.active_days += 1;
        }
    }
    weeks.into_values().collect()
}

/// Exactly `n` consecutive days ending with `end`, oldest first, days without data as zeros.
pub fn days_ending(days: &[CpdDay], end: LocalDate, n: usize) -> Vec<CpdDay> {
    let known = by_date(days);
    (0..n as i64)
        .rev()
        .map(|back| {
            let date = end.add_days(-back);
            known.get(&date).cloned().unwrap_or(CpdDay {
                date: date.to_string(),
                focus_minutes: 0,
                sessions: 0,
                ideas_saved: 0,
            })
        })
        .collect()
}

/// One export row per day with focus time or a session, oldest first.
pub fn cpd_rows(days: &[CpdDay]) -> Vec<CpdRow> {
    by_date(days)
        .into_values()
        .filter(|d| d.focus_minutes > 0 || d.sessions > 0)
        .map(|d| {
            let mut outcome = plural(d.sessions, "focus session");
            if d.ideas_saved > 0 {
                outcome.push_str(&format!(", {} saved", plural(d.ideas_saved, "idea")));
            }
            CpdRow {
                date: d.date,
                activity: "Focus session".into(),
                minutes: d.focus_minutes,
                outcome,
                reflection: String::new(),
            }
        })
        .collect()
}

fn plural(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartOptions {
    /// How many days, ending with the given date (clamped to 1–366).
    pub days: usize,
    /// Accessible title (escaped).
    pub title: String,
    /// Draws the daily budget as a dashed line.
    pub budget_minutes: Option<u32>,
    /// The width the chart is shown at, in CSS pixels (at least 240), so its 11 px labels stay
    /// 11 px and none is cut off in a narrow column; `None` draws it 692 units wide.
    pub width: Option<u32>,
}

impl Default for ChartOptions {
    fn default() -> ChartOptions {
        ChartOptions {
            days: 14,
            title: "Focus minutes per day".into(),
            budget_minutes: None,
            width: None,
        }
    }
}

const PLOT_LEFT: f64 = 40.0;
const PLOT_TOP: f64 = 24.0;
const PLOT_HEIGHT: f64 = 160.0;
const PLOT_RIGHT_MARGIN: f64 = 12.0;
const DEFAULT_WIDTH: u32 = 692;
const MIN_WIDTH: u32 = 240;
/// The room a day-of-month label needs (two digits at 11 px, and a gap).
const LABEL_ROOM: f64 = 18.0;
const HEIGHT: f64 = PLOT_TOP + PLOT_HEIGHT + 40.0;

/// A bar chart of focus minutes per day for the `options.days` days ending with `end`.
/// Self-contained SVG (no scripts, fonts or external references) with `role="img"`, a
/// `<title>` and a `<desc>` summarising the data, and a `<title>` tooltip on every bar.
/// Text uses `currentColor`, so the page's colour scheme applies; classes (`bar`, `grid`,
/// `budget`, `label`) allow restyling.
pub fn cpd_chart_svg(days: &[CpdDay], end: LocalDate, options: &ChartOptions) -> String {
    let series = days_ending(days, end, options.days.clamp(1, 366));
    let n = series.len();
    let max_minutes = series.iter().map(|d| d.focus_minutes).max().unwrap_or(0);
    let scale_max = nice_ceiling(max_minutes.max(options.budget_minutes.unwrap_or(0)));
    let y =
        |minutes: u32| PLOT_TOP + PLOT_HEIGHT * (1.0 - f64::from(minutes) / f64::from(scale_max));
    let width = f64::from(options.width.unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH));
    let plot_width = width - PLOT_LEFT - PLOT_RIGHT_MARGIN;
    let step = plot_width / n as f64;
    let bar = (step * 0.75).max(1.0);
    // Days are labelled as often as they fit, counting back from the last (today's) day.
    let label_every = (LABEL_ROOM / step).ceil().max(1.0) as usize;

    let mut svg = String::new();
    // `write!` into a String cannot fail.
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" role="img" aria-labelledby="staffroom-cpd-title staffroom-cpd-desc" font-family="system-ui, sans-serif" font-size="11">"#
    );
    let _ = write!(
        svg,
        r#"<title id="staffroom-cpd-title">{}</title>"#,
        escape(&options.title)
    );
    let _ = write!(
        svg,
        r#"<desc id="staffroom-cpd-desc">{}</desc>"#,
        escape(&describe(&series))
    );

    for minutes in [0, scale_max / 2, scale_max] {
        let gy = y(minutes);
        let _ = write!(
            svg,
            r##"<line class="grid" x1="{PLOT_LEFT}" y1="{gy:.1}" x2="{:.1}" y2="{gy:.1}" stroke="currentColor" stroke-opacity="0.2"/><text class="label" x="{:.1}" y="{:.1}" text-anchor="end" fill="currentColor">{minutes}</text>"##,
            PLOT_LEFT + plot_width,
            PLOT_LEFT - 6.0,
            gy + 4.0
        );
    }
    let _ = write!(
        svg,
        r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="end" fill="currentColor">min</text>"#,
        PLOT_LEFT - 6.0,
        PLOT_TOP - 10.0
    );

    for (i, d) in series.iter().enumerate() {
        let Ok(date) = LocalDate::parse(&d.date) else {
            continue;
        };
        let x = PLOT_LEFT + step * i as f64 + (step - bar) / 2.0;
        let cx = x + bar / 2.0;
        if d.focus_minutes > 0 {
            let top = y(d.focus_minutes);
            let _ = write!(
                svg,
                r##"<rect class="bar" x="{x:.1}" y="{top:.1}" width="{bar:.1}" height="{:.1}" fill="#2a6f97"><title>{}</title></rect>"##,
                PLOT_TOP + PLOT_HEIGHT - top,
                escape(&format!(
                    "{}: {} min, {}",
                    date.long_label(),
                    d.focus_minutes,
                    plural(d.sessions, "session")
                ))
            );
        }
        let new_month = i == 0 || date.day() == 1;
        if (n - 1 - i) % label_every == 0 {
            let _ = write!(
                svg,
                r#"<text class="label" x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="currentColor">{}</text>"#,
                PLOT_TOP + PLOT_HEIGHT + 14.0,
                date.day()
            );
        }
        if new_month {
            let _ = write!(
                svg,
                r#"<text class="label" x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="currentColor">{}</text>"#,
                PLOT_TOP + PLOT_HEIGHT + 28.0,
                month_short_name(date.month())
            );
        }
    }

    if let Some(budget) = options.budget_minutes.filter(|&b| b > 0) {
        let by = y(budget);
        let _ = write!(
            svg,
            r#"<line class="budget" x1="{PLOT_LEFT}" y1="{by:.1}" x2="{:.1}" y2="{by:.1}" stroke="currentColor" stroke-dasharray="4 3"/><text class="label" x="{:.1}" y="{:.1}" text-anchor="end" fill="currentColor">budget {budget} min</text>"#,
            PLOT_LEFT + plot_width,
            PLOT_LEFT + plot_width,
            by - 4.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The chart's text alternative.
fn describe(series: &[CpdDay]) -> String {
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return String::new();
    };
    let label = |d: &CpdDay| {
        LocalDate::parse(&d.date)
            .map(|x| x.long_label())
            .unwrap_or_default()
    };
    let total: u32 = series
        .iter()
        .map(|d| d.focus_minutes)
        .fold(0, u32::saturating_add);
    let sessions: u32 = series
        .iter()
        .map(|d| d.sessions)
        .fold(0, u32::saturating_add);
    let active = series.iter().filter(|d| d.focus_minutes > 0).count();
    let mut text = format!(
        "Focus minutes per day from {} to {}: ",
        label(first),
        label(last)
    );
    if total == 0 {
        text.push_str("no focus time.");
        return text;
    }
    // First of the busiest days, so the description is stable.
    let best = series
        .iter()
        .rev()
        .max_by_key(|d| d.focus_minutes)
        .unwrap_or(first);
    let _ = write!(
        text,
        "{total} minutes in {} over {} {}; most on {} with {} minutes.",
        plural(sessions, "session"),
        active,
        if active == 1 { "day" } else { "days" },
        label(best),
        best.focus_minutes
    );
    text
}

/// A round axis maximum at or above `m` (at least 10).
fn nice_ceiling(m: u32) -> u32 {
    let unit = match m {
        0..=60 => 10,
        61..=240 => 30,
        _ => 60,
    };
    m.max(1).div_ceil(unit).saturating_mul(unit)
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceiling(0), 10);
        assert_eq!(nice_ceiling(10), 10);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(61), 90);
        assert_eq!(nice_ceiling(241), 300);
    }

    #[test]
    fn escape_covers_markup_and_controls() {
        assert_eq!(escape("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
