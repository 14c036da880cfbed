//! The troll lexicon: entries kept as data (`lexicon/<lang>.txt`), compiled once into one
//! Aho-Corasick automaton over the squeezed form of the folded text.

use super::fold::squeeze;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Lexicons compiled into the engine, by language. More languages are more files here.
const SOURCES: &[(&str, &str)] = &[("en", include_str!("lexicon/en.txt"))];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Slur,
    Threat,
    Hostility,
    Profanity,
    Insult,
    /// Strong language that names no one ("fucking", "shit"): alone, it only warns.
    Strong,
    Mild,
    /// An ordinary phrase that contains a listed word ("maine coon"): cancels hits inside it.
    Ok,
}

impl Category {
    /// Words that attack no one: a post whose only evidence they are is warned, not hidden.
    pub fn names_no_one(self) -> bool {
        matches!(self, Category::Strong | Category::Mild)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Slur => "slur",
            Category::Threat => "threat",
            Category::Hostility => "hostility",
            Category::Profanity => "profanity",
            Category::Insult => "insult",
            Category::Strong => "strong language",
            Category::Mild => "mild language",
            Category::Ok => "ok",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Word,
    Prefix,
    Suffix,
    Infix,
}

#[derive(Debug)]
pub struct Entry {
    pub category: Category,
    /// Score in tenths (2.0 -> 20), so sums are exact.
    pub weight: u32,
    pub span: Span,
    /// The term as written (unsqueezed), shown in reasons and used for masked tokens.
    pub term: String,
    /// For a term whose squeezed form is an ordinary word ("ass" -> "as"): the term with
    /// doubled letters kept, which a squeezed match must also show in the doubled text.
    pub doubled: Option<Vec<u8>>,
    /// An everyday Dutch word ("hoe" = how): does not count in a post that reads as Dutch.
    pub not_dutch: bool,
}

#[derive(Debug)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// Over `Folded::squeezed`; pattern i is entry i.
    pub automaton: AhoCorasick,
}

impl Lexicon {
    pub fn builtin() -> Lexicon {
        let mut entries = Vec::new();
        for (lang, source) in SOURCES {
            for (n, line) in source.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                match parse_line(line) {
                    Some(entry) => entries.push(entry),
                    // The data is compiled in, so a bad line is a build-time bug; tests catch it.
                    None => debug_assert!(false, "lexicon/{lang}.txt line {}: {line}", n + 1),
                }
            }
        }
        let patterns: Vec<Vec<u8>> = entries.iter().map(|e| squeeze(&e.term, 1)).collect();
        // A DFA: a few hundred short patterns make a small table, and it is the fastest scan.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("lexicon automaton");
        Lexicon { entries, automaton }
    }
}

fn parse_line(line: &str) -> Option<Entry> {
    let mut parts = line.splitn(4, ' ');
    let category = match parts.next()? {
        "slur" => Category::Slur,
        "threat" => Category::Threat,
        "hostility" => Category::Hostility,
        "profanity" => Category::Profanity,
        "insult" => Category::Insult,
        "strong" => Category::Strong,
        "mild" => Category::Mild,
        "ok" => Category::Ok,
        _ => return None,
    };
    let weight: f32 = parts.next()?.parse().ok()?;
    let column = parts.next()?;
    let (span, flag) = match column.split_once(',') {
        Some((span, flag)) => (span, Some(flag)),
        None => (column, None),
    };
    let not_dutch = match flag {
        None => false,
        Some("notnl") => true,
        Some(_) => return None,
    };
    let span = match span {
        "word" => Span::Word,
        "prefix" => Span::Prefix,
        "suffix" => Span::Suffix,
        "infix" => Span::Infix,
        _ => return None,
    };
    let raw = parts.next()?.trim();
    let (term, doubled) = match raw.strip_prefix('=') {
        Some(t) => (t, Some(squeeze(t, 2))),
        None => (raw, None),
    };
    let valid = !term.is_empty() && term.bytes().all(|b| b.is_ascii_lowercase() || b == b' ');
    (valid && (0.0..=10.0).contains(&weight)).then(|| Entry {
        category,
        weight: (weight * 10.0).round() as u32,
        span,
        term: term.to_string(),
        doubled,
        not_dutch,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_line_parses() {
        for (lang, source) in SOURCES {
            for line in source.lines().map(str::trim) {
                if !line.is_empty() && !line.starts_with('#') {
                    assert!(parse_line(line).is_some(), "lexicon/{lang}.txt: {line}");
                }
            }
        }
        assert!(Lexicon::builtin().entries.len() > 100);
    }
}
