//! Rule packs: the JSON a teacher (or a school's IT lead) imports and exports on the options
//! page. Parsing reports every problem at once, each naming its JSON path
//! (`mute[3].value: must not be empty`), and `to_json` writes a pack that reads back equal.
//!
//! Every section is optional. Defaults are a teacher's sensible start: lens on, muted words
//! matched as Bluesky does (`targets` content and tag, `match` word, `action` hide), troll
//! filter at medium, promoted posts, "who to follow" and trends hidden, reposts, quotes and
//! stranger replies shown. The checks of what a post says other than the troll filter (bait,
//! hashtag stuffing, spam) run only when a pack turns them on, as the extension's starting pack
//! does: a pack that sets only the troll filter judges posts by the troll filter alone.

use crate::lens::{self, topic::Strictness};
use crate::mutewords::{self, MatchMode};
use crate::normalize::{fold, fold_handle, fold_tag};
use crate::troll::Sensitivity;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The only pack format this engine reads and writes.
pub const VERSION: u64 = 1;
/// Longest muted word, hashtag, keyword or handle, in characters (Mastodon's keyword limit).
pub const MAX_VALUE_CHARS: usize = 512;
pub const MAX_MUTE_RULES: usize = 10_000;
/// Per list: muted accounts, trusted accounts.
pub const MAX_ACCOUNTS: usize = 10_000;
/// Per list: the lens's topic packs, own hashtags, keywords.
pub const MAX_LENS_TERMS: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulePack {
    pub version: u64,
    pub lens: Lens,
    pub mute: Vec<MuteRule>,
    pub accounts: Accounts,
    pub troll: Troll,
    pub noise: Noise,
}

