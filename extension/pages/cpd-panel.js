// The CPD log on the library page: focus minutes per day and week (from the focus engine, via
// the background) and how far saved ideas have travelled into the classroom (from the
// "library" storage key). `renderCpdPanel(container)`.
import { el } from "./focus-dom.js";

const STYLE = `
.cpd-panel figure { margin: 0; }
/* Drawn by the engine at the width it is shown, so labels keep their size and none is cut off. */
.cpd-panel svg { display: block; width: 100%; height: auto; color: var(--muted); }
.cpd-panel svg .bar { fill: var(--accent); }
.cpd-panel svg .budget { color: var(--warn); }
.cpd-panel .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(64px, 1fr)); gap: 6px; padding: 0; margin: 0; list-style: none; }
.cpd-panel .totals li { background: var(--accent-soft); border-radius: 8px; padding: 6px 10px; }
.cpd-panel .totals strong { display: block; font-size: 1.25rem; line-height: 1.3; font-variant-numeric: tabular-nums; }
.cpd-panel .totals span { color: var(--muted); font-size: .8em; line-height: 1.2; display: block; }
.cpd-panel table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.cpd-panel table { font-size: .9em; }
.cpd-panel th, .cpd-panel td { text-align: right; padding: 4px 6px; border-bottom: 1px solid var(--border); }
.cpd-panel thead th { font-weight: 600; color: var(--muted); vertical-align: bottom; }
.cpd-panel th:first-child, .cpd-panel td:first-child { text-align: left; }
`;
const CHART_DAYS = 14;
const WEEKS_SHOWN = 8;

/** Engine-made SVG, imported as a parsed node: never through innerHTML. */
function svgNode(markup) {
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  if (doc.querySelector("parsererror") || doc.documentElement.localName !== "svg") return el("p", { className: "error", text: "The chart could not be drawn." });
  return document.importNode(doc.documentElement, true);
}

function totals(items) {
  return el("ul", { className: "totals" }, ...items.map(([value, label]) => el("li", {}, el("strong", { text: String(value) }), el("span", { text: label }))));
}

// Cumulative: an idea reviewed was also planned and saved.
function ideaCounts(library) {
  const ideas = Array.isArray(library?.ideas) ? library.ideas : [];
  return {
    saved: ideas.length,
    planned: ideas.filter((idea) => idea.plan).length,
    reviewed: ideas.filter((idea) => idea.review).length,
    embedded: ideas.filter((idea) => idea.status === "embedded").length,
  };
}

function weekLabel(weekStart) {
  return new Date(`${weekStart}T12:00:00`).toLocaleDateString([], { day: "numeric", month: "short" });
}

function weeksTable(weeks) {
  const rows = weeks.slice(-WEEKS_SHOWN).reverse();
  if (!rows.length) return el("p", { className: "muted", text: "No focus sessions yet. Start one from the toolbar button." });
  const head = el("tr", {}, ...["Week of", "Minutes", "Sessions", "Ideas", "Days"].map((text) => el("th", { scope: "col", text })));
  const body = rows.map((w) => el("tr", {},
    el("th", { scope: "row", text: weekLabel(w.week_start) }),
    ...[w.focus_minutes, w.sessions, w.ideas_saved, w.active_days].map((n) => el("td", { text: String(n) }))));
  return el("table", {}, el("caption", { className: "visually-hidden", text: "Focus sessions per week, newest first" }), el("thead", {}, head), el("tbody", {}, ...body));
}

async function load(width) {
  const response = await chrome.runtime.sendMessage({ type: "focus/cpd", days: CHART_DAYS, width });
  if (!response?.ok) throw new Error(response?.error ?? "Staffroom did not answer: reload this page and try again.");
  const { library } = await chrome.storage.local.get("library");
  return { ...response.value, ideas: ideaCounts(library) };
}

export async function renderCpdPanel(container) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  container.classList.add("cpd-panel", "stack");
  // The page may label the section by its heading ("cpd-title"): keep that id.
  const heading = () => el("h2", { id: "cpd-title", text: "CPD log" });

  async function draw() {
    let log;
    try {
      log = await load(Math.round(container.clientWidth - paddingOf(container)));
    } catch (error) {
      container.replaceChildren(heading(), el("p", { className: "error", role: "alert", text: error.message }));
      return;
    }
    const recent = log.days.filter((d) => d.date > shiftDate(log.today, -CHART_DAYS));
    const minutes = recent.reduce((sum, d) => sum + d.focus_minutes, 0);
    const sessions = recent.reduce((sum, d) => sum + d.sessions, 0);
    const figure = el("figure", { "aria-label": "Focus minutes per day" }, svgNode(log.chart_svg));
    container.replaceChildren(
      heading(),
      el("p", { className: "muted", text: "Focused professional reading and classroom trials, kept on this device." }),
      totals([[minutes, `focus minutes in ${CHART_DAYS} days`], [sessions, sessions === 1 ? "session" : "sessions"]]),
      figure,
      el("h3", { text: "Ideas into practice" }),
      totals([[log.ideas.saved, "saved"], [log.ideas.planned, "planned"], [log.ideas.reviewed, "reviewed"], [log.ideas.embedded, "embedded"]]),
      el("h3", { text: "Week by week" }),
      weeksTable(log.weeks),
    );
  }

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && ("focusState" in changes || "library" in changes)) draw();
  });
  // Redrawn for a new column width (window resized), once it settles.
  let drawnWidth = container.clientWidth;
  let resizeTimer = 0;
  new ResizeObserver(() => {
    if (Math.abs(container.clientWidth - drawnWidth) < 8) return;
    drawnWidth = container.clientWidth;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(draw, 150);
  }).observe(container);
  await draw();
}

function paddingOf(element) {
  const style = getComputedStyle(element);
  return parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
}

function shiftDate(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
