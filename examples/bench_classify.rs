//! Native engine speed on the Davidson corpus with the benchmark pack.
//! Usage: cargo run --release --example bench_classify -- PACK.json TWEETS.csv   (./build.sh bench passes both)

use staffroom::classify::Context;
use staffroom::troll::decode_entities;
use staffroom::{Engine, Post, RulePack};
use std::time::Instant;

const BATCH: usize = 50;

/// RFC 4180 fields; quoted fields may hold commas, quotes and newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pack_path, csv_path] = args.as_slice() else {
        eprintln!("usage: cargo run --release --example bench_classify -- PACK.json TWEETS.csv");
        std::process::exit(2);
    };
    let pack = RulePack::from_json(&std::fs::read_to_string(pack_path).expect("pack")).expect("valid pack");
    let engine = Engine::new(&pack).expect("pack compiles");
    let rows = parse_csv(&std::fs::read_to_string(csv_path).expect("tweets.csv"));
    let text_col = rows[0].iter().position(|h| h == "text").expect("text column");
    let posts: Vec<Post> = rows[1..]
        .iter()
        .filter(|r| r.len() > text_col)
        .map(|r| Post { id: r[0].clone(), text: decode_entities(&r[text_col]).into_owned(), ..Post::default() })
        .collect();
    let context = Context { now_ms: 1.8e12, ..Context::default() };

    let build = Instant::now();
    for _ in 0..10 {
        Engine::new(&pack).expect("pack compiles");
    }
    let compile_ms = build.elapsed().as_secs_f64() * 100.0;

    let mut best = f64::INFINITY;
    let mut hidden = 0;
    for _ in 0..6 {
        let start = Instant::now();
        hidden = 0;
        for batch in posts.chunks(BATCH) {
            hidden += engine.classify(batch, &context).iter().filter(|v| v.verdict != staffroom::VerdictKind::Show).count();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("native engine (batches of {BATCH})                     {:7.2} µs/post   ({hidden} not shown; pack compiles in {compile_ms:.1} ms)",
        best * 1e6 / posts.len() as f64);
}
