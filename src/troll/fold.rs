//! The troll-specific fold: undoes the disguises people use to get words past filters
//! (HTML entities, full-width and look-alike letters, accents, leetspeak, repeated letters,
//! zero-width characters, letters spaced out or split by punctuation) and turns a post into
//! space-separated word tokens. Deliberately stronger than `normalize::fold`: it would make
//! ordinary muted words match too eagerly, but troll words are chosen to survive it.

use crate::normalize;
use std::borrow::Cow;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{is_nfkc_quick, IsNormalized};

/// Decode the HTML entities that scraped and exported posts carry (`&amp;`, `&#57361;`,
/// `&#x1F600;`). Unknown or malformed entities are left as they are. Two passes, because
/// double-escaped text (`&amp;lt;`) is common in exports.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let once = decode_once(text);
    if once.contains('&') {
        return Cow::Owned(decode_once(&once));
    }
    Cow::Owned(once)
}

fn decode_once(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Entities are short: look for the ';' within a few bytes only (keeps this linear).
        let decoded = rest
            .as_bytes()
            .iter()
            .take(12)
            .position(|&b| b == b';')
            .and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Latin letter a look-alike or accented letter stands for (after lowercasing).
#[rustfmt::skip]
fn latin(c: char) -> Option<u8> {
    if c > '\u{052F}' && !matches!(c, '\u{1E00}'..='\u{1EFF}' | '’' | '‘') {
        return None; // past Latin, Greek and Cyrillic: emoji, CJK, symbols
    }
    let mapped = match c {
        // Cyrillic
        'а' => 'a', 'в' | 'ь' | 'ъ' => 'b', 'с' => 'c', 'ԁ' => 'd', 'е' | 'ё' | 'є' => 'e',
        'һ' | 'н' => 'h', 'і' | 'ї' => 'i', 'ј' => 'j', 'к' => 'k', 'ӏ' => 'l', 'м' => 'm',
        'п' => 'n', 'о' => 'o', 'р' => 'p', 'ԛ' => 'q', 'г' => 'r', 'ѕ' => 's', 'т' => 't',
        'ц' | 'џ' => 'u', 'ѵ' => 'v', 'ԝ' | 'ш' => 'w', 'х' => 'x', 'у' => 'y',
        // Greek
        'α' => 'a', 'β' => 'b', 'ϲ' => 'c', 'δ' => 'd', 'ε' => 'e', 'η' => 'n', 'ι' => 'i',
        'κ' => 'k', 'μ' | 'υ' => 'u', 'ν' => 'v', 'ο' | 'σ' => 'o', 'ρ' => 'p', 'τ' => 't',
        'χ' => 'x', 'γ' => 'y', 'ω' => 'w', 'ς' => 's', 'ζ' => 'z',
        // Latin letters without a canonical decomposition
        'ı' => 'i', 'ł' => 'l', 'ø' => 'o', 'đ' => 'd', 'ħ' => 'h', 'ɡ' => 'g', 'ß' => 's',
        '’' | '‘' | 'ʼ' => '\'',
        _ => {
            // Accented letters: keep the base letter (é -> e).
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            return base.filter(char::is_ascii_lowercase).map(|b| b as u8);
        }
    };
    Some(mapped as u8)
}

/// ASCII bytes (not yet lowercased); anything that is not a letter we can read becomes a
/// separator. Invisible characters are dropped entirely, so "id\u{200B}iot" stays one word.
fn to_ascii(text: &str) -> Cow<'_, [u8]> {
    if text.is_ascii() {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_ascii() {
            out.push(c as u8);
        } else if c.is_whitespace() {
            out.push(b' ');
        } else {
            // Combining marks left over by NFKC (a stacked "i̇") carry no letter: drop them.
            match latin(c) {
                Some(b) => out.push(b),
                None if is_combining(c) => {}
                None => out.push(SEPARATOR),
            }
        }
    };
    // Most non-ASCII posts only add emoji or curly quotes, which NFKC leaves unchanged:
    // skip building the normalised copy for them.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        for c in text.chars().filter(|c| !normalize::is_invisible(*c)) {
            c.to_lowercase().for_each(&mut push);
        }
    } else {
        normalize::fold(text).chars().for_each(push);
    }
    Cow::Owned(out)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Stands for any character that separates words without being whitespace (emoji, CJK...).
const SEPARATOR: u8 = 0x1F;

/// Characters that may be part of a disguised word: letters, leet digits and symbols,
/// masking stars and apostrophes.
static WORDISH: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] =
            c.is_ascii_alphanumeric() || matches!(c, b'@' | b'$' | b'!' | b'|' | b'*' | b'\'');
        b += 1;
    }
    table
};

