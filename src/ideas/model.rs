//! The library's data types, their validation, and stable ids.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::normalize::{fold_handle, fold_tag, is_invisible};

/// Shape of `Library` and of the `ideas` in an export. Bump it, and add a migration in
/// `import.rs`, whenever a stored field changes meaning or shape.
pub const SCHEMA_VERSION: u32 = 1;
/// The `format` tag of a JSON backup.
pub const FORMAT: &str = "staffroom-library";
/// A post's text is kept exactly up to this size; longer text is refused, never cut.
pub const MAX_TEXT_BYTES: usize = 100 * 1024;
/// Notes, plan and review fields.
pub const MAX_FIELD_BYTES: usize = 20 * 1024;
/// Names, handles, tags, URLs, ids.
pub const MAX_SHORT_BYTES: usize = 2048;
pub const MAX_ID_BYTES: usize = 128;
/// Hashtags or links on one idea.
pub const MAX_LIST_LEN: usize = 100;
/// 9999-12-31T23:59:59.999Z: every stored instant lies in years 1970–9999.
pub const MAX_TIME_MS: i64 = 253_402_300_799_999;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub schema_version: u32,
    #[serde(default)]
    pub ideas: Vec<Idea>,
}

impl Default for Library {
    fn default() -> Self {
        Library {
            schema_version: SCHEMA_VERSION,
            ideas: Vec::new(),
        }
    }
}

impl Library {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, id: &str) -> Option<&Idea> {
        self.ideas.iter().find(|i| i.id == id)
    }

    pub(crate) fn position(&self, id: &str) -> Result<usize, IdeaError> {
        self.ideas
            .iter()
            .position(|i| i.id == id)
            .ok_or_else(|| IdeaError::NotFound(id.to_string()))
    }

    /// Operations refuse a library of another schema version: it must go through `migrate`.
    pub(crate) fn check_version(&self) -> Result<(), IdeaError> {
        if self.schema_version == SCHEMA_VERSION {
            Ok(())
        } else {
            Err(IdeaError::Format(format!(
                "the library is schema version {}, this engine works on version {SCHEMA_VERSION}: pass it through migrate first",
                self.schema_version
            )))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    X,
    Bluesky,
    Mastodon,
    Web,
}

impl Site {
    pub fn as_str(self) -> &'static str {
        match self {
            Site::X => "x",
            Site::Bluesky => "bluesky",
            Site::Mastodon => "mastodon",
            Site::Web => "web",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Site::X => "X",
            Site::Bluesky => "Bluesky",
            Site::Mastodon => "Mastodon",
            Site::Web => "the web",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Author {
    pub name: String,
    /// Without a leading `@` (`save` strips it).
    pub handle: String,
}

/// saved → planned → trying → reviewed → embedded, or dropped from anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Saved,
    Planned,
    Trying,
    Reviewed,
    Embedded,
    Dropped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Saved => "saved",
            Status::Planned => "planned",
            Status::Trying => "trying",
            Status::Reviewed => "reviewed",
            Status::Embedded => "embedded",
            Status::Dropped => "dropped",
        }
    }

    /// A trial "on the go": counted against the gentle limit on active trials.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Planned | Status::Trying)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// What will I try?
    #[serde(default)]
    pub what: String,
    /// With which class or group?
    #[serde(default)]
    pub group: String,
    /// By when: an instant (epoch ms). The page turns its date input into a local time
    /// of day, e.g. 08:00 on the chosen day, so reminders fire in the morning.
    #[serde(default)]
    pub by: Option<i64>,
    /// How will I know it worked (the evidence I will look for)?
    #[serde(default)]
    pub success_criteria: String,
    /// Who will I share it with?
    #[serde(default)]
    pub share_with: String,
    /// When this round of planning began; kept when the plan is only edited.
    pub planned_at: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default)]
    pub how_it_went: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub reflection: String,
    #[serde(default)]
    pub next_step: String,
    pub reviewed_at: i64,
}

