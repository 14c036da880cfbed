//! Measures the troll filter (issue 6): precision, recall and F1 on the Davidson tweets at
//! every sensitivity, on a train split (even ids, used when choosing lexicon entries and
//! weights) and a validation split (odd ids, only looked at); the share of ordinary
//! ("neither") tweets and of teachers' posts hidden; how much recall survives when troll
//! tweets are disguised; and the time assess() takes per post.
//!
//! `cargo run --release --example troll_eval [-- --errors]` (`--errors` lists train-split
//! mistakes at medium). Reads ../shared/data/davidson/tweets.csv and
//! tests/data/teacher_posts.txt.

use staffroom::troll::{decode_entities, Sensitivity, TrollDetector};
use std::time::Instant;

const LEVELS: [(Sensitivity, &str); 3] = [
    (Sensitivity::Low, "low"),
    (Sensitivity::Medium, "medium"),
    (Sensitivity::High, "high"),
];

struct Tweet {
    id: u64,
    troll: bool,
    /// Entities decoded, as a site would show the text.
    text: String,
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let csv_path = format!("{root}/../shared/data/davidson/tweets.csv");
    let csv = std::fs::read_to_string(&csv_path).unwrap_or_else(|e| panic!("{csv_path}: {e}"));
    let tweets = parse_tweets(&csv);
    let teacher_path = format!("{root}/tests/data/teacher_posts.txt");
    let teacher =
        std::fs::read_to_string(&teacher_path).unwrap_or_else(|e| panic!("{teacher_path}: {e}"));
    let teacher: Vec<&str> = teacher.lines().filter(|l| !l.trim().is_empty()).collect();
    let detector = TrollDetector::new();
    let hidden = |text: &str, s: Sensitivity| !detector.assess(text, 0, s).is_empty();

    println!(
        "troll filter, Davidson tweets: {} (train = even ids, validation = odd ids)",
        tweets.len()
    );
    println!(
        "{:<8} {:<10} {:>6} {:>9} {:>7} {:>6} {:>15}",
        "level", "split", "n", "precision", "recall", "F1", "neither hidden"
    );
    for (level, name) in LEVELS {
        for (split, parity) in [("train", 0), ("validation", 1)] {
            let part: Vec<&Tweet> = tweets.iter().filter(|t| t.id % 2 == parity).collect();
            let verdicts: Vec<bool> = part.iter().map(|t| hidden(&t.text, level)).collect();
            let m = Metrics::of(part.iter().map(|t| t.troll).zip(verdicts.iter().copied()));
            println!(
                "{:<8} {:<10} {:>6} {:>9.3} {:>7.3} {:>6.3} {:>14.1}%",
                name,
                split,
                part.len(),
                m.precision(),
                m.recall(),
                m.f1(),
                m.neither_hidden() * 100.0
            );
        }
    }

    let shares: Vec<String> = LEVELS
        .iter()
        .map(|&(level, name)| {
            let n = teacher.iter().filter(|t| hidden(t, level)).count();
            format!("{name} {:.1}%", n as f64 * 100.0 / teacher.len() as f64)
        })
        .collect();
    println!(
        "teacher posts hidden ({}): {}",
        teacher.len(),
        shares.join(", ")
    );

    let mut rng = Rng(0x5EED_2017);
    let trolls: Vec<&Tweet> = tweets.iter().filter(|t| t.troll).collect();
    for (level, name) in LEVELS {
        let plain = trolls.iter().filter(|t| hidden(&t.text, level)).count();
        let disguised = trolls
            .iter()
            .filter(|t| hidden(&disguise(&t.text, &mut rng), level))
            .count();
        println!(
            "evasion at {name}: recall plain {:.3}, disguised {:.3}, kept {:.1}%",
            plain as f64 / trolls.len() as f64,
            disguised as f64 / trolls.len() as f64,
            disguised as f64 * 100.0 / plain.max(1) as f64
        );
    }

