// Background area "library": the one writer of the saved-ideas library (issue 4). Every change
// goes through one promise queue: load → engine op → store → reschedule reminders → answer,
// so saves from many tabs at once never overwrite each other and nothing is acknowledged
// before it is stored. The engine (src/ideas) does the deciding; this file only moves data.
import { libraryReady } from "./engine.js";
import { addExample, importExamples, loadExamples } from "./lens-examples.js";

const KEY = "library";
const FIRED_KEY = "library.remindersFired"; // alarm name → due_ms already notified
const BACKUP_PREFIX = "library.backup.";
const ALARM_PREFIX = "staffroom-idea:"; // the engine's reminder names: staffroom-idea:<id>:<kind>
const SAVED_NOTICE_PREFIX = "staffroom-saved:";
const MENU_ID = "staffroom-save";
const FULL_MESSAGE = "Your library is full: export a backup and delete old ideas.";

let queue = Promise.resolve();

/** Runs `task` after every earlier one has finished (failed or not). */
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

function failure(message, code) {
  return Object.assign(new Error(message), { code });
}

function fromExtensionPage(sender) {
  return Boolean(sender?.url?.startsWith(chrome.runtime.getURL("")));
}

/** The trial card in a page may plan an idea and add its note; nothing else. */
function fromContentCard(op) {
  if (op?.op === "plan") return true;
  return op?.op === "update" && Object.keys(op.patch ?? {}).every((field) => field === "note");
}

function requirePage(sender) {
  if (!fromExtensionPage(sender)) throw failure("Only Staffroom's own pages may do this.", "forbidden");
}

/** The stored library in the current schema. An unreadable one is never overwritten. */
async function load(wasm) {
  const { [KEY]: stored } = await chrome.storage.local.get(KEY);
  try {
    return wasm.ideasMigrate(stored ?? null);
  } catch (error) {
    const backup = await keepBackup(stored);
    throw failure(
      `Your saved library could not be read (${error.message}). Nothing has been changed` +
        (backup ? `; a copy is kept as "${backup}"` : "") + ". Export the JSON backup before anything else.",
      "library-unreadable",
    );
  }
}

/** Copies an unreadable stored library aside once (the same value is not copied twice). */
async function keepBackup(stored) {
  if (stored === undefined) return null;
  const all = await chrome.storage.local.get(null);
  const json = JSON.stringify(stored);
  const existing = Object.keys(all).find((key) => key.startsWith(BACKUP_PREFIX) && JSON.stringify(all[key]) === json);
  if (existing) return existing;
  const key = `${BACKUP_PREFIX}${Date.now()}`;
  try {
    await chrome.storage.local.set({ [key]: stored });
    return key;
  } catch {
    return null; // no room for a copy; the original is still untouched
  }
}

async function store(library) {
  try {
    await chrome.storage.local.set({ [KEY]: library });
  } catch (error) {
    if (/quota/i.test(error?.message ?? "")) throw failure(FULL_MESSAGE, "storage-full");
    throw error;
  }
}

function summary(wasm, library) {
  return { trialLoad: wasm.ideasTrialLoad(library), storage: wasm.ideasStorage(library) };
}

/** Applies one engine op; stores and reschedules only when something changed. */
function change(op) {
  return serially(async () => {
    const wasm = await libraryReady();
    const library = await load(wasm);
    const { library: next, applied } = wasm.ideasApply(library, op, Date.now());
    if (applied.changed) {
      await store(next);
      await schedule(wasm, next);
    }
    const idea = next.ideas.find((i) => i.id === applied.id) ?? null;
    return { applied, idea, ...summary(wasm, next) };
  });
}

function read(task) {
  return serially(async () => {
    const wasm = await libraryReady();
    return task(wasm, await load(wasm));
  });
}

// ---- reminders ------------------------------------------------------------------------------

/** One alarm per engine reminder; stale `staffroom-idea:` alarms are cleared. A reminder that
 * fell due before the user last changed its idea counts as seen (e.g. a trial date in the past). */
