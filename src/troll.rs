//! Troll signals (issue 6): a weighted lexicon of slurs, profanity, insults and hostile
//! phrases matched after an anti-evasion fold, plus shouting, punctuation storms and
//! pile-ons, summed into one score and compared with the user's sensitivity. Every signal
//! that counted is returned as a reason the teacher can read; any reason hides the post.

mod fold;
mod lexicon;

pub use fold::decode_entities;

use crate::post::{Reason, ReasonKind};
use fold::Folded;
use lexicon::{Category, Entry, Lexicon, Span};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    Off,
    Low,
    #[default]
    Medium,
    High,
}

impl Sensitivity {
    /// Score (tenths) at which a post is hidden. The lexicon's weights are written against
    /// these: 3 hides at every level, 2 from medium, 1 only at high.
    fn threshold(self) -> Option<u32> {
        match self {
            Sensitivity::Off => None,
            Sensitivity::Low => Some(30),
            Sensitivity::Medium => Some(20),
            Sensitivity::High => Some(10),
        }
    }
}

/// Added once when a word of weight 1 or more is aimed at the reader ("you idiot",
/// "fuck you"): the difference between a rude word and an attack.
const DIRECTED: u32 = 10;
const SHOUTING: u32 = 10;
const PUNCTUATION_STORM: u32 = 5;
const PILE_ON: u32 = 10;
/// Mentions from which a reply counts as a pile-on.
const PILE_ON_MENTIONS: usize = 6;
/// Capitals only count as shouting over this many letters ("OMG" is not shouting).
const SHOUTING_MIN_LETTERS: usize = 16;
const SHOUTING_PERCENT: usize = 70;
/// A run of this many '!'/'?' is a storm ("!!!!", "?!?!").
const STORM_RUN: usize = 4;

// Word lists are `matches!` patterns rather than slices: they compile to a switch on length
// and a few compares, which matters on the per-post path.

/// A word that addresses the reader, squeezed like the tokens ("you're" -> "youre",
/// "y'all" -> "yal").
fn second_person(token: &[u8]) -> Option<&'static str> {
    Some(match token {
        b"you" => "you",
        b"u" => "u",
        b"ur" => "ur",
        b"youre" => "you're",
        b"ya" => "ya",
        b"yu" => "yu",
        b"yourself" => "yourself",
        b"urself" => "urself",
        b"yal" => "y'all",
        b"thou" => "thou",
        _ => return None,
    })
}

/// Words that may stand between "you" and the insult: "you're such an absolute idiot".
fn is_filler(token: &[u8]) -> bool {
    matches!(
        token,
        b"are"
            | b"r"
            | b"re"
            | b"is"
            | b"so"
            | b"such"
            | b"a"
            | b"an"
            | b"absolute"
            | b"absolutely"
            | b"complete"
            | b"total"
            | b"fucking"
            | b"fuckin"
            | b"realy"
            | b"just"
            | b"being"
            | b"the"
            | b"bigest"
            | b"big"
            | b"litle"
            | b"stupid"
            | b"dumb"
            | b"fat"
            | b"ugly"
            | b"dirty"
            | b"lazy"
            | b"old"
    )
}

/// Dutch function words that are not English words or slang: two of them make a post Dutch.
fn is_dutch(token: &[u8]) -> bool {
    matches!(
        token,
        b"het"
            | b"een"
            | b"niet"
            | b"ik"
            | b"zijn"
            | b"maar"
            | b"ook"
            | b"nog"
            | b"naar"
            | b"voor"
            | b"moet"
            | b"weet"
            | b"waar"
            | b"bij"
            | b"jij"
            | b"mijn"
            | b"wij"
            | b"zich"
            | b"heb"
            | b"altijd"
            | b"gewoon"
            | b"leerlingen"
            | b"omdat"
    )
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// Scores posts for troll content. Cheap to create: the lexicon is compiled once per process.
#[derive(Debug, Clone, Copy)]
pub struct TrollDetector {
    lexicon: &'static Lexicon,
}

impl Default for TrollDetector {
    fn default() -> Self {
        TrollDetector::new()
    }
}

/// One lexicon entry found in a post, over tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: usize,
    first: usize,
    last: usize,
}

