//! The topic judge: does a post read as a teacher's professional post, whatever its tags?
//!
//! A post's words and word pairs are looked up in the shipped topic model (hand-weighted
//! teaching vocabulary plus weights learned from labelled posts, one hashed table: see
//! `examples/train_topic.rs`) and in the teacher's own model, learned on the device from
//! "show posts like this" / "not for me" and saved ideas. The sum is a logit; the lens's
//! strictness says how high it must be. The words that weighed most are the explanation.

use crate::model::{feature_hash, LinearModel};
use std::borrow::Cow;

/// Words read per post: a 100 KB post costs no more than a long one.
const MAX_WORDS: usize = 300;
/// How much one example moves a feature of the teacher's own model, and how far it can go.
const PERSONAL_STEP: f32 = 1.0;
const PERSONAL_CAP: f32 = 3.0;
/// Examples the teacher's own model keeps (the newest).
pub const MAX_EXAMPLES: usize = 500;
/// Relaxed shows posts down to this logit; balanced needs the model to lean professional.
const RELAXED_THRESHOLD: f32 = -1.0;
/// A phrase weighing at least this much counts as evidence for teaching; a post with none
/// is off-topic whatever its score (a short post of unknown words is not a teaching post).
pub const EVIDENCE: f32 = 0.5;
const BALANCED_THRESHOLD: f32 = 0.0;

/// A word of a post: as written (folded) for explanations, and as the model sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    pub shown: &'a str,
    pub key: Cow<'a, str>,
}

