//! Muted words with Bluesky's semantics, compiled once into automata so that a post costs one
//! pass over its text however many words are muted.
//!
//! Bluesky (atproto's `matchMuteWords`) decides, for a muted word `w` and a post, both
//! case-folded:
//! 1. `w` equal to one of the post's tags (inline or outline) matches, whatever its targets;
//!    every other check needs the `content` target.
//! 2. A single character, or any word when the post's language is written without spaces
//!    (ja, zh, ko, th, vi), matches as a substring.
//! 3. `w` containing whitespace or punctuation matches as a substring (`turtles, or how`, `:)`).
//! 4. Otherwise `w` must be a word of the text: the text split at whitespace (and `/`: "and/or"
//!    does not mute "andor"), each word also taken without its leading and trailing
//!    punctuation, as its punctuation-separated parts ("bluesky" in "Bluesky's"), with its
//!    punctuation removed ("blueskys", "superbad") or replaced by spaces ("super bad").
//!
//! Where we differ, it is toward what a teacher expects, and all 48 of Bluesky's cases agree:
//! - A word ends at any character that is not a letter or digit (Mastodon's `\b`), so
//!   "politics" mutes "politics🙄" and "politics$", which Bluesky's split misses.
//! - A substring match of rule 3 still respects a word edge where `w` begins or ends with a
//!   letter or digit (Mastodon's whole-word rule): "new york" no longer mutes "renew yorkshire".
//! - Words in scripts written without spaces (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar)
//!   match as substrings even when the post's language is unknown, as on X and Mastodon.
//! - A leading `#` on a muted word is ignored when comparing it with tags.
//!
//! Beside Bluesky's `word` mode there are `substring` (anywhere in text or tags) and `regex`
//! (one `RegexSet`, size-limited so that no pattern can be slow). Regexes are case-insensitive
//! to the user, but run case-sensitively once rewritten for folded text (`lowered_regex`).

use crate::normalize::fold;
use crate::unicode_classes::{
    folded_case_twins, CharClass, DECIMAL_NUMBER, FOLDED_CASE_TWINS, LAST_CASED, LETTER, MARK, PUNCTUATION,
};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// Largest compiled form of one user regex; larger patterns are refused with an error.
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// Largest compiled form of all user regexes together.
const REGEX_SET_SIZE_LIMIT: usize = 4 * 1024 * 1024;
/// Cache for the lazy DFA; when exceeded the regex engine falls back, still in linear time.
const REGEX_DFA_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// Languages Bluesky matches by substring because words are not separated by spaces.
const SUBSTRING_LANGUAGES: [&str; 5] = ["ja", "zh", "ko", "th", "vi"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchMode {
    /// Bluesky's muted-word semantics (see the module documentation).
    #[default]
    Word,
    /// Anywhere in the text or a tag, even inside a word.
    Substring,
    /// A regular expression over the normalised text and tags, case-insensitive.
    Regex,
}

/// One muted word as the matcher needs it. Tags are always checked (on Bluesky the `content`
/// target covers tags too); `content` adds the text, so `false` means "tags only".
#[derive(Debug, Clone, Copy)]
pub struct MuteSpec<'a> {
    pub value: &'a str,
    pub content: bool,
    pub mode: MatchMode,
}

/// A post as the matcher needs it: text already folded with `normalize::fold`, tags folded
/// without `#`, and the post's language tag if known (`ja`, `en-GB`).
#[derive(Debug, Clone, Copy)]
pub struct MuteInput<'a> {
    pub text: &'a str,
    pub tags: &'a [String],
    pub lang: Option<&'a str>,
}

/// A muted word that cannot be compiled; `index` is its position in the specs, `None` when
/// the problem is the words taken together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MuteError {
    pub index: Option<usize>,
    pub message: String,
}

/// How one content pattern found by the automaton is confirmed.
#[derive(Debug, Clone, Copy)]
struct ContentPattern {
    rule: u32,
    /// Any occurrence counts (substring mode, a single character, a no-space script).
    anywhere: bool,
    /// `word` mode: becomes `anywhere` when the post's language is written without spaces.
    word: bool,
    /// The pattern begins (ends) with a letter or digit, so it must not continue a word there.
    edge_start: bool,
    edge_end: bool,
}

#[derive(Debug)]
pub struct MuteMatcher {
    len: usize,
    content_ac: Option<AhoCorasick>,
    content_patterns: Vec<ContentPattern>,
    /// `word` rules without punctuation, compared with each word of the text once its inner
    /// punctuation is removed ("superbad") or turned into spaces ("super bad").
    joined: HashMap<String, Vec<u32>>,
    /// `word` rules compared with tags for equality.
    tag_exact: HashMap<String, Vec<u32>>,
    /// `substring` rules searched inside tags.
    tag_ac: Option<AhoCorasick>,
    tag_rules: Vec<u32>,
    regexes: Option<RegexSet>,
    /// Literals one of which every match of every regex contains (as its prefix or suffix).
    /// Text without any of them cannot match the set, so it is not searched: a set runs on
    /// the regex crate's NFA engines (slow per byte; lazy DFAs are not built in, and could not
    /// take Unicode word boundaries past an emoji anyway), and most posts match no regex.
    /// `None` when some regex has no such literal (the set always runs).
    /// It searches tags; for the text, the literals are patterns of `content_ac` after
    /// `content_patterns`.
    regex_prefilter: Option<AhoCorasick>,
    /// Per regex of the set: its rule, and whether it applies to the text.
    regex_rules: Vec<(u32, bool)>,
    /// Some regex applies to the text (not only to tags).
    regex_content: bool,
}