async function schedule(wasm, library) {
  const now = Date.now();
  const touched = new Map(library.ideas.map((idea) => [idea.id, idea.updated_at]));
  const { [FIRED_KEY]: fired = {} } = await chrome.storage.local.get(FIRED_KEY);
  const existing = new Map((await chrome.alarms.getAll()).filter((a) => a.name.startsWith(ALARM_PREFIX)).map((a) => [a.name, a]));
  const seen = {};
  const wanted = new Map();
  for (const reminder of wasm.ideasReminders(library)) {
    const done = fired[reminder.alarm] === reminder.due_ms || (reminder.due_ms <= now && reminder.due_ms < touched.get(reminder.idea_id));
    if (done) seen[reminder.alarm] = reminder.due_ms;
    else wanted.set(reminder.alarm, reminder.due_ms);
  }
  for (const [name, alarm] of existing) {
    const due = wanted.get(name);
    // A past-due alarm already waiting to fire is kept as it is.
    const keep = due !== undefined && (alarm.scheduledTime === due || due <= now);
    if (keep) wanted.delete(name);
    else await chrome.alarms.clear(name);
  }
  for (const [name, due] of wanted) await chrome.alarms.create(name, { when: Math.max(due, now + 1000) });
  if (JSON.stringify(seen) !== JSON.stringify(fired)) await chrome.storage.local.set({ [FIRED_KEY]: seen });
}

function rescheduleAll() {
  return serially(async () => {
    const wasm = await libraryReady();
    await schedule(wasm, await load(wasm));
  }).catch((error) => console.error("Staffroom: could not schedule idea reminders", error));
}

export function onAlarm(alarm) {
  if (!alarm.name.startsWith(ALARM_PREFIX)) return;
  serially(async () => {
    const wasm = await libraryReady();
    const reminder = wasm.ideasReminders(await load(wasm)).find((r) => r.alarm === alarm.name);
    if (!reminder) return; // the trial was reviewed, dropped or deleted meanwhile
    const { [FIRED_KEY]: fired = {} } = await chrome.storage.local.get(FIRED_KEY);
    await chrome.storage.local.set({ [FIRED_KEY]: { ...fired, [alarm.name]: reminder.due_ms } });
    await notify(alarm.name, reminder.message);
  }).catch((error) => console.error("Staffroom: reminder failed", error));
}

function notify(id, message) {
  return chrome.notifications.create(id, {
    type: "basic",
    iconUrl: chrome.runtime.getURL("icons/icon-128.png"),
    title: "Staffroom",
    message,
  });
}

function openLibrary(hash = "") {
  return chrome.tabs.create({ url: chrome.runtime.getURL(`library.html${hash}`) });
}

export function onNotificationClicked(notificationId) {
  if (notificationId.startsWith(ALARM_PREFIX)) {
    const rest = notificationId.slice(ALARM_PREFIX.length);
    const ideaId = rest.slice(0, rest.lastIndexOf(":"));
    openLibrary(`#review=${encodeURIComponent(ideaId)}`);
  } else if (notificationId.startsWith(SAVED_NOTICE_PREFIX)) {
    openLibrary(`#idea=${encodeURIComponent(notificationId.slice(SAVED_NOTICE_PREFIX.length))}`);
  } else {
    return;
  }
  chrome.notifications.clear(notificationId);
}

// ---- context menu ---------------------------------------------------------------------------

export function onInstalled() {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: "Save to Staffroom", contexts: ["selection", "link"] });
  });
  rescheduleAll(); // an update can clear alarms
}

export function onStartup() {
  rescheduleAll();
}

const webUrl = (url) => (/^https?:\/\//i.test(url ?? "") ? url : "");

export async function onContextMenu(info, tab) {
  if (info.menuItemId !== MENU_ID) return;
  const idea = {
    site: "web",
    text: info.selectionText ?? info.linkText ?? "",
    permalink: webUrl(info.linkUrl) || webUrl(info.pageUrl) || webUrl(tab?.url),
  };
  try {
    const { applied } = await change({ op: "save", idea });
    await notify(`${SAVED_NOTICE_PREFIX}${applied.id}`, "Saved to Your ideas. Click to plan a classroom trial.");
  } catch (error) {
    await notify(`staffroom-error:${Date.now()}`, `Could not save: ${error.message}`);
  }
}

// ---- exports ----------------------------------------------------------------------------------

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};
const tzOffset = (ms = Date.now()) => -new Date(ms).getTimezoneOffset();

/** Focus-session rows for the CPD log, when the focus area is there ("YYYY-MM-DD" → local noon ms). */
async function focusRows(wasm) {
  if (typeof wasm.focusCpdDays !== "function" || typeof wasm.focusCpdRows !== "function") return [];
  const { focusState } = await chrome.storage.local.get("focusState");
  if (!focusState) return [];
  try {
    return wasm.focusCpdRows(wasm.focusCpdDays(focusState)).map((row) => {
      const [y, m, d] = row.date.split("-").map(Number);
      return { date: new Date(y, m - 1, d, 12).getTime(), event: row.activity, minutes: row.minutes, outcome: row.outcome };
    });
  } catch (error) {
    console.warn("Staffroom: focus sessions left out of the CPD log", error);
    return [];
  }
}

