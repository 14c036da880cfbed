//! Hashtags, mentions and URLs, following twitter-text's extraction rules.
//!
//! This reproduces the behaviour of twitter-text 3 (its JavaScript `extractHashtags`,
//! `extractMentions` and `extractUrls`, as pinned down by its conformance suite). Hashtags and
//! mentions are matched by hand, following the original's regexes. URL hosts are scanned by
//! hand too, because the original regex relies on a ~1,400-way TLD alternation with lookahead
//! and on backtracking over sub-domains: the scanner reproduces that backtracking order
//! exactly, in linear time, and the port/path/query tail uses the original's regex. Each
//! function returns at once when its trigger character (`#`, `@`, `.`) is absent.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::unicode_classes::{DECIMAL_NUMBER, LETTER, MARK};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extracted {
    pub hashtags: Vec<String>,
    pub mentions: Vec<String>,
    pub urls: Vec<String>,
}

/// All three kinds at once, each as its own twitter-text function returns it (hashtags that
/// overlap a URL are dropped, as `extractHashtags` does). The URL scan is shared.
pub fn extract(text: &str) -> Extracted {
    let urls = url_entities(text);
    Extracted {
        hashtags: hashtags_outside_urls(text, &urls),
        mentions: extract_mentions(text),
        urls: urls.into_iter().map(|u| u.url).collect(),
    }
}

/// Hashtags without `#`/`＃`, in order of appearance.
pub fn extract_hashtags(text: &str) -> Vec<String> {
    let tags = hashtag_spans(text);
    if tags.is_empty() {
        return Vec::new();
    }
    keep_outside_urls(text, tags, &url_entities(text))
}

/// Mentioned screen names without `@`/`＠`, in order of appearance (list references such as
/// `@user/list` are not mentions).
pub fn extract_mentions(text: &str) -> Vec<String> {
    if !text.contains('@') && !text.contains('＠') {
        return Vec::new();
    }
    // twitter-text's validMentionOrList, by hand (it is all ASCII): preceding chars, at sign,
    // a screen name of up to 20 chars, an optional `/list` slug of up to 25.
    let bytes = text.as_bytes();
    let mut names = Vec::new();
    // End of the previous match: as in the original's global search, matches do not overlap.
    let mut floor = 0;
    for (at, sign) in text.match_indices(['@', '＠']) {
        let name_start = at + sign.len();
        let name_len = bytes[name_start..]
            .iter()
            .take(20)
            .take_while(|b| is_name_byte(b))
            .count();
        if name_len == 0 || !mention_may_follow(text, floor, at) {
            continue;
        }
        let name_end = name_start + name_len;
        let mut end = name_end;
        if bytes.get(end) == Some(&b'/') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            let slug = bytes[end + 2..]
                .iter()
                .take(24)
                .take_while(|b| is_name_byte(b) || **b == b'-')
                .count();
            end += 2 + slug;
        }
        floor = end;
        let after = &text[end..];
        // endMentionMatch: `@a@b` looks like an e-mail, `@aì` like a longer name, `@http://`
        // like a URL. A list is not a mention.
        let rejected = after.starts_with(['@', '＠'])
            || after.chars().next().is_some_and(is_latin_accent)
            || after.starts_with("://");
        if !rejected && end == name_end {
            names.push(text[name_start..name_end].to_string());
        }
    }
    names
}

/// URLs, with or without scheme, as they appear in the text, in order of appearance.
pub fn extract_urls(text: &str) -> Vec<String> {
    url_entities(text).into_iter().map(|u| u.url).collect()
}

// ---------------------------------------------------------------------------------------------
// Character classes shared with twitter-text.

/// twitter-text's `latinAccentChars`.
const LATIN_ACCENTS: &str = r"\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{100}-\x{24F}\x{253}\x{254}\x{256}\x{257}\x{259}\x{25B}\x{263}\x{268}\x{26F}\x{272}\x{289}\x{28B}\x{2BB}\x{300}-\x{36F}\x{1E00}-\x{1EFF}";

fn is_latin_accent(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}'
        | '\u{253}' | '\u{254}' | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}'
        | '\u{268}' | '\u{26F}' | '\u{272}' | '\u{289}' | '\u{28B}' | '\u{2BB}'
        | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

