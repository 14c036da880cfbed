//! Exports: a lossless JSON backup, a Markdown portfolio and a CSV CPD log.

use serde::{Deserialize, Serialize};

use super::date::iso_date;
use super::model::{
    is_bidi_control, is_web_url, Idea, IdeaError, Library, Site, Status, FORMAT, SCHEMA_VERSION,
};
use super::ops::active_trials;

#[derive(Serialize)]
struct Backup<'a> {
    format: &'a str,
    version: u32,
    ideas: &'a [Idea],
}

/// `{"format": "staffroom-library", "version": 1, "ideas": […]}`, pretty-printed. Text is
/// kept byte for byte; `import_json` reads it back to an identical library.
pub fn export_json(library: &Library) -> Result<String, IdeaError> {
    library.check_version()?;
    serde_json::to_string_pretty(&Backup {
        format: FORMAT,
        version: SCHEMA_VERSION,
        ideas: &library.ideas,
    })
    .map_err(|e| IdeaError::Format(format!("could not write the backup: {e}")))
}

const STATUS_ORDER: [(Status, &str); 6] = [
    (Status::Embedded, "Embedded in my practice"),
    (Status::Reviewed, "Tried and reviewed"),
    (Status::Trying, "Trying now"),
    (Status::Planned, "Planned trials"),
    (Status::Saved, "Saved ideas"),
    (Status::Dropped, "Dropped"),
];

/// A readable portfolio: ideas grouped by status (embedded first), each with its source,
/// note, plan and review. Every piece of user or post text is escaped, so nothing in it can
/// start a heading, list, link, HTML tag or code block, or leave its quote or list item.
/// Dates are local to a zone `tz_offset_minutes` east of UTC.
pub fn export_markdown(library: &Library, now_ms: i64, tz_offset_minutes: i32) -> String {
    let date = |ms: i64| iso_date(ms, tz_offset_minutes);
    let mut out = String::from("# My Staffroom portfolio\n\n");
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out.push_str(&format!(
        "Exported {} · {} · {} on the go\n",
        date(now_ms),
        plural(library.ideas.len(), "idea", "ideas"),
        plural(active_trials(library), "trial", "trials")
    ));
    for (status, heading) in STATUS_ORDER {
        let mut group: Vec<&Idea> = library
            .ideas
            .iter()
            .filter(|i| i.status == status)
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
        out.push_str(&format!("\n## {heading} ({})\n", group.len()));
        for idea in group {
            out.push_str(&format!("\n### {}\n\n", md_lines(&idea.excerpt(), "")));
            if !idea.text.trim().is_empty() {
                out.push_str(&format!("> {}\n\n", md_lines(&idea.text, "> ")));
            }
            let mut items: Vec<(String, String)> = Vec::new();
            let mut from = Vec::new();
            let who = match (idea.author.name.trim(), idea.author.handle.trim()) {
                ("", "") => String::new(),
                (name, "") => md_lines(name, ""),
                ("", handle) => md_lines(&handle_text(idea.site, handle), ""),
                (name, handle) => format!(
                    "{} ({})",
                    md_lines(name, ""),
                    md_lines(&handle_text(idea.site, handle), "")
                ),
            };
            if !who.is_empty() {
                from.push(format!("{who} on {}", idea.site.label()));
            } else if idea.site != Site::Web {
                from.push(idea.site.label().to_string());
            }
            if let Some(posted) = idea.posted_at {
                from.push(format!("posted {}", date(posted)));
            }
            from.push(format!("saved {}", date(idea.saved_at)));
            if is_web_url(&idea.permalink) {
                // is_web_url excludes <, > and whitespace, so the <…> destination is safe.
                from.push(format!("[original post](<{}>)", idea.permalink));
            }
            items.push(("From".into(), from.join(" · ")));
            if !idea.hashtags.is_empty() {
                let tags: Vec<String> = idea
                    .hashtags
                    .iter()
                    .map(|t| md_lines(&format!("#{t}"), ""))
                    .collect();
                items.push(("Tags".into(), tags.join(", ")));
            }
            push_field(&mut items, "Why I saved it", &idea.note);
            if let Some(plan) = &idea.plan {
                push_field(&mut items, "What I'll try", &plan.what);
                push_field(&mut items, "Class or group", &plan.group);
                if let Some(by) = plan.by {
                    items.push(("Try by".into(), date(by)));
                }
                push_field(
                    &mut items,
                    "How I'll know it worked",
                    &plan.success_criteria,
                );
                push_field(&mut items, "Share with", &plan.share_with);
            }
            if let Some(review) = &idea.review {
                push_field(
                    &mut items,
                    &format!("How it went ({})", date(review.reviewed_at)),
                    &review.how_it_went,
                );
                push_field(&mut items, "Evidence", &review.evidence);
                push_field(&mut items, "Reflection", &review.reflection);
                push_field(&mut items, "Next step", &review.next_step);
            }
            for (label, value) in items {
                out.push_str(&format!("- **{label}:** {value}\n"));
            }
        }
    }
    out
}

/// A list item's value; continuation lines are indented to stay inside the item.
fn push_field(items: &mut Vec<(String, String)>, label: &str, value: &str) {
    if !value.trim().is_empty() {
        items.push((label.to_string(), md_lines(value, "  ")));
    }
}