#[inline]
fn is_wordish(b: u8) -> bool {
    WORDISH[b as usize]
}

fn is_handle(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The letter a character in a word stands for (0 = none): letters lowercased, leet digits
/// and symbols read as letters, '*' kept as a mask.
static LEET: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'a'..=b'z' => c,
            b'A'..=b'Z' => c.to_ascii_lowercase(),
            b'0' => b'o',
            b'1' | b'!' => b'i',
            b'3' => b'e',
            b'4' | b'@' => b'a',
            b'5' | b'$' => b's',
            b'7' => b't',
            b'9' => b'g',
            b'|' => b'l',
            b'*' => b'*',
            _ => 0,
        };
        b += 1;
    }
    table
};

/// A post as the troll lexicon sees it (ASCII bytes).
#[derive(Debug, Default)]
pub struct Folded {
    /// Tokens with runs of a letter squeezed to one ("stuuupid" -> "stupid"), each token
    /// surrounded by single spaces: " you are stupid ".
    pub squeezed: Vec<u8>,
    /// The same tokens with runs capped at two ("asssss" -> "ass"), for terms whose squeezed
    /// form is an ordinary word.
    pub doubled: Vec<u8>,
    /// Byte range of each token in `squeezed` and in `doubled`.
    pub squeezed_spans: Vec<(u32, u32)>,
    pub doubled_spans: Vec<(u32, u32)>,
    /// Indices of tokens that still hold masking stars ("f*ck"), in `doubled` form.
    pub masked: Vec<u32>,
}

impl Folded {
    pub fn token_count(&self) -> usize {
        self.squeezed_spans.len()
    }

    /// The squeezed form of token `i`.
    pub fn squeezed_token(&self, i: usize) -> &[u8] {
        let (start, end) = self.squeezed_spans[i];
        &self.squeezed[start as usize..end as usize]
    }

    pub fn doubled_token(&self, i: usize) -> &[u8] {
        let (start, end) = self.doubled_spans[i];
        &self.doubled[start as usize..end as usize]
    }

    /// Tokens `first..=last` in doubled form, with their single spaces between.
    pub fn doubled_tokens(&self, first: usize, last: usize) -> &[u8] {
        &self.doubled[self.doubled_spans[first].0 as usize..self.doubled_spans[last].1 as usize]
    }

    fn with_capacity(n: usize) -> Folded {
        let mut folded = Folded {
            squeezed: Vec::with_capacity(n + 2),
            doubled: Vec::with_capacity(n + 2),
            squeezed_spans: Vec::with_capacity(n / 4 + 1),
            doubled_spans: Vec::with_capacity(n / 4 + 1),
            masked: Vec::new(),
        };
        folded.squeezed.push(b' ');
        folded.doubled.push(b' ');
        folded
    }

    /// Append one word in both forms.
    fn push(&mut self, word: &[u8]) {
        if word.contains(&b'*') {
            self.masked.push(self.squeezed_spans.len() as u32);
        }
        let (sq, db) = (self.squeezed.len() as u32, self.doubled.len() as u32);
        let mut run = 0;
        let mut prev = 0u8;
        for &b in word {
            run = if b == prev { run + 1 } else { 1 };
            prev = b;
            if run == 1 {
                self.squeezed.push(b);
            }
            if run <= 2 {
                self.doubled.push(b);
            }
        }
        self.squeezed_spans.push((sq, self.squeezed.len() as u32));
        self.doubled_spans.push((db, self.doubled.len() as u32));
        self.squeezed.push(b' ');
        self.doubled.push(b' ');
    }
}

/// Builds a `Folded` one word piece at a time, joining letters spaced out one separator
/// apart ("i d i o t", "f.u.c.k": three or more of them make one word).
struct Builder {
    folded: Folded,
    /// Separator bytes since the last word piece.
    gap: usize,
    /// One-letter pieces waiting to see whether they spell a word.
    spaced: Vec<u8>,
}

impl Builder {
    fn piece(&mut self, word: &[u8]) {
        if word.is_empty() {
            return;
        }
        if word.len() == 1 && (self.spaced.is_empty() || self.gap == 1) {
            self.spaced.push(word[0]);
        } else {
            self.flush();
            if word.len() == 1 {
                self.spaced.push(word[0]);
            } else {
                self.folded.push(word);
            }
        }
        self.gap = 0;
    }

    fn flush(&mut self) {
        if self.spaced.len() >= 3 {
            self.folded.push(&self.spaced);
        } else {
            for i in 0..self.spaced.len() {
                self.folded.push(&[self.spaced[i]]);
            }
        }
        self.spaced.clear();
    }
}