fn is_space(c: char) -> bool {
    matches!(c,
        '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}'
        | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

fn is_invalid(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

fn is_directional(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// twitter-text's `punct` (JavaScript), which leaves out `"` and `` ` ``.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() && c != '"' && c != '`'
}

/// `validDomainChars`: anything but that punctuation, spaces, invalid and bidi control chars,
/// so Unicode host names (`ああ.com`, `✪df.ws`) are found.
fn is_domain_char(c: char) -> bool {
    !(is_punct(c) || is_space(c) || is_invalid(c) || is_directional(c))
}

/// Characters a sub-domain label may contain (domain chars, `-`, `_`); labels are split by `.`.
fn is_label_char(c: char) -> bool {
    c == '-' || c == '_' || is_domain_char(c)
}

/// `validUrlPrecedingChars`: a URL never directly follows an ASCII alphanumeric, `@`, `$`, `#`.
fn is_url_preceding(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃') || is_invalid(c))
}

/// The label class of `validAsciiDomain`, which picks the ASCII (and Latin) host out of a
/// scheme-less match such as `これは。example.com`.
fn is_ascii_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || is_latin_accent(c)
}

// ---------------------------------------------------------------------------------------------
// Hashtags.

/// twitter-text's `hashtagAlpha`: letters and marks. A tag needs at least one.
fn is_hashtag_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    LETTER.contains(c) || MARK.contains(c)
}

/// twitter-text's `hashtagSpecialChars` beside `_`: joiners and word-internal punctuation
/// (ZWNJ in Persian, the katakana middle dot, …).
const HASHTAG_SPECIAL_CHARS: [char; 16] = [
    '\u{200C}', '\u{200D}', '\u{A67E}', '\u{05BE}', '\u{05F3}', '\u{05F4}', '\u{FF5E}', '\u{301C}',
    '\u{309B}', '\u{309C}', '\u{30A0}', '\u{30FB}', '\u{3003}', '\u{0F0B}', '\u{0F0C}', '\u{00B7}',
];

/// twitter-text's `hashtagAlphaNumeric`: letters, marks, digits, `_` and the special chars.
fn is_hashtag_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    is_hashtag_alpha(c) || DECIMAL_NUMBER.contains(c) || HASHTAG_SPECIAL_CHARS.contains(&c)
}

/// twitter-text's `hashtagBoundary` for a hash sign after `before` (`None` at the start of the
/// text): anything but a tag char or `&`, and variation selectors (an emoji may precede a tag).
fn is_hashtag_boundary(before: Option<char>) -> bool {
    before.is_none_or(|c| {
        matches!(c, '\u{FE0E}' | '\u{FE0F}') || !(is_hashtag_alphanumeric(c) || c == '&')
    })
}

/// Length of the tag at the start of `s`: the run of tag chars, if it holds a letter or mark
/// and does not start with a variation selector or keycap (`#️⃣` is an emoji, not a tag).
fn hashtag_len(s: &str) -> Option<usize> {
    if s.starts_with(['\u{FE0F}', '\u{20E3}']) {
        return None;
    }
    let mut len = 0;
    let mut has_alpha = false;
    for c in s.chars() {
        if is_hashtag_alpha(c) {
            has_alpha = true;
        } else if !is_hashtag_alphanumeric(c) {
            break;
        }
        len += c.len_utf8();
    }
    has_alpha.then_some(len)
}

/// (start of the `#`, tag range) for each hashtag, before URL overlap is considered.
fn hashtag_spans(text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    if !text.contains('#') && !text.contains('＃') {
        return Vec::new();
    }
    let mut tags = Vec::new();
    // End of the previous match: as in the original's global search, matches do not overlap.
    let mut floor = 0;
    for (hash, sign) in text.match_indices(['#', '＃']) {
        if hash < floor || !is_hashtag_boundary(text[..hash].chars().next_back()) {
            continue;
        }
        let tag_start = hash + sign.len();
        let Some(len) = hashtag_len(&text[tag_start..]) else {
            continue;
        };
        let end = tag_start + len;
        floor = end;
        let after = &text[end..];
        // endHashtagMatch: `#a#b` is not a tag, nor the scheme in `#http://`.
        if after.starts_with(['#', '＃']) || after.starts_with("://") {
            continue;
        }
        tags.push((hash, tag_start..end));
    }
    tags
}

fn hashtags_outside_urls(text: &str, urls: &[UrlEntity]) -> Vec<String> {
    let tags = hashtag_spans(text);
    if tags.is_empty() {
        return Vec::new();
    }
    keep_outside_urls(text, tags, urls)
}

/// twitter-text's removeOverlappingEntities: in order of start, an entity that begins before
/// the last kept one ends is dropped (so `twitter.com/#tag` is a URL, not a hashtag).
fn keep_outside_urls(
    text: &str,
    tags: Vec<(usize, std::ops::Range<usize>)>,
    urls: &[UrlEntity],
) -> Vec<String> {
    let mut kept = Vec::with_capacity(tags.len());
    let mut last_end: Option<usize> = None;
    let mut urls = urls.iter().peekable();
    for (start, tag) in tags {
        while let Some(url) = urls.next_if(|u| u.start < start) {
            if last_end.is_none_or(|end| end <= url.start) {
                last_end = Some(url.end);
            }
        }
        if last_end.is_none_or(|end| end <= start) {
            last_end = Some(tag.end);
            kept.push(text[tag].to_string());
        }
    }
    kept
}

