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
//! (one `RegexSet`, case-insensitive, size-limited so that no pattern can be slow).

use crate::normalize::fold;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

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
    if value.trim().is_empty() {
        return Err("must not be empty".to_string());
    }
    if mode == MatchMode::Regex {
        let regex = RegexBuilder::new(value)
            .case_insensitive(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| regex_error(&e))?;
        if regex.is_match("") {
            return Err("regex matches empty text, so it would mute every post".to_string());
        }
    } else if folded_value(value).is_empty() {
        return Err("has nothing left once invisible characters are removed".to_string());
    }
    Ok(())
}

fn regex_error(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => format!(
            "regex is too large to match quickly (compiled size over {} KB); simplify it or split it into several rules",
            limit / 1024
        ),
        // The syntax error's last line says what is wrong; the lines above draw carets.
        regex::Error::Syntax(text) => {
            let reason = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(text);
            format!("invalid regex: {}", reason.trim().trim_start_matches("error: "))
        }
        other => format!("invalid regex: {other}"),
    }
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
        let mut regex_sources: Vec<&str> = Vec::new();
        let mut regex_rules = Vec::new();

        for (index, spec) in specs.iter().enumerate() {
            if let Err(message) = check_value(spec.value, spec.mode) {
                errors.push(MuteError { index: Some(index), message });
                continue;
            }
            let rule = index as u32;
            if spec.mode == MatchMode::Regex {
                regex_sources.push(spec.value);
                regex_rules.push((rule, spec.content));
                continue;
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
                .case_insensitive(true)
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
        let regex_prefilter = regex_literals.as_ref().and_then(|literals| automaton_with_case(literals, true).ok());
        // Folded text and muted words hold no ASCII capitals, so ignoring ASCII case changes
        // nothing for the words and lets the lowercased regex literals find every case.
        let content_regex_literals = regex_rules.iter().any(|&(_, content)| content) && regex_prefilter.is_some();
        // The text is searched once for muted words and the regex literals together.
        let mut content_bytes: Vec<Vec<u8>> = content_strings.into_iter().map(String::into_bytes).collect();
        if content_regex_literals {
            content_bytes.extend(regex_literals.into_iter().flatten());
        }
        let content_ac = build_ac(&content_bytes, content_regex_literals, &mut errors);
        let tag_ac = build_ac(&tag_strings, false, &mut errors);
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
            let may_match = |hay: &str| self.regex_prefilter.as_ref().map_or(true, |ac| ac.is_match(hay));
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

/// The literals of `MuteMatcher::regex_prefilter`: for each regex, the literals that begin
/// every match or those that end every match (as the regex crate's own prefilters find them),
/// whichever are longer; `None` if some regex has neither. The case variants that
/// case-insensitive extraction spells out are collapsed to ASCII lowercase, and the automaton
/// ignores ASCII case, so the filter still lets every possible match through.
fn regex_literals(sources: &[&str]) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut literals: Vec<Vec<u8>> = Vec::new();
    for source in sources {
        // The same syntax options as `RegexSetBuilder` above (the regex crate's defaults).
        let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(source).ok()?;
        let best = [ExtractKind::Prefix, ExtractKind::Suffix]
            .into_iter()
            .filter_map(|kind| {
                // Room for the case variants of a few words before the extractor shortens them.
                let seq = Extractor::new().kind(kind).limit_total(2048).extract(&hir);
                let mut lits: Vec<Vec<u8>> =
                    seq.literals()?.iter().map(|l| l.as_bytes().to_ascii_lowercase()).collect();
                lits.sort_unstable();
                lits.dedup();
                // An empty literal would be found everywhere: no use as a filter.
                let shortest = lits.iter().map(Vec::len).min().filter(|&n| n > 0)?;
                Some((shortest, std::cmp::Reverse(lits.len()), lits))
            })
            .max()?;
        literals.extend(best.2);
    }
    literals.sort_unstable();
    literals.dedup();
    Some(literals)
}

/// Patterns up to this many bytes in all get a DFA (one table lookup per byte, at most a few
/// hundred KB); beyond it the compact contiguous NFA keeps memory small.
const DFA_PATTERN_BYTES: usize = 8 * 1024;

/// An automaton reporting every (overlapping) occurrence, as fast as its size allows.
pub(crate) fn automaton<P: AsRef<[u8]>>(patterns: &[P]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    automaton_with_case(patterns, false)
}

fn automaton_with_case<P: AsRef<[u8]>>(
    patterns: &[P],
    ascii_case_insensitive: bool,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
    let kind = (bytes <= DFA_PATTERN_BYTES).then_some(AhoCorasickKind::DFA);
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(ascii_case_insensitive)
        .kind(kind)
        .build(patterns)
}

fn build_ac<P: AsRef<[u8]>>(
    patterns: &[P],
    ascii_case_insensitive: bool,
    errors: &mut Vec<MuteError>,
) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    match automaton_with_case(patterns, ascii_case_insensitive) {
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
    let ranges = punct_ranges();
    let i = ranges.partition_point(|&(_, end)| end < c);
    ranges.get(i).is_some_and(|&(start, _)| start <= c)
}

/// The ranges of `\p{P}`, taken from the regex crate's own Unicode tables (already linked).
fn punct_ranges() -> &'static [(char, char)] {
    static RANGES: OnceLock<Vec<(char, char)>> = OnceLock::new();
    RANGES.get_or_init(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::Parser::new().parse(r"\p{P}").map(|hir| hir.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(class))) => class.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            _ => Vec::new(), // unreachable with the unicode-gencat feature; ASCII still works
        }
    })
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
        assert!(errors[1].message.starts_with("invalid regex"), "{}", errors[1].message);
        assert!(errors[3].message.contains("too large"), "{}", errors[3].message);
    }

    #[test]
    fn hostile_input_is_linear_and_safe() {
        let specs: Vec<MuteSpec> = ["a", "aa", "aaa", "a a", "a-a"].iter().map(|v| word(v)).collect();
        let text = "a-".repeat(50_000) + &"\u{202E}a\u{200B}".repeat(10_000);
        assert_eq!(hits(&specs, &text, &[]), vec![0, 4]);
    }
}