/// Checks one value on its own, as the rule-pack validator reports it (`mute[i].value`).
pub fn check_value(value: &str, mode: MatchMode) -> Result<(), String> {
    checked_value(value, mode).map(drop)
}

/// `check_value`, also returning a regex as it runs (`lowered_regex`).
fn checked_value(value: &str, mode: MatchMode) -> Result<Option<String>, String> {
    if value.trim().is_empty() {
        return Err("must not be empty".to_string());
    }
    if mode == MatchMode::Regex {
        let lowered = lowered_regex(value)?;
        let regex = RegexBuilder::new(&lowered)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| regex_error(&e))?;
        if regex.is_match("") {
            return Err("the pattern matches empty text, so it would mute every post".to_string());
        }
        return Ok(Some(lowered));
    }
    if folded_value(value).is_empty() {
        return Err("has nothing left once invisible characters are removed".to_string());
    }
    Ok(None)
}

fn regex_error(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => format!(
            "regex is too large to match quickly (compiled size over {} KB); simplify it or split it into several rules",
            limit / 1024
        ),
        regex::Error::Syntax(text) => syntax_error(text),
        other => format!("invalid regex: {other}"),
    }
}

fn syntax_error(text: &str) -> String {
    // The syntax error's last line says what is wrong; the lines above draw carets.
    let reason = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(text);
    format!(
        "the pattern is not a valid regular expression ({})",
        reason.trim().trim_start_matches("error: ")
    )
}

/// A pattern's mistake in words a teacher can act on; the parser's own wording otherwise.
fn pattern_error(error: &ast::Error) -> String {
    use ast::ErrorKind as E;
    let plain = match error.kind() {
        E::GroupUnclosed => "the pattern has an opening bracket ( without a closing one",
        E::GroupUnopened => "the pattern has a closing bracket ) without an opening one",
        E::ClassUnclosed => "the pattern has an opening square bracket [ without a closing one",
        E::RepetitionMissing => "the pattern has a *, + or ? with nothing before it to repeat (write \\* for a star)",
        E::RepetitionCountUnclosed
        | E::RepetitionCountInvalid
        | E::RepetitionCountDecimalEmpty
        | E::DecimalEmpty
        | E::DecimalInvalid => "the pattern has a count in curly brackets that is not written like {2} or {2,5}",
        E::EscapeUnexpectedEof => "the pattern ends with a backslash (write \\\\ for a backslash)",
        E::EscapeUnrecognized
        | E::ClassEscapeInvalid
        | E::EscapeHexEmpty
        | E::EscapeHexInvalid
        | E::EscapeHexInvalidDigit => "the pattern has a backslash before a character that has no special meaning (write \\\\ for a backslash)",
        E::ClassRangeInvalid | E::ClassRangeLiteral => "the pattern has a range in square brackets that is not like [a-z]",
        E::UnsupportedLookAround => "look-around such as (?= or (?! is not supported, as it can make matching slow",
        E::UnsupportedBackreference => "back-references such as \\1 are not supported",
        E::NestLimitExceeded(_) | E::CaptureLimitExceeded => "the pattern has too many brackets inside one another",
        _ => return syntax_error(&error.to_string()),
    };
    plain.to_string()
}

fn folded_value(value: &str) -> String {
    fold(value).trim().to_string()
}

fn tag_key(folded: &str) -> &str {
    folded.strip_prefix('#').unwrap_or(folded)
}