// ---------------------------------------------------------------------------------------------
// Mentions.

fn is_name_byte(b: &u8) -> bool {
    b.is_ascii_alphanumeric() || *b == b'_'
}

/// validMentionPrecedingChars for an at sign at `at`, using only text from `floor` on (the
/// original's regex consumes what it matched): the start of the text, a char that is not
/// alphanumeric nor one of `_!#$%&*@＠`, or a retweet marker `RT`/`RT:` (any case) that itself
/// follows the start or a char other than alphanumerics and `_+~.-`.
fn mention_may_follow(text: &str, floor: usize, at: usize) -> bool {
    let before = |end: usize| {
        text[..end]
            .chars()
            .next_back()
            .filter(|c| end - c.len_utf8() >= floor)
    };
    if at == 0 {
        return true;
    }
    if before(at).is_some_and(|c| !(c.is_ascii_alphanumeric() || "_!#$%&*@＠".contains(c))) {
        return true;
    }
    let marker_end = if text[..at].ends_with(':') {
        at - 1
    } else {
        at
    };
    let bytes = text.as_bytes();
    if marker_end < 2
        || marker_end - 2 < floor
        || !bytes[marker_end - 2..marker_end].eq_ignore_ascii_case(b"rt")
    {
        return false;
    }
    let marker = marker_end - 2;
    marker == 0
        || before(marker).is_some_and(|c| !(c.is_ascii_alphanumeric() || "_+~.-".contains(c)))
}

// ---------------------------------------------------------------------------------------------
// URLs.

/// A URL as twitter-text reports it: byte span in the text (for overlap with hashtags) and
/// its text (for a scheme-less match, the ASCII host plus path, which can skip a Unicode
/// prefix of the host).
#[derive(Debug)]
struct UrlEntity {
    start: usize,
    end: usize,
    url: String,
}

const MAX_URL_LENGTH: usize = 4096;
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// Scheme-less URLs are measured as if they had this one.
const DEFAULT_PROTOCOL_LEN: usize = "https://".len();
/// Longest prefix that can precede a host in a match: a 4-byte preceding char and `https://`.
const MAX_LEAD: usize = 4 + DEFAULT_PROTOCOL_LEN;

fn tld_list() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<&str> = include_str!("extract/tlds.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        list.sort_unstable();
        list
    })
}

/// Length of the TLD at the start of `s`, where the end of `s` counts as end of text.
///
/// twitter-text tries its generic TLDs, then country codes, each list reverse-sorted (so the
/// longest first), each followed by `(?=[^0-9a-zA-Z@+-]|$)`, then `xn--…` punycode. In the
/// IANA list no TLD of one kind is a prefix of one of the other kind that could satisfy the
/// lookahead, so "the longest listed TLD, else punycode" is the same choice.
fn tld_len(s: &str) -> Option<usize> {
    let list = tld_list();
    // Entries list[lo..hi] start with the `depth` folded bytes read so far; each byte narrows
    // the range (sorted by bytes, so a prefix sorts before its extensions).
    let (mut lo, mut hi, mut depth) = (0, list.len(), 0);
    let mut best = None;
    'chars: for (i, c) in s.char_indices() {
        // Listed TLDs are made of letters and marks only.
        if c.is_ascii() && !c.is_ascii_alphabetic() {
            break;
        }
        let mut buf = [0u8; 4];
        for &b in fold_tld_char(c).encode_utf8(&mut buf).as_bytes() {
            let key = |t: &&str| t.as_bytes().get(depth).copied();
            lo += list[lo..hi].partition_point(|t| key(t) < Some(b));
            hi = lo + list[lo..hi].partition_point(|t| key(t) == Some(b));
            depth += 1;
            if lo == hi {
                break 'chars;
            }
        }
        let end = i + c.len_utf8();
        let next_ok = s[end..].chars().next().is_none_or(|n| {
            !(n.is_ascii_alphanumeric() || matches!(n, '@' | '+' | '-'))
        });
        if list[lo].len() == depth && next_ok {
            best = Some(end);
        }
    }
    best.or_else(|| punycode_tld_len(s))
}

/// Case-insensitive like JavaScript's non-Unicode `i` flag: a non-ASCII char never folds to
/// ASCII (the Kelvin sign is not `k`), and multi-char lower cases are left alone.
fn fold_tld_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if !l.is_ascii() => l,
        _ => c,
    }
}

/// `xn--[-0-9a-z]+`, case-insensitive (no lookahead, as in twitter-text).
fn punycode_tld_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() <= 4 || !b[..4].eq_ignore_ascii_case(b"xn--") {
        return None;
    }
    let n = b[4..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    (n > 0).then_some(4 + n)
}

