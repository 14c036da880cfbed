// The benchmark's realistic rule pack, built deterministically: 150 lens hashtags (the shipped
// topic packs' tags, then plausible local chats), 300 muted words and phrases, 20 regexes,
// troll filter and every noise switch on.
import { readFileSync } from "node:fs";

const ROOT = new URL("..", import.meta.url).pathname;

const TOPICS = ["politics", "election", "football", "transfer", "celebrity", "crypto", "bitcoin", "nft", "giveaway",
  "horoscope", "diet", "gossip", "royal", "reality tv", "premier league", "nba", "nfl", "boxing", "betting", "casino",
  "lottery", "influencer", "skincare", "fashion", "gaming", "esports", "movie", "trailer", "spoiler", "album"];
const QUALIFIERS = ["news", "drama", "update", "leak", "rumour", "scandal", "deal", "live", "odds", "tips"];

export function realisticPack() {
  // The shipped topic packs' hashtags, in order, from the engine's data file.
  const packs = readFileSync(`${ROOT}src/lens/packs.rs`, "utf8");
  const lists = [...packs.matchAll(/hashtags: &\[([^\]]*)\]/g)].map((list) => [...list[1].matchAll(/"([^"]+)"/g)].map((tag) => tag[1]));
  const hashtags = [...new Set(lists.flat())];
  for (let i = 0; hashtags.length < 150; i++) hashtags.push(`edchat${["uk", "us", "ie", "nz", "au", "ca"][i % 6]}${i}`);
  const words = [];
  for (const topic of TOPICS) for (const qualifier of QUALIFIERS) words.push(words.length % 3 ? topic : `${topic} ${qualifier}`);
  const mute = words.slice(0, 300).map((value, i) => ({
    value,
    targets: i % 4 ? ["content", "tag"] : ["content"],
    match: i % 7 ? "word" : "substring",
    action: i % 10 ? "hide" : "warn",
  }));
  const regexes = [
    "\\bwin (a|an|the) \\w+", "\\b\\d+% off\\b", "\\bfree (gift|money|followers)\\b", "\\bclick (here|the link)\\b",
    "\\b(buy|sell) now\\b", "\\bdm (me|us) for\\b", "\\b0x[0-9a-f]{40}\\b", "\\blink in bio\\b", "\\bpromo code\\b",
    "\\b(limited|last) chance\\b", "\\bgo(ing)? viral\\b", "\\bhot take\\b", "\\bbreaking:", "\\bthread 🧵",
    "\\b(make|earn) \\$\\d+", "\\bpassive income\\b", "\\bwork from home\\b", "\\bcheck out my\\b", "\\bsub(scribe)? to my\\b",
    "\\bfollow (me|back)\\b",
  ].map((value) => ({ value, match: "regex" }));
  return {
    lens: { enabled: true, hashtags: hashtags.slice(0, 150), keywords: ["retrieval practice", "cognitive load", "phonics", "formative assessment"] },
    mute: [...mute, ...regexes],
    accounts: { mute: Array.from({ length: 50 }, (_, i) => `spam_account_${i}`), trust: [] },
    troll: { sensitivity: "medium" },
    noise: { promoted: true, who_to_follow: true, trends: true, reposts: false, bait: true, hashtag_stuffing: true, spam: true },
  };
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The Davidson tweets as posts, HTML entities decoded. */
export function corpusPosts(shared) {
  const [header, ...rows] = parseCsv(readFileSync(`${shared}/data/davidson/tweets.csv`, "utf8"));
  const text = header.indexOf("text");
  const id = header.indexOf("id");
  const decode = (s) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Math.min(+n, 0x10ffff)))
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return rows.filter((r) => r.length > text).map((r) => ({ id: r[id], text: decode(r[text]) }));
}