impl MuteMatcher {
    pub fn new(specs: &[MuteSpec]) -> Result<MuteMatcher, Vec<MuteError>> {
        let mut errors = Vec::new();
        let mut content_strings: Vec<String> = Vec::new();
        let mut content_patterns = Vec::new();
        let mut joined: HashMap<String, Vec<u32>> = HashMap::new();
        let mut tag_exact: HashMap<String, Vec<u32>> = HashMap::new();
        let mut tag_strings: Vec<String> = Vec::new();
        let mut tag_rules = Vec::new();
        let mut regex_sources: Vec<String> = Vec::new();
        let mut regex_rules = Vec::new();

        for (index, spec) in specs.iter().enumerate() {
            let rule = index as u32;
            match checked_value(spec.value, spec.mode) {
                Err(message) => {
                    errors.push(MuteError { index: Some(index), message });
                    continue;
                }
                Ok(Some(regex)) => {
                    regex_sources.push(regex);
                    regex_rules.push((rule, spec.content));
                    continue;
                }
                Ok(None) => {}
            }
            let value = folded_value(spec.value);
            let key = tag_key(&value);
            if !key.is_empty() {
                if spec.mode == MatchMode::Word {
                    tag_exact.entry(key.to_string()).or_default().push(rule);
                } else {
                    tag_strings.push(key.to_string());
                    tag_rules.push(rule);
                }
            }
            if !spec.content {
                continue;
            }
            let word = spec.mode == MatchMode::Word;
            let single = value.chars().nth(1).is_none();
            let anywhere = !word || single || value.chars().any(is_spaceless_script);
            if word && !anywhere && !value.chars().any(is_punct) {
                let spaced = value.split_whitespace().collect::<Vec<_>>().join(" ");
                joined.entry(spaced).or_default().push(rule);
            }
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            content_patterns.push(ContentPattern {
                rule,
                anywhere,
                word,
                edge_start: alnum(value.chars().next()),
                edge_end: alnum(value.chars().next_back()),
            });
            content_strings.push(value);
        }

        let regexes = if regex_sources.is_empty() {
            None
        } else {
            match RegexSetBuilder::new(&regex_sources)
                .size_limit(REGEX_SET_SIZE_LIMIT)
                .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
                .build()
            {
                Ok(set) => Some(set),
                Err(e) => {
                    errors.push(MuteError {
                        index: None,
                        message: format!("the regex rules together are too large: {}", regex_error(&e)),
                    });
                    None
                }
            }
        };
        let regex_literals = regexes.as_ref().and_then(|_| regex_literals(&regex_sources));
        let regex_prefilter = regex_literals.as_ref().and_then(|literals| automaton(literals).ok());
        let content_regex_literals = regex_rules.iter().any(|&(_, content)| content) && regex_prefilter.is_some();
        // The text is searched once for muted words and the regex literals together.
        let mut content_bytes: Vec<Vec<u8>> = content_strings.into_iter().map(String::into_bytes).collect();
        if content_regex_literals {
            content_bytes.extend(regex_literals.into_iter().flatten());
        }
        let content_ac = build_ac(&content_bytes, &mut errors);
        let tag_ac = build_ac(&tag_strings, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(MuteMatcher {
            len: specs.len(),
            content_ac,
            content_patterns,
            joined,
            tag_exact,
            tag_ac,
            tag_rules,
            regexes,
            regex_prefilter,
            regex_content: regex_rules.iter().any(|&(_, content)| content),
            regex_rules,
        })
    }

    /// Indices (into the specs) of every muted word the post matches, ascending.
    pub fn matches(&self, input: &MuteInput) -> Vec<usize> {
        let mut hits = Hits::new(self.len);
        let spaceless = input.lang.is_some_and(|lang| {
            let primary = lang.split(['-', '_']).next().unwrap_or("");
            SUBSTRING_LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(primary))
        });
        let text = input.text;

        let mut regex_literal_seen = false;
        if let Some(ac) = &self.content_ac {
            for m in ac.find_overlapping_iter(text) {
                let Some(&p) = self.content_patterns.get(m.pattern().as_usize()) else {
                    regex_literal_seen = true;
                    continue;
                };
                if hits.has(p.rule) {
                    continue;
                }
                let confirmed = p.anywhere
                    || (p.word && spaceless)
                    || ((!p.edge_start || !ends_in_word(&text[..m.start()]))
                        && (!p.edge_end || !starts_in_word(&text[m.end()..])));
                if confirmed {
                    hits.set(p.rule);
                }
            }
        }
        if !self.joined.is_empty() {
            self.match_joined_words(text, &mut hits);
        }
        for tag in input.tags {
            if let Some(rules) = self.tag_exact.get(tag.as_str()) {
                rules.iter().for_each(|&r| hits.set(r));
            }
            if let Some(ac) = &self.tag_ac {
                for m in ac.find_overlapping_iter(tag.as_str()) {
                    hits.set(self.tag_rules[m.pattern().as_usize()]);
                }
            }
        }
        if let Some(set) = &self.regexes {
            let may_match = |hay: &str| self.regex_prefilter.as_ref().is_none_or(|ac| ac.is_match(hay));
            let text_may_match = self.regex_prefilter.is_none() || regex_literal_seen;
            // `is_match` stops early and skips building a pattern set: most posts match none.
            if self.regex_content && text_may_match && set.is_match(text) {
                for i in set.matches(text).iter() {
                    let (rule, content) = self.regex_rules[i];
                    if content {
                        hits.set(rule);
                    }
                }
            }
            for tag in input.tags.iter().filter(|t| may_match(t) && set.is_match(t)) {
                for i in set.matches(tag).iter() {
                    hits.set(self.regex_rules[i].0);
                }
            }
        }
        hits.into_indices()
    }

    /// Bluesky's comparisons of a whole word whose inner punctuation is removed or spaced.
    /// A byte scan finds the stretches between ASCII spaces that hold punctuation or
    /// non-ASCII characters; only those are looked at character by character.
    fn match_joined_words(&self, text: &str, hits: &mut Hits) {
        let mut start = 0;
        let mut interesting = false;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b' ' || b == b'/' || (b'\t'..=b'\r').contains(&b) {
                if interesting {
                    self.match_joined_stretch(&text[start..i], hits);
                }
                start = i + 1;
                interesting = false;
            } else if !b.is_ascii() || ASCII_PUNCT >> b & 1 == 1 {
                interesting = true;
            }
        }
        if interesting {
            self.match_joined_stretch(&text[start..], hits);
        }
    }

    fn match_joined_stretch(&self, stretch: &str, hits: &mut Hits) {
        let mut contiguous = String::new();
        let mut spaced = String::new();
        // Non-ASCII whitespace (no-break and ideographic spaces) still separates words.
        for word in stretch.split(|c: char| c.is_whitespace() || c == '/') {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.chars().any(is_punct) {
                continue; // a plain word was already compared by the automaton
            }
            contiguous.clear();
            spaced.clear();
            let mut in_punct = false;
            for c in word.chars() {
                if is_punct(c) {
                    if !in_punct {
                        spaced.push(' ');
                    }
                    in_punct = true;
                } else {
                    contiguous.push(c);
                    spaced.push(c);
                    in_punct = false;
                }
            }
            for form in [&contiguous, &spaced] {
                if let Some(rules) = self.joined.get(form.as_str()) {
                    rules.iter().for_each(|&r| hits.set(r));
                }
            }
        }
    }
}

/// The literals of `MuteMatcher::regex_prefilter`: for each (lowered) regex, literals one of
/// which occurs in every match; `None` if some regex has none worth searching for.
fn regex_literals(sources: &[String]) -> Option<Vec<Vec<u8>>> {
    let mut literals: Vec<Vec<u8>> = Vec::new();
    for source in sources {
        // The same syntax options as `RegexSetBuilder` above (the regex crate's defaults).
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        literals.extend(required_literals(&hir).filter(|lits| lits.iter().all(|l| !l.is_empty()))?);
    }
    literals.sort_unstable();
    literals.dedup();
    Some(literals)
}

