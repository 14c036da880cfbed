// The rule pack: a school's managed preset wins, then the user's own pack, then the defaults.
// Stored in storage.sync when it fits the per-item quota, in storage.local otherwise.
import { ready } from "./engine.js";
import { forEngine, loadExamples } from "./lens-examples.js";

export const DEFAULT_PACK = {
  version: 1,
  lens: { enabled: true, packs: ["uk-edchat", "us-edchat"], hashtags: [], keywords: [], strictness: "balanced" },
  mute: [],
  accounts: { mute: [], trust: [] },
  troll: { sensitivity: "medium" },
  noise: {
    promoted: true, who_to_follow: true, trends: true, reposts: false, quotes: false,
    stranger_replies: false, demetricate: false, bait: true, hashtag_stuffing: true, spam: true,
  },
};

const SYNC_ITEM_LIMIT = 8000; // chrome.storage.sync.QUOTA_BYTES_PER_ITEM is 8192, key included
const SITES = ["x", "bluesky", "mastodon"];

async function managedSettings() {
  try {
    return (await chrome.storage.managed.get(["pack", "locked"])) ?? {};
  } catch {
    return {}; // no policy, or a browser without managed storage
  }
}

export async function loadPack() {
  const managed = await managedSettings();
  if (managed.pack && managed.locked) return { pack: managed.pack, source: "managed", locked: true };
  const { pack: synced } = await chrome.storage.sync.get("pack");
  const { pack: local } = synced ? {} : await chrome.storage.local.get("pack");
  const pack = synced ?? local ?? managed.pack ?? DEFAULT_PACK;
  return { pack, source: synced || local ? "user" : managed.pack ? "managed" : "default", locked: false };
}

/** Validates with the engine, then stores. Throws `{errors: [{field, message}]}` when invalid. */
export async function savePack(pack) {
  const { locked } = await loadPack();
  if (locked) throw new Error("Your school manages these settings; they cannot be changed here.");
  const wasm = await ready;
  const json = JSON.stringify(pack);
  const errors = wasm.checkPack(pack);
  if (errors.length) throw Object.assign(new Error(`${errors[0].field}: ${errors[0].message}`), { errors });
  if (json.length < SYNC_ITEM_LIMIT) {
    await chrome.storage.sync.set({ pack });
    await chrome.storage.local.remove("pack");
  } else {
    await chrome.storage.local.set({ pack });
    await chrome.storage.sync.remove("pack");
  }
}

export function isPackChange(changes, area) {
  return "pack" in changes && (area === "sync" || area === "local" || area === "managed");
}

/** Loads, changes and saves the pack in one step (for the popup and the in-page buttons). */
async function updatePack(change) {
  const { pack } = await loadPack();
  const next = structuredClone(pack);
  change(next);
  await savePack(next);
  return next;
}

function addAccount(list, handle) {
  const clean = String(handle ?? "").trim().replace(/^@/, "");
  if (!clean) throw new Error("No account was given.");
  const known = new Set(list.map((h) => h.replace(/^@/, "").toLowerCase()));
  if (!known.has(clean.toLowerCase())) list.push(clean);
}

/** The same context the content scripts' batches are classified with. */
export function contextFor(site, pack) {
  return { now_ms: Date.now(), lens: pack.lens?.sites?.[site] === false ? false : undefined };
}

export const routes = {
  "settings/get": () => loadPack(),
  "settings/save": ({ pack }) => savePack(pack),
  // The engine's shipped topic packs: [{id, name, description, hashtag_count, keyword_count}].
  "settings/lensPacks": async () => (await ready).lensPacks(),
  "settings/trustAuthor": ({ handle }) => updatePack((pack) => {
    pack.accounts ??= {};
    addAccount((pack.accounts.trust ??= []), handle);
  }),
  "settings/muteAuthor": ({ handle }) => updatePack((pack) => {
    pack.accounts ??= {};
    addAccount((pack.accounts.mute ??= []), handle);
  }),
  // {enabled} switches the lens everywhere; {site, enabled} on one site only.
  "settings/setLens": ({ site, enabled }) => updatePack((pack) => {
    pack.lens ??= {};
    if (site === undefined) pack.lens.enabled = Boolean(enabled);
    else if (SITES.includes(site)) pack.lens.sites = { ...pack.lens.sites, [site]: Boolean(enabled) };
    else throw new Error(`Unknown site ${site}`);
  }),
  "engine/checkPack": async ({ pack }) => (await ready).checkPack(pack),
  // Verdicts with reasons for posts described as the content script describes them (the demo's report).
  "engine/classify": async ({ posts, site }) => {
    const wasm = await ready;
    const { pack } = await loadPack();
    const engine = new wasm.FilterEngine(pack, ...forEngine(await loadExamples()));
    try {
      return engine.classify(posts, contextFor(site, pack));
    } finally {
      engine.free();
    }
  },
};
