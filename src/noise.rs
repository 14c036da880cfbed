//! Noise signals in the text itself: engagement bait, hashtag stuffing, link-only posts and
//! crypto spam (issue 6). Each reason names what was found ("engagement bait: 'rt if'").
//!
//! Phrases are matched on whole words of the folded text, so "f4f" and "RT if" match but
//! "start if" does not. Cues that teachers also use on their own ("DM me for the slides",
//! "giveaway", "100x") only count together with a second cue.

use crate::normalize;
use crate::post::{Reason, ReasonKind};
use crate::troll::decode_entities;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

/// Which text-level noise checks are on.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoiseChecks {
    pub bait: bool,
    pub hashtag_stuffing: bool,
    pub spam: bool,
}

/// This many distinct tags is stuffing whatever the text around them.
const STUFFED_TAGS: usize = 8;
/// From this many tags, it is stuffing when there are at least as many tags as other words.
const CROWDED_TAGS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Bait on its own: "rt if", "follow for follow".
    Bait,
    /// A prize ("giveaway", "win a"): bait when paired with an `Action`.
    Prize,
    /// What the prize asks for: "retweet", "follow", "tag".
    Action,
    /// Crypto spam on its own: "airdrop", "seed phrase".
    Spam,
    /// A spammer's call ("dm me for", "100x"): spam when paired with a `Coin`.
    Pitch,
    /// Crypto and trading nouns.
    Coin,
}

const CUES: &[(Cue, &[&str])] = &[
    (
        Cue::Bait,
        &[
            "rt if",
            "retweet if",
            "like if",
            "fav if",
            "rt if you agree",
            "like if you agree",
            "follow for follow",
            "follow4follow",
            "follow 4 follow",
            "f4f",
            "l4l",
            "like for like",
            "like4like",
            "followback",
            "follow back",
            "teamfollowback",
            "follow train",
            "rt to win",
            "retweet to win",
            "like to win",
            "follow to win",
            "share to win",
            "comment to win",
            "tag to win",
            "enter to win",
            "smash that like",
            "tag a friend",
            "tag someone who",
            "tag your friends",
            "like and retweet",
            "like and rt",
            "like and share",
            "like rt",
        ],
    ),
    (
        Cue::Prize,
        &[
            "giveaway",
            "give away",
            "win a",
            "win an",
            "chance to win",
            "free iphone",
        ],
    ),
    (
        Cue::Action,
        &[
            "rt", "retweet", "follow", "share", "tag", "enter", "comment",
        ],
    ),
    (
        Cue::Spam,
        &[
            "airdrop",
            "air drop",
            "seed phrase",
            "connect your wallet",
            "connect wallet",
            "free crypto",
            "free btc",
            "free bitcoin",
            "free eth",
            "free nft",
            "crypto giveaway",
            "nft giveaway",
            "guaranteed profit",
            "guaranteed profits",
            "double your bitcoin",
            "double your crypto",
            "1000x",
            "100x gem",
            "memecoin",
            "presale is live",
            "mint is live",
            "claim your tokens",
        ],
    ),
    (
        Cue::Pitch,
        &[
            "dm me for",
            "dm for",
            "dm me to",
            "100x",
            "to the moon",
            "join my",
            "signals",
            "whitelist",
            "presale",
        ],
    ),
    (
        Cue::Coin,
        &[
            "crypto",
            "bitcoin",
            "btc",
            "eth",
            "ethereum",
            "nft",
            "nfts",
            "usdt",
            "forex",
            "token",
            "tokens",
            "coin",
            "binance",
            "profit",
            "profits",
            "trading",
            "investment",
            "passive income",
        ],
    ),
];

struct Matcher {
    automaton: AhoCorasick,
    /// Pattern i's cue and phrase.
    patterns: Vec<(Cue, &'static str)>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let patterns: Vec<(Cue, &'static str)> = CUES
            .iter()
            .flat_map(|(cue, phrases)| phrases.iter().map(move |p| (*cue, *p)))
            .collect();
        // Padded with spaces: the text is " word word ", so a match is always whole words.
        let padded: Vec<String> = patterns.iter().map(|(_, p)| format!(" {p} ")).collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&padded)
            .expect("noise automaton");
        Matcher {
            automaton,
            patterns,
        }
    })
}