/// Port, path and query after a host: the tail of twitter-text's `extractUrl`, verbatim but
/// for `i`, spelled out as explicit ranges.
fn url_tail_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let general = format!(r"[a-zA-Z0-9\x{{400}}-\x{{4FF}}\!\*'\;\:\=\+\,\.\$/\%\#\[\]\-\x{{2013}}_\~@\|\&{LATIN_ACCENTS}]");
        // Up to two levels of balanced parentheses, as in /wiki/Primer_(film).
        let parens = format!(r"\((?:{general}+|{general}*\({general}+\){general}*)\)");
        let ending = format!(r"[\+\-a-zA-Z0-9\x{{400}}-\x{{4FF}}\=_\#/{LATIN_ACCENTS}]");
        // The original splices `ending|parens` into the path group unparenthesised, so a
        // lone balanced group is a path segment of its own, not an ending of the first form.
        let path = format!(r"(?:{general}*(?:{parens}{general}*)*{ending}|{parens}|@{general}+/)");
        let pattern = format!(r"\A(?::[0-9]+)?(?:/{path}*)?(?:\?{QUERY}*{QUERY_END})?");
        Regex::new(&pattern).expect("URL tail pattern is valid")
    })
}

const QUERY: &str = r"[a-zA-Z0-9\!\?\*'@\(\)\;\:\&\=\+\$/\%\#\[\]\-_\.\,\~\|]";
const QUERY_END: &str = r"[a-zA-Z0-9\-_\&\=\#/]";

/// `validTcoUrl`: a t.co link ends with its slug (and query), so `t.co/abc's` is `t.co/abc`.
fn tco_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"\A[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:\?{QUERY}*{QUERY_END})?"
        );
        Regex::new(&pattern).expect("t.co pattern is valid")
    })
}

fn url_entities(text: &str) -> Vec<UrlEntity> {
    let mut found = Vec::new();
    // twitter-text's own fast path: every URL it extracts has a dot.
    if !text.contains('.') {
        return found;
    }
    let mut scanner = UrlScanner {
        text,
        chains: Vec::new(),
        walk: Vec::new(),
    };
    // `pos` is where the next match may start (the regex's lastIndex). Every host's first label
    // ends at a dot, so candidates are only tried in the label run before each dot (and the
    // scheme and preceding char before it).
    let mut pos = 0;
    let mut from = 0;
    while let Some(offset) = text[from..].find('.') {
        let dot = from + offset;
        match scanner.match_before(pos, dot) {
            Some(m) => {
                pos = m.end;
                from = m.end;
                scanner.accept(&m, &mut found);
            }
            None => {
                pos = dot;
                from = dot + 1;
            }
        }
    }
    found
}

/// One match of twitter-text's `extractUrl` regex, before its validity checks.
struct RawUrl<'t> {
    before: &'t str,
    start: usize,
    has_protocol: bool,
    host: std::ops::Range<usize>,
    has_path: bool,
    end: usize,
}

/// The run of label chars that ends at a dot: every candidate's first label is a suffix of it,
/// and all candidates share what follows the dot (computed once, when first needed).
struct FirstLabel {
    start: usize,
    dot: usize,
    last_underscore: Option<usize>,
    /// Host end if the first label is a sub-domain.
    as_subdomain: Option<Option<usize>>,
    /// Host end if the first label is the domain name (a TLD right after the dot).
    as_name: Option<Option<usize>>,
}

struct UrlScanner<'t> {
    text: &'t str,
    /// For a label starting at this offset (just after a dot), where the host ends when that
    /// label and the following ones are taken as sub-domains or domain name; memoised so that
    /// long dotted runs are walked once. Sorted by offset.
    chains: Vec<(usize, Option<usize>)>,
    /// Scratch for `chain_end`'s walk: (start, end, may be sub-domain, may be domain name).
    walk: Vec<(usize, usize, bool, bool)>,
}