impl TrollDetector {
    pub fn new() -> Self {
        TrollDetector { lexicon: lexicon() }
    }

    /// Every troll reason the text earns at this sensitivity (empty: not a troll post).
    /// `mentions` is how many accounts the post mentions.
    pub fn assess(&self, text: &str, mentions: usize, sensitivity: Sensitivity) -> Vec<Reason> {
        let Some(threshold) = sensitivity.threshold() else {
            return Vec::new();
        };
        let lex = self.lexicon;
        let decoded = decode_entities(text);
        let folded = fold::fold(&decoded);
        let hits = self.hits(&folded);

        let mut score: u32 = hits.iter().map(|h| lex.entries[h.entry].weight).sum();
        let directed = hits
            .iter()
            .filter(|h| {
                lex.entries[h.entry].weight >= 10 && lex.entries[h.entry].category != Category::Mild
            })
            .find_map(|h| aimed_at_reader(&folded, h).map(|marker| (marker, h.entry)));
        score += if directed.is_some() { DIRECTED } else { 0 };
        let shouting = shouting_percent(&decoded);
        score += if shouting.is_some() { SHOUTING } else { 0 };
        let storm = has_punctuation_storm(&decoded);
        score += if storm { PUNCTUATION_STORM } else { 0 };
        let pile_on = mentions >= PILE_ON_MENTIONS;
        score += if pile_on { PILE_ON } else { 0 };
        if score < threshold {
            return Vec::new();
        }

        let mut reasons = Vec::new();
        let mut categories: Vec<Category> =
            hits.iter().map(|h| lex.entries[h.entry].category).collect();
        categories.sort_unstable();
        categories.dedup();
        for category in categories {
            let terms: Vec<String> = hits
                .iter()
                .filter(|h| lex.entries[h.entry].category == category)
                .take(3)
                .map(|h| format!("'{}'", display(&lex.entries[h.entry])))
                .collect();
            reasons.push(troll(format!("{}: {}", category.label(), terms.join(", "))));
        }
        if let Some((marker, entry)) = directed {
            reasons.push(troll(format!(
                "hostility: '{marker} … {}'",
                display(&lex.entries[entry])
            )));
        }
        if let Some(percent) = shouting {
            reasons.push(troll(format!("shouting: {percent}% capitals")));
        }
        if storm {
            reasons.push(troll("punctuation storm".to_string()));
        }
        if pile_on {
            reasons.push(troll(format!("pile-on: {mentions} mentions")));
        }
        reasons
    }

    /// Lexicon entries found in the post, each once, in order of appearance, without those
    /// inside an allowed phrase ("maine coon") or Dutch words in a Dutch post.
    fn hits(&self, folded: &Folded) -> Vec<Hit> {
        let lex = self.lexicon;
        let mut raw: Vec<Hit> = Vec::new();
        let text = folded.squeezed.as_slice();
        let spans = &folded.squeezed_spans;
        for m in lex.automaton.find_overlapping_iter(text) {
            let entry = &lex.entries[m.pattern().as_usize()];
            // Every token has a space on both sides, and patterns never start or end with one.
            let left = text[m.start() - 1] == b' ';
            let right = text[m.end()] == b' ';
            let fits = match entry.span {
                Span::Word => left && right,
                Span::Prefix => left,
                Span::Suffix => right,
                Span::Infix => true,
            };
            if !fits {
                continue;
            }
            let first = spans.partition_point(|&(s, _)| s as usize <= m.start()) - 1;
            let last = spans.partition_point(|&(s, _)| (s as usize) < m.end()) - 1;
            if entry.doubled.as_ref().map_or(true, |form| {
                shows_doubled(folded.doubled_tokens(first, last), form, entry.span)
            }) {
                raw.push(Hit {
                    entry: m.pattern().as_usize(),
                    first,
                    last,
                });
            }
        }
        for &token in &folded.masked {
            let token = token as usize;
            if let Some(entry) = masked_entry(lex, folded.doubled_token(token)) {
                raw.push(Hit {
                    entry,
                    first: token,
                    last: token,
                });
            }
        }
        raw.sort_unstable_by_key(|h| (h.first, h.last));

        let is_ok = |h: &Hit| lex.entries[h.entry].category == Category::Ok;
        let mut allowed = Vec::new();
        if raw.iter().any(is_ok) {
            allowed = vec![false; folded.token_count()];
            for h in raw.iter().filter(|h| is_ok(h)) {
                allowed[h.first..=h.last].iter_mut().for_each(|a| *a = true);
            }
        }
        let dutch = raw.iter().any(|h| lex.entries[h.entry].not_dutch) && reads_as_dutch(folded);
        let weight = |h: &Hit| lex.entries[h.entry].weight;
        let mut hits: Vec<Hit> = Vec::new();
        for h in raw {
            let excused = is_ok(&h)
                || (!allowed.is_empty() && allowed[h.first..=h.last].iter().all(|&a| a))
                || (dutch && lex.entries[h.entry].not_dutch)
                || mentioned(folded, h.first);
            if excused || hits.iter().any(|k| k.entry == h.entry) {
                continue;
            }
            // Words count once: "bitchass" is one hit, not "bitch" and "bitchass".
            match hits.last_mut() {
                Some(k) if h.first <= k.last => {
                    if weight(&h) > weight(k) {
                        *k = h;
                    }
                }
                _ => hits.push(h),
            }
        }
        hits
    }
}