/// Every noise reason the text earns under these checks (empty: not noise).
pub fn assess(
    text: &str,
    hashtags: &[String],
    urls: &[String],
    checks: NoiseChecks,
) -> Vec<Reason> {
    assess_folded(text, None, hashtags, urls, checks)
}

/// `assess`, given `normalize::fold(text)` when the caller already has it.
pub(crate) fn assess_folded(
    text: &str,
    folded: Option<&str>,
    hashtags: &[String],
    urls: &[String],
    checks: NoiseChecks,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if !(checks.bait || checks.hashtag_stuffing || checks.spam) {
        return reasons;
    }
    let decoded = decode_entities(text);
    // Without entities the decoded text is the text itself, whose fold the caller may have.
    let folded = match (&decoded, folded) {
        (std::borrow::Cow::Borrowed(_), Some(folded)) => std::borrow::Cow::Borrowed(folded),
        _ => std::borrow::Cow::Owned(normalize::fold(&decoded)),
    };
    let words = Words::of(&folded, urls);

    if checks.hashtag_stuffing {
        let mut tags: Vec<String> = hashtags
            .iter()
            .map(|t| normalize::fold_tag(t))
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let n = tags.len();
        if n >= STUFFED_TAGS || (n >= CROWDED_TAGS && n >= words.plain) {
            reasons.push(noise(format!("hashtag stuffing: {n} tags")));
        }
    }
    if checks.spam && !urls.is_empty() && words.plain == 0 && words.tags == 0 {
        reasons.push(noise("link-only post".to_string()));
    }
    if checks.bait || checks.spam {
        let found = cues(&words.line);
        let first = |cue: Cue| found.iter().find(|(c, _)| *c == cue).map(|(_, p)| *p);
        if checks.bait {
            if let Some(p) = first(Cue::Bait) {
                reasons.push(noise(format!("engagement bait: '{p}'")));
            } else if let (Some(prize), Some(action)) = (first(Cue::Prize), first(Cue::Action)) {
                reasons.push(noise(format!("engagement bait: '{prize}' + '{action}'")));
            }
        }
        if checks.spam {
            if let Some(p) = first(Cue::Spam) {
                reasons.push(noise(format!("crypto spam: '{p}'")));
            } else if let Some(wallet) = words.wallet {
                reasons.push(noise(format!("crypto spam: wallet address '{wallet}…'")));
            } else if let (Some(pitch), Some(coin)) = (first(Cue::Pitch), first(Cue::Coin)) {
                reasons.push(noise(format!("crypto spam: '{pitch}' + '{coin}'")));
            }
        }
    }
    reasons
}

fn noise(detail: String) -> Reason {
    Reason {
        kind: ReasonKind::Noise,
        detail,
    }
}

/// The cues in a padded word line, in order of appearance.
fn cues(line: &str) -> Vec<(Cue, &'static str)> {
    let m = matcher();
    let mut found: Vec<(Cue, &'static str)> = Vec::new();
    for hit in m.automaton.find_overlapping_iter(line) {
        let cue = m.patterns[hit.pattern().as_usize()];
        // One of each phrase is enough; this also keeps hostile repetition linear.
        if !found.contains(&cue) {
            found.push(cue);
        }
    }
    found
}

/// The words of a post, as the noise checks see them.
struct Words {
    /// Folded words (hashtags included, without '#'), mentions and links left out, each
    /// surrounded by single spaces.
    line: String,
    /// Words that are neither hashtags, mentions nor links.
    plain: usize,
    tags: usize,
    /// The start of a crypto wallet address, if the post holds one.
    wallet: Option<String>,
}

impl Words {
    /// `folded`: the post's text, entities decoded, through `normalize::fold`.
    fn of(folded: &str, urls: &[String]) -> Words {
        // Links the extractor found without a scheme ("bit.ly/x") are known by the list.
        let urls: Vec<String> = urls
            .iter()
            .filter(|u| !u.is_empty())
            .map(|u| normalize::fold(u))
            .collect();
        let mut words = Words {
            line: String::with_capacity(folded.len() + 2),
            plain: 0,
            tags: 0,
            wallet: None,
        };
        words.line.push(' ');
        for chunk in folded.split_whitespace() {
            let is_url = chunk.contains("://")
                || chunk.starts_with("www.")
                || urls.iter().any(|u| chunk.contains(u.as_str()));
            if is_url || chunk.starts_with('@') {
                continue;
            }
            let is_tag = chunk.starts_with('#') || chunk.starts_with('＃');
            let mut counted = false;
            for word in chunk
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                if words.wallet.is_none() && is_wallet(word) {
                    words.wallet = Some(word.chars().take(8).collect());
                }
                words.line.push_str(word);
                words.line.push(' ');
                if !counted && word.chars().any(char::is_alphabetic) {
                    counted = true;
                    if is_tag {
                        words.tags += 1;
                    } else {
                        words.plain += 1;
                    }
                }
            }
        }
        words
    }
}