impl<'t> UrlScanner<'t> {
    /// The leftmost match whose host's first label ends at `dot`, starting at or after `pos`.
    fn match_before(&mut self, pos: usize, dot: usize) -> Option<RawUrl<'t>> {
        let text = self.text;
        // A host needs a label after the dot (sub-domain chain or TLD): sentence ends fail here.
        if !text[dot + 1..].starts_with(is_label_char) {
            return None;
        }
        let mut label = FirstLabel {
            start: dot,
            dot,
            last_underscore: None,
            as_subdomain: None,
            as_name: None,
        };
        for (i, c) in text[pos..dot].char_indices().rev() {
            if !is_label_char(c) {
                break;
            }
            label.start = pos + i;
            if c == '_' && label.last_underscore.is_none() {
                label.last_underscore = Some(pos + i);
            }
        }
        if label.start == dot {
            return None;
        }
        let mut lo = label.start.saturating_sub(MAX_LEAD).max(pos);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        for (i, c) in text[lo..dot].char_indices() {
            let p = lo + i;
            if is_url_preceding(c) {
                let u = p + c.len_utf8();
                if let Some(m) = self.try_url(&text[p..u], u, &mut label) {
                    return Some(m);
                }
            }
            if p == 0 {
                if let Some(m) = self.try_url("", 0, &mut label) {
                    return Some(m);
                }
            }
        }
        None
    }

    /// With scheme first (`https?://` is greedy), then without.
    fn try_url(&mut self, before: &'t str, u: usize, label: &mut FirstLabel) -> Option<RawUrl<'t>> {
        let rest = &self.text.as_bytes()[u..];
        let scheme = [&b"https://"[..], b"http://"]
            .into_iter()
            .find(|s| rest.len() >= s.len() && rest[..s.len()].eq_ignore_ascii_case(s));
        if let Some(scheme) = scheme {
            let host = u + scheme.len();
            if let Some(host_end) = self.host_end(host, label) {
                return Some(self.complete(before, u, true, host..host_end));
            }
        }
        let host_end = self.host_end(u, label)?;
        Some(self.complete(before, u, false, u..host_end))
    }

    /// `validDomain` from `d`: sub-domains, a domain name and a TLD; backtracking prefers the
    /// most sub-domains, which the chain memo computes.
    fn host_end(&mut self, d: usize, label: &mut FirstLabel) -> Option<usize> {
        if d < label.start || d >= label.dot {
            return None;
        }
        let text = self.text;
        let first = text[d..].chars().next()?;
        let last = text[..label.dot].chars().next_back()?;
        if !is_domain_char(first) || !is_domain_char(last) {
            return None;
        }
        let next = label.dot + 1;
        let as_subdomain = match label.as_subdomain {
            Some(known) => known,
            None => *label.as_subdomain.insert(self.chain_end(next)),
        };
        if as_subdomain.is_some() {
            return as_subdomain;
        }
        if label.last_underscore.is_some_and(|u| u >= d) {
            return None;
        }
        *label
            .as_name
            .get_or_insert_with(|| tld_len(&text[next..]).map(|len| next + len))
    }

    /// Where the host ends if the label starting at `q` (just after a dot) is a sub-domain or
    /// the domain name: the deepest label that works as domain name followed by a TLD.
    fn chain_end(&mut self, q: usize) -> Option<usize> {
        if let Ok(i) = self.chains.binary_search_by_key(&q, |&(start, _)| start) {
            return self.chains[i].1;
        }
        // Queries come in text order and a walk covers every label it passes, so a label not
        // yet known lies beyond all known ones, and so does the rest of its chain.
        debug_assert!(self.chains.last().is_none_or(|&(start, _)| start < q));
        let text = self.text;
        // Walk forward while labels can be sub-domains, then resolve backwards, so the memo is
        // filled without recursion.
        let mut pending = std::mem::take(&mut self.walk);
        pending.clear();
        let mut cur = q;
        loop {
            let end = cur
                + text[cur..]
                    .find(|c| !is_label_char(c))
                    .unwrap_or(text.len() - cur);
            let seg = &text[cur..end];
            let has_dot = text[end..].starts_with('.');
            let sub_ok = has_dot
                && seg.chars().next().is_some_and(is_domain_char)
                && seg.chars().next_back().is_some_and(is_domain_char);
            let name_ok = sub_ok && !seg.contains('_');
            pending.push((cur, end, sub_ok, name_ok));
            if !sub_ok {
                break;
            }
            cur = end + 1;
        }
        let base = self.chains.len();
        self.chains
            .extend(pending.iter().map(|&(start, ..)| (start, None)));
        let mut tail = None;
        for (k, &(_, end, sub_ok, name_ok)) in pending.iter().enumerate().rev() {
            let via_subdomain = if sub_ok { tail } else { None };
            let result = via_subdomain.or_else(|| {
                if name_ok {
                    tld_len(&text[end + 1..]).map(|l| end + 1 + l)
                } else {
                    None
                }
            });
            self.chains[base + k].1 = result;
            tail = result;
        }
        self.walk = pending;
        tail
    }

    fn complete(
        &self,
        before: &'t str,
        start: usize,
        has_protocol: bool,
        host: std::ops::Range<usize>,
    ) -> RawUrl<'t> {
        let tail = &self.text[host.end..];
        let end = host.end + url_tail_re().find(tail).map_or(0, |m| m.end());
        // The path group is optional but matches any `/` after the optional port.
        let port = match tail.strip_prefix(':') {
            Some(digits) if digits.starts_with(|c: char| c.is_ascii_digit()) => {
                1 + digits.bytes().take_while(u8::is_ascii_digit).count()
            }
            _ => 0,
        };
        let has_path = tail[port..].starts_with('/');
        RawUrl {
            before,
            start,
            has_protocol,
            host,
            has_path,
            end,
        }
    }

    /// twitter-text's checks after the regex: length and IDNA label limits, then either the
    /// t.co slug rule (with scheme) or the ASCII-host rule (without).
    fn accept(&self, m: &RawUrl<'t>, found: &mut Vec<UrlEntity>) {
        let text = self.text;
        let url = &text[m.start..m.end];
        let host = &text[m.host.clone()];
        let protocol_len = if m.has_protocol {
            m.host.start - m.start
        } else {
            DEFAULT_PROTOCOL_LEN
        };
        if !is_valid_url(url, protocol_len, host) {
            return;
        }
        if m.has_protocol {
            // Only a URL whose host is t.co can match validTcoUrl.
            let tco = if host.eq_ignore_ascii_case("t.co") {
                tco_re().captures(url)
            } else {
                None
            };
            let (url, end) = match tco {
                Some(caps) if caps[1].len() > MAX_TCO_SLUG_LENGTH => return,
                Some(caps) => {
                    let whole = caps.get(0).expect("group 0 always participates");
                    (&url[..whole.end()], m.start + whole.end())
                }
                None => (url, m.end),
            };
            found.push(UrlEntity {
                start: m.start,
                end,
                url: url.to_string(),
            });
            return;
        }
        if m.before.ends_with(['-', '_', '.', '/']) {
            return;
        }
        let hosts = ascii_hosts(host);
        let Some((last, rest)) = hosts.split_last() else {
            return;
        };
        for r in rest {
            found.push(UrlEntity {
                start: m.host.start + r.start,
                end: m.host.start + r.end,
                url: host[r.clone()].to_string(),
            });
        }
        let start = m.host.start + last.start;
        let entity = if m.has_path {
            UrlEntity {
                start,
                end: m.end,
                url: [&host[last.clone()], &text[m.host.end..m.end]].concat(),
            }
        } else {
            UrlEntity {
                start,
                end: m.host.start + last.end,
                url: host[last.clone()].to_string(),
            }
        };
        found.push(entity);
    }
}

