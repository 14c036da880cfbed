//! The troll-specific fold: undoes the disguises people use to get words past filters
//! (HTML entities, full-width and look-alike letters, accents, leetspeak, repeated letters,
//! zero-width characters, letters spaced out or split by punctuation) and turns a post into
//! space-separated word tokens. Deliberately stronger than `normalize::fold`: it would make
//! ordinary muted words match too eagerly, but troll words are chosen to survive it.

use crate::normalize;
use std::borrow::Cow;
use std::cell::Cell;
use std::mem::take;

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
    let past_latin = c > '\u{052F}'
        && !matches!(c, '\u{1D00}'..='\u{1D2B}' | '\u{1E00}'..='\u{1EFF}' | 'ꜰ' | 'ꜱ' | '’' | '‘');
    if past_latin {
        return None; // emoji, CJK, symbols
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
        // Small capitals ("ꜱᴍᴀʟʟ ᴄᴀᴘꜱ" text, and what NFKC makes of some superscripts: ᶦ -> ɪ)
        'ᴀ' => 'a', 'ʙ' => 'b', 'ᴄ' => 'c', 'ᴅ' => 'd', 'ᴇ' => 'e', 'ꜰ' => 'f', 'ɢ' => 'g',
        'ʜ' => 'h', 'ɪ' => 'i', 'ᴊ' => 'j', 'ᴋ' => 'k', 'ʟ' => 'l', 'ᴍ' => 'm', 'ɴ' => 'n',
        'ᴏ' => 'o', 'ᴘ' => 'p', 'ʀ' => 'r', 'ꜱ' => 's', 'ᴛ' => 't', 'ᴜ' => 'u', 'ᴠ' => 'v',
        'ᴡ' => 'w', 'ʏ' => 'y', 'ᴢ' => 'z',
        // Latin letters without a canonical decomposition
        'ı' => 'i', 'ł' => 'l', 'ø' => 'o', 'đ' => 'd', 'ħ' => 'h', 'ɡ' => 'g', 'ß' => 's',
        '’' | '‘' | 'ʼ' => '\'',
        _ => return accented_letter_base(c),
    };
    Some(mapped as u8)
}

/// The letter each of U+00C0–024F and U+1E00–1EFF is written with, as its canonical
/// decomposition gives it (é -> e, ǻ -> a); '.' where there is none.
const LATIN_1_TO_EXTENDED_B: &[u8] = concat!(
    "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y", // U+00C0
    "aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll.", // U+0100
    "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.", // U+0140
    "................................oo.............uu...............", // U+0180
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....", // U+01C0
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............", // U+0200
    "................",                                                 // U+0240
)
.as_bytes();
const LATIN_EXTENDED_ADDITIONAL: &[u8] = concat!(
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm", // U+1E00
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv", // U+1E40
    "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee", // U+1E80
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......", // U+1EC0
)
.as_bytes();
const _: () = assert!(LATIN_1_TO_EXTENDED_B.len() == 0x250 - 0xC0);
const _: () = assert!(LATIN_EXTENDED_ADDITIONAL.len() == 0x100);

/// Accented letters: the base letter (é -> e, ṡ -> s).
fn accented_letter_base(c: char) -> Option<u8> {
    let code = c as usize;
    let base = match code {
        0xC0..=0x24F => LATIN_1_TO_EXTENDED_B[code - 0xC0],
        0x1E00..=0x1EFF => LATIN_EXTENDED_ADDITIONAL[code - 0x1E00],
        _ => return None,
    };
    (base != b'.').then_some(base)
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
        } else if matches!(c, '\u{201C}' | '\u{201D}') {
            // Curly double quotes mark a quotation as the straight ones do.
            out.push(b'"');
        } else if c.is_whitespace() {
            out.push(b' ');
        } else {
            // Combining marks (a stacked "i̇") carry no letter: drop them.
            match latin(c) {
                Some(b) => out.push(b),
                None if is_combining(c) => {}
                None => out.push(SEPARATOR),
            }
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            normalize::fold_char(c, &mut push);
        }
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
    /// Token ranges (`first..=last`) between a pair of double quotes: words the author
    /// reports rather than says. Empty for most posts, so not among the recycled buffers.
    pub quoted: Vec<(usize, usize)>,
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

    /// An empty `Folded` for a text `n` bytes long, in the buffers the last one dropped left.
    fn with_capacity(n: usize) -> Folded {
        let (squeezed, doubled, squeezed_spans, doubled_spans, masked) = SPARE_BUFFERS
            .try_with(Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        let mut folded = Folded {
            squeezed,
            doubled,
            squeezed_spans,
            doubled_spans,
            masked,
            quoted: Vec::new(),
        };
        folded.squeezed.reserve(n + 2);
        folded.doubled.reserve(n + 2);
        folded.squeezed_spans.reserve(n / 4 + 1);
        folded.doubled_spans.reserve(n / 4 + 1);
        folded.squeezed.push(b' ');
        folded.doubled.push(b' ');
        folded
    }
}

