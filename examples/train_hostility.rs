//! Trains the hostility model and writes `extension/models/hostility.srlm` (issue 12).
//! Deterministic: the same data always gives the same bytes (`tests/hostility_model.rs`).
//!
//! `cargo run --release --example train_hostility`

use staffroom::troll::training;
use std::path::Path;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = training::shipped_model_bytes();
    let path = repo.join("extension/models/hostility.srlm");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
}