fn handle_text(site: Site, handle: &str) -> String {
    if site == Site::Web {
        handle.to_string()
    } else {
        format!("@{}", handle.trim_start_matches('@'))
    }
}

/// Escape text for Markdown: one line per source line (blank lines and leading indentation
/// dropped so nothing becomes a code block or ends the enclosing block), joined with hard
/// breaks and `continuation` (e.g. `"> "` inside a quote), every Markdown-significant ASCII
/// character backslash-escaped, bidi controls removed.
fn md_lines(text: &str, continuation: &str) -> String {
    let lines: Vec<String> = text
        .split([
            '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{0B}', '\u{0C}',
        ])
        .map(|line| md_escape_line(line.trim()))
        .filter(|line| !line.is_empty())
        .collect();
    lines.join(&format!("\\\n{continuation}"))
}

fn md_escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut leading_digits = true;
    for c in line
        .chars()
        .filter(|c| !is_bidi_control(*c) && (!c.is_control() || *c == '\t'))
    {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+'
            | '-' | '!' | '|' | '~' | '&' | '=' | '^' => {
                out.push('\\');
                out.push(c);
            }
            // "1." at the start of a line would begin an ordered list.
            '.' if leading_digits && !out.is_empty() => out.push_str("\\."),
            _ => out.push(c),
        }
        leading_digits &= c.is_ascii_digit();
    }
    out
}

/// One row of a CPD log. Ideas supply their trials; the focus-session engine supplies
/// reading time (`minutes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CpdEntry {
    /// Epoch ms; written as a local date.
    pub date: i64,
    pub activity: String,
    pub minutes: Option<u32>,
    pub outcome: String,
    pub reflection: String,
}

/// The library's trials as CPD entries: one per reviewed trial (dated by its review) and
/// one per trial in progress (dated by its trial date, or when it was planned).
pub fn cpd_entries(library: &Library) -> Vec<CpdEntry> {
    library.ideas.iter().filter_map(cpd_entry).collect()
}

fn cpd_entry(idea: &Idea) -> Option<CpdEntry> {
    let plan = idea.plan.as_ref();
    let what = plan
        .map(|p| p.what.trim())
        .filter(|w| !w.is_empty())
        .map_or_else(|| idea.excerpt(), str::to_string);
    let mut activity = format!("Classroom trial: {what}");
    if let Some(group) = plan.map(|p| p.group.trim()).filter(|g| !g.is_empty()) {
        activity.push_str(&format!(" with {group}"));
    }
    let source = idea.author.handle.trim();
    if !source.is_empty() {
        activity.push_str(&format!(
            " (idea from {} on {})",
            handle_text(idea.site, source),
            idea.site.label()
        ));
    }
    let join = |parts: &[String]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    match (&idea.review, idea.status) {
        (Some(review), _) if idea.status != Status::Saved => {
            let verdict = match idea.status {
                Status::Embedded => "Now embedded in my practice.",
                Status::Dropped => "Not continuing with it.",
                _ => "",
            };
            let evidence = if review.evidence.trim().is_empty() {
                String::new()
            } else {
                format!("Evidence: {}", review.evidence.trim())
            };
            let next = if review.next_step.trim().is_empty() {
                String::new()
            } else {
                format!("Next step: {}", review.next_step.trim())
            };
            Some(CpdEntry {
                date: review.reviewed_at,
                activity,
                minutes: None,
                outcome: join(&[
                    review.how_it_went.trim().to_string(),
                    evidence,
                    verdict.to_string(),
                ]),
                reflection: join(&[review.reflection.trim().to_string(), next]),
            })
        }
        (_, Status::Trying) => {
            let plan = plan?;
            let criteria = if plan.success_criteria.trim().is_empty() {
                String::new()
            } else {
                format!("Looking for: {}", plan.success_criteria.trim())
            };
            Some(CpdEntry {
                date: plan.by.unwrap_or(plan.planned_at),
                activity,
                minutes: None,
                outcome: join(&["In progress.".to_string(), criteria]),
                reflection: String::new(),
            })
        }
        _ => None,
    }
}

/// A CPD log as CSV (RFC 4180: CRLF rows, quoted fields where needed) with the columns
/// `date,activity,minutes,outcome,reflection`: the library's trials plus `extra` rows
/// (focus-session minutes), oldest first. Cells that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) are prefixed with `'`. No BOM: for Excel, the page
/// should prepend U+FEFF when it builds the download.
pub fn export_csv(library: &Library, extra: &[CpdEntry], tz_offset_minutes: i32) -> String {
    let mut rows = cpd_entries(library);
    rows.extend_from_slice(extra);
    rows.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.activity.cmp(&b.activity))
    });
    let mut out = String::from("date,activity,minutes,outcome,reflection\r\n");
    for row in &rows {
        let minutes = row.minutes.map(|m| m.to_string()).unwrap_or_default();
        let cells = [
            iso_date(row.date, tz_offset_minutes),
            csv_cell(&row.activity),
            minutes,
            csv_cell(&row.outcome),
            csv_cell(&row.reflection),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV text cell: bidi controls removed, formula triggers neutralised, then quoted
/// (with `"` doubled) if it holds a comma, quote or line break.
pub fn csv_cell(value: &str) -> String {
    let mut cell: String = value.chars().filter(|c| !is_bidi_control(*c)).collect();
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
        cell.insert(0, '\'');
    }
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}
