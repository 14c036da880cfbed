// The library page's link to the background, the one writer of the library, and a few
// formatting helpers shared by the page's modules.

/** Sends `{type, ...payload}`; resolves to the value, or throws an Error carrying `code`. */
export async function call(type, payload = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...payload });
  if (!response?.ok) throw Object.assign(new Error(response?.error ?? "Staffroom did not answer: reload this page and try again."), { code: response?.code });
  return response.value;
}

export const apply = (op) => call("library/apply", { op });

/** Builds an element; `text` sets textContent (never markup), `on*` functions become listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A one-line title: the plan's "what", else the post's text; no bidi controls, ≤ 80 chars. */
export function titleOf(idea) {
  const source = [idea.plan?.what, idea.text, idea.note, idea.permalink].find((s) => s?.trim()) ?? "Untitled idea";
  const line = source.replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim();
  return line.length <= 80 ? line : `${line.slice(0, 79).trimEnd()}…`;
}

export function formatDate(ms, options = {}) {
  if (typeof ms !== "number") return "";
  const date = new Date(ms);
  const year = date.getFullYear() === new Date().getFullYear() ? undefined : "numeric";
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short", year, ...options });
}

/** `<input type=date>` value ↔ local times. A plan's day becomes 08:00, for morning reminders. */
export function dateInputValue(ms) {
  if (typeof ms !== "number") return "";
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function localTime(value, hour = 0) {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  return new Date(y, m - 1, d, hour).getTime();
}

export const STATUS_LABELS = {
  saved: "Saved",
  planned: "Planned",
  trying: "Trying",
  reviewed: "Reviewed",
  embedded: "Embedded",
  dropped: "Dropped",
};

export const SITE_LABELS = { x: "X", bluesky: "Bluesky", mastodon: "Mastodon", web: "the web" };
