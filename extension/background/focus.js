// Focus sessions (issue 5): the engine's state machine kept in chrome.storage.local
// ("focusState", "focusSettings"), one alarm at the view's next wake-up, and the toolbar badge.
// Every event re-reads the stored state and applies it at the current clock, so a stopped
// service worker, a closed tab or a browser restart neither loses nor restarts a session.
// Content scripts and pages never write the state: they send messages here, and follow the
// "focusState" key through chrome.storage.onChanged (one clock for all tabs).
import { libraryReady } from "./engine.js";

const STATE_KEY = "focusState";
const SETTINGS_KEY = "focusSettings";
const PENDING_STATS_KEY = "focusPendingStats"; // storage.session: posts counted since the last event
const TICK_ALARM = "focus:tick";
const DEFAULT_MINUTES = 20;
const BADGE_COLOUR = "#0f766e";

// One event at a time, so two tabs answering the same alarm cannot overwrite each other.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

async function load() {
  const stored = await chrome.storage.local.get([STATE_KEY, SETTINGS_KEY]);
  return { state: stored[STATE_KEY], settings: stored[SETTINGS_KEY] };
}

/** Applies `event` now, stores the state, then shows the view. Throws the engine's refusals (`.code`). */
function apply(event) {
  return serially(async () => {
    const wasm = await libraryReady();
    const { state, settings } = await load();
    const pending = await takePendingStats();
    let current = state;
    if (pending) current = wasm.focusApply(current, settings, { type: "record_stats", ...pending }, wasm.focusNow()).state;
    let next;
    try {
      next = wasm.focusApply(current, settings, event, wasm.focusNow());
    } catch (error) {
      if (pending) await chrome.storage.local.set({ [STATE_KEY]: current }); // keep the counts
      throw error;
    }
    await chrome.storage.local.set({ [STATE_KEY]: next.state });
    await show(next.view);
    return { view: next.view, settings: wasm.focusLoadSettings(settings).value };
  });
}

async function currentView() {
  const wasm = await libraryReady();
  const { state, settings } = await load();
  return { view: wasm.focusView(state, settings, wasm.focusNow()), settings: wasm.focusLoadSettings(settings).value };
}

async function show(view) {
  await chrome.action.setBadgeText({ text: view.badge_text });
  await chrome.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
  const left = view.phase.kind === "running" ? ` — ${view.phase.minutes_left} min of focus left` : "";
  await chrome.action.setTitle({ title: `Staffroom${left}` });
  if (view.next_wakeup_ms == null) await chrome.alarms.clear(TICK_ALARM);
  else await chrome.alarms.create(TICK_ALARM, { when: view.next_wakeup_ms });
}

/** Counts arrive from content scripts: each must be a whole number, 0 or more. */
export function assertCounts(...counts) {
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Error("counts must be whole numbers");
}

// Posts seen and hidden: content/counts.js reports the posts newly on screen while a session runs;
// they are added to it with the next event (not per report, so a scrolling timeline does not
// rewrite "focusState" and wake every tab many times a second).
async function addPendingStats(seen, hidden) {
  assertCounts(seen, hidden);
  if (!(seen > 0) || !(await sessionRunning())) return;
  await serially(async () => {
    const { [PENDING_STATS_KEY]: pending = { seen: 0, hidden: 0 } } = await chrome.storage.session.get(PENDING_STATS_KEY);
    await chrome.storage.session.set({ [PENDING_STATS_KEY]: { seen: pending.seen + seen, hidden: pending.hidden + hidden } });
  });
}

async function takePendingStats() {
  const { [PENDING_STATS_KEY]: pending } = await chrome.storage.session.get(PENDING_STATS_KEY);
  if (!pending) return null;
  await chrome.storage.session.remove(PENDING_STATS_KEY);
  return pending;
}

// The running session as stored, cached until "focusState" changes: the filter asks per batch.
let running = null; // Promise<{ends_at_ms, tag} | null>
function runningSession() {
  running ??= chrome.storage.local.get(STATE_KEY).then(({ [STATE_KEY]: state }) =>
    state?.phase?.kind === "running" ? state.phase.session ?? null : null,
  );
  return running;
}

