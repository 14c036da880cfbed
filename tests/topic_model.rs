//! The shipped topic model is data made by a command in the repo: the file in the extension
//! must be exactly what `cargo run --release --example train_topic` writes, and stay within its
//! size budget (200 KB gzipped, as a web server would send it).

use staffroom::lens::training::train_topic_model;
use std::io::Write;
use std::process::{Command, Stdio};

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/models/topic.srlm");
const BUDGET_GZIPPED: usize = 200 * 1024;

#[test]
fn shipped_topic_model_is_what_training_produces() {
    let trained = train_topic_model().expect("training data is valid");
    let shipped = std::fs::read(SHIPPED).expect("the shipped model");
    assert!(
        trained.model.to_bytes() == shipped,
        "extension/models/topic.srlm is stale: run `cargo run --release --example train_topic`"
    );
}

#[test]
fn topic_model_is_within_its_size_budget() {
    let bytes = std::fs::read(SHIPPED).expect("the shipped model");
    let mut gzip = Command::new("gzip").arg("-c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip");
    gzip.stdin.take().unwrap().write_all(&bytes).unwrap();
    let gzipped = gzip.wait_with_output().unwrap().stdout.len();
    assert!(gzipped <= BUDGET_GZIPPED, "topic model is {gzipped} bytes gzipped, over {BUDGET_GZIPPED}");
}