/// At most this many alternatives per regex: beyond it the prefilter would let most posts through.
const MAX_REQUIRED_LITERALS: usize = 64;

/// Literals one of which every match of `hir` contains, preferring long ones; `None` when the
/// regex can match without any (`a*`, `\w+`, a look-around only).
fn required_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    literals_of(hir).map(|found| found.literals)
}

/// Literals found in a part of a regex; `exact` when every match of the part is one of them.
struct Found {
    literals: Vec<Vec<u8>>,
    exact: bool,
}

impl Found {
    /// Longer literals filter better; fewer of them search faster.
    fn quality(&self) -> (Option<usize>, std::cmp::Reverse<usize>) {
        (self.literals.iter().map(Vec::len).min(), std::cmp::Reverse(self.literals.len()))
    }
}

fn literals_of(hir: &regex_syntax::hir::Hir) -> Option<Found> {
    use regex_syntax::hir::{Class, HirKind};
    let exact = |literals: Vec<Vec<u8>>| Some(Found { literals, exact: true });
    let found = match hir.kind() {
        HirKind::Literal(literal) => exact(vec![literal.0.to_vec()])?,
        HirKind::Capture(capture) => literals_of(&capture.sub)?,
        HirKind::Repetition(repetition) if repetition.min > 0 => {
            let inner = literals_of(&repetition.sub)?;
            Found { exact: inner.exact && repetition.max == Some(1) && repetition.min == 1, ..inner }
        }
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            exact(chars.take(MAX_REQUIRED_LITERALS + 1).map(|c| c.to_string().into_bytes()).collect())?
        }
        HirKind::Class(Class::Bytes(class)) => {
            exact(class.ranges().iter().flat_map(|r| r.start()..=r.end()).take(MAX_REQUIRED_LITERALS + 1).map(|b| vec![b]).collect())?
        }
        // Every part of a sequence occurs in a match. Runs of exact parts join into longer
        // literals ("(make|earn) \$" gives "make $", "earn $"); the best run or part is kept.
        HirKind::Concat(parts) => {
            let mut best: Option<Found> = None;
            let mut run: Option<Vec<Vec<u8>>> = None;
            let consider = |candidate: Found, best: &mut Option<Found>| {
                if best.as_ref().is_none_or(|b| candidate.quality() > b.quality()) {
                    *best = Some(candidate);
                }
            };
            for part in parts {
                match literals_of(part) {
                    Some(found) if found.exact => {
                        let joined = match run.take() {
                            None => found.literals,
                            Some(prefixes) if prefixes.len() * found.literals.len() <= MAX_REQUIRED_LITERALS => prefixes
                                .iter()
                                .flat_map(|p| found.literals.iter().map(move |l| [p.as_slice(), l].concat()))
                                .collect(),
                            Some(prefixes) => {
                                consider(Found { literals: prefixes, exact: false }, &mut best);
                                found.literals
                            }
                        };
                        run = Some(joined);
                    }
                    other => {
                        if let Some(prefixes) = run.take() {
                            consider(Found { literals: prefixes, exact: false }, &mut best);
                        }
                        if let Some(found) = other {
                            consider(Found { exact: false, ..found }, &mut best);
                        }
                    }
                }
            }
            // A sequence that is one run throughout is exact itself.
            match (run, &best) {
                (Some(literals), None) => Found { literals, exact: true },
                (Some(literals), Some(_)) => {
                    consider(Found { literals, exact: false }, &mut best);
                    best?
                }
                (None, _) => best?,
            }
        }
        // One of the branches occurs: every branch must have literals.
        HirKind::Alternation(branches) => {
            let mut all = Found { literals: Vec::new(), exact: true };
            for branch in branches {
                let found = literals_of(branch)?;
                all.exact &= found.exact;
                all.literals.extend(found.literals);
            }
            all
        }
        _ => return None,
    };
    (found.literals.len() <= MAX_REQUIRED_LITERALS).then_some(found)
}

/// Patterns up to this many bytes in all get a DFA (one table lookup per byte, at most a few
/// hundred KB); beyond it the compact contiguous NFA keeps memory small.
const DFA_PATTERN_BYTES: usize = 8 * 1024;

/// An automaton reporting every (overlapping) occurrence, as fast as its size allows.
pub(crate) fn automaton<P: AsRef<[u8]>>(patterns: &[P]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
    let kind = (bytes <= DFA_PATTERN_BYTES).then_some(AhoCorasickKind::DFA);
    AhoCorasick::builder().match_kind(MatchKind::Standard).kind(kind).build(patterns)
}

fn build_ac<P: AsRef<[u8]>>(patterns: &[P], errors: &mut Vec<MuteError>) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    match automaton(patterns) {
        Ok(ac) => Some(ac),
        Err(e) => {
            errors.push(MuteError { index: None, message: format!("too many muted words to compile: {e}") });
            None
        }
    }
}

/// Matched rules as a bit set: a post touching the same rule many times costs nothing extra.
struct Hits {
    bits: Vec<u64>,
}

impl Hits {
    fn new(len: usize) -> Hits {
        Hits { bits: vec![0; len.div_ceil(64)] }
    }
    fn has(&self, rule: u32) -> bool {
        self.bits[rule as usize / 64] & (1 << (rule % 64)) != 0
    }
    fn set(&mut self, rule: u32) {
        self.bits[rule as usize / 64] |= 1 << (rule % 64);
    }
    fn into_indices(self) -> Vec<usize> {
        let mut out = Vec::new();
        for (w, &word) in self.bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out.push(w * 64 + word.trailing_zeros() as usize);
                word &= word - 1;
            }
        }
        out
    }
}

