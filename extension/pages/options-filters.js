// Options: accounts, hostile replies and noise — the filters that outrank the lens.
import { checkbox, chipList, el, radioGroup } from "./options-dom.js";

const SENSITIVITY = [
  ["off", "Off", "Never hide a post for its tone."],
  ["low", "Low", "Only unmistakable abuse: slurs and threats."],
  ["medium", "Medium", "Also insults aimed at someone (“shut up, you idiot”)."],
  ["high", "High", "Also rude or mocking replies. Some blunt but fair posts may be hidden."],
];

const NOISE = [
  ["promoted", "Promoted posts", "Adverts placed in your timeline."],
  ["who_to_follow", "“Who to follow” suggestions", "The site's lists of accounts to follow."],
  ["trends", "Trending topics", "What's trending, in the timeline and beside it."],
  ["bait", "Engagement bait", "“Like if you agree”, “follow for follow”, “RT to win”."],
  ["hashtag_stuffing", "Hashtag stuffing", "Posts that are mostly hashtags."],
  ["spam", "Spam and scams", "Crypto giveaways, “DM me to earn” and the like."],
  ["reposts", "Reposts", "Show only what people wrote themselves."],
  ["quotes", "Quote posts", "Posts quoting another post."],
  ["stranger_replies", "Replies from people you don't follow", "Keeps threads to voices you chose."],
  ["demetricate", "Like and repost counts", "Hide the numbers, keep the posts."],
];

// The engine's defaults for switches a pack leaves out.
const ON_BY_DEFAULT = new Set(["promoted", "who_to_follow", "trends"]);

const handle = (s) => s.trim().replace(/^@+/, "");

export function renderAccounts(editor) {
  const accounts = editor.draft.accounts ?? {};
  const change = (list) => (values) => editor.change((draft) => { draft.accounts = { ...draft.accounts, [list]: values }; });
  return [
    el("h2", {}, "Accounts"),
    el("div", { className: "two-columns" },
      chipList({
        label: "Muted accounts", hint: "Hidden everywhere, including when others repost them.",
        field: "accounts.mute", values: accounts.mute ?? [], placeholder: "name or name@instance",
        normalize: handle, display: (s) => `@${s}`, onChange: change("mute"),
      }),
      chipList({
        label: "Trusted accounts", hint: "Never treated as hostile, bait or spam.",
        field: "accounts.trust", values: accounts.trust ?? [], placeholder: "name or name@instance",
        normalize: handle, display: (s) => `@${s}`, onChange: change("trust"),
      })),
  ];
}

export function renderTroll(editor) {
  const group = radioGroup({
    name: "troll-sensitivity", labelledBy: "troll-heading", field: "troll.sensitivity", options: SENSITIVITY,
    current: editor.draft.troll?.sensitivity ?? "medium",
    onChange: (id) => editor.change((draft) => { draft.troll = { ...draft.troll, sensitivity: id }; }),
  });
  return [
    el("h2", { id: "troll-heading" }, "Hostile replies and pile-ons"),
    el("p", { className: "hint" }, "Decided on this device from the words used; nothing is sent anywhere."),
    group,
  ];
}

export function renderNoise(editor) {
  const noise = editor.draft.noise ?? {};
  return [
    el("h2", {}, "Noise"),
    el("p", { className: "hint" }, "Hide these wherever they appear."),
    el("div", { className: "noise-grid" }, ...NOISE.map(([id, label, hint]) => checkbox({
      label, hint, checked: noise[id] ?? ON_BY_DEFAULT.has(id), field: `noise.${id}`,
      onChange: (on) => editor.change((draft) => { draft.noise = { ...draft.noise, [id]: on }; }),
    }))),
  ];
}
