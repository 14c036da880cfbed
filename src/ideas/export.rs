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

/// Text for Markdown: one line per source line (blank lines and leading indentation dropped so
/// nothing becomes a code block or ends the enclosing block), joined with hard breaks and
/// `continuation` (e.g. `"> "` inside a quote), bidi controls removed. Only what would change
/// the rendering is escaped (see `md_escape_line`), so the raw file reads as the teacher wrote it.
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

/// Escapes one line for CommonMark (and GitHub's tables and strikethrough): a backslash goes
/// only before a character that would otherwise start a block (heading, quote, list, rule,
/// fence, table row), open emphasis, code, a link, an HTML tag or an entity, or end a heading.
/// "5-question", "#mathschat" and "snake_case" stay as they are.
fn md_escape_line(line: &str) -> String {
    let chars: Vec<char> = line
        .chars()
        .filter(|c| !is_bidi_control(*c) && (!c.is_control() || *c == '\t'))
        .collect();
    let escape_at = block_escapes(&chars);
    let tildes = chars.iter().filter(|&&c| c == '~').count();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let inline = match c {
            '`' | '*' | '[' => true,
            // A backslash escapes the punctuation after it, or ends the line with a hard break.
            '\\' => after.is_none_or(|a| a.is_ascii_punctuation()),
            // Emphasis with _ never starts or ends inside a word.
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            '<' => after.is_some_and(|a| a.is_ascii_alphabetic() || matches!(a, '/' | '!' | '?')),
            '&' => is_entity(&chars[i + 1..]),
            // GitHub strikes through text between tildes.
            '~' => tildes >= 2,
            _ => false,
        };
        if inline || escape_at.contains(&i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where a line would open or close a block if it began one: the positions to escape.
fn block_escapes(chars: &[char]) -> Vec<usize> {
    let first = chars.first().copied();
    let spaced = |i: usize| chars.get(i).is_none_or(|c| *c == ' ' || *c == '\t');
    let mut at = Vec::new();
    // A line of one repeated mark is a rule or a heading underline (---, ***, ___, ===).
    let marks: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| *c != ' ' && *c != '\t')
        .collect();
    let one_mark =
        first.is_some_and(|f| matches!(f, '-' | '_' | '*' | '=') && marks.iter().all(|c| *c == f));
    let hashes = chars.iter().take_while(|c| **c == '#').count();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if one_mark
        || matches!(first, Some('>'))
        || (matches!(first, Some('-' | '+')) && spaced(1))
        || ((1..=6).contains(&hashes) && spaced(hashes))
    {
        at.push(0);
    } else if (1..=9).contains(&digits)
        && matches!(chars.get(digits), Some('.' | ')'))
        && spaced(digits + 1)
    {
        at.push(digits); // "1." or "1)" starts an ordered list
    }
    // A table's delimiter row (| --- | :-: |) turns the line above into a table header.
    if chars.contains(&'|')
        && chars.contains(&'-')
        && chars
            .iter()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    {
        at.extend(
            chars
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == '|')
                .map(|(i, _)| i),
        );
    }
    // Closing hashes after a space end a heading's text ("Try this #" would lose its "#").
    let trailing = chars.iter().rev().take_while(|c| **c == '#').count();
    if trailing > 0 && trailing < chars.len() && spaced(chars.len() - trailing - 1) {
        at.push(chars.len() - trailing);
    }
    at
}

/// `&amp;`, `&#38;`, `&#x26;`: text after `&` that a Markdown renderer would read as an entity.
fn is_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// One event of a CPD log: an idea saved, a trial planned, tried or reviewed (from the
/// library), or a day's focus sessions (from the focus engine, passed in). Fields an event
/// does not have stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CpdEntry {
    /// Epoch ms; written as a local date.
    pub date: i64,
    pub event: String,
    /// The idea, in a line.
    pub idea: String,
    /// Where, and who posted it.
    pub source: String,
    pub minutes: Option<u32>,
    pub outcome: String,
    /// Why I saved it.
    pub note: String,
    pub group: String,
    pub plan: String,
    pub success_criteria: String,
    pub evidence: String,
    pub reflection: String,
    pub next_step: String,
    pub link: String,
}

