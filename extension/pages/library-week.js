// The weekly view: what was saved, planned and reviewed in one week (Monday to Sunday, local
// time), with buttons to step back and forth. Titles link to the idea in the list.
import { call, el, formatDate } from "./library-api.js";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function list(title, count, items) {
  return el(
    "div",
    { class: "week-group" },
    el("h3", {}, `${title} `, el("span", { class: "count", text: String(count) })),
    items.length
      ? el("ul", {}, ...items.map((item) => el("li", { dir: "auto" }, el("a", { href: `#idea=${encodeURIComponent(item.id)}`, text: item.title }))))
      : el("p", { class: "muted", text: "Nothing yet." }),
  );
}

export function createWeekView(section) {
  let weekOf = Date.now();
  const heading = el("h2", { id: "week-title", text: "This week" });
  const range = el("p", { class: "muted range" });
  const body = el("div", { class: "week-body", "aria-live": "polite" });
  const previous = el("button", { type: "button", "aria-label": "Previous week", text: "‹", onclick: () => step(-1) });
  const next = el("button", { type: "button", "aria-label": "Next week", text: "›", onclick: () => step(1) });
  section.replaceChildren(el("div", { class: "row spread" }, heading, el("div", { class: "row" }, previous, next)), range, body);

  async function render() {
    const week = await call("library/weekly", { weekOfMs: weekOf, tzOffsetMinutes: -new Date(weekOf).getTimezoneOffset() });
    const thisWeek = week.week_start_ms <= Date.now() && Date.now() < week.week_end_ms;
    heading.textContent = thisWeek ? "This week" : `Week of ${formatDate(week.week_start_ms)}`;
    range.textContent = `${formatDate(week.week_start_ms, { weekday: "short" })} – ${formatDate(week.week_end_ms - 1, { weekday: "short" })} · ${week.active_trials} ${week.active_trials === 1 ? "trial" : "trials"} on the go`;
    next.disabled = thisWeek;
    body.replaceChildren(
      list("Saved", week.saved_count, week.saved),
      list("Planned", week.planned_count, week.planned),
      list("Reviewed", week.reviewed_count, week.reviewed),
    );
  }

  function step(direction) {
    weekOf += direction * WEEK_MS;
    render().catch(() => {});
  }

  return { render };
}
