//! The data that crosses every boundary: a post in, a verdict out.

use serde::{Deserialize, Serialize};

/// What the site adapter saw. `hashtags`, when present, are the tags the site itself linked
/// (preferred over parsing the text); when absent they are extracted from `text`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashtags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PostKind>,
    /// Authors in the post's context (reposter, quoted author) that account mutes also cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_authors: Vec<String>,
}

/// How the site presented the item; noise switches act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Post,
    Reply,
    /// A reply from someone the user does not follow, where the site shows that.
    StrangerReply,
    Repost,
    Quote,
    Promoted,
    WhoToFollow,
    Trend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    Show,
    Warn,
    Hide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    Lens,
    Mute,
    Account,
    Troll,
    Noise,
}

/// Why a post got its verdict, in words a teacher can read ("insult: 'idiot'").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Verdict {
    pub id: String,
    pub verdict: VerdictKind,
    pub reasons: Vec<Reason>,
}