/// One saved idea. Text is stored literally (HTML, bidi and zero-width characters
/// included): the pages must render it as text, never as markup.
/// Unknown fields are refused rather than silently dropped on the next save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub author: Author,
    /// An http(s) URL or empty.
    #[serde(default)]
    pub permalink: String,
    pub site: Site,
    /// Without `#`.
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub posted_at: Option<i64>,
    pub saved_at: i64,
    /// Last change by the user; the newer copy wins when merging.
    pub updated_at: i64,
    /// Why I saved it.
    #[serde(default)]
    pub note: String,
    pub status: Status,
    #[serde(default)]
    pub plan: Option<Plan>,
    #[serde(default)]
    pub review: Option<Review>,
}

/// Every failure names what it is about: an idea id, or a field path such as `plan.what`
/// or `ideas[3].saved_at`. A failed operation leaves the library unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdeaError {
    NotFound(String),
    Invalid {
        field: String,
        reason: String,
    },
    /// The operation makes no sense for the idea in its current status.
    NotAllowed {
        id: String,
        reason: String,
    },
    /// A file or stored library that cannot be read at all.
    Format(String),
}

impl IdeaError {
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        IdeaError::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn not_allowed(id: &str, reason: impl Into<String>) -> Self {
        IdeaError::NotAllowed {
            id: id.to_string(),
            reason: reason.into(),
        }
    }

    /// Prefix a field path, e.g. with `ideas[3]`.
    pub(crate) fn within(self, prefix: &str) -> Self {
        match self {
            IdeaError::Invalid { field, reason } if field.is_empty() => IdeaError::Invalid {
                field: prefix.to_string(),
                reason,
            },
            IdeaError::Invalid { field, reason } => IdeaError::Invalid {
                field: format!("{prefix}.{field}"),
                reason,
            },
            other => other,
        }
    }
}

impl fmt::Display for IdeaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdeaError::NotFound(id) => write!(f, "no saved idea has the id {id:?}"),
            IdeaError::Invalid { field, reason } => write!(f, "{field}: {reason}"),
            IdeaError::NotAllowed { id, reason } => write!(f, "idea {id}: {reason}"),
            IdeaError::Format(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for IdeaError {}

pub(crate) fn check_time(field: &str, ms: i64) -> Result<(), IdeaError> {
    if (0..=MAX_TIME_MS).contains(&ms) {
        Ok(())
    } else {
        Err(IdeaError::invalid(
            field,
            format!("{ms} is not a time between 1970 and 9999 (epoch milliseconds)"),
        ))
    }
}

fn check_len(field: &str, value: &str, max: usize) -> Result<(), IdeaError> {
    if value.len() <= max {
        Ok(())
    } else {
        Err(IdeaError::invalid(
            field,
            format!("is {} bytes; the limit is {max}", value.len()),
        ))
    }
}

/// An absolute http(s) URL with nothing that could end a Markdown `<…>` link or an attribute.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty()
        && url.len() <= MAX_SHORT_BYTES
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || is_invisible(c)
                || matches!(c, '<' | '>' | '"' | '\\')
        })
}