fn ends_in_word(before: &str) -> bool {
    before.chars().next_back().is_some_and(char::is_alphanumeric)
}

fn starts_in_word(after: &str) -> bool {
    after.chars().next().is_some_and(char::is_alphanumeric)
}

/// Scripts written without spaces between words, where only substring matching works.
fn is_spaceless_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1100}'..='\u{11FF}'   // Hangul Jamo
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}'   // Hangul compatibility Jamo
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// The ASCII members of `\p{P}` as a bit mask (`$ + < = > ^ | ~` and the backtick are symbols).
const ASCII_PUNCT: u128 = {
    let mut mask = 0u128;
    let chars = b"!\"#%&'()*,-./:;?@[\\]_{}";
    let mut i = 0;
    while i < chars.len() {
        mask |= 1 << chars[i];
        i += 1;
    }
    mask
};

/// Unicode general category P (punctuation), as JavaScript's `\p{P}` in Bluesky's matcher.
#[inline]
pub fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_PUNCT >> (c as u32) & 1 == 1;
    }
    PUNCTUATION.contains(c)
}

// ---------------------------------------------------------------------------------------------
// User regexes, lowered for folded text.

/// A user regex rewritten to run case-sensitively on folded text (`normalize::fold`) and match
/// there what it matched case-insensitively: the regex crate's case-insensitive mode needs its
/// Unicode case tables, ~20 KB of gzipped wasm. The rewrite is guided by the syntax tree, whose
/// parsing needs no Unicode tables: literals become their fold, classes also take the lowercase
/// of what they hold (so `[^A-Z]` is "not a letter" on lowercase text), letters that folding
/// keeps apart but case-insensitive matching does not (`σ`, `ς`) become a class of both, and
/// `(?i)` goes; a `(?-i)` part stays case-sensitive, as written. `\p{L}`, `\p{M}`, `\p{Nd}` and
/// `\p{P}` are spelled out from `unicode_classes`, the regex crate having no general-category
/// tables either; other Unicode classes are refused.
fn lowered_regex(pattern: &str) -> Result<String, String> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| pattern_error(&e))?;
    let mut lowering = Lowering { pattern, edits: Vec::new() };
    lowering.ast(&ast, &mut Mode { unicode: true, case_insensitive: true })?;
    Ok(lowering.apply())
}

/// The flags that lowering depends on, as set where it stands in the pattern.
#[derive(Clone, Copy)]
struct Mode {
    /// `u`: without it, case-insensitive matching only knew ASCII.
    unicode: bool,
    /// `i`: what lowering stands for; off in a `(?-i)` part.
    case_insensitive: bool,
}

/// The edits that lower a pattern, in pattern order: each replaces a byte range of it (an empty
/// one to insert).
struct Lowering<'a> {
    pattern: &'a str,
    edits: Vec<(Range<usize>, String)>,
}

