// The first-run page: a few choices, each starting from a sensible default, written into the
// rule pack and the focus settings; then the teacher's timeline. A school's locked pack skips
// the choices it decides.
import {
  COUNTRIES, PHASES, STRICTNESS, TROLL_LEVELS, choicesFromPack, lensPacksFor, subjectPacks,
} from "./choices.js";

const $ = (id) => document.getElementById(id);

async function send(type, payload = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...payload });
  if (!response?.ok) throw Object.assign(new Error(response?.error ?? "Staffroom did not answer: reload this page and try again."), { errors: response?.errors });
  return response.value;
}

function option({ type, name, value, label, hint, checked }) {
  const input = document.createElement("input");
  Object.assign(input, { type, name, value, checked });
  const title = document.createElement("span");
  title.className = "option-label";
  title.textContent = label;
  const text = document.createElement("span");
  text.className = "option-text";
  text.append(title);
  if (hint) {
    const note = document.createElement("span");
    note.className = "hint";
    note.textContent = hint;
    text.append(note);
  }
  const row = document.createElement("label");
  row.className = "option";
  row.append(input, text);
  return row;
}

const checkedValues = (name) => [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
const spellingOf = (countryId) => COUNTRIES.find((c) => c.id === countryId)?.spelling ?? "en-GB";

function drawPhases(chosen, spelling) {
  $("phases").replaceChildren(...PHASES.map((phase) => option({
    type: "checkbox", name: "phase", value: phase.id, label: phase.name[spelling] ?? phase.name["en-GB"], checked: chosen.includes(phase.id),
  })));
}

/** The choices the page shows first. */
async function startingPoint() {
  const [loaded, lensPacks, focus] = await Promise.all([send("settings/get"), send("settings/lensPacks"), send("focus/settings")]);
  return { loaded, lensPacks, budget: focus.settings.daily_budget_minutes, choices: choicesFromPack(loaded.pack, navigator.language) };
}

function draw({ loaded, lensPacks, budget, choices }) {
  const spelling = spellingOf(choices.country);
  drawPhases(choices.phases, spelling);
  $("subjects").replaceChildren(...subjectPacks(lensPacks).map((pack) => option({
    type: "checkbox", name: "subject", value: pack.id, label: pack.name, hint: pack.description, checked: choices.subjects.includes(pack.id),
  })));
  $("countries").replaceChildren(...COUNTRIES.map((country) => option({
    type: "radio", name: "country", value: country.id, label: country.name, checked: country.id === choices.country,
  })));
  $("strictness").replaceChildren(...STRICTNESS.map((level) => option({
    type: "radio", name: "strictness", value: level.id, label: level.name, hint: level.hint, checked: level.id === choices.strictness,
  })));
  $("troll").replaceChildren(...TROLL_LEVELS.map((level) => option({
    type: "radio", name: "troll", value: level.id, label: level.name, hint: level.hint, checked: level.id === choices.troll,
  })));
  $("budget").value = String(budget);
  // The phases' names follow the spelling of the country chosen (Primary / Elementary).
  $("countries").addEventListener("change", () => drawPhases(checkedValues("phase"), spellingOf(checkedValues("country")[0])));

  // A locked pack decides topics, country's chats and filters: only the budget is left to choose.
  for (const id of ["topics", "country-section", "filters"]) $(id).hidden = loaded.locked;
  $("managed-note").hidden = !loaded.locked;
}

/** The pack with the page's choices; lens strictness only where this engine knows the field. */
async function packWithChoices({ loaded, lensPacks }) {
  const pack = structuredClone(loaded.pack);
  const country = checkedValues("country")[0];
  pack.lens = {
    ...pack.lens,
    enabled: true,
    packs: lensPacksFor(
      { country, phases: checkedValues("phase"), subjects: { offered: subjectPacks(lensPacks).map((p) => p.id), chosen: checkedValues("subject") } },
      pack.lens?.packs ?? [],
      lensPacks.map((p) => p.id),
    ),
  };
  pack.troll = { ...pack.troll, sensitivity: checkedValues("troll")[0] };
  const withStrictness = structuredClone(pack);
  withStrictness.lens.strictness = checkedValues("strictness")[0];
  const problems = await send("engine/checkPack", { pack: withStrictness });
  return problems.some((problem) => problem.field.startsWith("lens.strictness")) ? pack : withStrictness;
}

async function saveBudget() {
  const { settings } = await send("focus/settings");
  const minutes = Number($("budget").value);
  if ($("budget").value.trim() === "" || !Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw Object.assign(new Error("The daily budget is a whole number of minutes from 0 to 1440."), { field: "budget" });
  }
  if (minutes !== settings.daily_budget_minutes) await send("focus/saveSettings", { settings: { ...settings, daily_budget_minutes: minutes } });
}

function openTimeline() {
  // This tab becomes the timeline, so the welcome page is not left behind.
  location.assign($("site").value);
}

function showError(error) {
  $("budget-error").textContent = error.field === "budget" ? error.message : "";
  $("budget").toggleAttribute("aria-invalid", error.field === "budget");
  $("save-error").textContent = error.field === "budget" ? "" : `Your choices were not saved: ${error.message}`;
  $("save-error").hidden = error.field === "budget";
  (error.field === "budget" ? $("budget") : $("open-timeline")).focus();
}

async function main() {
  const start = await startingPoint();
  draw(start);
  $("choices").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("open-timeline").disabled = true;
    try {
      await saveBudget();
      if (!start.loaded.locked) {
        const country = checkedValues("country")[0];
        await send("settings/save", { pack: await packWithChoices(start) });
        await chrome.storage.sync.set({ profile: { country, spelling: spellingOf(country) } });
      }
      openTimeline();
    } catch (error) {
      showError(error);
    } finally {
      $("open-timeline").disabled = false;
    }
  });
  $("skip").addEventListener("click", openTimeline);
  $("budget").addEventListener("input", () => {
    $("budget-error").textContent = "";
    $("budget").removeAttribute("aria-invalid");
  });
}

main().catch((error) => {
  $("save-error").textContent = `Staffroom could not load its settings: ${error.message}`;
  $("save-error").hidden = false;
});
