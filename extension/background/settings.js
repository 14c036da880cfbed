// The rule pack: a school's managed preset wins, then the user's own pack, then the defaults.
// Stored in storage.sync when it fits the per-item quota, in storage.local otherwise.
import { ready } from "./engine.js";

export const DEFAULT_PACK = {
  version: 1,
  lens: { enabled: true, packs: ["uk-edchat", "us-edchat"], hashtags: [], keywords: [] },
  mute: [],
  accounts: { mute: [], trust: [] },
  troll: { sensitivity: "medium" },
  noise: {
    promoted: true, who_to_follow: true, trends: true, reposts: false, quotes: false,
    stranger_replies: false, demetricate: false, bait: true, hashtag_stuffing: true, spam: true,
  },
};

const SYNC_ITEM_LIMIT = 8000; // chrome.storage.sync.QUOTA_BYTES_PER_ITEM is 8192, key included

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
  const errors = wasm.checkPack(json);
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
