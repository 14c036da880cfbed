//! How the shipped topic model (`extension/models/topic.srlm`) is made, by
//! `cargo run --release --example train_topic`; a test checks that the shipped file is what
//! this produces.
//!
//! Professional posts: `data/lens/train-professional-*.txt` (written for the project).
//! General posts: `data/lens/train-general-*.txt` (written for the project, many using school
//! words from a pupil's or parent's side), and four fifths of the Davidson tweets and of OLID
//! (`../shared/data`): every tweet whose id is not a multiple of 7; those are the development
//! set's general posts, with `data/lens/dev-*.txt`, and are never trained on.
//!
//! Hashtags are removed before training: most posts on a teacher's timeline carry none, and
//! the lens reads tags separately. The hand-weighted vocabulary (`data/lens/vocabulary.txt`) is
//! a fixed part of each post's score while the rest is learned, then added into the same table.
//! The balanced threshold is set by 5-fold cross-validation so that 1% of general posts pass.

use super::topic::{features, words, EVIDENCE};
use crate::corpus::{self, Tweet};
use crate::model::train::{self, Example, Settings};
use crate::model::LinearModel;
use crate::normalize::fold;
use std::collections::HashMap;

const SETTINGS: Settings = Settings { log2_buckets: 18, epochs: 8, learning_rate: 0.08, l2: 1e-5, seed: 2026, log_count_ratio: None };
/// Shares of general posts the balanced lens may show, by cross-validation (see `calibrate`).
const GENERAL_SHOWN: f64 = 0.01;
const OWN_GENERAL_SHOWN: f64 = 0.04;
const FOLDS: usize = 5;
/// Features seen in fewer training posts are not learned (their buckets stay free, so that
/// words never seen in training mostly land on zero).
const MIN_POSTS_PER_FEATURE: u32 = 2;

/// Where a labelled post comes from, for the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    OwnProfessional,
    OwnGeneral,
    DavidsonNeither,
    DavidsonOffensive,
    OlidNot,
    OlidOff,
}

pub struct Labelled {
    pub text: String,
    pub professional: bool,
    pub source: Source,
}

/// A Davidson or OLID tweet is in the development set when its id is a multiple of 7.
pub fn held_out(tweet: &Tweet) -> bool {
    tweet.id % 7 == 0
}

fn general(tweets: Vec<Tweet>, keep: impl Fn(&Tweet) -> bool, source: impl Fn(&Tweet) -> Source) -> Vec<Labelled> {
    tweets
        .into_iter()
        .filter(|t| keep(t))
        .map(|t| Labelled { source: source(&t), text: t.text, professional: false })
        .collect()
}

pub fn davidson_source(t: &Tweet) -> Source {
    if t.label == "neither" {
        Source::DavidsonNeither
    } else {
        Source::DavidsonOffensive
    }
}

pub fn olid_source(t: &Tweet) -> Source {
    if t.label == "NOT" {
        Source::OlidNot
    } else {
        Source::OlidOff
    }
}

pub fn training_set() -> Vec<Labelled> {
    let own = |file: &str, professional, source| {
        corpus::lines(file).into_iter().map(move |text| Labelled { text, professional, source })
    };
    let mut set: Vec<Labelled> = Vec::new();
    for part in ["a", "b", "c"] {
        set.extend(own(&format!("data/lens/train-professional-{part}.txt"), true, Source::OwnProfessional));
        set.extend(own(&format!("data/lens/train-general-{part}.txt"), false, Source::OwnGeneral));
    }
    set.extend(general(corpus::davidson(), |t| !held_out(t), davidson_source));
    set.extend(general(corpus::olid(), |t| !held_out(t), olid_source));
    set
}

/// A post's text as the model is trained on it: hashtags, OLID's `URL` placeholders (real links are
/// skipped by `words`) and `@USER` removed, then folded into words.
pub fn training_text(text: &str) -> String {
    let kept: Vec<&str> = text.split_whitespace().filter(|w| !w.starts_with('#') && *w != "URL").collect();
    fold(&kept.join(" "))
}

/// The vocabulary file as feature hash → weight.
pub fn vocabulary() -> Result<HashMap<u32, f32>, String> {
    let mut weights = HashMap::new();
    for (n, line) in corpus::lines("data/lens/vocabulary.txt").iter().enumerate() {
        let (phrase, weight) = line.split_once('\t').ok_or(format!("vocabulary line {}: no tab", n + 1))?;
        let weight: f32 = weight.trim().parse().map_err(|_| format!("vocabulary line {}: bad weight", n + 1))?;
        let folded = fold(phrase);
        let phrase_words = words(&folded);
        let feature = match phrase_words.len() {
            1 | 2 => features(&phrase_words).into_iter().find(|f| f.last + 1 == phrase_words.len() && f.first == 0),
            _ => None,
        }
        .ok_or(format!("vocabulary line {}: {phrase:?} must be one or two words", n + 1))?;
        if weights.insert(feature.hash, weight).is_some() {
            return Err(format!("vocabulary line {}: {phrase:?} is listed twice", n + 1));
        }
    }
    Ok(weights)
}

fn class_weight(source: Source) -> f32 {
    match source {
        Source::OwnProfessional | Source::OwnGeneral | Source::DavidsonNeither => 1.0,
        Source::OlidNot | Source::OlidOff => 0.5,
        Source::DavidsonOffensive => 0.2,
    }
}