/// Posts are folded one after another: a `Folded` leaves its buffers, emptied, to the next
/// one rather than free them (four allocations a post), unless a long post grew them.
impl Drop for Folded {
    fn drop(&mut self) {
        if self.squeezed.capacity() > LONG_POST_BYTES {
            return;
        }
        self.squeezed.clear();
        self.doubled.clear();
        self.squeezed_spans.clear();
        self.doubled_spans.clear();
        self.masked.clear();
        let buffers = (
            take(&mut self.squeezed),
            take(&mut self.doubled),
            take(&mut self.squeezed_spans),
            take(&mut self.doubled_spans),
            take(&mut self.masked),
        );
        let _ = SPARE_BUFFERS.try_with(|spare| spare.set(Some(buffers)));
    }
}

/// Buffers a post longer than this grew are freed rather than kept.
const LONG_POST_BYTES: usize = 4096;

/// A `Folded`'s buffers, in the order of its fields.
type Buffers = (Vec<u8>, Vec<u8>, Vec<(u32, u32)>, Vec<(u32, u32)>, Vec<u32>);

thread_local! {
    static SPARE_BUFFERS: Cell<Option<Buffers>> = const { Cell::new(None) };
}

/// Builds a `Folded` one word piece at a time, joining letters spaced out one separator
/// apart ("i d i o t", "f.u.c.k": three or more of them make one word).
struct Builder {
    folded: Folded,
    /// Separator bytes since the last word piece.
    gap: usize,
    /// One-letter tokens in a row so far, each one separator after the last.
    spaced: usize,
    /// The token count at an opening double quote not yet closed.
    quote_opened: Option<usize>,
}

impl Builder {
    /// A double quote closes the open quotation when it follows a word, or opens one when it
    /// comes before a word and after none ("said \"you are\" today"); an unclosed quotation
    /// marks nothing. So an inch mark ("12\" ruler") or a quotation whose opening mark was
    /// lost quotes nothing.
    fn quote_mark(&mut self, mark: QuoteMark) {
        let tokens = self.folded.token_count();
        match self.quote_opened {
            Some(first) if mark.can_close => {
                self.quote_opened = None;
                if tokens > first {
                    self.folded.quoted.push((first, tokens - 1));
                }
            }
            None if mark.can_open => self.quote_opened = Some(tokens),
            _ => {}
        }
    }

    /// Reads the run of double quotes at `i` as one mark and returns where the run ends.
    fn quote_run(&mut self, bytes: &[u8], i: usize, wrapped: bool) -> usize {
        let (end, mark) = quote_mark_at(bytes, i, wrapped);
        if let Some(mark) = mark {
            self.quote_mark(mark);
        }
        end
    }

    /// Write a word piece (bytes read through `LEET`, apostrophes dropped) as a token.
    fn piece(&mut self, piece: &[u8]) {
        let start = (self.folded.squeezed.len(), self.folded.doubled.len());
        let (letters, masked) = self.write(piece, 0, 0);
        if letters == 0 {
            return;
        }
        self.close_token(start, masked);
        if letters > 1 {
            self.spaced = 0;
        } else if self.spaced > 0 && self.gap == 1 {
            self.spaced += 1;
            if self.spaced >= 3 {
                self.join_spaced_letters();
            }
        } else {
            self.spaced = 1;
        }
        self.gap = 0;
    }

    /// Append the letters of `bytes` to the token being written, whose last letter is `prev`,
    /// `run` times in a row: runs are squeezed to one in `squeezed` and to two in `doubled`.
    /// Returns how many letters there were, and whether one was a masking star.
    fn write(&mut self, bytes: &[u8], mut prev: u8, mut run: usize) -> (usize, bool) {
        let Folded {
            squeezed, doubled, ..
        } = &mut self.folded;
        let (mut letters, mut masked) = (0, false);
        for &b in bytes {
            let letter = LEET[b as usize];
            if letter == 0 {
                continue; // "you're" -> "youre"
            }
            letters += 1;
            masked |= letter == b'*';
            run = if letter == prev { run + 1 } else { 1 };
            prev = letter;
            if run == 1 {
                squeezed.push(letter);
            }
            if run <= 2 {
                doubled.push(letter);
            }
        }
        (letters, masked)
    }