/// An Ethereum address (0x and 40 hex digits) or a Bitcoin bech32 address (bc1...).
fn is_wallet(word: &str) -> bool {
    let hex = word
        .strip_prefix("0x")
        .is_some_and(|h| h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    let bech32 = word.strip_prefix("bc1").is_some_and(|b| {
        (39..=59).contains(&b.len()) && b.bytes().all(|c| c.is_ascii_alphanumeric())
    });
    hex || bech32
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: NoiseChecks = NoiseChecks {
        bait: true,
        hashtag_stuffing: true,
        spam: true,
    };

    fn details(text: &str, tags: &[&str], urls: &[&str]) -> Vec<String> {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        let urls: Vec<String> = urls.iter().map(|u| u.to_string()).collect();
        assess(text, &tags, &urls, ALL)
            .into_iter()
            .map(|r| r.detail)
            .collect()
    }

    #[test]
    fn bait_needs_whole_words_and_prizes_need_an_action() {
        assert_eq!(
            details("RT if you're still marking at 11pm", &[], &[]),
            ["engagement bait: 'rt if'"]
        );
        assert_eq!(details("F4F!!", &[], &[]), ["engagement bait: 'f4f'"]);
        assert!(details("We'll start if the projector works", &[], &[]).is_empty());
        assert!(details("Our Y6 team went on to win a regional award!", &[], &[]).is_empty());
        assert_eq!(
            details("GIVEAWAY: retweet and follow for a class set", &[], &[]),
            ["engagement bait: 'giveaway' + 'retweet'"]
        );
    }

    #[test]
    fn stuffing_counts_distinct_tags_against_words() {
        let many = ["a", "b", "c", "d", "e", "f", "g", "h"];
        assert_eq!(details("x", &many, &[]), ["hashtag stuffing: 8 tags"]);
        let five = ["edchat", "ukedchat", "mathschat", "EdChat", "primary"];
        assert!(details(
            "Lovely fractions lesson with Y4 using bar models #edchat #ukedchat",
            &five,
            &[]
        )
        .is_empty());
        let five = ["one", "two", "three", "four", "five"];
        assert_eq!(
            details("#one #two #three #four #five wow", &five, &[]),
            ["hashtag stuffing: 5 tags"]
        );
    }

    #[test]
    fn links_without_words_and_crypto_spam() {
        assert_eq!(
            details("https://t.co/abc", &[], &["https://t.co/abc"]),
            ["link-only post"]
        );
        assert!(details(
            "Great read on feedback https://t.co/abc",
            &[],
            &["https://t.co/abc"]
        )
        .is_empty());
        assert_eq!(
            details("Huge AIRDROP live now", &[], &[]),
            ["crypto spam: 'airdrop'"]
        );
        assert_eq!(
            details("DM me for BTC signals", &[], &[]),
            ["crypto spam: 'dm me for' + 'btc'"]
        );
        assert!(details("DM me for the knowledge organiser!", &[], &[]).is_empty());
        let eth = "send to 0x52908400098527886E0F7030069857D2E4169EE7";
        assert_eq!(
            details(eth, &[], &[]),
            ["crypto spam: wallet address '0x529084…'"]
        );
    }
}
