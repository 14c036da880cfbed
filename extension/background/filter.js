// Verdicts for content scripts: each tab holds a long-lived port and sends batches of posts;
// the compiled engine answers. Counts per tab (for the popup; content/counts.js counts the page)
// live in storage.session so they survive the service worker being stopped.
import { ready } from "./engine.js";
import { DEFAULT_PACK, contextFor as packContext, isPackChange, loadPack } from "./settings.js";
import { assertCounts, sessionLens } from "./focus.js";
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

// Messages from one tab can overlap: queue the read-modify-writes so none is lost.
let counting = Promise.resolve();

function updateTab(tabId, change) {
  if (tabId === undefined) return undefined;
  const key = `tab:${tabId}`;
  const updated = counting.then(async () => {
    const { [key]: stats = { seen: 0, hidden: 0, warned: 0, reasons: {} } } = await chrome.storage.session.get(key);
    await chrome.storage.session.set({ [key]: change(stats) });
  });
  counting = updated.catch(() => {}); // the sender hears of a failure; the queue goes on
  return updated;
}

// The page's counts as content/counts.js tallied them (each post once, under its latest verdict):
// they replace the tab's, keeping what health.js reported.
function recordCounts(tabId, { seen, hidden, warned, reasons = {} } = {}) {
  assertCounts(seen, hidden, warned, ...Object.values(reasons));
  return updateTab(tabId, (stats) => ({ ...stats, seen, hidden, warned, reasons }));
}

// content/health.js: this tab shows posts its site adapter cannot find. The popup says so while it
// lasts; `unreadablePages` counts the times it happened.
function recordHealth(tabId, readable) {
  return updateTab(tabId, (stats) => ({
    ...stats,
    unreadable: !readable,
    unreadablePages: (stats.unreadablePages ?? 0) + (readable ? 0 : 1),
  }));
}

export function onFilterPort(port) {
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
  port.onMessage.addListener(async (message) => {
    if (message?.type !== "classify" || !Array.isArray(message.posts)) return;
    let reply;
    try {
      const { engine, pack } = await compile();
      const verdicts = engine.classify(message.posts, await contextFor(message.site, pack));
      reply = { type: "verdicts", batch: message.batch, verdicts, noise: pack.noise ?? {} };
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
 * The page's counts follow: each re-sent post keeps its one place in them, under its new verdict.
 */
export function onStorageChanged(changes, area) {
  if (!isPackChange(changes, area) && !isExamplesChange(changes, area)) return;
  compiled = null;
  for (const port of ports) port.postMessage({ type: "refresh" });
}

export function forgetTab(tabId) {
  // Also called as the browser shuts down, when storage may refuse: nothing is lost then.
  chrome.storage.session.remove(`tab:${tabId}`).catch((error) => console.warn("Staffroom: could not forget a closed tab's counts", error));
}

export const routes = {
  "filter/health": ({ readable }, sender) => recordHealth(sender?.tab?.id, Boolean(readable)),
  "filter/counts": ({ counts }, sender) => recordCounts(sender?.tab?.id, counts),
  "filter/tabStats": async ({ tabId }) => {
    const key = `tab:${tabId}`;
    return (await chrome.storage.session.get(key))[key] ?? { seen: 0, hidden: 0, warned: 0, reasons: {} };
  },
};