impl Idea {
    /// Check every field and the status invariants (planned/trying need a plan,
    /// reviewed/embedded need a review). Errors name the field.
    pub fn validate(&self) -> Result<(), IdeaError> {
        if self.id.is_empty() || self.id.len() > MAX_ID_BYTES {
            return Err(IdeaError::invalid(
                "id",
                format!("must be 1–{MAX_ID_BYTES} bytes"),
            ));
        }
        if !self
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        {
            return Err(IdeaError::invalid(
                "id",
                format!("{:?} may use only letters, digits and - _ . :", self.id),
            ));
        }
        check_len("text", &self.text, MAX_TEXT_BYTES)?;
        if self.text.trim().is_empty() && self.permalink.is_empty() {
            return Err(IdeaError::invalid(
                "text",
                "an idea needs its text or a permalink",
            ));
        }
        check_len("author.name", &self.author.name, MAX_SHORT_BYTES)?;
        check_len("author.handle", &self.author.handle, MAX_SHORT_BYTES)?;
        if !self.permalink.is_empty() && !is_web_url(&self.permalink) {
            return Err(IdeaError::invalid(
                "permalink",
                "must be an http(s) URL without spaces",
            ));
        }
        if self.hashtags.len() > MAX_LIST_LEN {
            return Err(IdeaError::invalid(
                "hashtags",
                format!("at most {MAX_LIST_LEN} tags"),
            ));
        }
        for (i, tag) in self.hashtags.iter().enumerate() {
            if tag.trim().is_empty() {
                return Err(IdeaError::invalid(format!("hashtags[{i}]"), "is empty"));
            }
            check_len(&format!("hashtags[{i}]"), tag, MAX_SHORT_BYTES)?;
        }
        if self.links.len() > MAX_LIST_LEN {
            return Err(IdeaError::invalid(
                "links",
                format!("at most {MAX_LIST_LEN} links"),
            ));
        }
        for (i, link) in self.links.iter().enumerate() {
            if !is_web_url(link) {
                return Err(IdeaError::invalid(
                    format!("links[{i}]"),
                    "must be an http(s) URL without spaces",
                ));
            }
        }
        if let Some(ms) = self.posted_at {
            check_time("posted_at", ms)?;
        }
        check_time("saved_at", self.saved_at)?;
        check_time("updated_at", self.updated_at)?;
        check_len("note", &self.note, MAX_FIELD_BYTES)?;
        if let Some(plan) = &self.plan {
            plan.validate().map_err(|e| e.within("plan"))?;
        }
        if let Some(review) = &self.review {
            review.validate().map_err(|e| e.within("review"))?;
        }
        match self.status {
            Status::Planned | Status::Trying if self.plan.is_none() => Err(IdeaError::invalid(
                "plan",
                format!("status is {} but there is no plan", self.status),
            )),
            Status::Reviewed | Status::Embedded if self.review.is_none() => {
                Err(IdeaError::invalid(
                    "review",
                    format!("status is {} but there is no review", self.status),
                ))
            }
            _ => Ok(()),
        }
    }

    /// The status a dropped idea returns to when reopened, judged from what it holds.
    pub fn reopen_status(&self) -> Status {
        if self.review.is_some() {
            Status::Reviewed
        } else if self.plan.is_some() {
            Status::Planned
        } else {
            Status::Saved
        }
    }

    /// A one-line title for lists, reminders and headings (no bidi controls, ≤ 80 chars).
    pub fn excerpt(&self) -> String {
        let source = [
            self.plan.as_ref().map_or("", |p| p.what.as_str()),
            &self.text,
            &self.note,
            &self.permalink,
        ]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .unwrap_or("Untitled idea");
        let words: Vec<&str> = source.split_whitespace().collect();
        let line: String = words
            .join(" ")
            .chars()
            .filter(|c| !is_bidi_control(*c))
            .collect();
        if line.chars().count() <= 80 {
            line
        } else {
            let cut: String = line.chars().take(79).collect();
            format!("{}…", cut.trim_end())
        }
    }
}

impl Plan {
    fn validate(&self) -> Result<(), IdeaError> {
        check_len("what", &self.what, MAX_FIELD_BYTES)?;
        check_len("group", &self.group, MAX_FIELD_BYTES)?;
        check_len("success_criteria", &self.success_criteria, MAX_FIELD_BYTES)?;
        check_len("share_with", &self.share_with, MAX_FIELD_BYTES)?;
        if let Some(by) = self.by {
            check_time("by", by)?;
        }
        check_time("planned_at", self.planned_at)
    }
}

impl Review {
    fn validate(&self) -> Result<(), IdeaError> {
        check_len("how_it_went", &self.how_it_went, MAX_FIELD_BYTES)?;
        check_len("evidence", &self.evidence, MAX_FIELD_BYTES)?;
        check_len("reflection", &self.reflection, MAX_FIELD_BYTES)?;
        check_len("next_step", &self.next_step, MAX_FIELD_BYTES)?;
        check_time("reviewed_at", self.reviewed_at)
    }
}

/// Explicit bidi embeddings, overrides and isolates: stateful controls that can carry
/// across structure in display-only output (Markdown, CSV, excerpts). Stored text keeps them.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A stable id: from the site and canonical permalink when there is one (so the same post
/// saved twice, even via twitter.com and x.com, is one idea), else from text, author and site.
pub fn idea_id(site: Site, permalink: &str, text: &str, author_handle: &str) -> String {
    match canonical_permalink(site, permalink) {
        Some(key) => format!("{}-{:016x}", site.as_str(), fnv1a(key.as_bytes())),
        None => {
            let key = format!("{}\u{0}{}", text, fold_handle(author_handle));
            format!("{}-t{:016x}", site.as_str(), fnv1a(key.as_bytes()))
        }
    }
}

