//! Readers for the labelled corpora the models are trained and measured on: the Davidson
//! tweets and OLID in `../shared/data`, and the project's own one-post-a-line files in
//! `data/`. Native builds only (training commands, benchmarks, tests).

use crate::troll::decode_entities;
use std::path::{Path, PathBuf};

/// A labelled tweet: its id in the corpus, its text as a site would show it, its label.
#[derive(Debug, Clone)]
pub struct Tweet {
    pub id: u64,
    pub text: String,
    pub label: String,
}

/// `../shared` beside the checkout, or `$STAFFROOM_SHARED`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("STAFFROOM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `data/davidson/tweets.csv`: id,label,text with label hate | offensive | neither; HTML
/// entities decoded.
pub fn davidson() -> Vec<Tweet> {
    csv_rows(&read(&shared_dir().join("data/davidson/tweets.csv")))
        .into_iter()
        .skip(1)
        .filter_map(|[id, label, text]| {
            Some(Tweet { id: id.parse().ok()?, text: decode_entities(&text).into_owned(), label })
        })
        .collect()
}

/// `data/olid/olid-training-v1.0.tsv`: tab-separated, quoting off; label is subtask A
/// (OFF | NOT). Mentions are `@USER`, links `URL`.
pub fn olid() -> Vec<Tweet> {
    read(&shared_dir().join("data/olid/olid-training-v1.0.tsv"))
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let id = fields.next()?.parse().ok()?;
            let text = fields.next()?.to_string();
            let label = fields.next()?.to_string();
            Some(Tweet { id, text, label })
        })
        .collect()
}

/// A file of the project's own data: one post per line, blank lines and `#` comments skipped
/// only where a line starts with "# " (posts may start with a hashtag).
pub fn lines(relative: &str) -> Vec<String> {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(String::from)
        .collect()
}

/// Minimal CSV for three columns: quoted fields with doubled quotes, CRLF or LF rows (texts hold
/// commas, quotes and newlines).
fn csv_rows(csv: &str) -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    let mut end_row = |fields: &mut Vec<String>, field: &mut String| {
        fields.push(std::mem::take(field));
        if let Ok(row) = <[String; 3]>::try_from(std::mem::take(fields)) {
            rows.push(row);
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\n' if !quoted => end_row(&mut fields, &mut field),
            '\r' if !quoted => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        end_row(&mut fields, &mut field);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_quoted_commas_and_quotes() {
        let rows = csv_rows("id,label,text\n1,neither,\"a, \"\"b\"\"\"\r\n2,hate,plain\n");
        assert_eq!(rows[1], ["1".to_string(), "neither".into(), "a, \"b\"".into()]);
        assert_eq!(rows[2][2], "plain");
    }
}