async function sessionRunning() {
  const session = await runningSession();
  return Boolean(session && Date.now() < session.ends_at_ms);
}

/** For the filter: `{lens: true, focus_tag}` while a session runs (the strict lens), else null. */
export async function sessionLens() {
  const session = await runningSession();
  if (!session || Date.now() >= session.ends_at_ms) return null;
  return { lens: true, focus_tag: session.tag ?? undefined };
}

// Ideas new in the library and saved just now (an import of old ideas is not "saved this session").
function newlySaved(oldLibrary, newLibrary) {
  const before = new Set((oldLibrary?.ideas ?? []).map((idea) => idea?.id));
  const recent = Date.now() - 5 * 60_000;
  return (newLibrary?.ideas ?? [])
    .filter((idea) => typeof idea?.id === "string" && !before.has(idea.id) && idea.saved_at >= recent)
    .map((idea) => idea.id);
}

// Registered at load, like main.js's listeners: ideas saved to the library while a session runs.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && STATE_KEY in changes) running = null;
  if (area === "local" && "library" in changes) {
    const saved = newlySaved(changes.library.oldValue, changes.library.newValue);
    if (saved.length) {
      sessionRunning().then(async (yes) => {
        for (const id of yes ? saved : []) await apply({ type: "record_stats", saved_idea_id: id });
      }).catch((error) => console.error("Staffroom: could not record a saved idea", error));
    }
  }
});

function tick() {
  return apply({ type: "tick" }).catch((error) => console.error("Staffroom: focus tick failed", error));
}

export function onAlarm(alarm) {
  if (alarm.name === TICK_ALARM) tick();
}

// Alarms and the badge do not survive every restart; the state does.
export function onStartup() {
  tick();
}

export function onInstalled() {
  tick();
}

export function onCommand(command) {
  if (command !== "start-focus") return;
  // Refusals (already running, quiet hours) are shown by the cover and badge already.
  apply({ type: "start", minutes: DEFAULT_MINUTES }).catch((error) => console.info("Staffroom: focus not started:", error.message));
}

export const routes = {
  "focus/view": () => currentView(),
  "focus/tick": () => apply({ type: "tick" }),
  "focus/seen": ({ seen, hidden }) => addPendingStats(seen, hidden),
  "focus/start": ({ minutes, tag }) => apply({ type: "start", minutes: Number(minutes), tag: tag || undefined }),
  "focus/extend": () => apply({ type: "extend" }),
  "focus/done": () => apply({ type: "done" }),
  "focus/overrideQuiet": () => apply({ type: "override_quiet" }),
  // "Plan one now": the library page opens the idea's trial card for library.html#plan=<id>.
  "focus/plan": async ({ id }) => {
    if (typeof id !== "string" || !id) throw new Error("which idea to plan?");
    const result = await apply({ type: "done" });
    await chrome.tabs.create({ url: chrome.runtime.getURL(`library.html#plan=${encodeURIComponent(id)}`) });
    return result;
  },
  "focus/settings": async () => {
    const wasm = await libraryReady();
    const { settings } = await load();
    return { settings: wasm.focusLoadSettings(settings).value, defaults: wasm.focusDefaultSettings() };
  },
  "focus/saveSettings": async ({ settings }) => {
    const wasm = await libraryReady();
    const errors = wasm.focusCheckSettings(settings);
    if (errors.length) throw Object.assign(new Error(`${errors[0].field}: ${errors[0].message}`), { errors });
    await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
    return apply({ type: "tick" });
  },
  // `width`: the CSS pixels the chart is shown at, so its labels keep their size (see ChartOptions).
  "focus/cpd": async ({ days = 14, width } = {}) => {
    const wasm = await libraryReady();
    const { state, settings } = await load();
    const view = wasm.focusView(state, settings, wasm.focusNow());
    const log = wasm.focusCpdDays(state);
    return {
      today: view.today,
      budget_minutes: view.budget_minutes,
      days: log,
      weeks: wasm.focusCpdWeeks(log),
      chart_svg: wasm.focusCpdChartSvg(log, view.today, { days, title: `Focus minutes, last ${days} days`, budget_minutes: view.budget_minutes, width }),
    };
  },
};
