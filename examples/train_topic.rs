//! Trains the topic model and writes `extension/models/topic.srlm`:
//! `cargo run --release --example train_topic` (see `staffroom::lens::training`).

use staffroom::lens::training::train_topic_model;

fn main() {
    let trained = train_topic_model().unwrap_or_else(|e| {
        eprintln!("train_topic: {e}");
        std::process::exit(1);
    });
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/models/topic.srlm");
    std::fs::write(path, trained.model.to_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("wrote {path}; balanced threshold shift {:+.3}", trained.report.shift);
    println!("{:<20} {:>6} {:>9} {:>9}   (5-fold cross-validation, hashtags removed)", "source", "posts", "relaxed", "balanced");
    for (source, posts, relaxed, balanced) in &trained.report.by_source {
        let pct = |n: &usize| 100.0 * *n as f64 / *posts as f64;
        println!("{:<20} {posts:>6} {:>8.1}% {:>8.1}%", format!("{source:?}"), pct(relaxed), pct(balanced));
    }
}
