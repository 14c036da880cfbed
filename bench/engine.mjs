// Speed of the wasm engine inside V8 against a JavaScript baseline built the way typical
// filtering extensions do it (one RegExp per rule), in the same process on the same posts.
// Usage: node bench/engine.mjs PACK.json  (./build.sh bench writes the pack)
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { initSync, installModels, FilterEngine } from "../build/engine/filter.js";
import { corpusPosts } from "./pack.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const SHARED = process.env.STAFFROOM_SHARED ?? `${ROOT}../shared`;
const pack = JSON.parse(readFileSync(process.argv[2], "utf8"));
const posts = corpusPosts(SHARED);
const BATCH = 50; // what a content script sends per animation frame

const context = { now_ms: Date.now() };

// A cold start as the background has it: compile the module, hand it the model files, compile
// the rule pack, judge the first post. (The browser adds reading the files from the package.)
const [wasmBytes, topic, hostility] = ["build/engine/filter_bg.wasm", "extension/models/topic.srlm", "extension/models/hostility.srlm"]
  .map((path) => readFileSync(`${ROOT}${path}`));
const coldStart = performance.now();
initSync({ module: new WebAssembly.Module(wasmBytes) });
installModels(topic, hostility);
const engine = new FilterEngine(pack, [], new Uint8Array());
engine.classify(posts.slice(0, 1), context);
const coldMs = performance.now() - coldStart;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Insults a lexicon-based extension would carry; the engine's own lexicon is larger.
const INSULTS = ["idiot", "stupid", "moron", "dumb", "loser", "shut up", "bitch", "fuck", "shit", "hoe", "pussy",
  "retard", "trash", "ugly", "fag", "nigga", "cunt", "whore", "slut", "dick"];

/** The baseline: every rule its own case-insensitive RegExp, tested against every post. */
function baselineClassifier(pack) {
  const lens = pack.lens.hashtags.map((t) => new RegExp(`#${escape(t)}\\b`, "iu"));
  const keywords = pack.lens.keywords.map((k) => new RegExp(`\\b${escape(k)}\\b`, "iu"));
  const mutes = pack.mute.map((m) => ({
    re: m.match === "regex" ? new RegExp(m.value, "iu") : m.match === "substring" ? new RegExp(escape(m.value), "iu") : new RegExp(`\\b${escape(m.value)}\\b`, "iu"),
    action: m.action ?? "hide",
    value: m.value,
  }));
  const accounts = new Set(pack.accounts.mute.map((a) => a.toLowerCase()));
  const insults = INSULTS.map((w) => ({ re: new RegExp(`\\b${escape(w)}`, "iu"), w }));
  return (post) => {
    const text = post.text.normalize("NFKC").replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "");
    const reasons = [];
    if (post.author && accounts.has(post.author.toLowerCase())) reasons.push({ kind: "account", detail: post.author });
    for (const m of mutes) if (m.re.test(text)) reasons.push({ kind: "mute", detail: m.value });
    for (const i of insults) if (i.re.test(text)) reasons.push({ kind: "troll", detail: i.w });
    const tags = (text.match(/#\w+/gu) ?? []).length;
    if (tags >= 8) reasons.push({ kind: "noise", detail: `hashtag stuffing: ${tags} tags` });
    const onTopic = lens.some((re) => re.test(text)) || keywords.some((re) => re.test(text));
    if (!onTopic) reasons.push({ kind: "lens", detail: "off-topic" });
    return { id: post.id, verdict: reasons.length ? "hide" : "show", reasons };
  };
}

function timePerPost(label, classifyBatch) {
  // Warm up (JIT, caches), then take the best of several full passes to damp machine noise.
  for (let i = 0; i < posts.length && i < 2000; i += BATCH) classifyBatch(posts.slice(i, i + BATCH));
  let best = Infinity;
  let hidden = 0;
  for (let run = 0; run < 5; run++) {
    hidden = 0;
    const start = performance.now();
    for (let i = 0; i < posts.length; i += BATCH) {
      for (const v of classifyBatch(posts.slice(i, i + BATCH))) if (v.verdict !== "show") hidden++;
    }
    best = Math.min(best, performance.now() - start);
  }
  const micros = (best * 1000) / posts.length;
  return { label, micros, hidden };
}

const baseline = baselineClassifier(pack);
const results = [
  timePerPost("wasm engine in V8 (batches of 50, incl. boundary)", (batch) => engine.classify(batch, context)),
  timePerPost("JS baseline: one RegExp per rule", (batch) => batch.map(baseline)),
];
const [wasm, js] = results;
console.log(`posts: ${posts.length} · pack: ${pack.lens.hashtags.length} lens tags, ${pack.mute.filter((m) => m.match !== "regex").length} muted words, ${pack.mute.filter((m) => m.match === "regex").length} regexes, troll ${pack.troll.sensitivity}, noise on`);
for (const r of results) console.log(`${r.label.padEnd(52)} ${r.micros.toFixed(2).padStart(7)} µs/post   (${r.hidden} not shown)`);
console.log(`cold start to the first verdict (compile module, load models, compile pack, judge one post): ${coldMs.toFixed(0)} ms   (goal ≤ 150 ms)`);
console.log(`wasm vs baseline: ${(js.micros / wasm.micros).toFixed(1)}× faster   (goal: wasm ≤ 2 µs/post and ahead of the baseline)`);