impl Lowering<'_> {
    fn replace(&mut self, span: ast::Span, text: String) {
        self.edits.push((span.start.offset..span.end.offset, text));
    }

    fn apply(self) -> String {
        let mut lowered = String::with_capacity(self.pattern.len());
        let mut copied = 0;
        for (range, text) in self.edits {
            lowered.push_str(&self.pattern[copied..range.start]);
            lowered.push_str(&text);
            copied = range.end;
        }
        lowered + &self.pattern[copied..]
    }

    /// Flags met on the way change `mode` until the end of their group.
    fn ast(&mut self, ast: &Ast, mode: &mut Mode) -> Result<(), String> {
        match ast {
            Ast::Flags(set) => self.flags(&set.flags, mode, Some(set.span)),
            Ast::Literal(literal) if mode.case_insensitive => {
                let forms: Vec<char> = folded_forms(literal.c, *mode).collect();
                if forms != [literal.c] {
                    let mut text = String::new();
                    match forms.as_slice() {
                        [c] => push_escaped(&mut text, *c),
                        _ => push_class(&mut text, false, forms.iter().map(|&c| (c, c))),
                    }
                    self.replace(literal.span, text);
                }
            }
            Ast::ClassUnicode(class) if mode.unicode => {
                let text = self.general_category(class, *mode)?;
                self.replace(class.span, text);
            }
            Ast::ClassBracketed(class) => self.class_set(&class.kind, *mode)?,
            Ast::Repetition(repetition) => self.ast(&repetition.ast, mode)?,
            Ast::Group(group) => {
                let outside = *mode;
                if let ast::GroupKind::NonCapturing(flags) = &group.kind {
                    self.flags(flags, mode, None);
                }
                self.ast(&group.ast, mode)?;
                *mode = outside;
            }
            Ast::Alternation(alternation) => alternation.asts.iter().try_for_each(|ast| self.ast(ast, mode))?,
            Ast::Concat(concat) => concat.asts.iter().try_for_each(|ast| self.ast(ast, mode))?,
            // `\p` without the `u` flag is left for the regex crate to refuse.
            Ast::Literal(_)
            | Ast::ClassUnicode(_)
            | Ast::Empty(_)
            | Ast::Dot(_)
            | Ast::Assertion(_)
            | Ast::ClassPerl(_) => {}
        }
        Ok(())
    }

    /// Notes the flags lowering depends on, and removes an `i` turned on: it would need the case
    /// tables, and lowering has done its work. `set` is the span of a whole `(?flags)`, removed
    /// if `i` was its only flag (`(?)` does not parse).
    fn flags(&mut self, flags: &ast::Flags, mode: &mut Mode, set: Option<ast::Span>) {
        if let Some(on) = flags.flag_state(ast::Flag::Unicode) {
            mode.unicode = on;
        }
        let Some(on) = flags.flag_state(ast::Flag::CaseInsensitive) else {
            return;
        };
        mode.case_insensitive = on;
        if on {
            let case_flag = ast::FlagsItemKind::Flag(ast::Flag::CaseInsensitive);
            let item = flags.items.iter().find(|item| item.kind == case_flag).expect("the flag is set");
            let removed = match set {
                Some(set) if flags.items.len() == 1 => set,
                _ => item.span,
            };
            self.replace(removed, String::new());
        }
    }

    fn class_set(&mut self, set: &ClassSet, mode: Mode) -> Result<(), String> {
        match set {
            ClassSet::Item(item) => self.class_item(item, mode),
            ClassSet::BinaryOp(op) => {
                self.class_set(&op.lhs, mode)?;
                self.class_set(&op.rhs, mode)
            }
        }
    }

    /// Adds after a class item, so before any negation or set operation applies, the folded
    /// forms of the characters it holds, as case-insensitive matching did.
    fn class_item(&mut self, item: &ClassSetItem, mode: Mode) -> Result<(), String> {
        let added: Vec<char> = match item {
            ClassSetItem::Unicode(class) if mode.unicode => {
                let text = self.general_category(class, mode)?;
                self.replace(class.span, text);
                return Ok(());
            }
            ClassSetItem::Bracketed(class) => return self.class_set(&class.kind, mode),
            ClassSetItem::Union(union) => return union.items.iter().try_for_each(|item| self.class_item(item, mode)),
            _ if !mode.case_insensitive => return Ok(()),
            ClassSetItem::Literal(literal) => folded_forms(literal.c, mode).filter(|&c| c != literal.c).collect(),
            ClassSetItem::Range(range) => lowercase_image(range.start.c, range.end.c, mode),
            ClassSetItem::Ascii(class) if class.kind == ast::ClassAsciiKind::Upper => {
                let alpha = if class.negated { "[:^alpha:]" } else { "[:alpha:]" };
                self.replace(class.span, alpha.to_string());
                return Ok(());
            }
            ClassSetItem::Ascii(_) | ClassSetItem::Unicode(_) | ClassSetItem::Empty(_) | ClassSetItem::Perl(_) => {
                return Ok(());
            }
        };
        if !added.is_empty() {
            let mut text = String::new();
            push_ranges(&mut text, char_ranges(added));
            let end = item.span().end;
            self.replace(ast::Span::splat(end), text);
        }
        Ok(())
    }

    /// `\p{L}`, `\p{M}`, `\p{Nd}` or `\p{P}` (by any of their names, negated or not) as a
    /// bracketed class; any other Unicode class is an error.
    fn general_category(&self, class: &ast::ClassUnicode, mode: Mode) -> Result<String, String> {
        // Unicode's loose matching of names: `Decimal_Number` is `decimalnumber`.
        let loose = |name: &str| {
            name.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).map(|c| c.to_ascii_lowercase()).collect::<String>()
        };
        let name = match &class.kind {
            ast::ClassUnicodeKind::OneLetter(letter) => letter.to_string(),
            ast::ClassUnicodeKind::Named(name) => name.clone(),
            ast::ClassUnicodeKind::NamedValue { name, value, .. } => match loose(name).as_str() {
                "gc" | "generalcategory" => value.clone(),
                _ => String::new(),
            },
        };
        let category: CharClass = match loose(&name).as_str() {
            "l" | "letter" => LETTER,
            "m" | "mark" | "combiningmark" => MARK,
            "nd" | "decimalnumber" | "digit" => DECIMAL_NUMBER,
            "p" | "punctuation" | "punct" => PUNCTUATION,
            _ => {
                let written = &self.pattern[class.span.start.offset..class.span.end.offset];
                return Err(format!(
                    "Unicode class {written} is not supported in muted-word regexes; use \\p{{L}} (letters), \\p{{M}} (marks), \\p{{Nd}} (digits) or \\p{{P}} (punctuation)"
                ));
            }
        };
        // Lowercase keeps each category whole; only case twins can take a character out of it
        // (`ι` is a letter, its twin U+0345 a mark).
        let twins = FOLDED_CASE_TWINS
            .iter()
            .filter(|group| mode.case_insensitive && group.iter().any(|&c| category.contains(c)))
            .flat_map(|group| group.iter().copied())
            .filter(|&c| !category.contains(c))
            .map(|c| (c, c));
        let mut text = String::new();
        push_class(&mut text, class.is_negated(), category.ranges().iter().copied().chain(twins));
        Ok(text)
    }
}

/// What `c` matched case-insensitively, as folded text can hold it: its fold (when that is one
/// character; others never occur there) with that fold's case twins.
fn folded_forms(c: char, mode: Mode) -> impl Iterator<Item = char> {
    let folded = if mode.unicode {
        only_char(fold(c.encode_utf8(&mut [0; 4])).chars()).unwrap_or(c)
    } else {
        c.to_ascii_lowercase()
    };
    with_twins(folded, mode)
}