/// The words of a folded post text: runs of letters and digits, mentions, links and "RT"
/// left out (they say nothing about the topic, and the training corpora write them
/// differently), hashtags read as words, digit runs read as one digit ("Y9" ≈ "Y10").
pub fn words(folded: &str) -> Vec<Word<'_>> {
    let bytes = folded.as_bytes();
    let mut out = Vec::with_capacity(32);
    // One pass over the bytes, ASCII decided by byte (most posts), other characters decoded.
    let char_at = |i: usize| -> (char, usize) {
        if bytes[i] < 0x80 {
            (bytes[i] as char, 1)
        } else {
            let c = folded[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    };
    let mut i = 0;
    while i < bytes.len() && out.len() < MAX_WORDS {
        let (c, len) = char_at(i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let chunk_start = i;
        while i < bytes.len() {
            let (c, len) = char_at(i);
            if c.is_whitespace() {
                break;
            }
            i += len;
        }
        let chunk = &bytes[chunk_start..i];
        let link = chunk.windows(3).any(|w| w == b"://") || chunk.starts_with(b"www.");
        if link || chunk[0] == b'@' || chunk == b"rt" {
            continue;
        }
        // Words inside the chunk. An apostrophe inside a word belongs to it ("parent's",
        // "don't"), keyed without it.
        let mut j = chunk_start;
        let mut start = None;
        while j < i {
            let (c, len) = char_at(j);
            let inside = start.is_some()
                && is_apostrophe(c)
                && j + len < i
                && char_at(j + len).0.is_alphanumeric();
            match (c.is_alphanumeric() || inside, start) {
                (true, None) => start = Some(j),
                (false, Some(s)) => {
                    out.push(word(&folded[s..j]));
                    start = None;
                }
                _ => {}
            }
            j += len;
        }
        if let Some(s) = start {
            out.push(word(&folded[s..i]));
        }
    }
    out.truncate(MAX_WORDS);
    out
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The model's key for a word: apostrophes dropped, digit runs as one '0'.
fn word(shown: &str) -> Word<'_> {
    if !shown.chars().any(|c| c.is_ascii_digit() || is_apostrophe(c)) {
        return Word { shown, key: Cow::Borrowed(shown) };
    }
    let mut key = String::with_capacity(shown.len());
    for c in shown.chars().filter(|&c| !is_apostrophe(c)) {
        let c = if c.is_ascii_digit() { '0' } else { c };
        if !(c == '0' && key.ends_with('0')) {
            key.push(c);
        }
    }
    Word { shown, key: Cow::Owned(key) }
}

/// One feature of a post: its hash and the words it covers (`first..=last`).
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    pub hash: u32,
    pub first: usize,
    pub last: usize,
}

/// Words that say nothing about a topic on their own ("to", "today", a bare number). Left
/// out as single words, since longer posts have more of them and the model would learn
/// length; kept in pairs, where "my class" and "my teacher" differ.
fn is_function_word(key: &str) -> bool {
    matches!(
        key,
        "0" | "a" | "an" | "the" | "and" | "or" | "but" | "so" | "if" | "of" | "to" | "in" | "on" | "at" | "for"
            | "with" | "from" | "by" | "about" | "as" | "up" | "out" | "is" | "are" | "was" | "were" | "be"
            | "been" | "am" | "m" | "s" | "t" | "ll" | "re" | "ve" | "d" | "it" | "its" | "this" | "that"
            | "these" | "those" | "i" | "im" | "me" | "my" | "we" | "us" | "our" | "you" | "your" | "he"
            | "she" | "they" | "them" | "their" | "his" | "her" | "do" | "does" | "did" | "have" | "has"
            | "had" | "will" | "would" | "can" | "could" | "just" | "not" | "no" | "all" | "one" | "every"
            | "today" | "tonight" | "tomorrow" | "week" | "day" | "time" | "now" | "new" | "what" | "how"
            | "who" | "when" | "why" | "get" | "got" | "more" | "very" | "really"
    )
}

/// Every word (but function words) and every pair of neighbouring words (but pairs of
/// function words), each distinct hash once.
pub fn features(words: &[Word]) -> Vec<Feature> {
    feature_keys(words).into_iter().map(feature_of).collect()
}

/// `features` packed as u64s, sorted: hash, then the first word's position and whether the
/// feature is a pair. Sorting plain integers is cheap and is the one sort the module already has.
fn feature_keys(words: &[Word]) -> Vec<u64> {
    let mut keys = Vec::with_capacity(words.len() * 2);
    for (i, word) in words.iter().enumerate() {
        let function_word = is_function_word(&word.key);
        if !function_word {
            keys.push((feature_hash(b'w', &[word.key.as_bytes()]) as u64) << 32 | (i as u64) << 1);
        }
        if let Some(next) = words.get(i + 1).filter(|next| !(function_word && is_function_word(&next.key))) {
            let hash = feature_hash(b'b', &[word.key.as_bytes(), next.key.as_bytes()]);
            keys.push((hash as u64) << 32 | (i as u64) << 1 | 1);
        }
    }
    keys.sort_unstable();
    keys.dedup_by(|later, earlier| *later >> 32 == *earlier >> 32);
    keys
}

fn feature_of(key: u64) -> Feature {
    let first = ((key & 0xffff_ffff) >> 1) as usize;
    Feature { hash: (key >> 32) as u32, first, last: first + (key & 1) as usize }
}

/// How sure the lens must be before it shows a post on its words alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Shows posts that lean even a little towards teaching.
    Relaxed,
    /// Shows posts whose words read as a teacher's professional post.
    #[default]
    Balanced,
    /// Only the chosen packs' tags and keywords and the teacher's own (no topic model).
    Tags,
}

impl Strictness {
    pub fn threshold(self) -> Option<f32> {
        match self {
            Strictness::Relaxed => Some(RELAXED_THRESHOLD),
            Strictness::Balanced => Some(BALANCED_THRESHOLD),
            Strictness::Tags => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Strictness::Relaxed => "relaxed",
            Strictness::Balanced => "balanced",
            Strictness::Tags => "tags",
        }
    }
}

/// A post the teacher marked: `professional` for "show posts like this" and saved ideas,
/// not for "not for me".
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    pub professional: bool,
}

/// Weights learned from the teacher's own examples, on top of the shipped model: feature
/// hash → weight, sorted by hash.
#[derive(Debug, Clone, Default)]
pub struct PersonalModel {
    weights: Vec<(u32, f32)>,
    examples: usize,
}

