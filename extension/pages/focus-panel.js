// The popup's focus panel: start a session (10, 20, 30, 45 minutes or custom, optionally one
// hashtag), see the time left, answer the review, waiting or quiet-hours state, and edit the
// focus settings. `renderFocusPanel(container)`. The background owns the state; this panel
// follows "focusState" through storage.onChanged.
import { renderFocusSettings } from "./focus-settings.js";
import { el } from "./focus-dom.js";

const PRESETS = [10, 20, 30, 45];
const DEFAULT_MINUTES = 20;
const STYLE = `
.focus-panel .lengths { display: flex; flex-wrap: wrap; gap: 6px; border: 0; padding: 0; margin: 0; }
.focus-panel .lengths legend { font-weight: 600; padding: 0; margin-bottom: 6px; }
.focus-panel .length { position: relative; }
.focus-panel .length input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.focus-panel .length span { display: inline-block; min-width: 3.2em; text-align: center; padding: 6px 10px; border: 1px solid var(--border);
  border-radius: 8px; background: var(--surface); font-weight: 600; font-variant-numeric: tabular-nums; }
.focus-panel .length input:checked + span { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.focus-panel .length input:focus-visible + span { outline: 3px solid var(--focus); outline-offset: 2px; }
.focus-panel .custom { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.focus-panel .custom-minutes { width: 4.5em; padding: 5px 8px; }
.focus-panel .big { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.1; margin: 4px 0; }
.focus-panel .state { font-size: 1.15rem; font-weight: 700; margin-bottom: 4px; }
.focus-panel .budget { font-size: .9em; }
.focus-panel .focus-settings input[type=number] { width: 7em; }
.focus-panel details summary { cursor: pointer; font-weight: 600; }
.focus-panel details[open] summary { margin-bottom: 12px; }
.focus-panel .quiet fieldset, .focus-panel fieldset.quiet { border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; }
.focus-panel .day { font-weight: 400; }
`;

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const mmss = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
const clockTime = (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

async function send(type, extra = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...extra });
  if (!response?.ok) throw Object.assign(new Error(response?.error ?? "Staffroom did not answer: try again in a moment."), { code: response?.code });
  return response.value;
}

async function shortcutText() {
  try {
    const commands = await chrome.commands.getAll();
    return commands.find((c) => c.name === "start-focus")?.shortcut || "";
  } catch {
    return "";
  }
}