/// A word talked about rather than used: "the word 'retarded'", "slurs like ...". Teachers
/// explain why words hurt; that is not an attack.
fn mentioned(folded: &Folded, first: usize) -> bool {
    let before = |back: usize| first.checked_sub(back).map(|i| folded.squeezed_token(i));
    match before(1) {
        Some(b"word" | b"words" | b"term" | b"terms" | b"slur" | b"slurs") => true,
        Some(b"like") => matches!(before(2), Some(b"words" | b"terms" | b"slurs" | b"insults")),
        _ => false,
    }
}

/// Whether the doubled-form tokens a squeezed match covers spell the doubled term: "as" is
/// not "ass", "con" is not "coon".
fn shows_doubled(tokens: &[u8], form: &[u8], span: Span) -> bool {
    match span {
        Span::Word => tokens == form,
        Span::Prefix => tokens.starts_with(form),
        Span::Suffix => tokens.ends_with(form),
        Span::Infix => tokens.windows(form.len()).any(|w| w == form),
    }
}

fn reads_as_dutch(folded: &Folded) -> bool {
    let mut seen: Option<&[u8]> = None;
    for i in 0..folded.token_count() {
        let token = folded.doubled_token(i);
        if is_dutch(token) && seen != Some(token) {
            if seen.is_some() {
                return true;
            }
            seen = Some(token);
        }
    }
    false
}

fn troll(detail: String) -> Reason {
    Reason {
        kind: ReasonKind::Troll,
        detail,
    }
}

/// The entry's term for a reason: slurs and profanity keep only their first and last letters.
fn display(entry: &Entry) -> String {
    if !matches!(entry.category, Category::Slur | Category::Profanity) {
        return entry.term.clone();
    }
    let mask = |w: &str| -> String {
        let n = w.len();
        w.char_indices()
            .map(|(i, c)| if i == 0 || i + 1 == n { c } else { '*' })
            .collect()
    };
    entry
        .term
        .split(' ')
        .map(mask)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The second-person word that aims this hit at the reader: "you", optionally followed by
/// filler ("you're such an"), just before it, or "you" right after it ("fuck you").
fn aimed_at_reader(folded: &Folded, hit: &Hit) -> Option<&'static str> {
    let marker = |i: usize| second_person(folded.squeezed_token(i));
    if hit.last + 1 < folded.token_count() {
        if let Some(m) = marker(hit.last + 1) {
            return Some(m);
        }
    }
    let mut i = hit.first;
    for _ in 0..4 {
        if i == 0 {
            return None;
        }
        i -= 1;
        if let Some(m) = marker(i) {
            return Some(m);
        }
        if !is_filler(folded.squeezed_token(i)) {
            return None;
        }
    }
    None
}

