//! The compatibility forms `normalize::fold` undoes, in place of NFKC, whose tables cost ~64 KB
//! of the gzipped wasm: the forms people actually type (full-width and styled letters, enclosed
//! letters and digits, superscripts, ligatures, odd spaces) fit in a few kilobytes.
//!
//! Covered, each character exactly as NFKC maps it (the tests check every one): the ranges in
//! `COMPAT`, the mathematical alphanumerics, and the composition of a Latin letter with the
//! marks typed after it ("e\u{301}" -> "é") and of Hangul jamo into syllables. Left as they
//! are: CJK compatibility ideographs and radicals, squared CJK words, half-width katakana and
//! Hangul, Arabic and Hebrew presentation forms, vertical forms, spacing accents ("¨", which
//! NFKC makes a space and a combining mark), and marks after a non-Latin letter or after a mark
//! that did not compose. None of those is a cased letter, so folded text holds the same cased
//! characters as with NFKC (which `unicode_classes` relies on).

use To::*;

/// What the characters of a `COMPAT` range become.
#[derive(Clone, Copy)]
enum To {
    /// The first character becomes this one, the next one the character after it, and so on.
    Run(char),
    /// Every character becomes this one.
    Same(char),
    /// What each character becomes in turn, separated by spaces ("-": left as it is).
    Each(&'static str),
    /// The number or letter in this text counts up through the range: ⑩ -> "10", ⒝ -> "(b)".
    Count(&'static str),
}

/// Sorted, non-overlapping ranges `(first, last, what they become)`.
#[rustfmt::skip]
static COMPAT: &[(char, char, To)] = &[
    // Latin-1: no-break space, ordinals, superscripts, µ, fractions
    ('\u{A0}', '\u{A0}', Same(' ')), // no-break space
    ('\u{AA}', '\u{AA}', Run('a')), // ª
    ('\u{B2}', '\u{B3}', Each("2 3")), // ²..³
    ('\u{B5}', '\u{B5}', Run('μ')), // µ
    ('\u{B9}', '\u{BE}', Each("1 o - 1⁄4 1⁄2 3⁄4")), // ¹..¾
    // Latin ligatures and digraphs, long s
    ('\u{132}', '\u{133}', Each("IJ ij")), // Ĳ..ĳ
    ('\u{13F}', '\u{140}', Each("L· l·")), // Ŀ..ŀ
    ('\u{149}', '\u{149}', Each("ʼn")), // ŉ
    ('\u{17F}', '\u{17F}', Run('s')), // ſ
    ('\u{1C4}', '\u{1CC}', Each("DŽ Dž dž LJ Lj lj NJ Nj nj")), // Ǆ..ǌ
    ('\u{1F1}', '\u{1F3}', Each("DZ Dz dz")), // Ǳ..ǳ
    // Modifier letters (superscripts)
    ('\u{2B0}', '\u{2B8}', Each("h ɦ j r ɹ ɻ ʁ w y")), // ʰ..ʸ
    ('\u{2E0}', '\u{2E4}', Each("ɣ l s x ʕ")), // ˠ..ˤ
    // Greek question mark and letter variants
    ('\u{37E}', '\u{37E}', Run(';')), // ;
    ('\u{3D0}', '\u{3D6}', Each("β θ Υ Ύ Ϋ φ π")), // ϐ..ϖ
    ('\u{3F0}', '\u{3F5}', Each("κ ρ ς - Θ ε")), // ϰ..ϵ
    ('\u{3F9}', '\u{3F9}', Run('Σ')), // Ϲ
    // Armenian ligature
    ('\u{587}', '\u{587}', Each("եւ")), // և
    // Phonetic superscripts and subscripts ("tiny text")
    ('\u{1D2C}', '\u{1D32}', Each("A Æ B - D E Ǝ")), // ᴬ..ᴲ
    ('\u{1D33}', '\u{1D3A}', Run('G')), // ᴳ..ᴺ
    ('\u{1D3C}', '\u{1D6A}', Each(concat!( // ᴼ..ᵪ
        "O Ȣ P R T U W a ɐ ɑ ᴂ b d e ə ɛ ɜ g - k m ŋ o ɔ ᴖ ᴗ p t u ᴝ ɯ v ᴥ β γ δ ",
        "φ χ i r u v β γ ρ φ χ",
    ))),
    ('\u{1D78}', '\u{1D78}', Run('н')), // ᵸ
    ('\u{1D9B}', '\u{1DBF}', Each(concat!( // ᶛ..ᶿ
        "ɒ c ɕ ð ɜ f ɟ ɡ ɥ ɨ ɩ ɪ ᵻ ʝ ɭ ᶅ ʟ ɱ ɰ ɲ ɳ ɴ ɵ ɸ ʂ ʃ ƫ ʉ ʊ ᴜ ʋ ʌ z ʐ ʑ ʒ ",
        "θ",
    ))),
    // Latin Extended Additional
    ('\u{1E9A}', '\u{1E9B}', Each("aʾ ṡ")), // ẚ..ẛ
    // Greek letters with oxia, which are the same letters with tonos
    ('\u{1F71}', '\u{1F7D}', Each("ά - έ - ή - ί - ό - ύ - ώ")), // ά..ώ
    ('\u{1FBB}', '\u{1FBB}', Run('Ά')), // Ά
    ('\u{1FBE}', '\u{1FBE}', Run('ι')), // ι
    ('\u{1FC9}', '\u{1FCB}', Each("Έ - Ή")), // Έ..Ή
    ('\u{1FD3}', '\u{1FD3}', Run('ΐ')), // ΐ
    ('\u{1FDB}', '\u{1FDB}', Run('Ί')), // Ί
    ('\u{1FE3}', '\u{1FE3}', Run('ΰ')), // ΰ
    ('\u{1FEB}', '\u{1FEB}', Run('Ύ')), // Ύ
    ('\u{1FEF}', '\u{1FEF}', Run('`')), // `
    ('\u{1FF9}', '\u{1FFB}', Each("Ό - Ώ")), // Ό..Ώ
    // Spaces, dots, primes, doubled punctuation
    ('\u{2000}', '\u{200A}', Same(' ')), // en quad..hair space
    ('\u{2011}', '\u{2011}', Run('‐')), // ‑
    ('\u{2024}', '\u{2026}', Each(". .. ...")), // ․..…
    ('\u{202F}', '\u{202F}', Same(' ')), // narrow no-break space
    ('\u{2033}', '\u{2037}', Each("′′ ′′′ - ‵‵ ‵‵‵")), // ″..‷
    ('\u{203C}', '\u{203C}', Each("!!")), // ‼
    ('\u{2047}', '\u{2049}', Each("?? ?! !?")), // ⁇..⁉
    ('\u{2057}', '\u{2057}', Each("′′′′")), // ⁗
    ('\u{205F}', '\u{205F}', Same(' ')), // medium mathematical space
    // Superscripts and subscripts
    ('\u{2070}', '\u{2071}', Each("0 i")), // ⁰..ⁱ
    ('\u{2074}', '\u{2079}', Run('4')), // ⁴..⁹
    ('\u{207A}', '\u{207F}', Each("+ − = ( ) n")), // ⁺..ⁿ
    ('\u{2080}', '\u{2089}', Run('0')), // ₀..₉
    ('\u{208A}', '\u{209F}', Each("+ − = ( ) - a e o x ə h k l m n p s t w y z")), // ₊..₟
    // Rupee sign
    ('\u{20A8}', '\u{20A8}', Each("Rs")), // ₨
    // Letterlike symbols (some fill the mathematical alphabets' holes), fractions, Roman numerals
    ('\u{2100}', '\u{2140}', Each(concat!( // ℀..⅀
        "a/c a/s C °C - c/o c/u Ɛ - °F g H H H h ħ I I L l - N No - - P Q R R R - ",
        "- SM TEL TM - Z - Ω - Z - K Å B C - e E F - M o א ב ג ד i - FAX π γ Γ Π ",
        "∑",
    ))),
    ('\u{2145}', '\u{2149}', Each("D d e i j")), // ⅅ..ⅉ
    ('\u{2150}', '\u{217F}', Each(concat!( // ⅐..ⅿ
        "1⁄7 1⁄9 1⁄10 1⁄3 2⁄3 1⁄5 2⁄5 3⁄5 4⁄5 1⁄6 5⁄6 1⁄8 3⁄8 5⁄8 7⁄8 1⁄ I II III ",
        "IV V VI VII VIII IX X XI XII L C D M i ii iii iv v vi vii viii ix x xi ",
        "xii l c d m",
    ))),
    ('\u{2189}', '\u{2189}', Each("0⁄3")), // ↉
    // Enclosed alphanumerics
    ('\u{2460}', '\u{2473}', Count("1")), // ①..⑳
    ('\u{2474}', '\u{2487}', Count("(1)")), // ⑴..⒇
    ('\u{2488}', '\u{249B}', Count("1.")), // ⒈..⒛
    ('\u{249C}', '\u{24B5}', Count("(a)")), // ⒜..⒵
    ('\u{24B6}', '\u{24CF}', Run('A')), // Ⓐ..Ⓩ
    ('\u{24D0}', '\u{24E9}', Run('a')), // ⓐ..ⓩ
    ('\u{24EA}', '\u{24EA}', Run('0')), // ⓪
    // Latin Extended-C
    ('\u{2C7C}', '\u{2C7D}', Each("j V")), // ⱼ..ⱽ
    // Ideographic space, circled numbers 21–50
    ('\u{3000}', '\u{3000}', Same(' ')), // ideographic space
    ('\u{3251}', '\u{325F}', Count("21")), // ㉑..㉟
    ('\u{32B1}', '\u{32BF}', Count("36")), // ㊱..㊿
    // Modifier letters
    ('\u{A69C}', '\u{A69D}', Each("ъ ь")), // ꚜ..ꚝ
    ('\u{A770}', '\u{A770}', Run('ꝯ')), // ꝰ
    ('\u{A7F1}', '\u{A7F4}', Each("S C F Q")), // ꟱..ꟴ
    ('\u{A7F8}', '\u{A7F9}', Each("Ħ œ")), // ꟸ..ꟹ
    ('\u{AB5C}', '\u{AB5F}', Each("ꜧ ꬷ ɫ ꭒ")), // ꭜ..ꭟ
    ('\u{AB69}', '\u{AB69}', Run('ʍ')), // ꭩ
    // Latin and Armenian ligatures
    ('\u{FB00}', '\u{FB06}', Each("ff fi fl ffi ffl st st")), // ﬀ..ﬆ
    ('\u{FB13}', '\u{FB17}', Each("մն մե մի վն մխ")), // ﬓ..ﬗ
    // Small forms
    ('\u{FE50}', '\u{FE62}', Each(", 、 . - ; : ? ! — ( ) { } 〔 〕 # & * +")), // ﹐..﹢
    ('\u{FE63}', '\u{FE63}', Run('-')), // ﹣
    ('\u{FE64}', '\u{FE6B}', Each("< > = - \\ $ % @")), // ﹤..﹫
    // Full-width forms
    ('\u{FF01}', '\u{FF5E}', Run('!')), // ！..～
    ('\u{FFE0}', '\u{FFE2}', Each("¢ £ ¬")), // ￠..￢
    ('\u{FFE4}', '\u{FFE6}', Each("¦ ¥ ₩")), // ￤..￦
    // Outlined letters and digits
    ('\u{1CCD6}', '\u{1CCEF}', Run('A')), // 𜳖..𜳯
    ('\u{1CCF0}', '\u{1CCF9}', Run('0')), // 𜳰..𜳹
    // Mathematical letters outside the alphabets `math_alphanumeric` reads
    ('\u{1D6A4}', '\u{1D6A6}', Each("ı ȷ ß")), // 𝚤..𝚦
    ('\u{1D7CA}', '\u{1D7CB}', Each("Ϝ ϝ")), // 𝟊..𝟋
    // Enclosed alphanumeric supplement: digits with a stop or comma, letters in brackets, circles, squares
    ('\u{1F100}', '\u{1F100}', Each("0.")), // 🄀
    ('\u{1F101}', '\u{1F10A}', Count("0,")), // 🄁..🄊
    ('\u{1F110}', '\u{1F129}', Count("(A)")), // 🄐..🄩
    ('\u{1F12A}', '\u{1F12E}', Each("〔S〕 C R CD WZ")), // 🄪..🄮
    ('\u{1F130}', '\u{1F149}', Run('A')), // 🄰..🅉
    ('\u{1F14A}', '\u{1F14F}', Each("HV MV SD SS PPV WC")), // 🅊..🅏
    ('\u{1F16A}', '\u{1F16C}', Each("MC MD MR")), // 🅪..🅬
    ('\u{1F190}', '\u{1F190}', Each("DJ")), // 🆐
    // Segmented digits
    ('\u{1FBF0}', '\u{1FBF9}', Run('0')), // 🯰..🯹
];

/// Mathematical Alphanumeric Symbols (U+1D400–1D7FF): thirteen styled Latin alphabets of 52
/// letters, whose unassigned holes are filled by Letterlike symbols ("ℎ" in the italics),
/// five Greek alphabets of 58, and five sets of digits.
fn math_alphanumeric(c: char) -> Option<char> {
    const HOLES: [char; 24] = [
        '\u{1D455}',
        '\u{1D49D}',
        '\u{1D4A0}',
        '\u{1D4A1}',
        '\u{1D4A3}',
        '\u{1D4A4}',
        '\u{1D4A7}',
        '\u{1D4A8}',
        '\u{1D4AD}',
        '\u{1D4BA}',
        '\u{1D4BC}',
        '\u{1D4C4}',
        '\u{1D506}',
        '\u{1D50B}',
        '\u{1D50C}',
        '\u{1D515}',
        '\u{1D51D}',
        '\u{1D53A}',
        '\u{1D53F}',
        '\u{1D545}',
        '\u{1D547}',
        '\u{1D548}',
        '\u{1D549}',
        '\u{1D551}',
    ];
    const GREEK: &str = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΘΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂εθκφρπ";
    let code = c as u32;
    match code {
        0x1D400..=0x1D6A3 if !HOLES.contains(&c) => {
            let letter = ((code - 0x1D400) % 52) as u8;
            Some(if letter < 26 {
                b'A' + letter
            } else {
                b'a' + letter - 26
            } as char)
        }
        0x1D6A8..=0x1D7C9 => GREEK.chars().nth(((code - 0x1D6A8) % 58) as usize),
        0x1D7CE..=0x1D7FF => char::from_digit((code - 0x1D7CE) % 10, 10),
        _ => None,
    }
}

/// Emit the compatibility form of `c` and return true, or return false when it has none here.
pub fn compatibility_form(c: char, emit: &mut dyn FnMut(char)) -> bool {
    if c < '\u{A0}' {
        return false;
    }
    if let Some(plain) = math_alphanumeric(c) {
        emit(plain);
        return true;
    }
    let i = COMPAT.partition_point(|&(_, last, _)| last < c);
    let Some(&(first, _, to)) = COMPAT.get(i).filter(|&&(first, _, _)| first <= c) else {
        return false;
    };
    let offset = c as u32 - first as u32;
    match to {
        Run(start) => emit(char::from_u32(start as u32 + offset).unwrap_or(start)),
        Same(plain) => emit(plain),
        Each(forms) => match forms.split(' ').nth(offset as usize) {
            Some("-") | None => return false,
            Some(form) => form.chars().for_each(emit),
        },
        Count(text) => count_up(text, offset, emit),
    }
    true
}

/// `text` with its number or letter counted up by `offset`: ("(1)", 9) -> "(10)".
fn count_up(text: &str, offset: u32, emit: &mut dyn FnMut(char)) {
    let mut number = None;
    for c in text.chars() {
        if let Some(digit) = c.to_digit(10) {
            number = Some(number.unwrap_or(0) * 10 + digit);
            continue;
        }
        if let Some(number) = number.take() {
            emit_number(number + offset, emit);
        }
        if c.is_ascii_alphabetic() {
            emit(char::from_u32(c as u32 + offset).unwrap_or(c));
        } else {
            emit(c);
        }
    }
    if let Some(number) = number {
        emit_number(number + offset, emit);
    }
}

fn emit_number(n: u32, emit: &mut dyn FnMut(char)) {
    if n >= 10 {
        emit_number(n / 10, emit);
    }
    emit(char::from_digit(n % 10, 10).unwrap_or('0'));
}

/// For each combining mark, the lowercase letters it composes with, each followed by the letter
/// they make: the compositions NFC makes into U+00C0–024F and U+1E00–1EFF.
#[rustfmt::skip]
static COMPOSITIONS: &[(char, &str)] = &[
    ('\u{300}', "aàeèiìnǹoòuùwẁyỳâầêềôồüǜăằēḕōṑơờưừ"),
    ('\u{301}', "aácćeégǵiíkḱlĺmḿnńoópṕrŕsśuúwẃyýzźâấåǻæǽçḉêếïḯôốõṍøǿüǘăắēḗōṓũṹơớưứ"),
    ('\u{302}', "aâcĉeêgĝhĥiîjĵoôsŝuûwŵyŷzẑạậẹệọộ"),
    ('\u{303}', "aãeẽiĩnñoõuũvṽyỹâẫêễôỗăẵơỡưữ"),
    ('\u{304}', "aāeēgḡiīoōuūyȳäǟæǣõȭöȫüǖǫǭȧǡȯȱḷḹṛṝ"),
    ('\u{306}', "aăeĕgğiĭoŏuŭȩḝạặ"),
    ('\u{307}', "aȧbḃcċdḋeėfḟgġhḣmṁnṅoȯpṗrṙsṡtṫwẇxẋyẏzżśṥšṧṣṩ"),
    ('\u{308}', "aäeëhḧiïoötẗuüwẅxẍyÿõṏūṻ"),
    ('\u{309}', "aảeẻiỉoỏuủyỷâẩêểôổăẳơởưử"),
    ('\u{30A}', "aåuůwẘyẙ"),
    ('\u{30B}', "oőuű"),
    ('\u{30C}', "aǎcčdďeěgǧhȟiǐjǰkǩlľnňoǒrřsštťuǔzžüǚʒǯ"),
    ('\u{30F}', "aȁeȅiȉoȍrȑuȕ"),
    ('\u{311}', "aȃeȇiȋoȏrȓuȗ"),
    ('\u{31B}', "oơuưòờóớõỡùừúứũữọợỏởụựủử"),
    ('\u{323}', "aạbḅdḍeẹhḥiịkḳlḷmṃnṇoọrṛsṣtṭuụvṿwẉyỵzẓâậêệôộăặơợưựṡṩ"),
    ('\u{324}', "uṳ"),
    ('\u{325}', "aḁ"),
    ('\u{326}', "sștț"),
    ('\u{327}', "cçdḑeȩgģhḩkķlļnņrŗsştţćḉĕḝ"),
    ('\u{328}', "aąeęiįoǫuųōǭ"),
    ('\u{32D}', "dḓeḙlḽnṋtṱuṷ"),
    ('\u{32E}', "hḫ"),
    ('\u{330}', "eḛiḭuṵ"),
    ('\u{331}', "bḇdḏhẖkḵlḻnṉrṟtṯzẕ"),
];

/// The character `previous` and `next` compose into, as NFC would: a lowercase Latin letter
/// and a combining mark ("e" + U+0301 -> "é"), or Hangul jamo into a syllable.
pub fn compose(previous: char, next: char) -> Option<char> {
    // Hangul syllables are numbered by 19 leading consonants, 21 vowels and 28 tails (the first
    // of which is none).
    const HANGUL_SYLLABLES: u32 = 0xAC00;
    const LEADS: u32 = 0x1100;
    const VOWELS: u32 = 0x1161;
    const TAILS: u32 = 0x11A7;
    let (previous, next) = (previous as u32, next as u32);
    match next {
        0x300..=0x36F => {
            let (_, pairs) = COMPOSITIONS.iter().find(|(mark, _)| *mark as u32 == next)?;
            let mut chars = pairs.chars();
            while let (Some(letter), Some(composed)) = (chars.next(), chars.next()) {
                if letter as u32 == previous {
                    return Some(composed);
                }
            }
            None
        }
        0x1161..=0x1175 if (LEADS..LEADS + 19).contains(&previous) => {
            char::from_u32(HANGUL_SYLLABLES + ((previous - LEADS) * 21 + (next - VOWELS)) * 28)
        }
        0x11A8..=0x11C2
            if (HANGUL_SYLLABLES..HANGUL_SYLLABLES + 11172).contains(&previous)
                && (previous - HANGUL_SYLLABLES) % 28 == 0 =>
        {
            char::from_u32(previous + next - TAILS)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::normalize::tests::nfkc_fold;
    use unicode_normalization::UnicodeNormalization;

    fn chars(first: u32, last: u32) -> impl Iterator<Item = char> {
        (first..=last).filter_map(char::from_u32)
    }

    #[test]
    fn table_is_sorted_and_forms_fill_their_ranges() {
        for pair in COMPAT.windows(2) {
            assert!(
                pair[0].1 < pair[1].0,
                "{:?} overlaps {:?}",
                pair[0].0,
                pair[1].0
            );
        }
        for &(first, last, to) in COMPAT {
            assert!(first <= last, "{first:?}");
            if let Each(forms) = to {
                let count = forms.split(' ').count() as u32;
                assert_eq!(count, last as u32 - first as u32 + 1, "{first:?}");
            }
        }
    }

    #[test]
    fn every_covered_character_folds_as_nfkc_does() {
        let table = COMPAT
            .iter()
            .flat_map(|&(first, last, _)| chars(first as u32, last as u32));
        let mut covered = 0;
        for c in table.chain(chars(0x1D400, 0x1D7FF)) {
            let text = c.to_string();
            if compatibility_form(c, &mut |_| {}) {
                assert_eq!(fold(&text), nfkc_fold(&text), "U+{:04X}", c as u32);
                covered += 1;
            } else {
                // A "-" in `Each`, or a hole (unassigned) in the mathematical alphabets.
                assert_eq!(text.nfkc().collect::<String>(), text, "U+{:04X}", c as u32);
            }
        }
        assert!(covered > 1600, "{covered}");
    }

    #[test]
    fn cased_characters_fold_as_with_nfkc() {
        for c in chars(0x80, char::MAX as u32) {
            let cased = !c.to_lowercase().eq([c]) || !c.to_uppercase().eq([c]);
            if cased {
                let text = c.to_string();
                assert_eq!(fold(&text), nfkc_fold(&text), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn latin_letters_compose_with_marks_as_nfc_does() {
        let letters = chars(0x41, 0x5A)
            .chain(chars(0x61, 0x7A))
            .chain(chars(0xC0, 0x24F))
            .chain(chars(0x1E00, 0x1EFF));
        for letter in letters {
            // Every letter spelled out in canonical order composes back ("e\u{323}\u{302}" -> "ệ").
            let decomposed: String = letter.to_string().nfd().collect();
            assert_eq!(fold(&decomposed), nfkc_fold(&decomposed), "{decomposed:?}");
            // Not U+0340, 0341, 0343 and 0344: deprecated duplicates of other marks.
            for mark in chars(0x300, 0x33F).chain(chars(0x345, 0x36F)) {
                let text: String = [letter, mark].into_iter().collect();
                let (ours, nfkc) = (fold(&text), nfkc_fold(&text));
                if text.nfc().count() == 1 {
                    assert_eq!(ours, nfkc, "{text:?}");
                } else {
                    // Marks NFC would reorder first ("ḃ" + U+0323 -> "ḅ\u{307}") stay uncomposed.
                    assert!(ours.nfd().eq(nfkc.nfd()), "{text:?}: {ours:?} {nfkc:?}");
                }
            }
        }
    }

    #[test]
    fn hangul_jamo_compose_into_syllables() {
        for lead in chars(0x1100, 0x1112) {
            for vowel in chars(0x1161, 0x1175) {
                for tail in chars(0x11A7, 0x11C2) {
                    let text: String = [lead, vowel, tail]
                        .into_iter()
                        .filter(|&c| c != '\u{11A7}')
                        .collect();
                    assert_eq!(fold(&text), nfkc_fold(&text), "{text:?}");
                }
            }
        }
    }
}