export async function renderFocusPanel(container) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  container.classList.add("focus-panel", "card", "stack");
  const body = el("div", { className: "stack" });
  const error = el("p", { className: "error", role: "alert" });
  const settings = el("details", {}, el("summary", { text: "Budget and quiet hours" }));
  const settingsBody = el("div");
  settings.append(settingsBody);
  settings.addEventListener("toggle", () => settings.open && !settingsBody.childElementCount && renderFocusSettings(settingsBody));
  container.replaceChildren(el("h2", { text: "Focus session" }), body, error, settings);

  const shortcut = await shortcutText();
  let ticker = 0;
  let shownKey = "";
  // The length and tag the user picked survive re-renders (another tab may change the state).
  const choice = { minutes: DEFAULT_MINUTES, custom: false, tag: "" };

  async function run(type, extra) {
    error.textContent = "";
    try {
      draw(await send(type, extra));
    } catch (e) {
      error.textContent = e.message;
    }
  }

  function draw({ view, settings: current }) {
    const key = JSON.stringify([view.phase.kind, view.phase.until_ms, view.phase.ends_at_ms, view.phase.can_extend, view.phase.stats?.posts_seen, view.phase.stats?.ideas_saved?.length, view.budget_used_minutes, view.start_needs_wait, view.quiet_override_until_ms]);
    if (key === shownKey) return;
    shownKey = key;
    clearInterval(ticker);
    const parts = {
      idle: idle,
      running: running,
      review: review,
      waiting: waiting,
      quiet: quiet,
    }[view.phase.kind](view, current);
    body.replaceChildren(...parts);
  }

  function budgetLine(view) {
    const left = view.budget_left_minutes;
    const text = view.start_needs_wait
      ? `Today's budget of ${view.budget_minutes} min is spent: a short pause comes before the next session.`
      : `Today: ${view.budget_used_minutes} of ${view.budget_minutes} min used, ${left} left.`;
    return el("p", { className: "muted budget", text });
  }

  function idle(view) {
    const lengths = el("fieldset", { className: "lengths" }, el("legend", { text: "Length" }));
    const customInput = el("input", {
      type: "number", min: 5, max: 120, step: 1, className: "custom-minutes", value: choice.custom ? choice.minutes : 15,
      "aria-label": "Custom length in minutes", disabled: !choice.custom,
    });
    const pick = (minutes, custom) => {
      choice.custom = custom;
      choice.minutes = minutes;
      customInput.disabled = !custom;
    };
    for (const minutes of PRESETS) {
      const radio = el("input", { type: "radio", name: "focus-length", value: minutes, checked: !choice.custom && choice.minutes === minutes, "aria-label": `${minutes} minutes` });
      radio.addEventListener("change", () => pick(minutes, false));
      lengths.append(el("label", { className: "length" }, radio, el("span", { text: `${minutes}`, "aria-hidden": "true" })));
    }
    const customRadio = el("input", { type: "radio", name: "focus-length", value: "custom", checked: choice.custom, "aria-label": "Custom length" });
    customRadio.addEventListener("change", () => {
      pick(Number(customInput.value), true);
      customInput.focus();
    });
    customInput.addEventListener("input", () => (choice.minutes = Number(customInput.value)));
    lengths.append(el("span", { className: "custom" },
      el("label", { className: "length" }, customRadio, el("span", { text: "Custom", "aria-hidden": "true" })), customInput, el("span", { className: "muted", text: "min" })));

    const tag = el("input", { id: "focus-tag", type: "text", placeholder: "#ukedchat", value: choice.tag, autocomplete: "off", spellcheck: false, "aria-describedby": "focus-tag-hint" });
    tag.addEventListener("input", () => (choice.tag = tag.value));
    const start = el("button", { type: "submit", className: "primary", text: "Start focus" });
    const form = el("form", { className: "stack" },
      lengths,
      el("div", { className: "field" },
        el("label", { htmlFor: "focus-tag", text: "Only one hashtag (optional)" }), tag,
        el("span", { className: "hint", id: "focus-tag-hint", text: "For a live chat: only its posts show while the session runs." })),
      el("div", { className: "row" }, start, shortcut ? el("span", { className: "muted", text: `or ${shortcut}` }) : null));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run("focus/start", { minutes: choice.minutes, tag: choice.tag.trim() });
    });
    return [el("p", { text: "A few minutes with a strict lens, then a short review instead of more scrolling." }), form, budgetLine(view)];
  }

  function running(view) {
    const { ends_at_ms, tag } = view.phase;
    const time = el("p", { className: "big", role: "timer", "aria-label": "Time left" });
    const tickText = () => {
      const seconds = Math.max(0, Math.ceil((ends_at_ms - Date.now()) / 1000));
      time.textContent = mmss(seconds);
    };
    tickText();
    ticker = setInterval(tickText, 1000);
    return [
      time,
      el("p", { text: tag ? `left in your #${tag} session. Only #${tag} posts show.` : "left. The lens is strict: only your professional topics show." }),
      el("div", { className: "row" }, el("button", { type: "button", text: "End now", on: { click: () => run("focus/done") } })),
    ];
  }

  function review(view) {
    const { stats, can_extend } = view.phase;
    return [
      el("p", { className: "state", text: "Time's up" }),
      el("p", { text: `${plural(stats.minutes_spent, "minute")}, ${plural(stats.posts_seen, "post")} seen, ${plural(stats.ideas_saved.length, "idea")} saved. Your review is open on your timeline.` }),
      el("div", { className: "row" },
        can_extend ? el("button", { type: "button", text: `${view.extension_minutes} more minutes`, on: { click: () => run("focus/extend") } }) : null,
        el("button", { type: "button", className: "primary", text: "Done", on: { click: () => run("focus/done") } })),
      can_extend ? el("p", { className: "muted", text: `${plural(view.extensions_left_today, "extension")} left today.` }) : null,
    ];
  }

  function waiting(view) {
    const { until_ms, minutes, tag } = view.phase;
    const time = el("p", { className: "big", role: "timer", "aria-label": "Time until you can start" });
    const start = el("button", { type: "button", className: "primary", text: `Start ${minutes}-minute session`, disabled: true, on: { click: () => run("focus/start", { minutes, tag }) } });
    const tickText = () => {
      const seconds = Math.max(0, Math.ceil((until_ms - Date.now()) / 1000));
      time.textContent = mmss(seconds);
      start.disabled = seconds > 0;
    };
    tickText();
    ticker = setInterval(tickText, 1000);
    return [
      el("p", { text: `Today's budget of ${view.budget_minutes} min is spent. Take a breath: you can start in` }),
      time,
      el("div", { className: "row" }, start, el("button", { type: "button", text: "Not now", on: { click: () => run("focus/done") } })),
    ];
  }

  function quiet(view, current) {
    const minutes = current.quiet_override_minutes;
    const actions = el("div", { className: "row" });
    const confirm = () => actions.replaceChildren(
      el("button", { type: "button", className: "primary", text: `Yes, open it for ${minutes} minutes`, on: { click: () => run("focus/overrideQuiet") } }),
      el("button", { type: "button", text: "Keep it quiet", on: { click: firstStep } }),
    );
    const firstStep = () => actions.replaceChildren(el("button", { type: "button", text: "Show the timeline anyway…", on: { click: confirm } }));
    firstStep();
    return [el("p", { className: "state", text: "Quiet hours" }), el("p", { text: `Your timelines are covered until ${clockTime(view.phase.until_ms)}.` }), actions];
  }

  const refresh = () => send("focus/view").then(draw, (e) => (error.textContent = e.message));
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && ("focusState" in changes || "focusSettings" in changes)) refresh();
  });
  await refresh();
}