async function exportLibrary(format) {
  const wasm = await libraryReady();
  let library;
  try {
    library = await serially(() => load(wasm));
  } catch (error) {
    if (format !== "json" || error.code !== "library-unreadable") throw error;
    // The rescue path: hand the stored value out as it is.
    const { [KEY]: stored } = await chrome.storage.local.get(KEY);
    return { filename: `staffroom-library-unreadable-${today()}.json`, mimeType: "application/json", text: JSON.stringify(stored, null, 2) };
  }
  switch (format) {
    case "json": {
      // The lens's examples travel with the ideas: both are the teacher's own teaching.
      const backup = JSON.parse(wasm.ideasExportJson(library));
      backup.lens_examples = await loadExamples();
      return { filename: `staffroom-library-${today()}.json`, mimeType: "application/json", text: JSON.stringify(backup, null, 2) };
    }
    case "markdown":
      return { filename: `staffroom-portfolio-${today()}.md`, mimeType: "text/markdown", text: wasm.ideasExportMarkdown(library, Date.now(), tzOffset()) };
    case "csv":
      return { filename: `staffroom-cpd-log-${today()}.csv`, mimeType: "text/csv", text: wasm.ideasExportCsv(library, await focusRows(wasm), tzOffset()) };
    default:
      throw failure(`Unknown export format "${format}": use json, markdown or csv.`, "bad-request");
  }
}

function importLibrary(text) {
  return serially(async () => {
    const wasm = await libraryReady();
    const { library, report } = wasm.ideasImportJson(await load(wasm), String(text ?? ""));
    if (report.added + report.updated > 0) {
      await store(library);
      await schedule(wasm, library);
    }
    const examples = await importExamples(lensExamplesIn(text));
    return { report, examples, ...summary(wasm, library) };
  });
}

/** A backup's lens examples, if it has any (the engine has already checked it is a backup). */
function lensExamplesIn(text) {
  try {
    return JSON.parse(String(text).replace(/^\uFEFF/, "")).lens_examples ?? [];
  } catch {
    return [];
  }
}

// ---- routes -------------------------------------------------------------------------------

/** Only the fields a new idea has (the engine refuses unknown ones). */
function newIdea(post = {}) {
  const postedAt = typeof post.posted_at === "number" ? post.posted_at : null;
  return {
    site: post.site ?? "web",
    text: String(post.text ?? ""),
    author: { name: String(post.author?.name ?? ""), handle: String(post.author?.handle ?? "") },
    permalink: String(post.permalink ?? ""),
    hashtags: Array.isArray(post.hashtags) ? post.hashtags.map(String) : [],
    links: Array.isArray(post.links) ? post.links.map(String) : [],
    posted_at: Number.isFinite(postedAt) ? Math.trunc(postedAt) : null,
    note: String(post.note ?? ""),
  };
}

export const routes = {
  "library/save": async ({ idea }) => {
    const saved = await change({ op: "save", idea: newIdea(idea) });
    // A saved idea tells the lens "this is professional"; the save stands even if that fails.
    await addExample({ text: saved.idea?.text ?? "", professional: true })
      .catch((error) => console.warn("Staffroom: the lens could not learn from this save", error));
    return saved;
  },
  "library/apply": ({ op }, sender) => {
    if (!fromContentCard(op)) requirePage(sender);
    return change(op);
  },
  /** For the save buttons: which of these permalinks are saved already. */
  "library/saved": ({ permalinks = [] }) =>
    read((wasm, library) => {
      const saved = new Map(library.ideas.map((i) => [i.permalink, i.id]));
      return permalinks.filter((p) => saved.has(p)).map((permalink) => ({ permalink, id: saved.get(permalink) }));
    }),
  "library/open": ({ hash = "" }) => openLibrary(/^#[a-z]+=[\w%.:-]*$/i.test(hash) ? hash : "").then(() => true),
  "library/get": (message, sender) => {
    requirePage(sender);
    return read((wasm, library) => ({ library, ...summary(wasm, library) }));
  },
  "library/search": ({ filter }, sender) => {
    requirePage(sender);
    return read((wasm, library) => wasm.ideasSearch(library, filter ?? null));
  },
  "library/weekly": ({ weekOfMs = Date.now(), tzOffsetMinutes }, sender) => {
    requirePage(sender);
    return read((wasm, library) => wasm.ideasWeeklySummary(library, weekOfMs, tzOffsetMinutes ?? tzOffset(weekOfMs)));
  },
  "library/export": ({ format }, sender) => {
    requirePage(sender);
    return exportLibrary(format);
  },
  "library/import": ({ text }, sender) => {
    requirePage(sender);
    return importLibrary(text);
  },
};
