// The toolbar popup: the lens switches, what Staffroom hid on the current tab and why, the
// focus session, and the way to "Your ideas" and settings. `popup.html?tabId=N` shows tab N
// (for tests, and for the popup opened in a tab).
import { renderPackLine } from "./popup-packs.js";

const REASONS = [
  ["lens", "Off-topic"],
  ["mute", "Muted words"],
  ["account", "Muted accounts"],
  ["troll", "Hostile replies"],
  ["noise", "Ads, bait and other noise"],
];
const SITE_NAMES = { x: "X", bluesky: "Bluesky", mastodon: "Mastodon" };

const $ = (id) => document.getElementById(id);

async function send(type, payload = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...payload });
  if (!response?.ok) throw new Error(response?.error ?? "Staffroom did not answer");
  return response.value;
}

async function currentTab() {
  const id = Number(new URLSearchParams(location.search).get("tabId"));
  if (id) return chrome.tabs.get(id);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** Which of Staffroom's sites the tab shows, or null; Mastodon also on the instances the user added. */
async function siteOf(tab) {
  let host;
  try {
    host = new URL(tab?.url ?? "").hostname;
  } catch {
    return null;
  }
  if (/(^|\.)(x|twitter)\.com$/.test(host)) return "x";
  if (host === "bsky.app") return "bluesky";
  const { instances = [] } = await chrome.storage.local.get("instances");
  return host === "mastodon.social" || instances.includes(host) ? "mastodon" : null;
}

function renderLens({ pack, locked }, site) {
  const enabled = pack.lens?.enabled !== false;
  $("lens-global").checked = enabled;
  $("lens-global").disabled = locked;
  $("managed-note").hidden = !locked;
  $("lens-site-row").hidden = !site;
  if (site) {
    $("lens-site-title").textContent = `On ${SITE_NAMES[site]}`;
    $("lens-site").checked = enabled && pack.lens?.sites?.[site] !== false;
    $("lens-site").disabled = locked || !enabled;
  }
}

// How many of the teacher's own examples the lens learned from (options page: reset).
async function renderLearned() {
  const { count } = await send("lens/examples");
  $("lens-learned").textContent = count
    ? `Learned from ${count} of your example${count === 1 ? "" : "s"} (“show posts like this”, “not for me”, saved ideas).`
    : "Teach it from any post: “show posts like this”, “not for me”, or save an idea.";
}

function figure(value, label) {
  const box = document.createElement("div");
  box.className = "figure";
  const number = document.createElement("strong");
  number.textContent = String(value);
  const caption = document.createElement("span");
  caption.textContent = label;
  box.append(number, " ", caption);
  return box;
}

function renderStats(stats, site) {
  const target = $("tab-stats");
  if (!site && !stats.seen) {
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = "Staffroom works on X, Bluesky and Mastodon. Open your timeline there to see what it filtered.";
    target.replaceChildren(note);
    return;
  }
  if (stats.unreadable) {
    // content/health.js found posts on the page that the site adapter does not recognise.
    const note = document.createElement("p");
    note.className = "notice";
    note.dataset.health = "unreadable";
    note.textContent = "Staffroom cannot read this page yet. Its posts are shown as the site draws them, unfiltered.";
    target.replaceChildren(note);
    return;
  }
  const summary = document.createElement("div");
  summary.className = "summary";
  summary.append(figure(stats.seen, "posts seen"), figure(stats.hidden, "hidden"), figure(stats.warned, "with a warning"));
  const list = document.createElement("ul");
  list.className = "reasons";
  list.setAttribute("aria-label", "Why posts were hidden");
  const most = Math.max(1, ...Object.values(stats.reasons ?? {}));
  for (const [kind, label] of REASONS) {
    const count = stats.reasons?.[kind] ?? 0;
    if (!count) continue;
    const item = document.createElement("li");
    item.dataset.reason = kind;
    const name = document.createElement("span");
    name.textContent = label;
    const value = document.createElement("strong");
    value.textContent = String(count);
    const bar = document.createElement("span");
    bar.className = "bar";
    bar.setAttribute("aria-hidden", "true");
    const fill = document.createElement("span");
    fill.style.width = `${Math.round((count / most) * 100)}%`;
    bar.append(fill);
    item.append(name, value, bar);
    list.append(item);
  }
  if (!list.children.length) {
    const none = document.createElement("li");
    none.className = "muted";
    none.textContent = stats.seen ? "Nothing hidden so far." : "No posts seen yet on this page.";
    list.append(none);
  }
  target.replaceChildren(summary, list);
}

async function setLens(payload) {
  $("lens-error").hidden = true;
  try {
    await send("settings/setLens", payload);
  } catch (error) {
    $("lens-error").textContent = error.message;
    $("lens-error").hidden = false;
  }
}

async function main() {
  const tab = await currentTab();
  const site = await siteOf(tab);
  const statsKey = `tab:${tab?.id}`;
  if (site) {
    $("site-name").textContent = SITE_NAMES[site];
    $("site-name").hidden = false;
  }
  const refreshLens = async () => {
    const loaded = await send("settings/get");
    renderLens(loaded, site);
    await renderPackLine($("lens-packs"), loaded);
  };
  const refreshStats = async () => renderStats(await send("filter/tabStats", { tabId: tab?.id }), site);

  $("lens-global").addEventListener("change", (event) => setLens({ enabled: event.target.checked }));
  $("lens-site").addEventListener("change", (event) => setLens({ site, enabled: event.target.checked }));
  $("open-options").addEventListener("click", (event) => {
    event.preventDefault();
    chrome.runtime.openOptionsPage();
    window.close();
  });
  $("open-library").addEventListener("click", (event) => {
    event.preventDefault();
    chrome.tabs.create({ url: chrome.runtime.getURL("library.html") });
    window.close();
  });
  // Counts and settings change while the popup is open (posts keep arriving; the popup's own switches).
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && statsKey in changes) refreshStats();
    if ("pack" in changes) refreshLens();
    if (area === "local" && "lensExamples" in changes) renderLearned();
  });

  await Promise.all([refreshLens(), refreshStats(), renderLearned()]);
  // The focus panel is another module; the popup works without it.
  import("./focus-panel.js").then((module) => module.renderFocusPanel($("focus-panel"))).catch(() => {});
}

main().catch((error) => {
  const note = document.createElement("p");
  note.className = "error";
  note.textContent = `Staffroom could not load: ${error.message}`;
  $("tab-stats").replaceChildren(note);
});
