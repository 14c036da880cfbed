//! twitter-text's extraction conformance suite (../shared, read at run time): every case of the
//! `hashtags`, `hashtags_from_astral`, `mentions` and `urls` sections.

use serde_yaml_ng::Value;
use staffroom::extract::{extract, extract_hashtags, extract_mentions, extract_urls};

const SECTIONS: [(&str, usize); 4] = [
    ("hashtags", 65),
    ("hashtags_from_astral", 3),
    ("mentions", 23),
    ("urls", 91),
];

fn suite() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/conformance/twitter-text/extract.yml"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_yaml_ng::from_str(&text).expect("extract.yml is valid YAML")
}

struct Case {
    description: String,
    text: String,
    expected: Vec<String>,
}

fn cases(suite: &Value, section: &str) -> Vec<Case> {
    let list = suite["tests"][section]
        .as_sequence()
        .unwrap_or_else(|| panic!("section {section} is missing"));
    list.iter()
        .map(|case| Case {
            description: case["description"]
                .as_str()
                .expect("description")
                .to_string(),
            text: case["text"].as_str().expect("text").to_string(),
            expected: case["expected"]
                .as_sequence()
                .expect("expected is a list")
                .iter()
                .map(|v| v.as_str().expect("expected strings").to_string())
                .collect(),
        })
        .collect()
}

fn run(section: &str, text: &str) -> Vec<String> {
    match section {
        "hashtags" | "hashtags_from_astral" => extract_hashtags(text),
        "mentions" => extract_mentions(text),
        "urls" => extract_urls(text),
        _ => unreachable!("unknown section {section}"),
    }
}

#[test]
fn extraction_conformance() {
    let suite = suite();
    let mut failures = Vec::new();
    for (section, size) in SECTIONS {
        let cases = cases(&suite, section);
        assert_eq!(
            cases.len(),
            size,
            "section {section} should have {size} cases"
        );
        let mut passed = 0;
        for case in &cases {
            let got = run(section, &case.text);
            // `extract` must agree with the single-kind functions it combines.
            let all = extract(&case.text);
            let combined = match section {
                "mentions" => &all.mentions,
                "urls" => &all.urls,
                _ => &all.hashtags,
            };
            if got == case.expected && *combined == got {
                passed += 1;
            } else {
                failures.push(format!(
                    "[{section}] {}\n    text:     {:?}\n    expected: {:?}\n    got:      {got:?}\n    extract:  {combined:?}",
                    case.description, case.text, case.expected
                ));
            }
        }
        println!("{section}: {passed}/{size} passed");
    }
    assert!(
        failures.is_empty(),
        "{} disagreeing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
