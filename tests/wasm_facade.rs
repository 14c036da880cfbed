//! The facade as JavaScript sees it, run inside V8 by wasm-bindgen-test (under node):
//! values cross the boundary as plain objects and errors arrive as exceptions.
#![cfg(target_arch = "wasm32")]

use serde::{Deserialize, Serialize};
use staffroom::wasm::filter::{check_pack, extract_entities, FilterEngine};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[derive(Deserialize)]
struct Verdict {
    id: String,
    verdict: String,
    reasons: Vec<Reason>,
}

#[derive(Deserialize)]
struct Reason {
    kind: String,
}

#[derive(Deserialize)]
struct FieldError {
    field: String,
}

/// As JavaScript would pass them: plain objects, not `Map`s.
fn js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

#[wasm_bindgen_test]
fn a_batch_classifies_in_order_with_reasons() {
    let pack = serde_json::json!({"lens": {"enabled": true, "hashtags": ["edchat"]}, "mute": [{"value": "politics"}]});
    let engine = FilterEngine::new(js(&pack), Vec::new(), &[]).unwrap();
    let posts = serde_json::json!([
        {"id": "a", "text": "Great starter idea #edchat"},
        {"id": "b", "text": "Celebrity gossip"},
        {"id": "c", "text": "#edchat and politics again"},
    ]);
    let context = serde_json::json!({"now_ms": 1.8e12});
    let verdicts: Vec<Verdict> =
        serde_wasm_bindgen::from_value(engine.classify(js(&posts), js(&context)).unwrap()).unwrap();
    let ids: Vec<&str> = verdicts.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(verdicts[0].verdict, "show");
    assert_eq!(verdicts[1].verdict, "hide");
    assert_eq!(verdicts[1].reasons[0].kind, "lens");
    assert_eq!(verdicts[2].verdict, "hide");
    assert!(verdicts[2].reasons.iter().any(|r| r.kind == "mute"));
}

#[wasm_bindgen_test]
fn installed_models_read_untagged_posts_and_learn_examples() {
    let topic = include_bytes!("../extension/models/topic.srlm");
    let hostility = include_bytes!("../extension/models/hostility.srlm");
    assert!(staffroom::wasm::filter::install_models(b"not a model", hostility).is_err());
    staffroom::wasm::filter::install_models(topic, hostility).unwrap();
    let pack = serde_json::json!({"lens": {"packs": ["uk-edchat"]}, "troll": {"sensitivity": "off"}});
    let engine = FilterEngine::new(js(&pack), vec!["knitting patterns for beginners".into()], &[1]).unwrap();
    assert_eq!(engine.learned_examples(), 1);
    let posts = serde_json::json!([
        {"id": "a", "text": "Tried cold calling with my Year 9s today and every hand went up"},
        {"id": "b", "text": "new knitting patterns for the autumn"},
        {"id": "c", "text": "just burnt my toast lol"},
    ]);
    let verdicts: Vec<Verdict> =
        serde_wasm_bindgen::from_value(engine.classify(js(&posts), JsValue::UNDEFINED).unwrap()).unwrap();
    let got: Vec<&str> = verdicts.iter().map(|v| v.verdict.as_str()).collect();
    assert_eq!(got, ["show", "show", "hide"]);
}

#[wasm_bindgen_test]
fn an_invalid_pack_throws_its_field_errors() {
    let pack = serde_json::json!({"mute": [{"value": ""}], "lens": {"hashtagz": []}});
    let thrown = FilterEngine::new(js(&pack), Vec::new(), &[]).err().unwrap();
    let errors: Vec<FieldError> = serde_wasm_bindgen::from_value(thrown).unwrap();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert!(fields.contains(&"mute[0].value"), "{fields:?}");
    assert!(fields.contains(&"lens.hashtagz"), "{fields:?}");

    let errors: Vec<FieldError> = serde_wasm_bindgen::from_value(check_pack(JsValue::from_str("{}"))).unwrap();
    assert_eq!(errors.len(), 1, "a string is not a pack");
    let none: Vec<FieldError> = serde_wasm_bindgen::from_value(check_pack(js(&serde_json::json!({})))).unwrap();
    assert!(none.is_empty());
}

#[wasm_bindgen_test]
fn malformed_posts_are_an_error_not_a_crash() {
    let engine = FilterEngine::new(js(&serde_json::json!({})), Vec::new(), &[]).unwrap();
    assert!(engine.classify(JsValue::from_str("nope"), JsValue::UNDEFINED).is_err());
    let posts = serde_json::json!([{"id": "x", "text": "<script>alert(1)</script>\u{202E}\u{200B}".repeat(5000)}]);
    assert!(engine.classify(js(&posts), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn entities_are_extracted() {
    #[derive(Deserialize)]
    struct Extracted {
        hashtags: Vec<String>,
        mentions: Vec<String>,
    }
    let out: Extracted = serde_wasm_bindgen::from_value(extract_entities("Hi @ms_teach #EdChat").unwrap()).unwrap();
    assert_eq!(out.hashtags, ["EdChat"]);
    assert_eq!(out.mentions, ["ms_teach"]);
}