/// Fold a post (entities already decoded) into word tokens.
pub fn fold(text: &str) -> Folded {
    let ascii = to_ascii(text);
    let bytes: &[u8] = &ascii;
    let n = bytes.len();
    let mut builder = Builder {
        folded: Folded::with_capacity(n),
        gap: 0,
        spaced: Vec::new(),
    };
    let mut word: Vec<u8> = Vec::with_capacity(32);
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let at_boundary = i == 0 || !is_handle(bytes[i - 1]);
        if b == b'@' && at_boundary && i + 1 < n && is_handle(bytes[i + 1]) {
            // A mention names an account; its letters are not the author's words.
            i += 1;
            while i < n && is_handle(bytes[i]) {
                i += 1;
            }
            builder.gap += 1;
        } else if at_boundary && starts_url(&bytes[i..]) {
            while i < n && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            builder.gap += 1;
        } else if is_wordish(b) {
            let mut j = i;
            while j < n && is_wordish(bytes[j]) {
                j += 1;
            }
            push_run(&bytes[i..j], &mut word, &mut builder);
            i = j;
        } else {
            builder.gap += 1;
            i += 1;
        }
    }
    builder.flush();
    builder.folded
}

fn starts_url(b: &[u8]) -> bool {
    let starts =
        |prefix: &[u8]| b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix);
    matches!(b.first(), Some(b'h' | b'H' | b'w' | b'W'))
        && (starts(b"http://") || starts(b"https://") || starts(b"www."))
}

/// Turn one run of word-ish bytes into word pieces: trim punctuation at its edges, read
/// leet only where the run has letters (so "100" and "2017" stay numbers, not words), and
/// split on digits that have no letter reading.
fn push_run(run: &[u8], word: &mut Vec<u8>, builder: &mut Builder) {
    let is_edge = |b: &u8| matches!(b, b'!' | b'*' | b'\'' | b'|');
    let lead = run.iter().take_while(|b| is_edge(b)).count();
    let trail = run[lead..].iter().rev().take_while(|b| is_edge(b)).count();
    let core = &run[lead..run.len() - trail];
    builder.gap += lead;
    if !core.iter().any(u8::is_ascii_alphabetic) {
        builder.gap += core.len() + trail;
        return;
    }
    word.clear();
    for &b in core {
        match LEET[b as usize] {
            0 if b == b'\'' => {} // "you're" -> "youre"
            0 => {
                builder.piece(word);
                word.clear();
                builder.gap += 1;
            }
            l => word.push(l),
        }
    }
    builder.piece(word);
    builder.gap += trail;
}

/// Squeeze a lexicon term the way `fold` squeezes post text: runs of a letter cut to `cap`.
pub fn squeeze(term: &str, cap: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(term.len());
    let mut run = 0;
    let mut prev = 0u8;
    for &b in term.as_bytes() {
        run = if b == prev { run + 1 } else { 1 };
        prev = b;
        if run <= cap {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> String {
        String::from_utf8(fold(&decode_entities(text)).squeezed)
            .unwrap()
            .trim()
            .to_string()
    }

    #[test]
    fn entities_decode_once_and_twice() {
        assert_eq!(
            decode_entities("a &amp; b &lt;3 &#57361; &#x41;"),
            "a & b <3 \u{E011} A"
        );
        assert_eq!(decode_entities("&amp;lt;"), "<");
        assert_eq!(
            decode_entities("&bogus; & &#99999999;"),
            "&bogus; & &#99999999;"
        );
    }

    #[test]
    fn disguises_fold_to_plain_words() {
        assert_eq!(words("Ｉｄｉｏｔ"), "idiot");
        assert_eq!(words("іdіоt"), "idiot"); // Cyrillic і and о
        assert_eq!(words("1d10t"), "idiot");
        assert_eq!(words("stuuuupid"), "stupid");
        assert_eq!(words("i d i o t"), "idiot");
        assert_eq!(words("i.d.i.o.t"), "idiot");
        assert_eq!(words("id\u{200B}i\u{202E}ot"), "idiot");
        assert_eq!(words("ïdiöt"), "idiot");
        assert_eq!(words("you’re"), "youre");
    }

    #[test]
    fn numbers_mentions_and_links_are_not_words() {
        assert_eq!(
            words("100 2017 @someone http://t.co/abc www.x.org 5/10"),
            ""
        );
        assert_eq!(words("Wow!!! *so* proud"), "wow so proud");
        assert_eq!(words("I am a teacher"), "i am a teacher");
    }

    #[test]
    fn masked_tokens_are_kept_with_their_stars() {
        let f = fold("what the f*ck");
        assert_eq!(f.masked.len(), 1);
        assert_eq!(f.doubled_token(f.masked[0] as usize), b"f*ck");
    }
}