/// FNV-1a, 64 bit: tiny and identical on every platform (ids must never change).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn canonical_permalink(site: Site, permalink: &str) -> Option<String> {
    let url = permalink.trim();
    if url.is_empty() {
        return None;
    }
    let url = url.split('#').next().unwrap_or(url);
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let path = path.trim_end_matches('/');
    if site == Site::Web {
        // The query can be the page's identity on the web; scheme and host case are not.
        return Some(format!("{}://{host}/{path}", scheme.to_ascii_lowercase()));
    }
    // Social permalinks: the query is tracking (`?s=20`), case is not significant.
    let path = path.split('?').next().unwrap_or(path).to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("mobile."))
        .unwrap_or(&host);
    if site == Site::X && matches!(host, "x.com" | "twitter.com") {
        // x.com/anyone/status/123 and x.com/i/web/status/123 are the same post.
        let mut parts = path.rsplit('/');
        if let (Some(id), Some("status")) = (parts.next(), parts.next()) {
            if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
                return Some(format!("x.com/status/{id}"));
            }
        }
        return Some(format!("x.com/{path}"));
    }
    Some(format!("{host}/{path}"))
}

/// Tags without `#`, trimmed, empty ones dropped, duplicates (after folding) removed, capped.
pub(crate) fn clean_tags(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    tags.into_iter()
        .map(|t| {
            let t = t.trim();
            t.strip_prefix('#')
                .or_else(|| t.strip_prefix('＃'))
                .unwrap_or(t)
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty() && seen.insert(fold_tag(t)))
        .take(MAX_LIST_LEN)
        .collect()
}

/// Links trimmed, non-web ones dropped (a post can hold `mailto:` or relative links),
/// duplicates removed, capped.
pub(crate) fn clean_links(links: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    links
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| is_web_url(l) && seen.insert(l.clone()))
        .take(MAX_LIST_LEN)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_permalinks_canonicalise_to_the_status_number() {
        let a = idea_id(
            Site::X,
            "https://twitter.com/Someone/status/123?s=20",
            "",
            "",
        );
        let b = idea_id(
            Site::X,
            "https://x.com/i/web/status/123/",
            "other text",
            "x",
        );
        assert_eq!(a, b);
        assert_ne!(
            a,
            idea_id(Site::X, "https://x.com/someone/status/124", "", "")
        );
        assert!(a.starts_with("x-"));
    }

    #[test]
    fn web_ids_keep_the_query() {
        assert_ne!(
            idea_id(Site::Web, "https://example.org/a?id=1", "", ""),
            idea_id(Site::Web, "https://example.org/a?id=2", "", "")
        );
        assert_eq!(
            idea_id(Site::Web, "HTTPS://Example.org/a?id=1#top", "", ""),
            idea_id(Site::Web, "https://example.org/a?id=1", "", "")
        );
    }

    #[test]
    fn without_permalink_the_id_hashes_text_author_and_site() {
        let a = idea_id(Site::Mastodon, "", "Exit tickets", "@Ms@School.social");
        assert_eq!(
            a,
            idea_id(Site::Mastodon, " ", "Exit tickets", "ms@school.social")
        );
        assert_ne!(
            a,
            idea_id(Site::Bluesky, "", "Exit tickets", "ms@school.social")
        );
        assert_ne!(
            a,
            idea_id(Site::Mastodon, "", "Exit tickets!", "ms@school.social")
        );
    }

    #[test]
    fn web_urls_are_checked() {
        assert!(is_web_url("https://x.com/a/status/1"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https://a b",
            "https://a>b",
            "ftp://x",
            "https://a\u{202E}b",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn tags_are_cleaned_and_deduplicated() {
        let tags = clean_tags(["#EdChat", "edchat", " ", "＃MathsChat", "#"].map(String::from));
        assert_eq!(tags, ["EdChat", "MathsChat"]);
    }
}
