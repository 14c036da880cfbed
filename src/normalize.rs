//! Normalisation applied alike to rules and to posts, so that "ＥｄＣｈａｔ", "Ed\u{200B}Chat"
//! and "edchat" compare equal. Deeper anti-evasion folding (look-alikes, leetspeak) lives in
//! `troll`, because it would cause false matches for ordinary muted words.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters that render as nothing and are used to split words past filters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'              // soft hyphen
        | '\u{034F}'            // combining grapheme joiner
        | '\u{061C}'            // Arabic letter mark
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
        | '\u{180E}'            // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}'            // BOM / zero-width no-break space
    )
}

/// Compatibility-decompose (full-width and styled forms become plain), drop invisible
/// characters, and case-fold.
pub fn fold(text: &str) -> String {
    // NFKC leaves ASCII unchanged and no invisible character is ASCII, so an ASCII text only
    // needs lowercasing; most posts are ASCII, or ASCII with emoji.
    let Some(first) = text.bytes().position(|b| !b.is_ascii()) else {
        return text.to_ascii_lowercase();
    };
    let mut out = String::with_capacity(text.len());
    // Text already in NFKC (ASCII with emoji, accented letters, most scripts) skips building
    // the normalised form. The check starts at the ASCII character before the first non-ASCII
    // one, which a combining mark could compose with; ASCII before that is stable.
    let from = first.saturating_sub(1);
    if is_nfkc_quick(text[from..].chars()) == IsNormalized::Yes {
        out.push_str(&text[..from]);
        out.make_ascii_lowercase();
        push_folded(&mut out, text[from..].chars());
    } else {
        push_folded(&mut out, text.nfkc());
    }
    out
}

fn push_folded(out: &mut String, chars: impl Iterator<Item = char>) {
    for c in chars {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if !is_invisible(c) {
            out.extend(c.to_lowercase());
        }
    }
}

/// Fold and normalise a hashtag: no leading `#`/`＃`, folded.
pub fn fold_tag(tag: &str) -> String {
    let tag = tag.trim();
    let tag = tag.strip_prefix('#').or_else(|| tag.strip_prefix('＃')).unwrap_or(tag);
    fold(tag)
}

/// Fold an account handle: no leading `@`, folded.
pub fn fold_handle(handle: &str) -> String {
    let handle = handle.trim();
    fold(handle.strip_prefix('@').unwrap_or(handle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_fold_to_plain() {
        assert_eq!(fold("ＥｄＣｈａｔ"), "edchat");
        assert_eq!(fold_tag("＃UKEdChat"), "ukedchat");
    }

    #[test]
    fn invisible_and_bidi_characters_are_removed() {
        assert_eq!(fold("Ed\u{200B}Ch\u{202E}at\u{FEFF}"), "edchat");
    }

    #[test]
    fn fast_paths_equal_the_full_fold() {
        use unicode_normalization::UnicodeNormalization;
        let full = |s: &str| -> String {
            s.nfkc().filter(|c| !is_invisible(*c)).flat_map(char::to_lowercase).collect()
        };
        for s in [
            "Hello #EdChat!", "", "ＥｄＣｈａｔ", "AB😀CD", "Café É", "e\u{301}X", "A\u{301}\u{316}B", "ﬁ ǅ İ ẞ ΣΑΣ",
            "x\u{200B}Y\u{FE0F}", "𝐀𝐁 ① ½", "ABC\u{0345}", "\u{1100}\u{1161}\u{11A8}",
        ] {
            assert_eq!(fold(s), full(s), "{s:?}");
        }
    }

    #[test]
    fn handles_lose_their_at_sign() {
        assert_eq!(fold_handle("@Troll@Example.Social"), "troll@example.social");
    }
}
