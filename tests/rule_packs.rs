//! Rule packs end to end: parsing and its field-named errors, defaults, export round trip,
//! and how the compiled engine decides (expiry, precedence, lens, accounts, noise, hostile
//! and huge posts, speed).

use serde_json::json;
use staffroom::classify::Context;
use staffroom::lens;
use staffroom::mutewords::MatchMode;
use staffroom::rules::{Action, MuteRule, Target};
use staffroom::troll::Sensitivity;
use staffroom::{Engine, Post, PostKind, ReasonKind, RulePack, Verdict, VerdictKind};
use std::time::Instant;

fn errors(pack: &str) -> Vec<String> {
    match RulePack::from_json(pack) {
        Ok(_) => panic!("expected errors for {pack}"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_error(pack: &str, expected: &str) {
    let errors = errors(pack);
    assert!(errors.iter().any(|e| e == expected), "wanted {expected:?} for {pack}\ngot {errors:#?}");
}

fn engine(pack: serde_json::Value) -> Engine {
    let pack = RulePack::from_json(&pack.to_string()).unwrap_or_else(|e| panic!("{e:#?}"));
    Engine::new(&pack).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn post(text: &str, tags: &[&str]) -> Post {
    Post {
        id: "p".into(),
        text: text.into(),
        hashtags: Some(tags.iter().map(|t| t.to_string()).collect()),
        ..Post::default()
    }
}

fn one(engine: &Engine, post: Post, ctx: &Context) -> Verdict {
    engine.classify(&[post], ctx).remove(0)
}

fn details(v: &Verdict) -> Vec<String> {
    v.reasons.iter().map(|r| r.detail.clone()).collect()
}

/// The troll filter off (the text-noise checks are off unless a pack turns them on), so
/// verdicts below are about the rules under test.
fn quiet(mut pack: serde_json::Value) -> serde_json::Value {
    pack["troll"] = json!({"sensitivity": "off"});
    pack
}

// ---------------------------------------------------------------- parsing and errors

#[test]
fn empty_pack_gets_teacher_defaults() {
    let pack = RulePack::from_json("{}").unwrap();
    assert_eq!(pack, RulePack::default());
    assert_eq!(pack.version, 1);
    assert!(pack.lens.enabled && pack.lens.packs.is_empty());
    assert_eq!(pack.lens.strictness, staffroom::lens::topic::Strictness::Balanced);
    assert!(pack.lens.sites.x && pack.lens.sites.bluesky && pack.lens.sites.mastodon);
    assert_eq!(pack.troll.sensitivity, Sensitivity::Medium);
    let n = pack.noise;
    assert!(n.promoted && n.who_to_follow && n.trends);
    assert!(!n.reposts && !n.quotes && !n.stranger_replies && !n.demetricate);
    // What a post says is judged by the troll filter alone unless the pack asks for more.
    assert!(!n.bait && !n.hashtag_stuffing && !n.spam);
}

#[test]
fn a_pack_that_sets_only_the_troll_filter_judges_by_it_alone() {
    let tags = ["maga", "kag", "qanon", "wwg1wga", "tcot", "ccot", "pjnet"];
    let stuffed = || post("Follow back! #maga #kag #qanon #wwg1wga #tcot #ccot #pjnet", &tags);
    let ctx = Context::default();
    let troll_only = engine(json!({"troll": {"sensitivity": "medium"}}));
    assert_eq!(one(&troll_only, stuffed(), &ctx).verdict, VerdictKind::Show);
    let asked = engine(json!({"troll": {"sensitivity": "medium"}, "noise": {"bait": true, "hashtag_stuffing": true}}));
    let verdict = one(&asked, stuffed(), &ctx);
    assert_eq!(verdict.verdict, VerdictKind::Hide);
    assert_eq!(details(&verdict), ["hashtag stuffing: 7 tags", "engagement bait: 'follow back'"]);
}

#[test]
fn a_reply_s_addressees_are_not_a_pile_on() {
    let e = engine(json!({"troll": {"sensitivity": "medium"}}));
    let ctx = Context::default();
    let pile_on = |v: &Verdict| details(v).iter().any(|d| d.starts_with("pile-on"));
    let reply = one(&e, post("@a @b @c @d @e @f @g look at this clown", &[]), &ctx);
    assert!(!pile_on(&reply), "{:?}", details(&reply));
    let tagging = one(&e, post("look at this clown @a @b @c @d @e @f @g", &[]), &ctx);
    assert_eq!(tagging.verdict, VerdictKind::Hide);
    assert!(details(&tagging).contains(&"pile-on: 7 mentions".to_string()), "{:?}", details(&tagging));
    // A lone "@" starting the post is no addressee: six accounts are still tagged after it.
    let stray_at = one(&e, post("@ @a look at this clown @b @c @d @e @f @g", &[]), &ctx);
    assert!(details(&stray_at).contains(&"pile-on: 6 mentions".to_string()), "{:?}", details(&stray_at));
}

#[test]
fn mute_rule_defaults_are_content_and_tag_word_hide() {
    let pack = RulePack::from_json(r#"{"mute": [{"value": "politics"}, "sport"]}"#).unwrap();
    for (rule, value) in pack.mute.iter().zip(["politics", "sport"]) {
        assert_eq!(rule, &MuteRule::new(value));
        assert_eq!(rule.targets, vec![Target::Content, Target::Tag]);
        assert_eq!((rule.match_mode, rule.action, rule.expires.clone()), (MatchMode::Word, Action::Hide, None));
    }
}

#[test]
fn design_brief_example_parses() {
    let pack = RulePack::from_json(
        r#"{ "lens":  { "enabled": true, "hashtags": ["edchat"], "keywords": ["retrieval practice"] },
             "mute":  [ { "value": "politics", "targets": ["content", "tag"], "match": "word",
                          "action": "hide", "expires": "2027-01-01T00:00:00Z" } ],
             "accounts": { "mute": ["someone", "troll@example.social"] },
             "troll": { "sensitivity": "medium" },
             "noise": { "promoted": true, "who_to_follow": true, "trends": true, "reposts": false } }"#,
    )
    .unwrap();
    assert_eq!(pack.mute[0].expires_ms(), Some(1_798_761_600_000));
    assert!(pack.summary().contains("1 muted word"), "{}", pack.summary());
}

#[test]
fn each_error_names_its_field() {
    assert_error("[]", "pack: expected an object, got an array");
    assert_error(
        r#"{"lens": {"hashtagz": []}}"#,
        "lens.hashtagz: unknown field (expected one of enabled, packs, hashtags, keywords, strictness, sites)",
    );
    assert_error(
        r#"{"colour": "red"}"#,
        "colour: unknown field (expected one of version, lens, mute, accounts, troll, noise)",
    );
    assert_error(
        r#"{"mute": [{"value": "a"}, {"value": "b", "match": "wrod"}]}"#,
        r#"mute[1].match: expected one of word, substring, regex, got "wrod""#,
    );
    assert_error(r#"{"mute": ["a", "b", "c", {"value": "  "}]}"#, "mute[3].value: must not be empty");
    assert_error(
        r#"{"mute": [{"value": "\u200b\u200d"}]}"#,
        "mute[0].value: has nothing left once invisible characters are removed",
    );
    assert_error(r#"{"mute": [{"targets": ["tag"]}]}"#, "mute[0].value: missing: the word, phrase or pattern to mute");
    assert_error(r#"{"mute": [{"value": 7}]}"#, "mute[0].value: expected a string, got 7");
    assert_error(
        r#"{"mute": [{"value": "x", "expires": "next tuesday"}]}"#,
        r#"mute[0].expires: not an RFC 3339 date-time such as "2027-01-01T00:00:00Z", got "next tuesday""#,
    );
    assert_error(
        r#"{"mute": [{"value": "x", "expires": 1798761600}]}"#,
        "mute[0].expires: expected a string, got 1798761600",
    );
    assert_error(
        r#"{"mute": [{"value": "x", "targets": []}]}"#,
        "mute[0].targets: must name at least one of content, tag",
    );
    assert_error(
        r#"{"mute": [{"value": "x", "targets": ["body"]}]}"#,
        r#"mute[0].targets[0]: expected one of content, tag, got "body""#,
    );
    assert_error(
        r#"{"mute": [{"value": "x", "action": "delete"}]}"#,
        r#"mute[0].action: expected one of hide, warn, got "delete""#,
    );
    assert_error(r#"{"mute": {"value": "x"}}"#, "mute: expected an array of rules, got an object");
    assert_error(r#"{"lens": {"enabled": "yes"}}"#, r#"lens.enabled: expected true or false, got "yes""#);
    assert_error(r#"{"lens": {"hashtags": "edchat"}}"#, r#"lens.hashtags: expected an array of strings, got "edchat""#);
    assert_error(r##"{"lens": {"hashtags": ["edchat", "#"]}}"##, "lens.hashtags[1]: must not be empty");
    assert_error(
        r#"{"lens": {"hashtags": ["ed chat"]}}"#,
        r#"lens.hashtags[0]: a hashtag is one word without spaces, got "ed chat""#,
    );
    assert_error(r#"{"lens": {"keywords": [null]}}"#, "lens.keywords[0]: expected a string, got null");
    assert_error(r#"{"lens": {"sites": {"x": 1}}}"#, "lens.sites.x: expected true or false, got 1");
    assert_error(
        r#"{"lens": {"sites": {"myspace": true}}}"#,
        "lens.sites.myspace: unknown field (expected one of x, bluesky, mastodon)",
    );
    assert_error(
        r#"{"accounts": {"mute": ["a@b@c"]}}"#,
        r#"accounts.mute[0]: expected a handle such as name or name@instance, got "a@b@c""#,
    );
    assert_error(r#"{"accounts": {"trust": [""]}}"#, "accounts.trust[0]: must not be empty");
    assert_error(
        r#"{"troll": {"sensitivity": "extreme"}}"#,
        r#"troll.sensitivity: expected one of off, low, medium, high, got "extreme""#,
    );
    assert_error(r#"{"noise": {"promoted": "no"}}"#, r#"noise.promoted: expected true or false, got "no""#);
    assert_error(r#"{"version": 2}"#, "version: unsupported version 2 (this engine reads version 1)");
    assert_error(r#"{"version": "1"}"#, r#"version: expected the number 1, got "1""#);
}

#[test]
fn unknown_topic_pack_lists_the_known_ones() {
    let errors = errors(r#"{"lens": {"packs": ["uk-edchat", "maths", "foo"]}}"#);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with(r#"lens.packs[2]: unknown topic pack "foo" (known: uk-edchat, "#), "{}", errors[0]);
    for id in lens::ids() {
        assert!(errors[0].contains(id));
    }
}

#[test]
fn malformed_json_reports_line_and_column() {
    let trailing_comma = errors("{\n  \"mute\": [\n    {\"value\": \"x\",}\n  ]\n}");
    assert_eq!(trailing_comma.len(), 1);
    assert!(trailing_comma[0].starts_with("json: malformed JSON at line 3, column "), "{}", trailing_comma[0]);
    assert!(errors("")[0].starts_with("json: malformed JSON at line 1"));
}

#[test]
fn all_errors_are_reported_at_once() {
    let errors = errors(
        r#"{"lens": {"packs": ["nope"], "enabled": 3}, "mute": [{"value": ""}, {"value": "ok", "match": "wrod"},
            {"value": "(", "match": "regex"}], "troll": {"sensitivity": 2}, "extra": 1}"#,
    );
    let fields: Vec<&str> = errors.iter().map(|e| e.split(':').next().unwrap()).collect();
    for field in [
        "extra",
        "lens.enabled",
        "lens.packs[0]",
        "mute[0].value",
        "mute[1].match",
        "mute[2].value",
        "troll.sensitivity",
    ] {
        assert!(fields.contains(&field), "{field} missing from {errors:#?}");
    }
    assert_eq!(errors.len(), 7, "{errors:#?}");
}

#[test]
fn limits_have_clear_errors() {
    let long = "x".repeat(513);
    assert_error(&json!({"mute": [long]}).to_string(), "mute[0].value: is 513 characters long; at most 512");
    let many: Vec<String> = (0..10_001).map(|i| format!("w{i}")).collect();
    assert_error(&json!({"mute": many}).to_string(), "mute: too many entries (10001; at most 10000)");
    let ok: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    assert!(RulePack::from_json(&json!({"mute": ok}).to_string()).is_ok());
}

#[test]
fn pathological_regex_is_refused_naming_the_rule() {
    let pack = json!({"mute": [{"value": "fine"}, {"value": r"(\w+\s?){200}[\p{L}\d]{300}", "match": "regex"}]});
    let errors = errors(&pack.to_string());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("mute[1].value: regex is too large to match quickly"), "{}", errors[0]);
    assert_error(
        r#"{"mute": [{"value": "a(b", "match": "regex"}]}"#,
        "mute[0].value: the pattern has an opening bracket ( without a closing one",
    );
    assert_error(
        r#"{"mute": [{"value": "x*", "match": "regex"}]}"#,
        "mute[0].value: the pattern matches empty text, so it would mute every post",
    );
    // Each mistake in plain words.
    for (pattern, message) in [
        ("a)b", "a closing bracket ) without an opening one"),
        ("[abc", "an opening square bracket [ without a closing one"),
        ("*star", "a *, + or ? with nothing before it to repeat"),
        ("a{2", "a count in curly brackets"),
        ("end\\", "ends with a backslash"),
        ("(?=ahead)", "look-around such as (?= or (?! is not supported"),
        ("[z-a]", "a range in square brackets that is not like [a-z]"),
    ] {
        let pack = json!({"mute": [{"value": pattern, "match": "regex"}]});
        let found = crate::errors(&pack.to_string());
        assert!(found.len() == 1 && found[0].contains(message), "{pattern}: {found:?}");
    }
}

#[test]
fn engine_validates_packs_built_in_code() {
    let mut pack = RulePack::default();
    pack.mute.push(MuteRule::new(""));
    pack.mute.push(MuteRule { expires: Some("soon".into()), ..MuteRule::new("x") });
    pack.lens.packs.push("unknown".into());
    let errors: Vec<String> = Engine::new(&pack).err().unwrap().iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors.iter().any(|e| e == "mute[0].value: must not be empty"));
    assert!(errors.iter().any(|e| e.starts_with("mute[1].expires: not an RFC 3339")));
    assert!(errors.iter().any(|e| e.starts_with("lens.packs[0]: unknown topic pack")));
}

#[test]
fn export_then_import_round_trips() {
    let pack = RulePack::from_json(
        r##"{"version": 1,
            "lens": {"enabled": false, "packs": ["maths", "research"], "hashtags": ["#MathsChat", "edchat"],
                     "keywords": ["Retrieval Practice"], "sites": {"x": false, "bluesky": true, "mastodon": true}},
            "mute": ["politics",
                     {"value": "crypto.*", "targets": ["content"], "match": "regex", "action": "warn"},
                     {"value": "Election", "targets": ["tag"], "match": "substring", "expires": "2027-01-01T09:30:00+01:00"}],
            "accounts": {"mute": ["@Someone", "troll@example.social"], "trust": ["colleague"]},
            "troll": {"sensitivity": "high"},
            "noise": {"reposts": true, "demetricate": true, "spam": false}}"##,
    )
    .unwrap();
    let exported = pack.to_json();
    let again = RulePack::from_json(&exported).unwrap();
    assert_eq!(again, pack);
    assert_eq!(again.to_json(), exported);
    assert!(exported.contains(r#""match": "regex""#) && exported.contains(r#""sensitivity": "high""#), "{exported}");
    let default = RulePack::default();
    assert_eq!(RulePack::from_json(&default.to_json()).unwrap(), default);
    // Deserialising through serde validates the same way.
    assert_eq!(serde_json::from_str::<RulePack>(&exported).unwrap(), pack);
    let err = serde_json::from_str::<RulePack>(r#"{"mute": [""]}"#).unwrap_err().to_string();
    assert!(err.contains("mute[0].value: must not be empty"), "{err}");
}

// ---------------------------------------------------------------- classification

#[test]
fn expired_mutes_stop_applying() {
    let e = engine(quiet(json!({"lens": {"enabled": false},
        "mute": [{"value": "politics", "expires": "2027-01-01T00:00:00Z"}]})));
    let at = |now_ms: f64| one(&e, post("talking politics", &[]), &Context { now_ms, ..Context::default() }).verdict;
    assert_eq!(at(1_798_761_599_999.0), VerdictKind::Hide);
    assert_eq!(at(1_798_761_600_000.0), VerdictKind::Show, "expires <= now means expired");
    assert_eq!(at(1_900_000_000_000.0), VerdictKind::Show);
}

#[test]
fn mutes_outrank_the_lens_and_every_reason_is_listed() {
    let e = engine(quiet(json!({"lens": {"hashtags": ["edchat"], "strictness": "tags"},
        "mute": ["politics", {"value": "ofsted", "action": "warn"}],
        "accounts": {"mute": ["someone"]}})));
    let ctx = Context::default();

    let on_topic_muted = one(&e, post("politics in #edchat", &["edchat"]), &ctx);
    assert_eq!(on_topic_muted.verdict, VerdictKind::Hide);
    assert_eq!(details(&on_topic_muted), vec!["muted word: 'politics'"]);

    let off_topic_muted = one(&e, post("politics tonight", &[]), &ctx);
    assert_eq!(off_topic_muted.verdict, VerdictKind::Hide);
    assert_eq!(details(&off_topic_muted), vec!["muted word: 'politics'"], "the lens judges what nothing else hid");

    let warned = one(&e, post("ofsted is coming #edchat", &["edchat"]), &ctx);
    assert_eq!((warned.verdict, details(&warned)), (VerdictKind::Warn, vec!["muted word: 'ofsted'".to_string()]));
    let warned_off_topic = one(&e, post("ofsted is coming", &[]), &ctx);
    assert_eq!(warned_off_topic.verdict, VerdictKind::Hide, "the lens still hides what a warn rule only flags");

    let mut by_muted = post("great #edchat thread", &["edchat"]);
    by_muted.author = Some("@Someone".into());
    let v = one(&e, by_muted, &ctx);
    assert_eq!((v.verdict, details(&v)), (VerdictKind::Hide, vec!["muted account: @someone".to_string()]));

    let plain = one(&e, post("great #edchat thread", &["EdChat"]), &ctx);
    assert_eq!((plain.verdict, details(&plain)), (VerdictKind::Show, vec!["on topic: #edchat".to_string()]));
}

#[test]
fn verdicts_keep_order_and_ids() {
    let e = engine(quiet(json!({"lens": {"enabled": false}, "mute": ["b"]})));
    let posts: Vec<Post> = ["a", "b", "c"].iter().map(|t| Post { id: format!("id-{t}"), ..post(t, &[]) }).collect();
    let verdicts = e.classify(&posts, &Context::default());
    let got: Vec<(String, VerdictKind)> = verdicts.into_iter().map(|v| (v.id, v.verdict)).collect();
    assert_eq!(
        got,
        vec![
            ("id-a".into(), VerdictKind::Show),
            ("id-b".into(), VerdictKind::Hide),
            ("id-c".into(), VerdictKind::Show)
        ]
    );
    assert!(e.classify(&[], &Context::default()).is_empty());
}

#[test]
fn lens_uses_tags_packs_families_and_whole_word_keywords() {
    let e = engine(quiet(
        json!({"lens": {"packs": ["research"], "hashtags": ["#MathsChat"], "keywords": ["Exit Tickets"]}}),
    ));
    let ctx = Context::default();
    let shown = |p: Post| one(&e, p, &ctx).verdict == VerdictKind::Show;
    assert!(shown(post("x", &["mathschat"])));
    assert!(shown(post("x", &["MathChat"])), "a family spelling of an own tag");
    assert!(shown(post("x", &["cognitivescience"])), "a family spelling of a pack tag");
    assert!(shown(post("x", &["#ResearchED"])));
    assert!(shown(post("Trying RETRIEVAL practice with year 9", &[])), "pack keyword");
    assert!(shown(post("exit tickets, day 3", &[])), "own keyword");
    assert!(!shown(post("retrieval practices", &[])), "keywords match whole words only");
    assert!(!shown(post("look at my lunch", &["food"])));
    let off = one(&e, post("look at my lunch", &[]), &ctx);
    assert_eq!(off.reasons[0].kind, ReasonKind::Lens);
    assert_eq!(details(&off), vec!["off-topic: no teaching words, no pack tags"]);
    assert_eq!(details(&one(&e, post("x", &["mathschat"]), &ctx)), vec!["on topic: #mathschat"]);
    assert_eq!(details(&one(&e, post("exit tickets, day 3", &[]), &ctx)), vec!["on topic: 'exit tickets'"]);
}

#[test]
fn the_topic_judge_reads_words_and_strictness_decides() {
    let pack = |strictness: &str| engine(quiet(json!({"lens": {"packs": ["uk-edchat", "us-edchat"], "strictness": strictness}})));
    let (relaxed, balanced, tags) = (pack("relaxed"), pack("balanced"), pack("tags"));
    let ctx = Context::default();
    let colleague = post("Tried think-pair-share with my Year 9s today and every hand went up", &[]);
    let v = one(&balanced, colleague.clone(), &ctx);
    assert_eq!(v.verdict, VerdictKind::Show);
    assert!(details(&v)[0].starts_with("on topic: ") && details(&v)[0].contains("year 9s"), "{v:?}");
    assert_eq!(one(&relaxed, colleague.clone(), &ctx).verdict, VerdictKind::Show);
    let v = one(&tags, colleague, &ctx);
    assert_eq!(v.verdict, VerdictKind::Hide, "tags: packs and own tags only: {v:?}");
    for general in ["just burnt my toast, great start to the day", "ugh maths exam tomorrow and i know nothing lol"] {
        let v = one(&balanced, post(general, &[]), &ctx);
        assert_eq!(v.verdict, VerdictKind::Hide, "{general}: {v:?}");
        assert_eq!(v.reasons[0].kind, ReasonKind::Lens);
    }
    // A teacher's tag from a pack the user did not choose counts towards the topic.
    let v = one(&balanced, post("worth a read", &["sltchat"]), &ctx);
    assert_eq!(v.verdict, VerdictKind::Show);
    assert!(details(&v)[0].starts_with("on topic: #sltchat"), "{v:?}");
}

#[test]
fn colleagues_and_the_teachers_examples_pass_the_lens() {
    let pack = json!({"lens": {"packs": ["uk-edchat", "us-edchat"]}, "accounts": {"trust": ["mrs_k"]}});
    let pack = RulePack::from_json(&quiet(pack).to_string()).unwrap();
    let ctx = Context::default();
    let knitting = post("Knitting patterns for the autumn fair", &[]);
    let plain = Engine::new(&pack).unwrap();
    assert_eq!(one(&plain, knitting.clone(), &ctx).verdict, VerdictKind::Hide);
    let by_colleague = Post { author: Some("@Mrs_K@school.social".into()), ..knitting.clone() };
    let v = one(&plain, by_colleague, &ctx);
    assert_eq!((v.verdict, details(&v)), (VerdictKind::Show, vec!["colleague: @mrs_k@school.social".to_string()]));

    let examples = [lens::topic::Example { text: "knitting patterns for beginners".into(), professional: true }];
    let taught = Engine::with_models(&pack, &staffroom::model::Models::shipped(), &examples).unwrap();
    assert_eq!(taught.learned_examples(), 1);
    assert_eq!(one(&taught, knitting, &ctx).verdict, VerdictKind::Show, "show posts like this");
    let not_for_me = [lens::topic::Example { text: "ofsted inspection framework consultation".into(), professional: false }];
    let taught = Engine::with_models(&pack, &staffroom::model::Models::shipped(), &not_for_me).unwrap();
    let v = one(&taught, post("New Ofsted inspection framework consultation opens today", &[]), &ctx);
    assert_eq!(v.verdict, VerdictKind::Hide, "not for me: {v:?}");
}

#[test]
fn lens_falls_back_to_tags_in_the_text() {
    // Uses extract::extract_hashtags: the site linked no tags.
    let e = engine(quiet(json!({"lens": {"hashtags": ["edchat"]}})));
    let p = Post { id: "p".into(), text: "Loving tonight's #EdChat!".into(), ..Post::default() };
    assert_eq!(one(&e, p, &Context::default()).verdict, VerdictKind::Show);
}

#[test]
fn an_empty_lens_passes_everything_and_context_overrides_enabled() {
    for strictness in ["tags", "balanced", "relaxed"] {
        let empty = engine(quiet(json!({"lens": {"enabled": true, "strictness": strictness}})));
        assert_eq!(one(&empty, post("anything", &[]), &Context::default()).verdict, VerdictKind::Show);
    }
    let only_trolls = engine(json!({"troll": {"sensitivity": "medium"}}));
    assert_eq!(one(&only_trolls, post("lovely weather for the match", &[]), &Context::default()).verdict, VerdictKind::Show);

    let off = engine(quiet(json!({"lens": {"enabled": false, "hashtags": ["edchat"]}})));
    let forced = Context { lens: Some(true), ..Context::default() };
    assert_eq!(one(&off, post("anything", &[]), &Context::default()).verdict, VerdictKind::Show);
    assert_eq!(one(&off, post("anything", &[]), &forced).verdict, VerdictKind::Hide);

    let on = engine(quiet(json!({"lens": {"hashtags": ["edchat"]}})));
    let site_off = Context { lens: Some(false), ..Context::default() };
    assert_eq!(one(&on, post("anything", &[]), &site_off).verdict, VerdictKind::Show);
}

#[test]
fn focus_tag_narrows_the_lens_to_one_family() {
    let e = engine(quiet(json!({"lens": {"packs": ["maths", "uk-edchat"]}})));
    let focus = Context { focus_tag: Some("#MathsChat".into()), ..Context::default() };
    assert_eq!(one(&e, post("x", &["mathchat"]), &focus).verdict, VerdictKind::Show);
    assert_eq!(one(&e, post("x", &["ukedchat"]), &focus).verdict, VerdictKind::Hide);
    assert_eq!(one(&e, post("maths lesson idea", &[]), &focus).verdict, VerdictKind::Hide, "focus is the tag only");
    // Focus applies only while the lens is on.
    let focus_off = Context { lens: Some(false), ..focus };
    assert_eq!(one(&e, post("x", &["ukedchat"]), &focus_off).verdict, VerdictKind::Show);
    // A focus session on a lens with nothing in it still narrows.
    let empty = engine(quiet(json!({})));
    let focus = Context { focus_tag: Some("edchat".into()), lens: Some(true), ..Context::default() };
    assert_eq!(one(&empty, post("x", &["other"]), &focus).verdict, VerdictKind::Hide);
}

#[test]
fn account_mutes_cover_instances_and_related_authors() {
    let e = engine(quiet(json!({"lens": {"enabled": false},
        "accounts": {"mute": ["someone", "Troll@Example.Social"], "trust": ["colleague"]},
        "mute": ["politics"]})));
    let by = |author: &str| {
        let mut p = post("hello", &[]);
        p.author = Some(author.into());
        one(&e, p, &Context::default()).verdict
    };
    for hidden in [
        "someone",
        "@SomeOne",
        "someone@any.instance",
        "@someone@mastodon.social",
        "troll@example.social",
        "@troll@example.social",
    ] {
        assert_eq!(by(hidden), VerdictKind::Hide, "{hidden}");
    }
    for shown in ["someone2", "troll", "troll@other.social", "example.social", "", "@"] {
        assert_eq!(by(shown), VerdictKind::Show, "{shown}");
    }
    let mut repost = post("hello", &[]);
    repost.author = Some("friend".into());
    repost.related_authors = vec!["@someone".into()];
    let v = one(&e, repost, &Context::default());
    assert_eq!(details(&v), vec!["muted account: @someone"]);

    let mut trusted = post("politics", &[]);
    trusted.author = Some("colleague".into());
    assert_eq!(one(&e, trusted, &Context::default()).verdict, VerdictKind::Hide, "trust never overrides a mute");
}

#[test]
fn noise_switches_act_on_post_kinds() {
    let kind = |e: &Engine, k: PostKind| {
        let mut p = post("x", &[]);
        p.kind = Some(k);
        one(e, p, &Context::default())
    };
    let defaults = engine(quiet(json!({"lens": {"enabled": false}})));
    for (k, detail) in
        [(PostKind::Promoted, "promoted"), (PostKind::WhoToFollow, "who to follow"), (PostKind::Trend, "trend")]
    {
        let v = kind(&defaults, k);
        assert_eq!((v.verdict, details(&v)), (VerdictKind::Hide, vec![detail.to_string()]));
        assert_eq!(v.reasons[0].kind, ReasonKind::Noise);
    }
    for k in [PostKind::Post, PostKind::Reply, PostKind::Repost, PostKind::Quote, PostKind::StrangerReply] {
        assert_eq!(kind(&defaults, k).verdict, VerdictKind::Show, "{k:?}");
    }
    let strict = engine(quiet(json!({"lens": {"enabled": false},
        "noise": {"reposts": true, "quotes": true, "stranger_replies": true, "promoted": false}})));
    for (k, detail) in [
        (PostKind::Repost, "repost"),
        (PostKind::Quote, "quote post"),
        (PostKind::StrangerReply, "reply from someone you don't follow"),
    ] {
        assert_eq!(details(&kind(&strict, k)), vec![detail.to_string()]);
    }
    assert_eq!(kind(&strict, PostKind::Promoted).verdict, VerdictKind::Show);
}

#[test]
fn muted_tags_and_normalised_text() {
    let e = engine(quiet(json!({"lens": {"enabled": false},
        "mute": [{"value": "#Politics", "targets": ["tag"]}, "brexit"]})));
    let ctx = Context::default();
    assert_eq!(one(&e, post("hello", &["POLITICS"]), &ctx).verdict, VerdictKind::Hide);
    assert_eq!(one(&e, post("politics", &[]), &ctx).verdict, VerdictKind::Show, "tag-only rule");
    for evasive in ["BREXIT", "Ｂｒｅｘｉｔ", "bre\u{200B}xit", "b\u{202E}rexit\u{202C}", "\u{2066}brexit\u{2069}!"]
    {
        assert_eq!(one(&e, post(evasive, &[]), &ctx).verdict, VerdictKind::Hide, "{evasive:?}");
    }
}

#[test]
fn hostile_and_huge_posts_never_panic() {
    let e = engine(json!({"lens": {"packs": ["uk-edchat", "research"], "keywords": ["exit ticket"]},
        "mute": ["a", "politics", "new york", {"value": r"\bcrypto\w*", "match": "regex"},
                 {"value": "ab", "match": "substring", "targets": ["tag"]}],
        "accounts": {"mute": ["x"], "trust": ["y"]}}));
    let hostile = [
        String::new(),
        "\u{0}\u{1}\u{7F}".into(),
        "\u{202E}\u{2066}\u{200B}\u{FEFF}".repeat(1000),
        "e\u{301}\u{301}\u{301}\u{301}".repeat(500),
        "#".repeat(10_000),
        "@@@@ ### /// ___ ---".repeat(1000),
        "🦋👩‍👩‍👧‍👦🏳️‍🌈".repeat(2000),
        "ﷺ ﷽ ǅ ß İ ﬃ".repeat(1000),
        "\u{D7FF}\u{E000}\u{10FFFF}".repeat(1000),
        "a".repeat(100_000),
        "politics ".repeat(12_000),
        "x/".repeat(50_000),
    ];
    let mut posts: Vec<Post> =
        hostile.iter().map(|t| Post { id: "h".into(), text: t.clone(), ..Post::default() }).collect();
    posts.push(Post {
        id: "tags".into(),
        text: "x".into(),
        author: Some("\u{202E}@@".into()),
        hashtags: Some(vec!["".into(), "#".into(), "ab".repeat(50_000)]),
        lang: Some("ja-JP-x-\u{0}".into()),
        related_authors: vec!["".into(); 100],
        kind: Some(PostKind::Reply),
    });
    let start = Instant::now();
    let verdicts = e.classify(&posts, &Context { now_ms: f64::NAN, lens: None, focus_tag: Some("\u{200B}".into()) });
    assert_eq!(verdicts.len(), posts.len());
    assert!(start.elapsed().as_secs() < 20, "hostile batch took {:?}", start.elapsed());
    assert_eq!(verdicts[9].verdict, VerdictKind::Hide, "100 KB of 'a' contains the single-character mute 'a'");
    assert_eq!(verdicts[10].verdict, VerdictKind::Hide);
    assert!(details(&verdicts[12]).contains(&"muted word: 'ab'".to_string()));
}

#[test]
fn a_hundred_kilobyte_post_is_classified_quickly() {
    let e = engine(quiet(json!({"lens": {"packs": ["uk-edchat"]}, "mute": ["politics"]})));
    let text = "Retrieval practice with Year 9 today, the quizzes went well. ".repeat(1_700) + "#ukedchat politics";
    assert!(text.len() > 100_000);
    let start = Instant::now();
    let v = one(&e, post(&text, &["ukedchat"]), &Context::default());
    assert_eq!(details(&v), vec!["muted word: 'politics'"]);
    assert!(start.elapsed().as_millis() < 2_000, "took {:?}", start.elapsed());
}

/// The target pack of the brief: 150 lens hashtags, 300 muted words, 20 regexes, over a batch
/// of 1,000 posts. Its speed is measured by the benchmarks (`./build.sh bench`), not here.
#[test]
fn large_pack_throughput() {
    let tags: Vec<String> = lens::packs().iter().flat_map(|p| p.hashtags.iter().cloned()).take(150).collect();
    let words: Vec<String> = (0..300).map(|i| format!("mutedword{i}")).collect();
    let mut mute: Vec<serde_json::Value> = words.iter().map(|w| json!(w)).collect();
    mute.extend((0..20).map(|i| json!({"value": format!(r"\bspam{i}[a-z]+\d"), "match": "regex"})));
    let e = engine(quiet(json!({"lens": {"hashtags": tags}, "mute": mute})));
    let texts = [
        "Tried retrieval practice with my Year 9 class today and the low-stakes quiz really helped #ukedchat",
        "What a match last night, can't believe that result. Anyone else watching?",
        "New blog post on cognitive load theory and worked examples in maths lessons #mathschat #edchat",
        "Thread: ten things I wish I had known as an NQT, from behaviour to marking to workload mutedword42",
    ];
    let posts: Vec<Post> = (0..1_000)
        .map(|i| Post { id: i.to_string(), text: texts[i % 4].into(), hashtags: Some(vec![]), ..Post::default() })
        .collect();
    let ctx = Context::default();
    let verdicts = e.classify(&posts, &ctx);
    assert_eq!(verdicts.len(), posts.len());
    assert!(verdicts.iter().zip(&posts).all(|(v, p)| v.id == p.id));
    assert_eq!(verdicts[3].verdict, VerdictKind::Hide);
    // Every fourth post is the same text, so it gets the same verdict.
    assert!(verdicts.iter().enumerate().all(|(i, v)| v == &Verdict { id: i.to_string(), ..verdicts[i % 4].clone() }));
}