/// The CSV's header, one column per field of `CpdEntry`.
const CSV_HEADER: [&str; 14] = [
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

/// The library's CPD events: every idea's saving, its trial's planning, its trying (dated by
/// the trial date, once the teacher has started it) and its review.
pub fn cpd_entries(library: &Library) -> Vec<CpdEntry> {
    library.ideas.iter().flat_map(idea_events).collect()
}

fn idea_events(idea: &Idea) -> Vec<CpdEntry> {
    let source = match (idea.author.handle.trim(), idea.site) {
        ("", Site::Web) => String::new(),
        ("", site) => site.label().to_string(),
        (handle, Site::Web) => handle.to_string(),
        // "X (@rivera)": a cell starting with @ would be read as a formula.
        (handle, site) => format!("{} ({})", site.label(), handle_text(site, handle)),
    };
    let base = CpdEntry {
        idea: idea.excerpt(),
        source,
        link: idea.permalink.clone(),
        ..CpdEntry::default()
    };
    let mut events = vec![CpdEntry {
        date: idea.saved_at,
        event: "Idea saved".into(),
        note: idea.note.trim().to_string(),
        ..base.clone()
    }];
    let Some(plan) = &idea.plan else {
        return events;
    };
    events.push(CpdEntry {
        date: plan.planned_at,
        event: "Trial planned".into(),
        group: plan.group.trim().to_string(),
        plan: plan.what.trim().to_string(),
        success_criteria: plan.success_criteria.trim().to_string(),
        ..base.clone()
    });
    let started = !matches!(idea.status, Status::Saved | Status::Planned);
    if idea.status == Status::Trying || (started && idea.review.is_some()) {
        // On the trial date, or on the review's if the trial came sooner than planned.
        let planned_day = plan.by.unwrap_or(plan.planned_at);
        let reviewed = idea.review.as_ref().map_or(i64::MAX, |r| r.reviewed_at);
        events.push(CpdEntry {
            date: planned_day.min(reviewed),
            event: "Tried in class".into(),
            group: plan.group.trim().to_string(),
            outcome: if idea.status == Status::Trying {
                "In progress".into()
            } else {
                String::new()
            },
            ..base.clone()
        });
    }
    if let Some(review) = idea.review.as_ref().filter(|_| started) {
        let verdict = match idea.status {
            Status::Embedded => " Now embedded in my practice.",
            Status::Dropped => " Not continuing with it.",
            _ => "",
        };
        events.push(CpdEntry {
            date: review.reviewed_at,
            event: "Reviewed".into(),
            outcome: format!("{}{verdict}", review.how_it_went.trim())
                .trim()
                .to_string(),
            evidence: review.evidence.trim().to_string(),
            reflection: review.reflection.trim().to_string(),
            next_step: review.next_step.trim().to_string(),
            ..base
        });
    }
    events
}

/// A CPD log as CSV (RFC 4180: CRLF rows, quoted fields where needed), one row per event
/// (the library's and `extra`, e.g. focus sessions), oldest first, one column per field.
/// Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are
/// prefixed with `'`. No BOM: for Excel, the page prepends U+FEFF when it builds the download.
pub fn export_csv(library: &Library, extra: &[CpdEntry], tz_offset_minutes: i32) -> String {
    let mut rows = cpd_entries(library);
    rows.extend_from_slice(extra);
    // Stable: an idea's events on the same instant keep their order (saved, planned, …).
    rows.sort_by_key(|row| row.date);
    let mut out = CSV_HEADER.join(",") + "\r\n";
    for row in &rows {
        let cells = [
            iso_date(row.date, tz_offset_minutes),
            csv_cell(&row.event),
            csv_cell(&row.idea),
            csv_cell(&row.source),
            row.minutes.map(|m| m.to_string()).unwrap_or_default(),
            csv_cell(&row.outcome),
            csv_cell(&row.note),
            csv_cell(&row.group),
            csv_cell(&row.plan),
            csv_cell(&row.success_criteria),
            csv_cell(&row.evidence),
            csv_cell(&row.reflection),
            csv_cell(&row.next_step),
            csv_cell(&row.link),
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