fn only_char(mut chars: impl Iterator<Item = char>) -> Option<char> {
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// `c`, or its case twins (which include it); ASCII has none.
fn with_twins(c: char, mode: Mode) -> impl Iterator<Item = char> {
    let twins = if mode.unicode { folded_case_twins(c) } else { &[] };
    twins.is_empty().then_some(c).into_iter().chain(twins.iter().copied())
}

/// The lowercase forms (with case twins) of the characters in `start..=end` that the range does
/// not hold, sorted. A range may be too long to fold character by character, and lowercase is
/// what its capitals become in folded text.
fn lowercase_image(start: char, end: char, mode: Mode) -> Vec<char> {
    // `İ` lowercases to two characters, neither of which it matched.
    let lowercase = |c: char| if mode.unicode { only_char(c.to_lowercase()) } else { Some(c.to_ascii_lowercase()) };
    let last = if mode.unicode { end.min(LAST_CASED) } else { end.min('Z') };
    let mut image: Vec<char> = (start..=last)
        .filter_map(lowercase)
        .flat_map(|c| with_twins(c, mode))
        .filter(|c| !(start..=end).contains(c))
        .collect();
    image.sort_unstable();
    image.dedup();
    image
}

/// Sorted characters as ranges of consecutive ones.
fn char_ranges(chars: Vec<char>) -> Vec<(char, char)> {
    let mut ranges: Vec<(char, char)> = Vec::new();
    for c in chars {
        match ranges.last_mut() {
            Some((_, end)) if char::from_u32(*end as u32 + 1) == Some(c) => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    ranges
}

fn push_class(text: &mut String, negated: bool, ranges: impl IntoIterator<Item = (char, char)>) {
    text.push_str(if negated { "[^" } else { "[" });
    push_ranges(text, ranges);
    text.push(']');
}

fn push_ranges(text: &mut String, ranges: impl IntoIterator<Item = (char, char)>) {
    for (start, end) in ranges {
        push_escaped(text, start);
        if end != start {
            text.push('-');
            push_escaped(text, end);
        }
    }
}

/// Letters and digits as themselves, anything else as `\x{..}`, which means that character in
/// and out of classes, in any mode (a fold may be a metacharacter, `（` folding to `(`).
fn push_escaped(text: &mut String, c: char) {
    if c.is_alphanumeric() {
        text.push(c);
    } else {
        text.push_str(&format!("\\x{{{:X}}}", c as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(value: &str) -> MuteSpec<'_> {
        MuteSpec { value, content: true, mode: MatchMode::Word }
    }

    fn hits(specs: &[MuteSpec], text: &str, tags: &[&str]) -> Vec<usize> {
        let matcher = MuteMatcher::new(specs).expect("compiles");
        let tags: Vec<String> = tags.iter().map(|t| crate::normalize::fold_tag(t)).collect();
        matcher.matches(&MuteInput { text: &fold(text), tags: &tags, lang: None })
    }

    #[test]
    fn punctuation_table_covers_unicode_and_excludes_symbols() {
        for c in ['!', '_', '、', '。', '«', '¿', '—', '‘', '「', '・'] {
            assert!(is_punct(c), "{c:?} is punctuation");
        }
        for c in ['$', '+', '^', '|', 'a', '7', '🦋', '☠', '€', ' '] {
            assert!(!is_punct(c), "{c:?} is not punctuation");
        }
    }

    #[test]
    fn words_end_at_any_non_alphanumeric_character() {
        let specs = [word("politics")];
        assert_eq!(hits(&specs, "enough politics🙄", &[]), vec![0]);
        assert_eq!(hits(&specs, "POLITICS.", &[]), vec![0]);
        assert!(hits(&specs, "geopolitics", &[]).is_empty());
        assert!(hits(&specs, "politicsxyz", &[]).is_empty());
    }

    #[test]
    fn phrases_respect_word_edges_but_not_inner_punctuation() {
        let specs = [word("new york")];
        assert!(hits(&specs, "renew yorkshire", &[]).is_empty());
        assert_eq!(hits(&specs, "I ❤ New York!", &[]), vec![0]);
    }

    #[test]
    fn tag_only_rules_ignore_the_text_and_content_rules_see_tags() {
        let tag_only = [MuteSpec { value: "#Politics", content: false, mode: MatchMode::Word }];
        assert!(hits(&tag_only, "politics politics", &[]).is_empty());
        assert_eq!(hits(&tag_only, "hello", &["politics"]), vec![0]);
        assert!(hits(&tag_only, "hello", &["ukpolitics"]).is_empty());
        let content_only = [MuteSpec { value: "politics", content: true, mode: MatchMode::Word }];
        assert_eq!(hits(&content_only, "hello", &["Politics"]), vec![0]);
    }

    #[test]
    fn substring_and_regex_modes() {
        let specs = [
            MuteSpec { value: "pol", content: true, mode: MatchMode::Substring },
            MuteSpec { value: r"\bcrypto\w*", content: true, mode: MatchMode::Regex },
            MuteSpec { value: r"^nft", content: false, mode: MatchMode::Regex },
        ];
        assert_eq!(hits(&specs, "geopolitics", &[]), vec![0]);
        assert_eq!(hits(&specs, "CryptoCurrency now", &[]), vec![1]);
        assert!(hits(&specs, "nft drop", &[]).is_empty());
        assert_eq!(hits(&specs, "drop", &["NFTart"]), vec![2]);
    }

    fn regex_hits(pattern: &str, text: &str) -> bool {
        !hits(&[MuteSpec { value: pattern, content: true, mode: MatchMode::Regex }], text, &[]).is_empty()
    }

    #[test]
    fn regexes_match_folded_text_as_they_matched_case_insensitively() {
        assert!(regex_hits(r"Crypto\w*", "Buy CRYPTOCURRENCY now"));
        assert!(regex_hits(r"^[A-Z]{3}$", "abc"));
        assert!(!regex_hits(r"[^A-Z]", "a"));
        assert!(regex_hits(r"[[:upper:]]", "a"));
        assert!(!regex_hits(r"[^[:upper:]]", "a"));
        assert!(regex_hits(r"(?i)NFT", "nft drop"));
        // A case-sensitive part stays so: capitals never occur in folded text.
        assert!(!regex_hits(r"(?-i:NFT)", "NFT drop"));
        assert!(regex_hits(r"(?-i:nft)", "NFT drop"));
        assert!(regex_hits(r"CAFÉ", "café"));
        assert!(regex_hits(r"caf[À-Þ]", "CAFÉ"));
        assert!(regex_hits(r"\x{C9}t\x{C9}", "été"));
        // Final sigma: case-insensitively one letter with σ, and folding keeps it.
        assert!(regex_hits(r"ΟΔΟΣ", "οδος"));
        assert!(regex_hits(r"οδος", "ΟΔΟΣ"));
        assert!(regex_hits(r"[Α-Ω]{4}", "οδος"));
        // The micro sign folds to μ, in posts as in patterns.
        assert!(regex_hits(r"5µg", "5µg"));
        assert!(regex_hits(r"\bfree\b", "FREE!"));
        assert!(!regex_hits(r"\bfree\b", "carefree"));
    }

    #[test]
    fn lowering_rewrites_only_what_folded_text_needs() {
        assert_eq!(lowered_regex(r"(?i)NFT").unwrap(), "nft");
        assert_eq!(lowered_regex(r"(?is)A(?-i:B[^C])(?u-i)D").unwrap(), r"(?s)a(?-i:B[^C])(?u-i)D");
        assert_eq!(lowered_regex(r"[A-C\d]x").unwrap(), r"[A-Ca-c\d]x");
        assert_eq!(lowered_regex(r"\bcrypto\w*\.").unwrap(), r"\bcrypto\w*\.");
        // A full-width parenthesis folds to a metacharacter, written escaped.
        assert_eq!(lowered_regex("（").unwrap(), r"\x{28}");
        // ASCII mode: only ASCII case.
        assert_eq!(lowered_regex(r"(?-u:AÉ)").unwrap(), r"(?-u:aÉ)");
        assert_eq!(lowered_regex(r"ΟΔΟΣ").unwrap(), r"οδο[ςσ]");
    }

    #[test]
    fn general_categories_work_and_other_unicode_classes_are_refused_clearly() {
        assert!(regex_hits(r"^\pL+ \p{Nd}+\p{P}$", "Ünïcödé ٣!"));
        assert!(regex_hits(r"\P{L}", "a1"));
        assert!(!regex_hits(r"[\P{L}\d]", "abc"));
        assert!(regex_hits(r"\p{gc=Punctuation}", "«"));
        let error = check_value(r"\p{Greek}+", MatchMode::Regex).unwrap_err();
        assert_eq!(
            error,
            r"Unicode class \p{Greek} is not supported in muted-word regexes; use \p{L} (letters), \p{M} (marks), \p{Nd} (digits) or \p{P} (punctuation)"
        );
        let specs = [word("fine"), MuteSpec { value: r"[\p{Lu}]", content: true, mode: MatchMode::Regex }];
        let errors = MuteMatcher::new(&specs).unwrap_err();
        assert_eq!(errors[0].index, Some(1));
        assert!(errors[0].message.starts_with(r"Unicode class \p{Lu} is not supported"), "{}", errors[0].message);
    }

    #[test]
    fn spaceless_scripts_match_inside_words_without_a_language() {
        assert_eq!(hits(&[word("心配")], "心配するのをやめて", &[]), vec![0]);
    }

    #[test]
    fn bad_values_are_reported_by_index() {
        let specs = [
            word("fine"),
            word("  "),
            MuteSpec { value: "(unclosed", content: true, mode: MatchMode::Regex },
            MuteSpec { value: "a*", content: true, mode: MatchMode::Regex },
            MuteSpec { value: r"\w{1000}\w{1000}", content: true, mode: MatchMode::Regex },
            word("\u{200B}\u{FEFF}"),
        ];
        let errors = MuteMatcher::new(&specs).unwrap_err();
        let indices: Vec<_> = errors.iter().map(|e| e.index).collect();
        assert_eq!(indices, vec![Some(1), Some(2), Some(3), Some(4), Some(5)]);
        assert_eq!(errors[1].message, "the pattern has an opening bracket ( without a closing one");
        assert!(errors[3].message.contains("too large"), "{}", errors[3].message);
    }

    #[test]
    fn hostile_input_is_linear_and_safe() {
        let specs: Vec<MuteSpec> = ["a", "aa", "aaa", "a a", "a-a"].iter().map(|v| word(v)).collect();
        let text = "a-".repeat(50_000) + &"\u{202E}a\u{200B}".repeat(10_000);
        assert_eq!(hits(&specs, &text, &[]), vec![0, 4]);
    }

    #[test]
    fn prefilter_literals_occur_in_every_match() {
        let literals = |source: &str| regex_literals(&[source.to_string()]).map(|lits| {
            lits.into_iter().map(|l| String::from_utf8(l).unwrap()).collect::<Vec<_>>()
        });
        assert_eq!(literals(r"\bcrypto\w*"), Some(vec!["crypto".to_string()]));
        assert_eq!(literals(r"[ab]cd"), Some(vec!["acd".to_string(), "bcd".to_string()]));
        assert_eq!(literals(r"nft(s|z)"), Some(vec!["nfts".to_string(), "nftz".to_string()]));
        assert_eq!(literals(r"(buy|sell)\s+now"), Some(vec!["now".to_string()]));
        assert_eq!(literals(r"(make|earn) \$\d+"), Some(vec!["earn $".to_string(), "make $".to_string()]));
        assert_eq!(literals(r"(caf[eé]|tea)"), Some(vec!["cafe".to_string(), "café".to_string(), "tea".to_string()]));
        assert_eq!(literals(r"a*"), None);
        assert_eq!(literals(r"\w+"), None);
        assert_eq!(literals(r"x|\d+"), None, "a branch without literals lets everything through");
    }
}