    // Raw (still escaped) texts, as assess() gets them. Best of several rounds: the machine
    // is shared, and the best round is the least disturbed.
    let raw: Vec<String> = csv_rows(&csv)
        .into_iter()
        .skip(1)
        .map(|[_, _, text]| text)
        .collect();
    let raw: Vec<&str> = raw.iter().map(String::as_str).collect();
    for (name, posts) in [("Davidson tweets", &raw), ("teacher posts", &teacher)] {
        let best = (0..7)
            .map(|_| {
                let start = Instant::now();
                for text in posts.iter() {
                    std::hint::black_box(detector.assess(
                        std::hint::black_box(text),
                        0,
                        Sensitivity::Medium,
                    ));
                }
                start.elapsed().as_secs_f64() * 1e6 / posts.len() as f64
            })
            .fold(f64::INFINITY, f64::min);
        println!(
            "speed: {best:.2} µs/post at medium over {} {name} (best of 7 rounds)",
            posts.len()
        );
    }

    if std::env::args().any(|a| a == "--errors") {
        for t in tweets.iter().filter(|t| t.id % 2 == 0) {
            let reasons = detector.assess(&t.text, 0, Sensitivity::Medium);
            if reasons.is_empty() == t.troll {
                let why: Vec<String> = reasons.into_iter().map(|r| r.detail).collect();
                println!(
                    "{} {} {:?} {}",
                    if t.troll { "MISS" } else { "FALSE" },
                    t.id,
                    why,
                    t.text.replace('\n', " ")
                );
            }
        }
        for t in teacher.iter().filter(|t| hidden(t, Sensitivity::Medium)) {
            println!(
                "TEACHER {:?} {t}",
                detector.assess(t, 0, Sensitivity::Medium)
            );
        }
    }
}

#[derive(Default)]
struct Metrics {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Metrics {
    fn of(pairs: impl Iterator<Item = (bool, bool)>) -> Metrics {
        let mut m = Metrics::default();
        for (truth, hidden) in pairs {
            match (truth, hidden) {
                (true, true) => m.tp += 1,
                (false, true) => m.fp += 1,
                (true, false) => m.fn_ += 1,
                (false, false) => m.tn += 1,
            }
        }
        m
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn neither_hidden(&self) -> f64 {
        self.fp as f64 / (self.fp + self.tn).max(1) as f64
    }
}

/// Rows of `id,label,text` with RFC 4180 quoting (texts hold commas, quotes and newlines).
fn csv_rows(csv: &str) -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                if let Ok(row) = <[String; 3]>::try_from(std::mem::take(&mut fields)) {
                    rows.push(row);
                }
            }
            '\r' if !quoted => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        if let Ok(row) = <[String; 3]>::try_from(fields) {
            rows.push(row);
        }
    }
    rows
}

fn parse_tweets(csv: &str) -> Vec<Tweet> {
    csv_rows(csv)
        .into_iter()
        .skip(1)
        .filter_map(|[id, label, text]| {
            Some(Tweet {
                id: id.parse().ok()?,
                troll: label != "neither",
                text: decode_entities(&text).into_owned(),
            })
        })
        .collect()
}

/// xorshift64*: deterministic, so the evasion figure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Disguise every word of three letters or more with one trick a troll would use: leetspeak,
/// Cyrillic look-alikes, zero-width characters, stretched letters or spaced-out letters.
fn disguise(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let plain = word.len() >= 3 && word.chars().all(|c| c.is_ascii_alphabetic());
        if !plain {
            out.push_str(word);
            continue;
        }
        match rng.below(5) {
            0 => out.extend(word.chars().map(|c| match c.to_ascii_lowercase() {
                'a' => '4',
                'e' => '3',
                'i' => '1',
                'o' => '0',
                's' => '$',
                't' => '7',
                _ => c,
            })),
            1 => out.extend(word.chars().map(|c| match c {
                'a' => 'а',
                'e' => 'е',
                'o' => 'о',
                'c' => 'с',
                'p' => 'р',
                'x' => 'х',
                'y' => 'у',
                'i' => 'і',
                _ => c,
            })),
            2 => {
                for (k, c) in word.chars().enumerate() {
                    if k > 0 {
                        out.push(
                            ['\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}'][rng.below(4) as usize],
                        );
                    }
                    out.push(c);
                }
            }
            3 => {
                let at = rng.below(word.len() as u64) as usize;
                for (k, c) in word.chars().enumerate() {
                    out.push(c);
                    if k == at {
                        out.push(c);
                        out.push(c);
                    }
                }
            }
            _ => {
                let sep = [' ', '.', '-'][rng.below(3) as usize];
                for (k, c) in word.chars().enumerate() {
                    if k > 0 {
                        out.push(sep);
                    }
                    out.push(c);
                }
            }
        }
    }
    out
}