/// Turns posts into training examples (learned features only: seen in enough posts).
pub fn examples(set: &[Labelled], vocabulary: &HashMap<u32, f32>) -> Vec<Example> {
    let featured: Vec<Vec<u32>> =
        set.iter().map(|l| features(&words(&training_text(&l.text))).into_iter().map(|f| f.hash).collect()).collect();
    let mut posts_per_feature: HashMap<u32, u32> = HashMap::new();
    for hashes in &featured {
        for &h in hashes {
            *posts_per_feature.entry(h).or_insert(0) += 1;
        }
    }
    let negative_weight: f32 = set.iter().filter(|l| !l.professional).map(|l| class_weight(l.source)).sum();
    let positives = set.iter().filter(|l| l.professional).count().max(1) as f32;
    // The professional posts together weigh half as much as the general ones.
    let positive_weight = 0.5 * negative_weight / positives;
    set.iter()
        .zip(featured)
        .map(|(l, hashes)| Example {
            offset: hashes.iter().filter_map(|h| vocabulary.get(h)).sum(),
            value: 1.0,
            features: hashes.into_iter().filter(|h| posts_per_feature[h] >= MIN_POSTS_PER_FEATURE).collect(),
            positive: l.professional,
            weight: if l.professional { positive_weight } else { class_weight(l.source) },
        })
        .collect()
}

/// Cross-validated figures of a training run, at the shipped thresholds.
#[derive(Debug, Clone)]
pub struct Report {
    pub shift: f32,
    /// (source, posts, shown at relaxed, shown at balanced), out of fold.
    pub by_source: Vec<(Source, usize, usize, usize)>,
}

pub struct Trained {
    pub model: LinearModel,
    pub report: Report,
}

/// The shift of the bias that lets at most `share` of these general posts' logits above zero.
fn shift_for(scores: &[(Source, f32)], sources: &[Source], share: f64) -> f32 {
    let mut general: Vec<f32> =
        scores.iter().filter(|(s, _)| sources.contains(s)).map(|&(_, logit)| logit).collect();
    general.sort_by(|a, b| b.total_cmp(a));
    -general[(general.len() as f64 * share) as usize]
}

/// The stricter of: `OWN_GENERAL_SHOWN` of the project's own everyday posts (short, often
/// about school from a pupil's or parent's side: the closest to a real timeline's noise) and
/// `GENERAL_SHOWN` of the Davidson 'neither' and OLID NOT tweets.
fn calibrate(scores: &[(Source, f32)]) -> f32 {
    let own = shift_for(scores, &[Source::OwnGeneral], OWN_GENERAL_SHOWN);
    let corpora = shift_for(scores, &[Source::DavidsonNeither, Source::OlidNot], GENERAL_SHOWN);
    own.min(corpora)
}

pub fn train_topic_model() -> Result<Trained, String> {
    let set = training_set();
    let vocabulary = vocabulary()?;
    let examples = examples(&set, &vocabulary);
    let all_features: Vec<Vec<u32>> =
        set.iter().map(|l| features(&words(&training_text(&l.text))).into_iter().map(|f| f.hash).collect()).collect();
    let mut out_of_fold = vec![0f32; examples.len()];
    for fold in train::folds(examples.len(), FOLDS, SETTINGS.seed) {
        let mut member = vec![false; examples.len()];
        fold.iter().for_each(|&i| member[i] = true);
        let rest: Vec<Example> = examples.iter().zip(&member).filter(|(_, &m)| !m).map(|(e, _)| e.clone()).collect();
        let trained = train::train(&rest, SETTINGS);
        let mask = trained.weights.len() as u32 - 1;
        // As in `topic::score`: a post with no word weighing for teaching is never shown.
        let has_evidence = |hashes: &[u32]| {
            hashes.iter().any(|h| trained.weights[(h & mask) as usize] + vocabulary.get(h).unwrap_or(&0.0) >= EVIDENCE)
        };
        for &i in &fold {
            out_of_fold[i] = if has_evidence(&all_features[i]) { trained.score(&examples[i]) } else { f32::NEG_INFINITY };
        }
    }
    let scored: Vec<(Source, f32)> = set.iter().map(|l| l.source).zip(out_of_fold).collect();
    let shift = calibrate(&scored);
    let relaxed = super::topic::Strictness::Relaxed.threshold().unwrap_or(0.0);
    let mut by_source: Vec<(Source, usize, usize, usize)> = Vec::new();
    for &(source, logit) in &scored {
        let row = match by_source.iter_mut().find(|r| r.0 == source) {
            Some(row) => row,
            None => {
                by_source.push((source, 0, 0, 0));
                by_source.last_mut().unwrap()
            }
        };
        row.1 += 1;
        row.2 += usize::from(logit + shift > relaxed);
        row.3 += usize::from(logit + shift > 0.0);
    }
    by_source.sort_by_key(|r| r.0);

    let mut trained = train::train(&examples, SETTINGS);
    trained.bias += shift;
    let mask = trained.weights.len() as u32 - 1;
    let mut phrases: Vec<(u32, f32)> = vocabulary.into_iter().collect();
    phrases.sort_by_key(|&(hash, _)| hash); // a fixed order of float additions: same bytes every run
    for (hash, weight) in phrases {
        trained.weights[(hash & mask) as usize] += weight;
    }
    Ok(Trained { model: trained.quantise(), report: Report { shift, by_source } })
}