/// The lexicon entry a star-masked token spells ("f*ck", "sh**ty", "b***h"), if any; the
/// longest such term, as it explains the most letters.
fn masked_entry(lex: &Lexicon, t: &[u8]) -> Option<usize> {
    if !t.first()?.is_ascii_lowercase() {
        return None;
    }
    let fits = |e: &Entry| {
        let w = e.term.as_bytes();
        if e.category == Category::Ok || w.len() < 3 || w.contains(&b' ') || t.len() < w.len() {
            return false;
        }
        let window = match e.span {
            Span::Word if t.len() == w.len() => t,
            Span::Prefix | Span::Infix => &t[..w.len()],
            Span::Suffix => &t[t.len() - w.len()..],
            Span::Word => return false,
        };
        window.contains(&b'*')
            && window.iter().any(u8::is_ascii_lowercase)
            && window.iter().zip(w).all(|(a, b)| a == b || *a == b'*')
    };
    let mut best: Option<usize> = None;
    for (i, e) in lex.entries.iter().enumerate() {
        if fits(e) && best.map_or(true, |b| lex.entries[b].term.len() < e.term.len()) {
            best = Some(i);
        }
    }
    best
}

/// Percentage of capitals when the post is long enough and mostly capitals.
fn shouting_percent(text: &str) -> Option<usize> {
    if text.len() < SHOUTING_MIN_LETTERS {
        return None;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    if text.is_ascii() {
        for b in text.bytes().filter(u8::is_ascii_alphabetic) {
            letters += 1;
            upper += b.is_ascii_uppercase() as usize;
        }
    } else {
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += c.is_uppercase() as usize;
        }
    }
    let percent = upper * 100 / letters.max(1);
    (letters >= SHOUTING_MIN_LETTERS && percent >= SHOUTING_PERCENT).then_some(percent)
}

fn has_punctuation_storm(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b == b'!' || b == b'?' { run + 1 } else { 0 };
        if run >= STORM_RUN {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(text: &str, s: Sensitivity) -> Vec<String> {
        TrollDetector::new()
            .assess(text, 0, s)
            .into_iter()
            .map(|r| r.detail)
            .collect()
    }

    #[test]
    fn weights_follow_sensitivity() {
        // Strong profanity alone: medium and high, not low.
        assert!(details("what a bitch", Sensitivity::Low).is_empty());
        assert_eq!(
            details("what a bitch", Sensitivity::Medium),
            ["profanity: 'b***h'"]
        );
        // An insult alone only at high; aimed at the reader from medium.
        assert!(details("that was a stupid idea", Sensitivity::Medium).is_empty());
        assert!(!details("that was a stupid idea", Sensitivity::High).is_empty());
        assert_eq!(
            details("you're such an idiot", Sensitivity::Medium),
            ["insult: 'idiot'", "hostility: 'you're … idiot'"]
        );
        assert!(details("you're an idiot", Sensitivity::Off).is_empty());
    }

    #[test]
    fn allowed_phrases_and_dutch_cancel_their_words() {
        assert!(details("Our maine coon visited class today", Sensitivity::High).is_empty());
        assert!(!details("shut up coon", Sensitivity::Low).is_empty());
        assert!(details("Hoe leg ik dit uit aan mijn leerlingen?", Sensitivity::High).is_empty());
        assert!(!details("what a hoe", Sensitivity::Medium).is_empty());
    }

    #[test]
    fn words_talked_about_are_not_used() {
        assert!(details(
            "we discussed why the word 'retarded' hurts",
            Sensitivity::High
        )
        .is_empty());
        assert!(details("slurs like 'fag' are not banter", Sensitivity::High).is_empty());
        assert!(!details("you retard", Sensitivity::Medium).is_empty());
    }

    #[test]
    fn masked_words_are_read() {
        assert_eq!(
            details("f**k this", Sensitivity::Medium),
            ["profanity: 'f**k'"]
        );
        assert_eq!(
            details("sh*tty day", Sensitivity::Medium),
            ["profanity: 's****y'"]
        );
        assert!(details("5* review, *really* good", Sensitivity::High).is_empty());
    }
}
