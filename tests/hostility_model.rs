//! The shipped hostility model is what the training command produces (issue 12), and fits its
//! size budget. Trains on OLID and the Davidson tweets in ../shared/data (a few seconds in
//! release).

use staffroom::troll::training;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const GZIPPED_BUDGET: usize = 200 * 1024;

#[test]
fn shipped_model_is_what_training_produces_and_fits_its_budget() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = std::fs::read(repo.join("extension/models/hostility.srlm")).expect("shipped model");
    let trained = training::shipped_model_bytes();
    assert!(
        shipped == trained,
        "extension/models/hostility.srlm is stale: run `cargo run --release --example train_hostility`"
    );

    let mut gzip = Command::new("gzip").arg("-c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip");
    gzip.stdin.take().unwrap().write_all(&shipped).unwrap();
    let gzipped = gzip.wait_with_output().unwrap().stdout.len();
    assert!(gzipped <= GZIPPED_BUDGET, "hostility model is {gzipped} bytes gzipped, over {GZIPPED_BUDGET}");
}
