//! Small linear models over hashed features, shipped as data files beside the engine.
//!
//! A feature is any byte string (a word, a word pair, a character n-gram), hashed with
//! FNV-1a into one of 2^k buckets; a model is one quantised weight per bucket plus a bias.
//! The score of a post is `bias + scale · Σ weight[bucket]` over its distinct features: a
//! logit, so `score > 0` means the positive class is more likely than not.
//!
//! File layout (little-endian): `b"SRLM"`, version `1`, `log2(buckets)`, two reserved zero
//! bytes, `scale: f32`, `bias: f32`, then `buckets` signed bytes; a file may hold several
//! models back to back (the hostility model's two heads). Training is in `train`
//! (native builds only); the files are produced by the `train_*` examples.

#[cfg(feature = "cli")]
pub mod train;

use crate::troll::HostilityModel;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 4] = b"SRLM";
const VERSION: u8 = 1;
const HEADER: usize = 16;

#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    mask: u32,
    scale: f32,
    bias: f32,
    weights: Vec<i8>,
}

/// FNV-1a over a namespace byte and the feature's parts (parts are separated, so
/// ("ab", "c") and ("a", "bc") differ).
pub fn feature_hash(namespace: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    };
    eat(namespace);
    for part in parts {
        eat(0xff);
        part.iter().for_each(|&b| eat(b));
    }
    h
}

impl LinearModel {
    /// A model from float weights (one per bucket, `buckets` a power of two), quantised to
    /// signed bytes against the largest weight.
    pub fn quantise(bias: f32, weights: &[f32]) -> LinearModel {
        assert!(weights.len().is_power_of_two(), "bucket count must be a power of two");
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mask = (weights.len() - 1) as u32;
        let weights = weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8).collect();
        LinearModel { mask, scale, bias, weights }
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<LinearModel, String> {
        let (model, rest) = LinearModel::from_prefix(bytes)?;
        if !rest.is_empty() {
            return Err(format!("model file is {} bytes, expected {}", bytes.len(), bytes.len() - rest.len()));
        }
        Ok(model)
    }

    /// The model at the start of `bytes`, and the bytes after it (a file may hold several
    /// models back to back).
    pub fn from_prefix(bytes: &[u8]) -> Result<(LinearModel, &[u8]), String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("not a Staffroom model file".to_string());
        }
        if bytes[4] != VERSION {
            return Err(format!("model file version {} is not supported (expected {VERSION})", bytes[4]));
        }
        let log2 = bytes[5];
        if !(8..=24).contains(&log2) {
            return Err(format!("model file has 2^{log2} buckets (expected 2^8 to 2^24)"));
        }
        let buckets = 1usize << log2;
        if bytes.len() < HEADER + buckets {
            return Err(format!("model file is {} bytes, expected {}", bytes.len(), HEADER + buckets));
        }
        let f32_at = |i: usize| f32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let (scale, bias) = (f32_at(8), f32_at(12));
        if !scale.is_finite() || !bias.is_finite() {
            return Err("model file has a non-finite scale or bias".to_string());
        }
        let weights = bytes[HEADER..HEADER + buckets].iter().map(|&b| b as i8).collect();
        Ok((LinearModel { mask: (buckets - 1) as u32, scale, bias, weights }, &bytes[HEADER + buckets..]))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(self.weights.len().trailing_zeros() as u8);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    pub fn buckets(&self) -> usize {
        self.weights.len()
    }

    pub fn bias(&self) -> f32 {
        self.bias
    }

    /// The weight a feature with this hash contributes.
    pub fn weight(&self, hash: u32) -> f32 {
        self.weights[(hash & self.mask) as usize] as f32 * self.scale
    }

    /// `bias + Σ weight` over the given feature hashes. Callers pass each distinct feature
    /// once (presence, not counts: posts are short).
    pub fn score(&self, hashes: &[u32]) -> f32 {
        self.bias + hashes.iter().map(|&h| self.weight(h)).sum::<f32>()
    }
}

/// The models the judges read. Native builds compile the shipped files in; the wasm module
/// is handed them once by the background (`install`), which keeps them out of the module
/// that every wake-up compiles.
#[derive(Debug, Clone, Default)]
pub struct Models {
    pub topic: Option<Arc<LinearModel>>,
    pub hostility: Option<Arc<HostilityModel>>,
}

static INSTALLED: OnceLock<Models> = OnceLock::new();

impl Models {
    pub fn from_files(topic: &[u8], hostility: &[u8]) -> Result<Models, String> {
        let topic = LinearModel::from_bytes(topic).map_err(|e| format!("topic model: {e}"))?;
        let hostility = HostilityModel::from_bytes(hostility).map_err(|e| format!("hostility model: {e}"))?;
        Ok(Models { topic: Some(Arc::new(topic)), hostility: Some(Arc::new(hostility)) })
    }

    /// Makes these the models that `shipped()` returns; the first call wins.
    pub fn install(self) -> bool {
        INSTALLED.set(self).is_ok()
    }

    /// The shipped models: native builds compile the files in; in wasm, the ones installed so
    /// far (none before `install`: judges that need a model then fall back to their
    /// hand-written evidence, and a later `install` still takes effect).
    pub fn shipped() -> Models {
        #[cfg(not(target_arch = "wasm32"))]
        let models = INSTALLED.get_or_init(|| {
            Models::from_files(
                include_bytes!("../extension/models/topic.srlm"),
                include_bytes!("../extension/models/hostility.srlm"),
            )
            .expect("the shipped model files are valid")
        });
        #[cfg(target_arch = "wasm32")]
        let models = match INSTALLED.get() {
            Some(models) => models,
            None => return Models::default(),
        };
        models.clone()
    }
}

/// Sorts and dedups feature hashes so that each counts once.
pub fn distinct(hashes: &mut Vec<u32>) {
    hashes.sort_unstable();
    hashes.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_bad_files_are_refused() {
        let weights: Vec<f32> = (0..256).map(|i| (i as f32 - 128.0) / 64.0).collect();
        let model = LinearModel::quantise(-0.5, &weights);
        let bytes = model.to_bytes();
        assert_eq!(LinearModel::from_bytes(&bytes).unwrap(), model);
        assert!((model.weight(255) - 127.0 / 64.0).abs() < 0.02);
        assert!(LinearModel::from_bytes(b"nope").is_err());
        assert!(LinearModel::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err().contains("bytes"));
        let two = [bytes.clone(), bytes.clone()].concat();
        assert!(LinearModel::from_bytes(&two).unwrap_err().contains("expected 272"));
        let (first, rest) = LinearModel::from_prefix(&two).unwrap();
        assert_eq!((first, rest), (model.clone(), &bytes[..]));
        let mut wrong_version = bytes.clone();
        wrong_version[4] = 9;
        assert!(LinearModel::from_bytes(&wrong_version).unwrap_err().contains("version 9"));
    }

    #[test]
    fn hash_separates_parts() {
        assert_ne!(feature_hash(b'w', &[b"ab", b"c"]), feature_hash(b'w', &[b"a", b"bc"]));
        assert_ne!(feature_hash(b'w', &[b"ab"]), feature_hash(b'b', &[b"ab"]));
    }
}