    fn close_token(&mut self, start: (usize, usize), masked: bool) {
        let folded = &mut self.folded;
        if masked {
            folded.masked.push(folded.squeezed_spans.len() as u32);
        }
        folded
            .squeezed_spans
            .push((start.0 as u32, folded.squeezed.len() as u32));
        folded
            .doubled_spans
            .push((start.1 as u32, folded.doubled.len() as u32));
        folded.squeezed.push(b' ');
        folded.doubled.push(b' ');
    }

    /// Take the last token back to write on (the caller knows there is one): where it starts,
    /// and whether it is masked.
    fn reopen_token(&mut self) -> ((usize, usize), bool) {
        let folded = &mut self.folded;
        let token = folded.squeezed_spans.len() as u32 - 1;
        let masked = folded.masked.last() == Some(&token);
        if masked {
            folded.masked.pop();
        }
        let (squeezed_start, _) = folded.squeezed_spans.pop().unwrap_or_default();
        let (doubled_start, _) = folded.doubled_spans.pop().unwrap_or_default();
        folded.squeezed.pop();
        folded.doubled.pop();
        ((squeezed_start as usize, doubled_start as usize), masked)
    }

    /// The one-letter token just written joins the token before it; at the third spaced
    /// letter, the two before it join into one word first.
    fn join_spaced_letters(&mut self) {
        let joining = if self.spaced == 3 { 2 } else { 1 };
        let mut letters = [0u8; 2];
        for letter in letters[..joining].iter_mut().rev() {
            let (start, _) = self.reopen_token();
            *letter = self.folded.doubled[start.1];
            self.folded.squeezed.truncate(start.0);
            self.folded.doubled.truncate(start.1);
        }
        let (start, masked) = self.reopen_token();
        let token = &self.folded.doubled[start.1..];
        let prev = token.last().copied().unwrap_or(0);
        let run = if token.len() >= 2 && token[token.len() - 2] == prev {
            2
        } else {
            1
        };
        let (_, joined_masked) = self.write(&letters[..joining], prev, run);
        self.close_token(start, masked || joined_masked);
    }
}

/// A run of double quotes read as one mark ("\"\"" is one quote escaped CSV-style), and
/// which way it can face.
#[derive(Clone, Copy)]
struct QuoteMark {
    can_open: bool,
    can_close: bool,
}

/// The run of double quotes at `i`: where it ends, and the mark it makes, if any. `wrapped`:
/// the whole text is a CSV field in quotes (it starts and ends with one, and holds a doubled
/// one), as in corpora read with quoting off; those two outer quotes mark nothing.
fn quote_mark_at(bytes: &[u8], i: usize, wrapped: bool) -> (usize, Option<QuoteMark>) {
    let mut end = i;
    while end < bytes.len() && bytes[end] == b'"' {
        end += 1;
    }
    let outer = usize::from(wrapped && i == 0) + usize::from(wrapped && end == bytes.len());
    if end - i <= outer {
        return (end, None);
    }
    let before = i.checked_sub(1).map(|k| bytes[k]).filter(|_| !(wrapped && i == 0));
    let after = bytes.get(end).copied();
    let mark = QuoteMark {
        can_open: before.is_none_or(|b| !b.is_ascii_alphanumeric()) && after.is_some_and(|b| !b.is_ascii_whitespace()),
        can_close: before.is_some_and(|b| !b.is_ascii_whitespace()),
    };
    (end, Some(mark))
}

/// Fold a post (entities already decoded) into word tokens.
pub fn fold(text: &str) -> Folded {
    let ascii = to_ascii(text);
    let bytes: &[u8] = &ascii;
    let n = bytes.len();
    let wrapped = n >= 2 && bytes[0] == b'"' && bytes[n - 1] == b'"' && bytes[1..n - 1].windows(2).any(|w| w == b"\"\"");
    let mut builder = Builder {
        folded: Folded::with_capacity(n),
        gap: 0,
        spaced: 0,
        quote_opened: None,
    };
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
                // A quotation may close right after a link ("URL\"").
                if bytes[i] == b'"' {
                    i = builder.quote_run(bytes, i, wrapped);
                } else {
                    i += 1;
                }
            }
            builder.gap += 1;
        } else if is_wordish(b) {
            let mut j = i;
            while j < n && is_wordish(bytes[j]) {
                j += 1;
            }
            push_run(&bytes[i..j], &mut builder);
            i = j;
        } else if b == b'"' {
            let end = builder.quote_run(bytes, i, wrapped);
            builder.gap += end - i;
            i = end;
        } else {
            builder.gap += 1;
            i += 1;
        }
    }
    builder.folded
}

