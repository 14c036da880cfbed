// Verdicts for content scripts: each tab holds a long-lived port and sends batches of posts;
// the compiled engine answers. Counts per tab (for the popup) live in storage.session so they
// survive the service worker being stopped.
import { ready } from "./engine.js";
import { DEFAULT_PACK, contextFor as packContext, isPackChange, loadPack } from "./settings.js";
import { sessionLens } from "./focus.js";
import { forEngine, isExamplesChange, loadExamples } from "./lens-examples.js";

export const FILTER_PORT = "staffroom-filter";

let compiled = null; // Promise<{engine, pack}>, rebuilt when the pack changes
const ports = new Set();

function compile() {
  compiled ??= (async () => {
    const wasm = await ready;
    const [{ pack }, examples] = await Promise.all([loadPack(), loadExamples().then(forEngine)]);
    try {
      return { engine: new wasm.FilterEngine(pack, ...examples), pack };
    } catch (errors) {
      // A stored pack that no longer validates must not leave the timeline unfiltered and silent.
      console.error("Staffroom: stored rule pack is invalid, using defaults", errors);
      return { engine: new wasm.FilterEngine(DEFAULT_PACK, ...examples), pack: DEFAULT_PACK };
    }
  })();
  return compiled;
}

// A running focus session makes the lens strict on every site, narrowed to its tag if any.
async function contextFor(site, pack) {
  const focus = await sessionLens();
  return focus ? { now_ms: Date.now(), ...focus } : packContext(site, pack);
}

// One count per hidden or blurred post, under its main reason, so the popup's bars add up.
const REASON_ORDER = ["account", "troll", "mute", "noise", "lens"];
const mainReason = (reasons) =>
  REASON_ORDER.find((kind) => reasons.some((reason) => reason.kind === kind)) ?? reasons[0]?.kind;

// Batches from one tab can overlap: queue the read-modify-write so no count is lost.
let counting = Promise.resolve();

function countVerdicts(tabId, verdicts) {
  if (tabId === undefined) return;
  const key = `tab:${tabId}`;
  counting = counting.then(async () => {
    const { [key]: stats = { seen: 0, hidden: 0, warned: 0, reasons: {} } } = await chrome.storage.session.get(key);
    for (const { verdict, reasons } of verdicts) {
      stats.seen += 1;
      if (verdict === "hide") stats.hidden += 1;
      if (verdict === "warn") stats.warned += 1;
      const kind = verdict === "show" ? undefined : mainReason(reasons);
      if (kind) stats.reasons[kind] = (stats.reasons[kind] ?? 0) + 1;
    }
    await chrome.storage.session.set({ [key]: stats });
  }).catch((error) => console.error("Staffroom: could not count verdicts", error));
}

// content/health.js: this tab shows posts its site adapter cannot find. The popup says so while it
// lasts; `unreadablePages` counts the times it happened.
function recordHealth(tabId, readable) {
  if (tabId === undefined) return undefined;
  const key = `tab:${tabId}`;
  const recorded = counting.then(async () => {
    const { [key]: stats = { seen: 0, hidden: 0, warned: 0, reasons: {} } } = await chrome.storage.session.get(key);
    stats.unreadable = !readable;
    if (!readable) stats.unreadablePages = (stats.unreadablePages ?? 0) + 1;
    await chrome.storage.session.set({ [key]: stats });
  });
  counting = recorded.catch(() => {}); // the sender hears of a failure; the counts queue goes on
  return recorded;
}

export function onFilterPort(port) {
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
  const tabId = port.sender?.tab?.id;
  port.onMessage.addListener(async (message) => {
    if (message?.type !== "classify" || !Array.isArray(message.posts)) return;
    let reply;
    try {
      const { engine, pack } = await compile();
      const verdicts = engine.classify(message.posts, await contextFor(message.site, pack));
      reply = { type: "verdicts", batch: message.batch, verdicts, noise: pack.noise ?? {} };
      countVerdicts(tabId, verdicts);
    } catch (error) {
      // Fail open: a teacher must never be left staring at a timeline hidden by our own fault.
      console.error("Staffroom: classification failed", error);
      compiled = null;
      const verdicts = message.posts.map(({ id }) => ({ id, verdict: "show", reasons: [] }));
      reply = { type: "verdicts", batch: message.batch, verdicts, error: String(error?.message ?? error) };
    }
    port.postMessage(reply);
  });
}

/**
 * Settings or the teacher's lens examples changed: recompile and ask every open tab to re-send its posts, no reload needed.
 * Each tab's counts start again, so the re-sent posts are counted once, under the new rules.
 */
export function onStorageChanged(changes, area) {
  if (!isPackChange(changes, area) && !isExamplesChange(changes, area)) return;
  compiled = null;
  for (const port of ports) {
    const tabId = port.sender?.tab?.id;
    // Queued after the counts already under way and before those of the re-sent posts.
    counting = counting.then(() => tabId !== undefined && chrome.storage.session.remove(`tab:${tabId}`))
      .catch((error) => console.error("Staffroom: could not reset counts", error));
    port.postMessage({ type: "refresh" });
  }
}

export function forgetTab(tabId) {
  // Also called as the browser shuts down, when storage may refuse: nothing is lost then.
  chrome.storage.session.remove(`tab:${tabId}`).catch((error) => console.warn("Staffroom: could not forget a closed tab's counts", error));
}

export const routes = {
  "filter/health": ({ readable }, sender) => recordHealth(sender?.tab?.id, Boolean(readable)),
  "filter/tabStats": async ({ tabId }) => {
    const key = `tab:${tabId}`;
    return (await chrome.storage.session.get(key))[key] ?? { seen: 0, hidden: 0, warned: 0, reasons: {} };
  },
};
