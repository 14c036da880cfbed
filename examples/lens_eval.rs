//! Measures the professional lens on the development set, which no training or tuning
//! reads: `data/lens/dev-professional.txt` and `tests/data/teacher_posts.txt` (teachers'
//! posts), `data/lens/dev-general.txt` and the held-out seventh of the Davidson 'neither' and
//! OLID NOT tweets (general posts). For each strictness, with the default topic packs and
//! nothing else filtering: the share of teachers' posts shown with their hashtags removed
//! and kept, and the share of general posts shown (hashtags removed).
//!
//! `cargo run --release --example lens_eval [-- --errors]` (`--errors` lists what balanced
//! gets wrong on the development set).

use staffroom::classify::Context;
use staffroom::corpus;
use staffroom::lens::training::held_out;
use staffroom::{Engine, Post, RulePack, VerdictKind};

fn without_hashtags(text: &str) -> String {
    text.split_whitespace().filter(|w| !w.starts_with('#')).collect::<Vec<_>>().join(" ")
}

fn engine(strictness: &str) -> Engine {
    let pack = format!(
        r#"{{"lens": {{"packs": ["uk-edchat", "us-edchat"], "strictness": "{strictness}"}}, "troll": {{"sensitivity": "off"}},
            "noise": {{"bait": false, "hashtag_stuffing": false, "spam": false}}}}"#
    );
    Engine::new(&RulePack::from_json(&pack).expect("pack")).expect("engine")
}

/// Posts shown, of `texts`; hashtags removed (as the site would link none) or kept.
fn shown(engine: &Engine, texts: &[String], keep_tags: bool, errors: Option<&str>) -> f64 {
    let posts: Vec<Post> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Post {
            id: i.to_string(),
            text: if keep_tags { t.clone() } else { without_hashtags(t) },
            hashtags: if keep_tags { None } else { Some(Vec::new()) },
            ..Post::default()
        })
        .collect();
    let verdicts = engine.classify(&posts, &Context::default());
    let shown = verdicts.iter().filter(|v| v.verdict == VerdictKind::Show).count();
    if let Some(want_shown) = errors.map(|label| label == "professional") {
        for (post, verdict) in posts.iter().zip(&verdicts) {
            if (verdict.verdict == VerdictKind::Show) != want_shown {
                let why: Vec<&str> = verdict.reasons.iter().map(|r| r.detail.as_str()).collect();
                println!("  {:?} {}  [{}]", verdict.verdict, post.text, why.join("; "));
            }
        }
    }
    100.0 * shown as f64 / texts.len().max(1) as f64
}

fn main() {
    let list_errors = std::env::args().any(|a| a == "--errors");
    let professional = [
        ("dev set: teachers' posts", corpus::lines("data/lens/dev-professional.txt")),
        ("teachers' posts (heated too)", corpus::lines("tests/data/teacher_posts.txt")),
        ("test set: #edchat/#nced-like", corpus::lines("data/lens/test-professional.txt")),
    ];
    let held = |tweets: Vec<corpus::Tweet>, label: &str| -> Vec<String> {
        tweets.into_iter().filter(|t| held_out(t) && t.label == label).map(|t| t.text).collect()
    };
    let general = [
        ("dev set: general posts", corpus::lines("data/lens/dev-general.txt")),
        ("test set: general posts", corpus::lines("data/lens/test-general.txt")),
        ("Davidson 'neither' (held out)", held(corpus::davidson(), "neither")),
        ("OLID NOT (held out)", held(corpus::olid(), "NOT")),
    ];
    println!("professional lens, default packs (uk-edchat, us-edchat), share of posts shown");
    println!("{:<40} {:>6} {:>10} {:>10} {:>10}", "", "posts", "relaxed", "balanced", "tags");
    let engines = [engine("relaxed"), engine("balanced"), engine("tags")];
    for (name, texts) in &professional {
        for keep in [false, true] {
            let label = format!("{name}, {}", if keep { "tags kept" } else { "no tags" });
            let figures: Vec<String> =
                engines.iter().map(|e| format!("{:>9.1}%", shown(e, texts, keep, None))).collect();
            println!("{label:<40} {:>6} {}", texts.len(), figures.join(" "));
        }
    }
    for (name, texts) in &general {
        let figures: Vec<String> = engines.iter().map(|e| format!("{:>9.1}%", shown(e, texts, false, None))).collect();
        println!("{name:<40} {:>6} {}", texts.len(), figures.join(" "));
    }
    if list_errors {
        println!("\nbalanced, teachers' posts hidden (tags removed):");
        shown(&engines[1], &professional[0].1, false, Some("professional"));
        println!("\nbalanced, general posts shown:");
        shown(&engines[1], &general[0].1, false, Some("general"));
    }
}
