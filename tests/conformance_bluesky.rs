//! Muted words against Bluesky's own matcher: the 48 direct cases of atproto's
//! `moderation-mutewords.test.ts`, read at test time from `../shared`, each run through the
//! whole engine (rule pack JSON -> Engine -> verdict). Also Mastodon's keyword-filter rule,
//! which our `word` and `substring` modes follow wherever it does not contradict Bluesky.

use serde_json::{json, Value};
use staffroom::classify::Context;
use staffroom::{Engine, Post, RulePack, VerdictKind};
use std::path::PathBuf;

fn shared(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// A pack with only these muted words: lens, troll and text-noise checks off, so that the
/// verdict is the muted-word matcher's alone.
fn engine_for(muted: &[Value]) -> Engine {
    let rules: Vec<Value> = muted.iter().map(|w| json!({"value": w["value"], "targets": w["targets"]})).collect();
    let pack = json!({
        "lens": {"enabled": false},
        "mute": rules,
        "troll": {"sensitivity": "off"},
        "noise": {"bait": false, "hashtag_stuffing": false, "spam": false}
    });
    let pack = RulePack::from_json(&pack.to_string()).unwrap_or_else(|e| panic!("pack: {e:?}"));
    Engine::new(&pack).unwrap_or_else(|e| panic!("engine: {e:?}"))
}

#[test]
fn bluesky_mute_word_cases_all_agree() {
    let file = shared("conformance/bluesky/mutewords.cases.json");
    let cases: Vec<&Value> =
        file["cases"].as_array().expect("cases").iter().filter(|c| c.get("text").is_some()).collect();
    assert_eq!(cases.len(), 48, "expected the 48 directly runnable cases");

    let mut disagreements = Vec::new();
    for case in &cases {
        let name = strings(&case["path"])[1..].join(" / ");
        let muted = case["mutedWords"].as_array().expect("mutedWords");
        // Bluesky treats inline (facet) and outline tags alike: both are the post's tags, and
        // the `content` target sees them too. So one list of site-linked tags is exact.
        let mut tags = strings(&case["facetTags"]);
        tags.extend(strings(&case["outlineTags"]));
        let post = Post {
            id: "case".into(),
            text: case["text"].as_str().expect("text").into(),
            hashtags: Some(tags),
            lang: strings(&case["languages"]).into_iter().next(),
            ..Post::default()
        };
        let verdict = engine_for(muted).classify(&[post], &Context::default()).remove(0);
        let matched = verdict.verdict == VerdictKind::Hide;
        let expected = case["expectedMatch"].as_bool().expect("expectedMatch");
        if matched != expected {
            disagreements.push(format!("{name}: expected match={expected}, got {:?}", verdict.reasons));
            continue;
        }
        // Where Bluesky's test names the exact words matched, the reasons must name the same.
        if let Some(list) = case["expect"].as_str().and_then(|e| e.strip_prefix("toEqual ")) {
            let words: Value = serde_json::from_str(list).expect("toEqual JSON");
            let want: Vec<String> = words
                .as_array()
                .expect("matches")
                .iter()
                .map(|m| format!("muted word: '{}'", m["word"]["value"].as_str().unwrap_or_default()))
                .collect();
            let got: Vec<String> = verdict.reasons.iter().map(|r| r.detail.clone()).collect();
            if got != want {
                disagreements.push(format!("{name}: expected reasons {want:?}, got {got:?}"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{} of 48 disagree:\n{}", disagreements.len(), disagreements.join("\n"));
}

/// Mastodon's keyword filter, restated as regexes (`\b` only where the keyword begins or ends
/// with a word character). Compared on probe texts with our `word` mode (`whole_word: true`)
/// and `substring` mode (`whole_word: false`). The one known conflict is the underscore: Ruby
/// counts `_` as a word character, Bluesky splits words at it ("idk" mutes
/// "idk_what_this_would_be"), and Bluesky's rule wins.
#[test]
fn mastodon_keyword_semantics_agree_except_underscores() {
    let file = shared("conformance/mastodon/custom_filter_keyword.cases.json");
    let cases = file["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 4);
    let probes = [
        "test",
        "Test!",
        "a test here",
        "TEST.",
        "testing",
        "contest",
        "test123",
        "tests",
        "test#",
        "test#x",
        "#test",
        "x#test",
        "#testing",
        "protest#",
        "test#test",
        "test's",
        "test-case",
        "re-test",
        "(test)",
        "test$",
        "$test",
        "multi\nline test",
        "test_case",
        "my_test",
        "my_test#",
        "#test_x",
    ];
    let mut conflicts = Vec::new();
    for case in cases {
        let keyword = case["keyword"].as_str().expect("keyword");
        let whole_word = case["whole_word"].as_bool().expect("whole_word");
        let source = case["expected_regex"].as_str().expect("expected_regex");
        let pattern = source
            .strip_prefix("(?mix:")
            .and_then(|p| p.strip_suffix(')'))
            .or_else(|| source.strip_prefix('/').and_then(|p| p.strip_suffix("/i")))
            .expect("a Ruby regex");
        let ruby = regex::RegexBuilder::new(pattern).case_insensitive(true).build().expect("valid regex");
        let mode = if whole_word { "word" } else { "substring" };
        let pack = json!({
            "lens": {"enabled": false},
            "mute": [{"value": keyword, "targets": ["content"], "match": mode}],
            "troll": {"sensitivity": "off"},
            "noise": {"bait": false, "hashtag_stuffing": false, "spam": false}
        });
        let engine = Engine::new(&RulePack::from_json(&pack.to_string()).expect("pack")).expect("engine");
        for probe in probes {
            let post = Post { id: "p".into(), text: probe.into(), hashtags: Some(vec![]), ..Post::default() };
            let ours = engine.classify(&[post], &Context::default())[0].verdict == VerdictKind::Hide;
            if ours != ruby.is_match(probe) {
                conflicts
                    .push(format!("{keyword:?} whole_word={whole_word} on {probe:?}: mastodon {}, ours {ours}", !ours));
            }
        }
    }
    let unexplained: Vec<&String> = conflicts.iter().filter(|c| !c.contains('_')).collect();
    assert!(unexplained.is_empty(), "conflicts with Mastodon beyond underscores:\n{unexplained:#?}");
    // The underscore conflict is real and deliberate; make sure it stays the documented one.
    assert!(conflicts.iter().any(|c| c.contains("\"test_case\"")), "{conflicts:#?}");
}