/// The professional lens. Posts pass when they carry one of the hashtags (own or from the
/// chosen topic packs, variant spellings folded together), contain a keyword as a whole word
/// or phrase, come from a trusted colleague, or (strictness `relaxed` or `balanced`) read as a
/// teacher's professional post to the topic judge. A lens that has nothing to match (no packs,
/// hashtags or keywords) lets every post through, whatever its strictness: a new user is never
/// shown an empty timeline, and a pack that only sets, say, the troll filter filters nothing else.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lens {
    pub enabled: bool,
    /// Ids of shipped topic packs (`lens::list()`).
    pub packs: Vec<String>,
    pub hashtags: Vec<String>,
    pub keywords: Vec<String>,
    /// How sure the topic judge must be to show a post without the chosen tags or keywords.
    pub strictness: Strictness,
    /// Where the extension applies the lens; the engine itself is told through `Context::lens`.
    pub sites: Sites,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sites {
    pub x: bool,
    pub bluesky: bool,
    pub mastodon: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MuteRule {
    pub value: String,
    pub targets: Vec<Target>,
    #[serde(rename = "match")]
    pub match_mode: MatchMode,
    pub action: Action,
    /// RFC 3339 date-time after which the rule stops applying; kept as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The post's text (and, as on Bluesky, its tags).
    Content,
    /// The post's hashtags only.
    Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Hide,
    Warn,
}

/// Handles as `name`, `@name`, `name@instance` or `@name@instance`. A bare `name` covers that
/// name on every instance (the user did not say which); `name@instance` only that instance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Accounts {
    pub mute: Vec<String>,
    /// Colleagues whose posts skip the troll and text-noise checks (never the mutes).
    pub trust: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Troll {
    pub sensitivity: Sensitivity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Noise {
    pub promoted: bool,
    pub who_to_follow: bool,
    pub trends: bool,
    pub reposts: bool,
    pub quotes: bool,
    pub stranger_replies: bool,
    /// Hide like and repost counts: applied by the content script, carried here.
    pub demetricate: bool,
    pub bait: bool,
    pub hashtag_stuffing: bool,
    pub spam: bool,
}

impl Default for RulePack {
    fn default() -> Self {
        RulePack {
            version: VERSION,
            lens: Lens::default(),
            mute: Vec::new(),
            accounts: Accounts::default(),
            troll: Troll::default(),
            noise: Noise::default(),
        }
    }
}

impl Default for Lens {
    fn default() -> Self {
        Lens {
            enabled: true,
            packs: Vec::new(),
            hashtags: Vec::new(),
            keywords: Vec::new(),
            strictness: Strictness::default(),
            sites: Sites::default(),
        }
    }
}

impl Default for Sites {
    fn default() -> Self {
        Sites { x: true, bluesky: true, mastodon: true }
    }
}

impl Default for Noise {
    fn default() -> Self {
        Noise {
            promoted: true,
            who_to_follow: true,
            trends: true,
            reposts: false,
            quotes: false,
            stranger_replies: false,
            demetricate: false,
            bait: false,
            hashtag_stuffing: false,
            spam: false,
        }
    }
}

impl MuteRule {
    /// A rule with the defaults: content and tags, Bluesky word matching, hide, no expiry.
    pub fn new(value: &str) -> MuteRule {
        MuteRule {
            value: value.to_string(),
            targets: vec![Target::Content, Target::Tag],
            match_mode: MatchMode::Word,
            action: Action::Hide,
            expires: None,
        }
    }

    /// When the rule stops applying, in milliseconds since the Unix epoch.
    pub fn expires_ms(&self) -> Option<i64> {
        self.expires.as_deref().and_then(parse_rfc3339)
    }
}

/// One problem in a pack, named by its JSON path (`mute[3].value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackError {
    pub field: String,
    pub message: String,
}

impl PackError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> PackError {
        PackError { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl RulePack {
    pub fn from_json(text: &str) -> Result<RulePack, Vec<PackError>> {
        let value: Value = serde_json::from_str(text).map_err(|e| vec![json_error(&e)])?;
        RulePack::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<RulePack, Vec<PackError>> {
        let mut parser = Parser { errors: Vec::new() };
        let pack = parser.pack(value);
        if parser.errors.is_empty() {
            Ok(pack)
        } else {
            Err(parser.errors)
        }
    }

    /// The pack as the options page exports it: every field written out, defaults included.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a rule pack always serialises")
    }

    /// Every problem in a pack built in code rather than parsed (the checks `from_json` makes).
    pub fn validate(&self) -> Vec<PackError> {
        let mut errors = Vec::new();
        let mut check = |field: String, result: Result<(), String>| {
            if let Err(message) = result {
                errors.push(PackError::new(field, message));
            }
        };
        check("version".into(), check_version(self.version));
        check("lens.packs".into(), check_count(self.lens.packs.len(), MAX_LENS_TERMS));
        for (i, id) in self.lens.packs.iter().enumerate() {
            check(format!("lens.packs[{i}]"), check_pack_id(id));
        }
        check("lens.hashtags".into(), check_count(self.lens.hashtags.len(), MAX_LENS_TERMS));
        for (i, tag) in self.lens.hashtags.iter().enumerate() {
            check(format!("lens.hashtags[{i}]"), check_hashtag(tag));
        }
        check("lens.keywords".into(), check_count(self.lens.keywords.len(), MAX_LENS_TERMS));
        for (i, keyword) in self.lens.keywords.iter().enumerate() {
            check(format!("lens.keywords[{i}]"), check_keyword(keyword));
        }
        check("mute".into(), check_count(self.mute.len(), MAX_MUTE_RULES));
        for (i, rule) in self.mute.iter().enumerate() {
            check(format!("mute[{i}].value"), check_mute_value(&rule.value, rule.match_mode));
            if rule.targets.is_empty() {
                check(format!("mute[{i}].targets"), Err(NO_TARGETS.to_string()));
            }
            if let Some(expires) = &rule.expires {
                check(format!("mute[{i}].expires"), check_date(expires).map(|_| ()));
            }
        }
        for (name, list) in [("mute", &self.accounts.mute), ("trust", &self.accounts.trust)] {
            check(format!("accounts.{name}"), check_count(list.len(), MAX_ACCOUNTS));
            for (i, handle) in list.iter().enumerate() {
                check(format!("accounts.{name}[{i}]"), check_handle(handle));
            }
        }
        errors
    }

    /// One paragraph for `staffroom check` and the options page.
    pub fn summary(&self) -> String {
        let strictness = self.lens.strictness.name();
        let lens = if !self.lens.enabled {
            "lens off".to_string()
        } else if self.lens.packs.is_empty() && self.lens.hashtags.is_empty() && self.lens.keywords.is_empty() {
            "lens on but empty (every post passes until topics are added)".to_string()
        } else {
            let pack_tags: usize =
                self.lens.packs.iter().filter_map(|id| lens::find(id)).map(|p| p.hashtags.len()).sum();
            format!(
                "lens on ({strictness}): {} ({pack_tags} hashtags), {}, {}",
                plural(self.lens.packs.len(), "topic pack"),
                plural(self.lens.hashtags.len(), "own hashtag"),
                plural(self.lens.keywords.len(), "keyword"),
            )
        };
        let regexes = self.mute.iter().filter(|r| r.match_mode == MatchMode::Regex).count();
        let warns = self.mute.iter().filter(|r| r.action == Action::Warn).count();
        let expiring = self.mute.iter().filter(|r| r.expires.is_some()).count();
        let noise = &self.noise;
        let switches: Vec<&str> = [
            (noise.promoted, "promoted"),
            (noise.who_to_follow, "who to follow"),
            (noise.trends, "trends"),
            (noise.reposts, "reposts"),
            (noise.quotes, "quote posts"),
            (noise.stranger_replies, "stranger replies"),
            (noise.bait, "bait"),
            (noise.hashtag_stuffing, "hashtag stuffing"),
            (noise.spam, "spam"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect();
        let sensitivity = match self.troll.sensitivity {
            Sensitivity::Off => "off",
            Sensitivity::Low => "low",
            Sensitivity::Medium => "medium",
            Sensitivity::High => "high",
        };
        format!(
            "{lens}\n{} ({regexes} regex, {warns} warn only, {expiring} expiring)\n{}, {} trusted\ntroll filter: {sensitivity}\nhidden noise: {}{}",
            plural(self.mute.len(), "muted word"),
            plural(self.accounts.mute.len(), "muted account"),
            self.accounts.trust.len(),
            if switches.is_empty() { "none".to_string() } else { switches.join(", ") },
            if noise.demetricate { "\ncounts hidden" } else { "" },
        )
    }
}

/// Parsing through serde (e.g. from a JS object) runs the same validation as `from_json`.
impl<'de> Deserialize<'de> for RulePack {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        RulePack::from_value(&value).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            serde::de::Error::custom(lines.join("; "))
        })
    }
}

fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn json_error(e: &serde_json::Error) -> PackError {
    // serde_json appends " at line L column C"; say it first, in words.
    let text = e.to_string();
    let reason = text.rsplit_once(" at line ").map_or(text.as_str(), |(reason, _)| reason);
    PackError::new("json", format!("malformed JSON at line {}, column {}: {reason}", e.line(), e.column()))
}

const NO_TARGETS: &str = "must name at least one of content, tag";

fn check_version(version: u64) -> Result<(), String> {
    if version == VERSION {
        Ok(())
    } else {
        Err(format!("unsupported version {version} (this engine reads version {VERSION})"))
    }
}

fn check_count(len: usize, max: usize) -> Result<(), String> {
    if len > max {
        Err(format!("too many entries ({len}; at most {max})"))
    } else {
        Ok(())
    }
}

fn check_length(text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > MAX_VALUE_CHARS {
        Err(format!("is {chars} characters long; at most {MAX_VALUE_CHARS}"))
    } else {
        Ok(())
    }
}

fn check_mute_value(value: &str, mode: MatchMode) -> Result<(), String> {
    check_length(value)?;
    mutewords::check_value(value, mode)
}

fn check_pack_id(id: &str) -> Result<(), String> {
    if lens::find(id).is_some() {
        Ok(())
    } else {
        Err(format!("unknown topic pack {id:?} (known: {})", lens::ids().join(", ")))
    }
}

fn check_hashtag(tag: &str) -> Result<(), String> {
    check_length(tag)?;
    let folded = fold_tag(tag);
    if folded.is_empty() {
        Err("must not be empty".to_string())
    } else if folded.chars().any(char::is_whitespace) {
        Err(format!("a hashtag is one word without spaces, got {tag:?}"))
    } else {
        Ok(())
    }
}

fn check_keyword(keyword: &str) -> Result<(), String> {
    check_length(keyword)?;
    if fold(keyword).trim().is_empty() {
        Err("must not be empty".to_string())
    } else {
        Ok(())
    }
}

fn check_handle(handle: &str) -> Result<(), String> {
    check_length(handle)?;
    let folded = fold_handle(handle);
    if folded.is_empty() {
        return Err("must not be empty".to_string());
    }
    let well_formed = !folded.chars().any(char::is_whitespace)
        && match folded.split_once('@') {
            None => true,
            Some((name, instance)) => !name.is_empty() && !instance.is_empty() && !instance.contains('@'),
        };
    if well_formed {
        Ok(())
    } else {
        Err(format!("expected a handle such as name or name@instance, got {handle:?}"))
    }
}

fn check_date(text: &str) -> Result<i64, String> {
    parse_rfc3339(text)
        .ok_or_else(|| format!("not an RFC 3339 date-time such as \"2027-01-01T00:00:00Z\", got {text:?}"))
}

/// An RFC 3339 date-time (`2027-01-01T00:00:00Z`, `2027-01-01t09:30:00.5+01:00`) as
/// milliseconds since the Unix epoch; `None` for anything else, including impossible dates.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    if !(at(4, b'-') && at(7, b'-') && matches!(b.get(10), Some(b'T' | b't' | b' ')) && at(13, b':') && at(16, b':')) {
        return None;
    }
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    // Second 60 is a leap second, which RFC 3339 allows.
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if at(i, b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                millis += i64::from(b[i] - b'0') * [100, 10, 1][i - start];
            }
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset_minutes = match *b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && at(i + 3, b':') => {
            let (h, m) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            if sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Walks the JSON by hand so that every problem is collected with its path.
struct Parser {
    errors: Vec<PackError>,
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        // Not `n.to_string()`: serde_json's float printer would be linked into the wasm for this alone.
        Value::Number(n) => n.as_i64().map_or_else(|| n.as_f64().unwrap_or(f64::NAN).to_string(), |i| i.to_string()),
        Value::String(s) if s.chars().count() > 40 => format!("{:?}…", s.chars().take(40).collect::<String>()),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

impl Parser {
    fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(PackError::new(field, message));
    }

    fn check(&mut self, field: &str, result: Result<(), String>) {
        if let Err(message) = result {
            self.error(field, message);
        }
    }

    fn object<'v>(&mut self, value: &'v Value, field: &str, known: &[&str]) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = value else {
            self.error(field, format!("expected an object, got {}", describe(value)));
            return None;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let path = if field == "pack" { key.clone() } else { format!("{field}.{key}") };
            self.error(path, format!("unknown field (expected one of {})", known.join(", ")));
        }
        Some(map)
    }

    fn boolean(&mut self, map: &Map<String, Value>, field: &str, key: &str, default: bool) -> bool {
        match map.get(key) {
            None => default,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(format!("{field}.{key}"), format!("expected true or false, got {}", describe(other)));
                default
            }
        }
    }

    fn string(&mut self, value: &Value, field: &str) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(field, format!("expected a string, got {}", describe(other)));
                None
            }
        }
    }

    fn choice<T: Copy>(&mut self, value: &Value, field: &str, options: &[(&str, T)]) -> Option<T> {
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let found = value.as_str().and_then(|s| options.iter().find(|(name, _)| *name == s));
        if found.is_none() {
            self.error(field, format!("expected one of {}, got {}", names.join(", "), describe(value)));
        }
        found.map(|(_, v)| *v)
    }

    /// A list of strings, each checked; too long a list is reported once and not read.
    fn strings(
        &mut self,
        value: Option<&Value>,
        field: &str,
        max: usize,
        check: fn(&str) -> Result<(), String>,
    ) -> Vec<String> {
        let Some(value) = value else { return Vec::new() };
        let Value::Array(items) = value else {
            self.error(field, format!("expected an array of strings, got {}", describe(value)));
            return Vec::new();
        };
        if let Err(message) = check_count(items.len(), max) {
            self.error(field, message);
            return Vec::new();
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            if let Some(s) = self.string(item, &path) {
                self.check(&path, check(&s));
                out.push(s);
            }
        }
        out
    }

    fn pack(&mut self, value: &Value) -> RulePack {
        let mut pack = RulePack::default();
        let known = ["version", "lens", "mute", "accounts", "troll", "noise"];
        let Some(map) = self.object(value, "pack", &known) else { return pack };
        if let Some(version) = map.get("version") {
            match version.as_u64() {
                Some(v) => self.check("version", check_version(v)),
                None => self.error("version", format!("expected the number {VERSION}, got {}", describe(version))),
            }
        }
        if let Some(lens) = map.get("lens") {
            pack.lens = self.lens(lens);
        }
        if let Some(mute) = map.get("mute") {
            pack.mute = self.mute(mute);
        }
        if let Some(accounts) = map.get("accounts") {
            if let Some(map) = self.object(accounts, "accounts", &["mute", "trust"]) {
                pack.accounts.mute = self.strings(map.get("mute"), "accounts.mute", MAX_ACCOUNTS, check_handle);
                pack.accounts.trust = self.strings(map.get("trust"), "accounts.trust", MAX_ACCOUNTS, check_handle);
            }
        }
        if let Some(troll) = map.get("troll") {
            if let Some(map) = self.object(troll, "troll", &["sensitivity"]) {
                if let Some(value) = map.get("sensitivity") {
                    let options = [
                        ("off", Sensitivity::Off),
                        ("low", Sensitivity::Low),
                        ("medium", Sensitivity::Medium),
                        ("high", Sensitivity::High),
                    ];
                    if let Some(s) = self.choice(value, "troll.sensitivity", &options) {
                        pack.troll.sensitivity = s;
                    }
                }
            }
        }
        if let Some(noise) = map.get("noise") {
            pack.noise = self.noise(noise);
        }
        pack
    }

    fn lens(&mut self, value: &Value) -> Lens {
        let mut lens = Lens::default();
        let known = ["enabled", "packs", "hashtags", "keywords", "strictness", "sites"];
        let Some(map) = self.object(value, "lens", &known) else { return lens };
        lens.enabled = self.boolean(map, "lens", "enabled", true);
        if let Some(value) = map.get("strictness") {
            let options =
                [("relaxed", Strictness::Relaxed), ("balanced", Strictness::Balanced), ("tags", Strictness::Tags)];
            if let Some(strictness) = self.choice(value, "lens.strictness", &options) {
                lens.strictness = strictness;
            }
        }
        lens.packs = self.strings(map.get("packs"), "lens.packs", MAX_LENS_TERMS, check_pack_id);
        lens.hashtags = self.strings(map.get("hashtags"), "lens.hashtags", MAX_LENS_TERMS, check_hashtag);
        lens.keywords = self.strings(map.get("keywords"), "lens.keywords", MAX_LENS_TERMS, check_keyword);
        if let Some(sites) = map.get("sites") {
            if let Some(map) = self.object(sites, "lens.sites", &["x", "bluesky", "mastodon"]) {
                lens.sites = Sites {
                    x: self.boolean(map, "lens.sites", "x", true),
                    bluesky: self.boolean(map, "lens.sites", "bluesky", true),
                    mastodon: self.boolean(map, "lens.sites", "mastodon", true),
                };
            }
        }
        lens
    }

    fn mute(&mut self, value: &Value) -> Vec<MuteRule> {
        let Value::Array(items) = value else {
            self.error("mute", format!("expected an array of rules, got {}", describe(value)));
            return Vec::new();
        };
        if let Err(message) = check_count(items.len(), MAX_MUTE_RULES) {
            self.error("mute", message);
            return Vec::new();
        }
        items.iter().enumerate().map(|(i, item)| self.mute_rule(item, &format!("mute[{i}]"))).collect()
    }

    fn mute_rule(&mut self, value: &Value, field: &str) -> MuteRule {
        // A bare string is shorthand for a rule with every default.
        if let Value::String(s) = value {
            self.check(&format!("{field}.value"), check_mute_value(s, MatchMode::Word));
            return MuteRule::new(s);
        }
        let mut rule = MuteRule::new("");
        let known = ["value", "targets", "match", "action", "expires"];
        let Some(map) = self.object(value, field, &known) else { return rule };
        if let Some(value) = map.get("match") {
            let options = [("word", MatchMode::Word), ("substring", MatchMode::Substring), ("regex", MatchMode::Regex)];
            if let Some(mode) = self.choice(value, &format!("{field}.match"), &options) {
                rule.match_mode = mode;
            }
        }
        let value_field = format!("{field}.value");
        match map.get("value") {
            None => self.error(&value_field, "missing: the word, phrase or pattern to mute"),
            Some(v) => {
                if let Some(s) = self.string(v, &value_field) {
                    self.check(&value_field, check_mute_value(&s, rule.match_mode));
                    rule.value = s;
                }
            }
        }
        if let Some(targets) = map.get("targets") {
            rule.targets = self.targets(targets, &format!("{field}.targets"));
        }
        if let Some(action) = map.get("action") {
            if let Some(a) =
                self.choice(action, &format!("{field}.action"), &[("hide", Action::Hide), ("warn", Action::Warn)])
            {
                rule.action = a;
            }
        }
        match map.get("expires") {
            None | Some(Value::Null) => {}
            Some(v) => {
                let path = format!("{field}.expires");
                if let Some(s) = self.string(v, &path) {
                    self.check(&path, check_date(&s).map(|_| ()));
                    rule.expires = Some(s);
                }
            }
        }
        rule
    }

    fn targets(&mut self, value: &Value, field: &str) -> Vec<Target> {
        let Value::Array(items) = value else {
            self.error(field, format!("expected an array such as [\"content\", \"tag\"], got {}", describe(value)));
            return vec![Target::Content, Target::Tag];
        };
        if items.is_empty() {
            self.error(field, NO_TARGETS);
        }
        let mut targets = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let options = [("content", Target::Content), ("tag", Target::Tag)];
            if let Some(t) = self.choice(item, &format!("{field}[{i}]"), &options) {
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
        }
        targets
    }

    fn noise(&mut self, value: &Value) -> Noise {
        let d = Noise::default();
        let known = [
            "promoted",
            "who_to_follow",
            "trends",
            "reposts",
            "quotes",
            "stranger_replies",
            "demetricate",
            "bait",
            "hashtag_stuffing",
            "spam",
        ];
        let Some(map) = self.object(value, "noise", &known) else { return d };
        Noise {
            promoted: self.boolean(map, "noise", "promoted", d.promoted),
            who_to_follow: self.boolean(map, "noise", "who_to_follow", d.who_to_follow),
            trends: self.boolean(map, "noise", "trends", d.trends),
            reposts: self.boolean(map, "noise", "reposts", d.reposts),
            quotes: self.boolean(map, "noise", "quotes", d.quotes),
            stranger_replies: self.boolean(map, "noise", "stranger_replies", d.stranger_replies),
            demetricate: self.boolean(map, "noise", "demetricate", d.demetricate),
            bait: self.boolean(map, "noise", "bait", d.bait),
            hashtag_stuffing: self.boolean(map, "noise", "hashtag_stuffing", d.hashtag_stuffing),
            spam: self.boolean(map, "noise", "spam", d.spam),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates_convert_to_epoch_milliseconds() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2027-01-01T00:00:00Z"), Some(1_798_761_600_000));
        assert_eq!(parse_rfc3339("2024-02-29T12:00:00.250Z"), Some(1_709_208_000_250));
        assert_eq!(parse_rfc3339("2027-01-01T01:00:00+01:00"), Some(1_798_761_600_000));
        assert_eq!(parse_rfc3339("2026-12-31t19:00:00.123456-05:00"), Some(1_798_761_600_123));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some(-1_000));
    }

    #[test]
    fn rfc3339_rejects_everything_else() {
        for bad in [
            "",
            "2027-01-01",
            "2027-01-01T00:00:00",
            "2027-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2027-01-01T24:00:00Z",
            "2027-01-01T00:00:00.Z",
            "2027-01-01T00:00:00+0100",
            "2027-01-01T00:00:00Zjunk",
            "tomorrow",
            "२०२७-01-01T00:00:00Z",
            "2027-01-01T00:00:00+01:60",
            "2027-1-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn handles_accept_name_or_name_at_instance() {
        for good in ["someone", "@someone", "troll@example.social", "@troll@example.social", "a.bsky.social"] {
            assert_eq!(check_handle(good), Ok(()), "{good}");
        }
        for bad in ["", "@", "two words", "a@b@c", "name@", "@@name"] {
            assert!(check_handle(bad).is_err(), "{bad:?}");
        }
    }
}
