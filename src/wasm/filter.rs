use crate::classify::Context;
use crate::lens::topic::Example;
use crate::model::Models;
use crate::{extract, Engine, Post, RulePack};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Pack errors reach JavaScript as an array of `{field, message}` so pages can show each
/// error next to its field.
fn pack_errors(errors: Vec<crate::PackError>) -> JsValue {
    serde_wasm_bindgen::to_value(&errors).unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsContext {
    now_ms: f64,
    lens: Option<bool>,
    focus_tag: Option<String>,
}

/// A rule pack compiled once; `classify` is then called per batch of posts.
#[wasm_bindgen]
pub struct FilterEngine {
    engine: Engine,
}

#[wasm_bindgen]
impl FilterEngine {
    /// `pack`: the rule pack as a plain object (as stored); the teacher's marked posts, oldest
    /// first, as two lists: their texts and, for each, 1 when professional ("show posts like
    /// this", a saved idea) or 0 ("not for me"). Throws an array of `{field, message}` when the
    /// pack is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(pack: JsValue, example_texts: Vec<String>, example_professional: &[u8]) -> Result<FilterEngine, JsValue> {
        let pack = pack_from_js(pack).map_err(pack_errors)?;
        let examples: Vec<Example> = example_texts
            .into_iter()
            .zip(example_professional)
            .map(|(text, &professional)| Example { text, professional: professional != 0 })
            .collect();
        let engine = Engine::with_models(&pack, &Models::shipped(), &examples).map_err(pack_errors)?;
        Ok(FilterEngine { engine })
    }

    /// How many of the teacher's examples the lens learned from.
    #[wasm_bindgen(getter, js_name = learnedExamples)]
    pub fn learned_examples(&self) -> usize {
        self.engine.learned_examples()
    }

    /// `posts`: array of `{id, text, author?, hashtags?, lang?, kind?}`;
    /// `context`: `{now_ms, lens?, focus_tag?}`. Returns one verdict per post, same order.
    pub fn classify(&self, posts: JsValue, context: JsValue) -> Result<JsValue, JsError> {
        let posts: Vec<Post> = serde_wasm_bindgen::from_value(posts)?;
        let context: JsContext =
            if context.is_undefined() { JsContext::default() } else { serde_wasm_bindgen::from_value(context)? };
        let context = Context { now_ms: context.now_ms, lens: context.lens, focus_tag: context.focus_tag };
        Ok(serde_wasm_bindgen::to_value(&self.engine.classify(&posts, &context))?)
    }
}

/// Packs arrive as objects, not JSON text: JavaScript already holds them parsed, and leaving
/// serde_json's parser out of this module keeps it ~24 KB gzipped smaller.
fn pack_from_js(pack: JsValue) -> Result<RulePack, Vec<crate::PackError>> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(pack)
        .map_err(|e| vec![crate::PackError::new("pack", format!("not a rule pack: {e}"))])?;
    RulePack::from_value(&value)
}

/// Hands the engine its model files (bytes of `models/topic.srlm` and `hostility.srlm`) once,
/// before the first engine is made. Throws when a file is not a valid model.
#[wasm_bindgen(js_name = installModels)]
pub fn install_models(topic: &[u8], hostility: &[u8]) -> Result<(), JsError> {
    let models = Models::from_files(topic, hostility).map_err(|e| JsError::new(&e))?;
    models.install();
    Ok(())
}

/// Validates a pack (a plain object): `[]` when it is good, else every `{field, message}`.
#[wasm_bindgen(js_name = checkPack)]
pub fn check_pack(pack: JsValue) -> JsValue {
    match pack_from_js(pack).and_then(|pack| Engine::new(&pack).map(|_| ())) {
        Ok(()) => js_sys::Array::new().into(),
        Err(errors) => pack_errors(errors),
    }
}

#[wasm_bindgen(js_name = extractEntities)]
pub fn extract_entities(text: &str) -> Result<JsValue, JsError> {
    Ok(serde_wasm_bindgen::to_value(&extract::extract(text))?)
}

/// The topic packs shipped with the engine, for the options page: `[{id, name, description,
/// hashtag_count, keyword_count}]`.
#[wasm_bindgen(js_name = lensPacks)]
pub fn lens_packs() -> Result<JsValue, JsError> {
    Ok(serde_wasm_bindgen::to_value(&crate::lens::list())?)
}