/// twitter-text's `isValidUrl` with its light IDNA check: every label, punycode-encoded, is
/// 1 to 63 chars (this drops hosts like `あああ…(250 chars).com`), and the whole URL is at most
/// 4,096 UTF-16 units counting the scheme.
fn is_valid_url(url: &str, protocol_len: usize, host: &str) -> bool {
    if protocol_len + url.encode_utf16().count() > MAX_URL_LENGTH {
        return false;
    }
    if host.starts_with("xn--") && ascii_hosts(host).is_empty() {
        return false;
    }
    host.split('.')
        .all(|label| (1..=63).contains(&idna_label_len(label)))
}

/// Length of `punycode.toASCII(label)`, which also splits on the ideographic full stops.
fn idna_label_len(label: &str) -> usize {
    let mut total = 0;
    for (i, part) in label
        .split(['\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .enumerate()
    {
        total += usize::from(i > 0) + punycode_len(part);
        if total > 63 {
            break;
        }
    }
    total
}

/// Length of a label in ASCII form: itself if ASCII, else `xn--` + RFC 3492 encoding. Labels
/// of more than 63 code points are too long either way and are not encoded.
fn punycode_len(label: &str) -> usize {
    if label.is_ascii() {
        return label.len();
    }
    if label.chars().nth(63).is_some() {
        return 64;
    }
    let cps: Vec<u32> = label.chars().map(u32::from).collect();
    const BASE: u64 = 36;
    const T_MIN: u64 = 1;
    const T_MAX: u64 = 26;
    let adapt = |delta: u64, points: u64, first: bool| {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + 38)
    };
    let basic = cps.iter().filter(|&&c| c < 0x80).count();
    let mut len = 4 + basic + usize::from(basic > 0);
    let (mut n, mut delta, mut bias, mut handled) = (0x80u64, 0u64, 72u64, basic as u64);
    while (handled as usize) < cps.len() {
        let m = cps
            .iter()
            .map(|&c| u64::from(c))
            .filter(|&c| c >= n)
            .min()
            .unwrap_or(n);
        delta += (m - n) * (handled + 1);
        n = m;
        for &c in &cps {
            let c = u64::from(c);
            if c < n {
                delta += 1;
            } else if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    len += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                len += 1;
                bias = adapt(delta, handled + 1, handled == basic as u64);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    len
}

/// `validAsciiDomain` over a host, globally: `(?:[-a-z0-9À-ỿ]+\.)+TLD`, leftmost, with the
/// most labels first. A failed chain is skipped whole: starting later inside it only offers a
/// subset of its TLD positions.
fn ascii_hosts(host: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut tld_starts = Vec::new();
    let mut pos = 0;
    while let Some(offset) = host[pos..].find(is_ascii_label_char) {
        let start = pos + offset;
        tld_starts.clear();
        let mut i = start;
        let chain_end = loop {
            let run_end = i + host[i..]
                .find(|c| !is_ascii_label_char(c))
                .unwrap_or(host.len() - i);
            if run_end > i && host[run_end..].starts_with('.') {
                tld_starts.push(run_end + 1);
                i = run_end + 1;
            } else {
                break run_end;
            }
        };
        match tld_starts
            .iter()
            .rev()
            .find_map(|&t| tld_len(&host[t..]).map(|l| t + l))
        {
            Some(end) => {
                found.push(start..end);
                pos = end;
            }
            None => pos = chain_end.max(start + 1),
        }
        while !host.is_char_boundary(pos) {
            pos += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extract_combines_the_three_kinds_in_order() {
        let e = extract("RT @ms_lee: loved #RetrievalPractice with 9B, notes at https://example.org/notes. #edchat");
        assert_eq!(e.mentions, ["ms_lee"]);
        assert_eq!(e.hashtags, ["RetrievalPractice", "edchat"]);
        assert_eq!(e.urls, ["https://example.org/notes"]);
    }

    #[test]
    fn hash_at_end_of_text_and_lone_marks_are_not_tags() {
        assert!(extract_hashtags("#").is_empty());
        assert!(extract_hashtags("text ends with #").is_empty());
        assert!(extract_hashtags("＃").is_empty());
        assert!(
            extract_hashtags("#\u{0301}").len() == 1,
            "a combining mark alone is a letter-or-mark tag, as in twitter-text"
        );
        assert!(
            extract_hashtags("\u{0301}#\u{0301}").is_empty(),
            "a mark before # is part of a word"
        );
        assert!(
            extract_hashtags("#\u{FE0F}\u{20E3}").is_empty(),
            "keycap emoji"
        );
        assert!(extract_mentions("@").is_empty());
        assert!(extract_urls(".").is_empty());
        assert!(extract_urls("a.").is_empty());
        assert!(extract_urls("http://").is_empty());
    }

    #[test]
    fn html_markup_does_not_hide_or_invent_entities() {
        let e = extract(
            r#"<p>Try <a href="https://example.com/a?b=1&amp;c=2">this</a> #edchat &#35;nope @ada</p>"#,
        );
        assert_eq!(e.hashtags, ["edchat"]);
        assert_eq!(e.mentions, ["ada"]);
        assert_eq!(e.urls, ["https://example.com/a?b=1&amp;c=2"]);
    }

    #[test]
    fn zero_width_and_bidi_characters() {
        // A zero-width space is not a word char: the tag after it is found, and it ends a tag.
        assert_eq!(extract_hashtags("a\u{200B}#edchat\u{200B}x"), ["edchat"]);
        // Joiners belong to tags (Persian, Sinhala), as in twitter-text.
        assert_eq!(extract_hashtags("#می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        // Bidi controls never join a host; a URL right after one is still found.
        assert_eq!(extract_urls("\u{202E}example.com\u{202C}"), ["example.com"]);
        assert_eq!(
            extract_urls("\u{2066}http://example.com/x\u{2069}"),
            ["http://example.com/x"]
        );
        assert!(extract_mentions("a\u{200D}@b").len() == 1);
    }

    #[test]
    fn scheme_is_case_insensitive_and_tld_too() {
        assert_eq!(
            extract_urls("see HTTPS://Example.COM/Path"),
            ["HTTPS://Example.COM/Path"]
        );
        assert_eq!(extract_urls("see Example.ORG"), ["Example.ORG"]);
        // The Kelvin sign is not a `k`, as in JavaScript's non-Unicode case folding.
        assert!(extract_urls("foo.\u{212A}iwi").is_empty());
        assert_eq!(extract_urls("foo.KIWI"), ["foo.KIWI"]);
    }

    #[test]
    fn idn_tlds_and_punycode() {
        assert_eq!(
            extract_urls("http://пример.рф/путь"),
            ["http://пример.рф/путь"]
        );
        assert_eq!(
            extract_urls("http://example.xn--p1ai"),
            ["http://example.xn--p1ai"]
        );
        // Longest listed TLD wins: भारतम् over its prefix भारत.
        assert_eq!(extract_urls("http://a.भारतम्"), ["http://a.भारतम्"]);
    }

    #[test]
    fn longest_match_equals_twitter_texts_tld_order() {
        // Generic TLDs are tried before country codes; "longest listed TLD" only agrees with
        // that while no nested pair (one TLD, then a char the lookahead accepts) mixes kinds.
        // These two pairs are both country codes (India) and both generic.
        let list = tld_list();
        let mut nested = Vec::new();
        for a in list {
            for b in list {
                if let Some(rest) = b.strip_prefix(a) {
                    if rest
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_ascii_alphanumeric() && !"@+-".contains(c))
                    {
                        nested.push((*a, *b));
                    }
                }
            }
        }
        assert_eq!(nested, [("भारत", "भारतम्"), ("嘉里", "嘉里大酒店")]);
    }

    #[test]
    fn tld_lookup_is_longest_listed_with_lookahead() {
        assert_eq!(tld_len("com/path"), Some(3));
        assert_eq!(tld_len("COM"), Some(3));
        assert_eq!(tld_len("comm"), None, "a letter after the TLD");
        assert_eq!(tld_len("com-x"), None, "a hyphen after the TLD");
        assert_eq!(
            tld_len("comてすと"),
            Some(3),
            "any non-ASCII char may follow"
        );
        assert_eq!(tld_len("みんなです"), Some("みんな".len()));
        assert_eq!(
            tld_len("xn--p1ai."),
            Some(8),
            "punycode, when nothing listed matches"
        );
        assert_eq!(tld_len("xn--"), None);
        assert_eq!(tld_len(""), None);
    }

    #[test]
    fn mentions_follow_twitter_text_boundaries() {
        assert_eq!(extract_mentions("RT:@a rt @b Rt@c"), ["a", "b", "c"]);
        assert!(
            extract_mentions("art@b").is_empty(),
            "`rt` inside a word is not a retweet marker"
        );
        assert!(
            extract_mentions("@a/list").is_empty(),
            "a list is not a mention"
        );
        assert_eq!(extract_mentions("＠ｕ @u＠ @ok"), ["ok"]);
        // Screen names stop at 20 chars; the rest does not disqualify the mention.
        assert_eq!(
            extract_mentions("@abcdefghijklmnopqrstuvwxyz"),
            ["abcdefghijklmnopqrst"]
        );
    }

    #[test]
    fn punycode_lengths_match_rfc_3492() {
        // Known encodings: "münchen" -> "xn--mnchen-3ya", "みんな" -> "xn--q9jyb4c".
        assert_eq!(punycode_len("münchen"), "xn--mnchen-3ya".len());
        assert_eq!(punycode_len("みんな"), "xn--q9jyb4c".len());
        assert_eq!(punycode_len("例え"), "xn--r8jz45g".len());
        assert_eq!(idna_label_len("例え。jp"), "xn--r8jz45g.jp".len());
    }

    #[test]
    fn no_panic_on_hostile_text() {
        let samples = [
            "\u{0301}\u{0301}#\u{0301}",
            "#\u{200D}\u{200D}",
            "@\u{FEFF}x",
            "\u{FFFF}.com",
            "🏿.com #🏿 @🏿",
            "ｈｔｔｐ：／／ｅｘａｍｐｌｅ．ｃｏｍ",
            "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.com",
            "http://a.com/((((((((((((()))))))))",
            "http://a.com/?????????#######",
            "xn--.com xn--a.xn-- .xn--",
            "....@@@@####::::////",
        ];
        for s in samples {
            let _ = extract(s);
            for cut in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let _ = extract(&s[..cut]);
                let _ = extract(&s[cut..]);
            }
        }
    }

    #[test]
    fn long_and_pathological_texts_are_linear() {
        // Each is 100 KB or more; a quadratic scan would take minutes here.
        let unit = "Retrieval practice works. See example.com/a #edchat @ms_lee ";
        let normal = unit.repeat(100_000 / unit.len() + 1);
        let dotted = "a.".repeat(60_000);
        let japanese = "日本語の文章です。".repeat(4_000) + " example.com";
        let labels = "ab-cd.".repeat(20_000) + "com";
        let parens = format!("http://a.com/({}", "x.com/".repeat(20_000));
        let hashes = "#a".repeat(60_000);
        let ats = "@a".repeat(60_000);
        let accents = "é".repeat(60_000) + ".com";
        let started = std::time::Instant::now();
        let e = extract(&normal);
        assert_eq!(e.hashtags.len(), normal.matches("#edchat").count());
        assert_eq!(e.mentions.len(), normal.matches("@ms_lee").count());
        assert_eq!(e.urls.len(), normal.matches("example.com/a").count());
        assert!(extract(&dotted).urls.is_empty());
        assert_eq!(extract(&japanese).urls, ["example.com"]);
        assert!(
            extract_urls(&labels).is_empty(),
            "a 140 KB host is longer than a URL may be"
        );
        // The unclosed parenthesis ends the first path; the rest is one over-long URL.
        assert_eq!(extract_urls(&parens), ["http://a.com/"]);
        assert!(extract(&hashes).hashtags.is_empty());
        assert!(extract(&ats).mentions.is_empty());
        assert!(
            extract_urls(&accents).is_empty(),
            "a 60,000-char label is not a DNS label"
        );
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 5, "took {elapsed:?}");
    }

    #[test]
    fn tld_list_is_sorted_and_complete_enough() {
        let list = tld_list();
        assert!(list.len() > 1_000);
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        for tld in ["com", "org", "uk", "jp", "みんな", "рф", "onion", "edu"] {
            assert!(list.binary_search(&tld).is_ok(), "{tld}");
        }
        assert!(
            list.iter().all(|t| !t.starts_with("xn--")),
            "IDN TLDs are stored in Unicode form"
        );
    }
}
