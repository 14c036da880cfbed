// Settings for focus sessions: the daily budget, "five more minutes", the waiting pause and
// quiet hours. `renderFocusSettings(container)` fills any element (the popup's focus panel uses
// it; the options page may too). Validation is the engine's, via the background.
import { el } from "./focus-dom.js";

const DAYS = [["mon", "Mon"], ["tue", "Tue"], ["wed", "Wed"], ["thu", "Thu"], ["fri", "Fri"], ["sat", "Sat"], ["sun", "Sun"]];
const TEACHING_HOURS = { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:30", end: "15:30" };

const NUMBER_FIELDS = [
  ["daily_budget_minutes", "Daily budget (minutes)", 0, 1440, "Across all sites. Once spent, each session starts with a short pause."],
  ["wait_seconds", "Pause before a session over budget (seconds)", 0, 600, "0 turns the pause off."],
  ["extensions_per_day", "“More minutes” per day", 0, 10, ""],
  ["extension_minutes", "Minutes each", 1, 30, ""],
  ["quiet_override_minutes", "Opening during quiet hours lasts (minutes)", 1, 240, ""],
];

async function ask(type, extra = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...extra });
  if (!response?.ok) throw Object.assign(new Error(response?.error ?? "Staffroom did not answer: reload this page and try again."), { errors: response?.errors });
  return response.value;
}

function numberField(id, name, label, min, max, hint, value) {
  const input = el("input", { id, type: "number", min, max, step: 1, value, name, required: true, inputMode: "numeric" });
  const hintNode = hint ? el("span", { className: "hint", id: `${id}-hint`, text: hint }) : null;
  if (hint) input.setAttribute("aria-describedby", `${id}-hint`);
  return el("div", { className: "field" }, el("label", { htmlFor: id, text: label }), input, hintNode, el("span", { className: "error", id: `${id}-error` }));
}

export async function renderFocusSettings(container) {
  const { settings } = await ask("focus/settings");
  const form = el("form", { className: "stack focus-settings", noValidate: true });
  for (const [name, label, min, max, hint] of NUMBER_FIELDS) {
    form.append(numberField(`focus-set-${name}`, name, label, min, max, hint, settings[name]));
  }

  const quiet = settings.quiet_hours;
  const shown = quiet ?? TEACHING_HOURS;
  const enabled = el("input", { type: "checkbox", id: "focus-set-quiet", checked: Boolean(quiet) });
  const days = el("div", { className: "row", role: "group", "aria-label": "Days" },
    ...DAYS.map(([value, label]) => el("label", { className: "day" },
      el("input", { type: "checkbox", name: "quiet-day", value, checked: shown.days.includes(value) }), ` ${label}`)));
  const times = el("div", { className: "row" },
    el("label", { htmlFor: "focus-set-quiet-start", text: "From" }), el("input", { type: "time", id: "focus-set-quiet-start", value: shown.start }),
    el("label", { htmlFor: "focus-set-quiet-end", text: "to" }), el("input", { type: "time", id: "focus-set-quiet-end", value: shown.end === "24:00" ? "00:00" : shown.end }));
  const quietDetails = el("div", { className: "stack", id: "focus-set-quiet-details" }, days, times,
    el("span", { className: "error", id: "focus-set-quiet-error" }));
  const syncQuiet = () => (quietDetails.hidden = !enabled.checked);
  enabled.addEventListener("change", syncQuiet);
  syncQuiet();
  form.append(el("fieldset", { className: "stack quiet" },
    el("legend", { text: "Quiet hours" }),
    el("label", {}, enabled, " Cover my timelines during these hours (e.g. while teaching)"),
    quietDetails));

  const status = el("p", { role: "status", className: "muted" });
  form.append(el("div", { className: "row" }, el("button", { type: "submit", className: "primary", text: "Save focus settings" })), status);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const node of form.querySelectorAll(".error")) node.textContent = "";
    status.textContent = "";
    const next = { ...settings };
    for (const [name] of NUMBER_FIELDS) next[name] = Number(form.elements[name].value);
    next.quiet_hours = enabled.checked
      ? {
          days: [...form.querySelectorAll('input[name="quiet-day"]:checked')].map((box) => box.value),
          start: form.querySelector("#focus-set-quiet-start").value,
          end: form.querySelector("#focus-set-quiet-end").value,
        }
      : null;
    try {
      await ask("focus/saveSettings", { settings: next });
      Object.assign(settings, next);
      status.textContent = "Saved.";
    } catch (error) {
      showErrors(form, error);
    }
  });
  container.replaceChildren(form);
}

function showErrors(form, error) {
  const problems = error.errors?.length ? error.errors : [{ field: "", message: error.message }];
  let first = null;
  for (const { field, message } of problems) {
    const name = field.startsWith("quiet_hours") ? "quiet" : field;
    const input = form.querySelector(`#focus-set-${name}`);
    const slot = form.querySelector(`#focus-set-${name}-error`) ?? form.querySelector('[role="status"]');
    slot.textContent = field.startsWith("quiet_hours") ? `${field.replace("quiet_hours.", "")}: ${message}` : message;
    if (input && name !== "quiet") input.setAttribute("aria-invalid", "true");
    first ??= input;
  }
  first?.focus();
}