impl PersonalModel {
    /// Learns from the newest `MAX_EXAMPLES` examples (the list is oldest first): each moves
    /// its features by one step, the newest last, each weight within the cap.
    pub fn learn(examples: &[Example]) -> PersonalModel {
        let newest = &examples[examples.len().saturating_sub(MAX_EXAMPLES)..];
        let mut steps: Vec<f32> = Vec::new();
        let mut keys: Vec<u64> = Vec::new(); // (hash, order of the step)
        for example in newest {
            let step = if example.professional { PERSONAL_STEP } else { -PERSONAL_STEP };
            let folded = crate::normalize::fold(&example.text);
            for feature in features(&words(&folded)) {
                keys.push((feature.hash as u64) << 32 | steps.len() as u64);
                steps.push(step);
            }
        }
        keys.sort_unstable();
        let mut weights: Vec<(u32, f32)> = Vec::new();
        for key in keys {
            let (hash, step) = ((key >> 32) as u32, steps[(key & 0xffff_ffff) as usize]);
            match weights.last_mut() {
                Some((h, w)) if *h == hash => *w = (*w + step).clamp(-PERSONAL_CAP, PERSONAL_CAP),
                _ => weights.push((hash, step)),
            }
        }
        weights.retain(|&(_, w)| w != 0.0);
        PersonalModel { weights, examples: newest.len() }
    }

    pub fn examples(&self) -> usize {
        self.examples
    }

    fn weight(&self, hash: u32) -> f32 {
        if self.weights.is_empty() {
            return 0.0;
        }
        self.weights.binary_search_by_key(&hash, |&(h, _)| h).map_or(0.0, |i| self.weights[i].1)
    }
}

/// A post's topic score and the words that weighed most towards teaching.
#[derive(Debug, Clone)]
pub struct TopicScore {
    pub logit: f32,
    /// Up to three phrases, strongest first, each weighing at least `EVIDENCE`.
    pub for_teaching: Vec<String>,
}

pub fn score(model: &LinearModel, personal: &PersonalModel, words: &[Word], extra: f32) -> TopicScore {
    let mut logit = model.bias() + extra;
    // Only the features strong enough to name are kept (a few per post).
    let mut strong: Vec<(f32, Feature)> = Vec::new();
    for key in feature_keys(words) {
        let feature = feature_of(key);
        let weight = model.weight(feature.hash) + personal.weight(feature.hash);
        logit += weight;
        if weight >= EVIDENCE {
            strong.push((weight, feature));
        }
    }
    // The three strongest, by three scans. A pair and one of its words are one piece of
    // evidence: the stronger is named.
    let mut for_teaching: Vec<String> = Vec::new();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    while for_teaching.len() < 3 {
        let strongest = strong
            .iter()
            .filter(|(_, f)| !covered.iter().any(|&(a, b)| f.first <= b && a <= f.last))
            .fold(None::<&(f32, Feature)>, |best, c| if best.is_some_and(|b| b.0 >= c.0) { best } else { Some(c) });
        let Some((_, f)) = strongest else { break };
        covered.push((f.first, f.last));
        for_teaching.push(words[f.first..=f.last].iter().map(|w| w.shown).collect::<Vec<_>>().join(" "));
    }
    TopicScore { logit, for_teaching }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_skip_mentions_links_and_retweet_markers() {
        let keys: Vec<String> =
            words("rt @mrs_k: tried it with my y9s! https://t.co/ab12 #edchat don't www.x.com")
                .into_iter()
                .map(|w| w.key.into_owned())
                .collect();
        assert_eq!(keys, ["tried", "it", "with", "my", "y0s", "edchat", "dont"]);
        assert_eq!(words("parent\u{2019}s evening")[0].shown, "parent\u{2019}s");
        assert_eq!(words("'quoted'")[0].key, "quoted");
        assert_eq!(words("year 11 and year 9")[1].shown, "11");
        assert_eq!(words(&"word ".repeat(10_000)).len(), MAX_WORDS);
    }

    #[test]
    fn personal_examples_move_similar_posts_and_are_bounded() {
        let example = |text: &str, professional| Example { text: text.into(), professional };
        let personal = PersonalModel::learn(&[example("Knitting patterns for beginners", true)]);
        let zero = LinearModel::quantise(0.0, &[0.0; 256]);
        let similar = score(&zero, &personal, &words("new knitting patterns"), 0.0);
        assert!(similar.logit > 1.0, "{similar:?}");
        assert_eq!(similar.for_teaching, ["knitting patterns"]);
        let many: Vec<Example> = (0..MAX_EXAMPLES + 50).map(|i| example(&format!("post {i}"), false)).collect();
        let learned = PersonalModel::learn(&many);
        assert_eq!(learned.examples(), MAX_EXAMPLES);
        assert!(learned.weights.iter().all(|(_, w)| w.abs() <= PERSONAL_CAP));
    }
}
