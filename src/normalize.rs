//! Normalisation applied alike to rules and to posts, so that "ＥｄＣｈａｔ", "Ed\u{200B}Chat"
//! and "edchat" compare equal. Deeper anti-evasion folding (look-alikes, leetspeak) lives in
//! `troll`, because it would cause false matches for ordinary muted words.

mod compat;

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

/// Undo compatibility forms (full-width and styled letters become plain: see `compat`), compose
/// a letter with the accents typed after it, drop invisible characters, and case-fold.
pub fn fold(text: &str) -> String {
    // ASCII needs only lowercasing, and most posts are ASCII, or ASCII with emoji.
    let Some(first) = text.bytes().position(|b| !b.is_ascii()) else {
        return text.to_ascii_lowercase();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.make_ascii_lowercase();
    for c in text[first..].chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if !compose_onto(&mut out, c) {
            fold_char(c, |folded| out.push(folded));
        }
    }
    out
}

/// Compose `c` with the character before it when NFC would ("e" + U+0301 -> "é"), so that a
/// precomposed muted word matches a post typed with combining accents, and the reverse.
fn compose_onto(out: &mut String, c: char) -> bool {
    let Some(previous) = out.chars().next_back() else {
        return false;
    };
    let Some(composed) = compat::compose(previous, c) else {
        return false;
    };
    out.truncate(out.len() - previous.len_utf8());
    out.push(composed);
    true
}

/// `fold` for one character on its own: its compatibility form, lowercased; nothing for an
/// invisible character.
pub(crate) fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if is_invisible(c) {
        return;
    }
    let mut lowercase = |plain: char| plain.to_lowercase().for_each(&mut emit);
    if !compat::compatibility_form(c, &mut lowercase) {
        lowercase(c);
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

    /// What `fold` computed before `compat` replaced NFKC, to check against.
    pub(super) fn nfkc_fold(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().filter(|c| !is_invisible(*c)).flat_map(char::to_lowercase).collect()
    }

    #[test]
    fn fold_equals_nfkc_on_covered_text() {
        for s in [
            "Hello #EdChat!", "", "ＥｄＣｈａｔ", "AB😀CD", "Café É", "e\u{301}X", "A\u{301}\u{316}B", "ﬁ ǅ İ ẞ ΣΑΣ",
            "x\u{200B}Y\u{FE0F}", "𝐀𝐁 ① ½", "ABC\u{0345}", "\u{1100}\u{1161}\u{11A8}",
            "𝐢𝐝𝐢𝐨𝐭 𝓲𝓭𝓲𝓸𝓽 𝔦𝔡𝔦𝔬𝔱 𝕚𝕕𝕚𝕠𝕥 𝚒𝚍𝚒𝚘𝚝 ℎℯℓℓℴ ℍ𝕖𝕝𝕝𝕠", "ⒾⒹⒾⓄⓉ ⓘⓓⓘⓞⓣ 🄸🄳🄸🄾🅃 ⑳ ⒇ ⒛ ⒧",
            "ᴵᴰᴵᴼᵀ ᵢₙ x² H₂O", "Ⅻ ™ … ſ ĳ ǆ ŉ ﬃ", "a\u{A0}b\u{2009}c\u{3000}d", "Tie\u{302}\u{323}ng Vie\u{323}\u{302}t",
        ] {
            assert_eq!(fold(s), nfkc_fold(s), "{s:?}");
        }
    }

    #[test]
    fn styled_and_decomposed_text_folds_to_plain() {
        assert_eq!(fold("𝐢𝐝𝐢𝐨𝐭 ⓘⓓⓘⓞⓣ ＩＤＩＯＴ 🄸🄳🄸🄾🅃"), "idiot idiot idiot idiot");
        assert_eq!(fold("cafe\u{301}"), fold("Café"));
        assert_eq!(fold("ﬁne™…"), "finetm...");
        assert_eq!(fold_tag("＃𝐄𝐝𝐂𝐡𝐚𝐭"), "edchat");
    }

    #[test]
    fn handles_lose_their_at_sign() {
        assert_eq!(fold_handle("@Troll@Example.Social"), "troll@example.social");
    }
}