/// A link, or "URL" in capitals standing alone: what corpora such as OLID publish in place of
/// a link, read as the link it was so that a model trained on them scores real posts alike.
fn starts_url(b: &[u8]) -> bool {
    let starts =
        |prefix: &[u8]| b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix);
    let placeholder = b.starts_with(b"URL") && b.get(3).is_none_or(|&c| !is_wordish(c));
    placeholder
        || matches!(b.first(), Some(b'h' | b'H' | b'w' | b'W'))
            && (starts(b"http://") || starts(b"https://") || starts(b"www."))
}

/// Turn one run of word-ish bytes into word pieces: trim punctuation at its edges, read
/// leet only where the run has letters (so "100" and "2017" stay numbers, not words), and
/// split on digits that have no letter reading.
fn push_run(run: &[u8], builder: &mut Builder) {
    let is_edge = |b: &u8| matches!(b, b'!' | b'*' | b'\'' | b'|');
    let lead = run.iter().take_while(|b| is_edge(b)).count();
    let trail = run[lead..].iter().rev().take_while(|b| is_edge(b)).count();
    let core = &run[lead..run.len() - trail];
    builder.gap += lead;
    if !core.iter().any(u8::is_ascii_alphabetic) {
        builder.gap += core.len() + trail;
        return;
    }
    let mut pieces = core.split(|&b| LEET[b as usize] == 0 && b != b'\'');
    if let Some(first) = pieces.next() {
        builder.piece(first);
    }
    for piece in pieces {
        builder.gap += 1;
        builder.piece(piece);
    }
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

    #[test]
    fn quoted_words_are_found_by_token() {
        let quoted = |text: &str| fold(text).quoted.clone();
        // a parent said | you are a disgrace | today
        assert_eq!(quoted("a parent said \"you are a disgrace\" today"), vec![(3, 6)]);
        assert_eq!(quoted("\u{201C}Clown\u{201D}, he wrote. \"Fraud\" too"), vec![(0, 0), (3, 3)]);
        assert_eq!(quoted("the 12\" ruler, nothing quoted"), vec![]);
        // An empty quotation, and an unclosed one, mark no words.
        assert_eq!(quoted("\"\" then \"open"), vec![]);
        // A closing mark whose opening one was lost quotes nothing after it.
        assert_eq!(quoted("taken\" this piece of work to \"court\""), vec![(6, 6)]);
    }

    #[test]
    fn a_text_read_as_a_quoted_csv_field_quotes_only_what_its_author_quoted() {
        let quoted = |text: &str| fold(text).quoted.clone();
        // OLID's tweets with a quote in them: wrapped in quotes, each of theirs doubled, and
        // the opening one often lost. The wrapper quotes nothing.
        assert_eq!(quoted("\"@USER You are hypocrites. Your gun control\"\" facade.\""), vec![]);
        // you | are | stuck | with | this
        assert_eq!(quoted("\"@USER You are \"\"stuck with this,\"\" okay\""), vec![(2, 4)]);
        assert_eq!(quoted("\"@USER It's not to protect range day\"\".\"\"\""), vec![]);
        // Not a CSV field: the first quote opens a quotation as usual.
        assert_eq!(quoted("\"Clown\" he wrote \"twice\""), vec![(0, 0), (3, 3)]);
    }

    fn words(text: &str) -> String {
        String::from_utf8_lossy(&fold(&decode_entities(text)).squeezed)
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
    fn links_and_corpus_link_placeholders_are_dropped() {
        assert_eq!(words("see https://t.co/x and www.a.b or URL. @USER URLs url"), "se and or urls url"); // squeezed: "see" -> "se"
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
        assert_eq!(words("i\u{308}dio\u{308}t ŵĥȁṫ"), "idiot what");
        assert_eq!(words("𝐢𝐝𝐢𝐨𝐭 𝓲𝓭𝓲𝓸𝓽 ⓘⓓⓘⓞⓣ 🄸🄳🄸🄾🅃"), "idiot idiot idiot idiot");
        assert_eq!(words("ɪᴅɪᴏᴛ ᶦᵈᶦᵒᵗ"), "idiot idiot");
        assert_eq!(words("you’re"), "youre");
    }

    #[test]
    fn accented_letters_read_as_their_canonical_base_letter() {
        use unicode_normalization::char::decompose_canonical;
        for c in (0xC0..=0x24F)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
        {
            let mut base = None;
            decompose_canonical(c, |d| {
                base.get_or_insert(d);
            });
            let expected = base
                .filter(char::is_ascii_alphabetic)
                .map(|b| b.to_ascii_lowercase() as u8);
            assert_eq!(accented_letter_base(c), expected, "{c}");
        }
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
