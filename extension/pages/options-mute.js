// Options: muted words, tags and patterns (Bluesky's muted-word semantics by default).
import { el, uniqueId } from "./options-dom.js";

const MATCHES = [["word", "Whole words"], ["substring", "Inside words too"], ["regex", "Pattern (regex)"]];
const ACTIONS = [["hide", "Hide"], ["warn", "Blur and warn"]];
const TARGETS = [["content", "Text"], ["tag", "Hashtags"]];

/** A stored rule may be a bare string; the page edits the full form. */
const fullRule = (rule) => ({ targets: ["content", "tag"], match: "word", action: "hide", ...(typeof rule === "string" ? { value: rule } : rule) });

// Expiry is chosen as a day; the rule lasts until the end of that day where the teacher is.
const dayOf = (iso) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
};
const endOfDay = (day) => new Date(`${day}T23:59:59`).toISOString().replace(".000Z", "Z");

// What a value typed into the box means: each form gets a mode that can match it.
const QUOTED = /^["“”'‘’](.+)["“”'’]$/u;
const WILDCARD = /^(\*?)([\p{L}\p{N}_-]+)(\*?)$/u;
const PATTERN = /^\^|[^\\]\$$|\\[bBwWdDsS.]|\.[*+?]|\[[^\]]+\]|\([^()]*\|[^()]*\)|\S\|\S|\{\d+(,\d*)?\}/;

/**
 * Reads the mute box: `{value, targets, match}` to add, with `note` saying what was chosen, or
 * `{ask: {pattern, text}}` when it reads as a regular expression as much as text.
 */
export function readMuteInput(typed) {
  const text = typed.trim();
  if (/^#\S+$/.test(text)) return { value: text.slice(1), targets: ["tag"], match: "word" };
  const quoted = text.match(QUOTED);
  if (quoted) return { value: quoted[1].trim(), targets: ["content", "tag"], match: "word", note: `Muted the phrase “${quoted[1].trim()}”.` };
  const wildcard = text.match(WILDCARD);
  if (wildcard && (wildcard[1] || wildcard[3])) {
    return { value: wildcard[2], targets: ["content", "tag"], match: "substring", note: `Muted “${wildcard[2]}” inside longer words too.` };
  }
  if (PATTERN.test(text)) {
    return { ask: {
      pattern: { value: text, targets: ["content", "tag"], match: "regex", note: `Muted the pattern ${text}.` },
      text: { value: text, targets: ["content", "tag"], match: "substring", note: `Muted the text “${text}” as typed.` },
    } };
  }
  return { value: text, targets: ["content", "tag"], match: "word" };
}

function select(options, value, props) {
  const element = el("select", props, ...options.map(([id, label]) => el("option", { value: id, textContent: label })));
  element.value = value;
  return element;
}

function ruleRow(editor, rule, index, redraw) {
  const field = `mute[${index}]`;
  const word = rule.value;
  const edit = (mutate) => editor.change((draft) => {
    draft.mute[index] = fullRule(draft.mute[index]);
    mutate(draft.mute[index]);
  });

  const value = el("input", { type: "text", value: rule.value ?? "", "aria-label": "Muted word", dataset: { field: `${field}.value` } });
  value.addEventListener("change", async () => {
    // A whole-word rule rewritten as a pattern, a phrase in quotes or a word* gets the mode that
    // can match it, shown in its row at once.
    const current = fullRule(editor.draft.mute[index]).match; // the Match select may have changed it
    const read = current === "word" ? readMuteInput(value.value) : { value: value.value, match: current };
    const chosen = read.ask?.pattern ?? read;
    await edit((r) => {
      r.value = chosen.value;
      r.match = chosen.match;
    });
    if (chosen.match !== current) redraw();
  });

  const targets = el("div", { className: "row tight targets", role: "group", "aria-label": `Where to look for “${word}”`, dataset: { field: `${field}.targets` } },
    ...TARGETS.map(([id, label]) => {
      const box = el("input", { type: "checkbox", checked: rule.targets.includes(id) });
      box.addEventListener("change", () => edit((r) => {
        r.targets = TARGETS.map(([t]) => t).filter((t) => (t === id ? box.checked : r.targets.includes(t)));
      }));
      return el("label", { className: "check small" }, box, label);
    }));

  const match = select(MATCHES, rule.match, { "aria-label": `How to match “${word}”`, dataset: { field: `${field}.match` } });
  match.addEventListener("change", () => edit((r) => { r.match = match.value; }));

  const action = select(ACTIONS, rule.action, { "aria-label": `What to do with posts matching “${word}”`, dataset: { field: `${field}.action` } });
  action.addEventListener("change", () => edit((r) => { r.action = action.value; }));

  const expires = el("input", { type: "date", value: rule.expires ? dayOf(rule.expires) : "", "aria-label": `Mute “${word}” until (empty: for ever)`, dataset: { field: `${field}.expires` } });
  expires.addEventListener("change", () => edit((r) => {
    if (expires.value) r.expires = endOfDay(expires.value);
    else delete r.expires;
  }));
  const expired = rule.expires && new Date(rule.expires) < new Date() ? el("span", { className: "chip expired" }, "expired") : null;

  const remove = el("button", { type: "button", className: "danger", textContent: "Remove", "aria-label": `Remove muted word “${word}”` });
  remove.addEventListener("click", async () => {
    // Redrawn before saving, so an error from the save lands on the rows as they now are.
    await editor.change((draft) => {
      draft.mute.splice(index, 1);
      redraw();
    });
  });

  return el("tr", { dataset: { field } },
    el("td", {}, value), el("td", {}, targets), el("td", {}, match), el("td", {}, action),
    el("td", {}, el("div", { className: "row tight" }, expires, expired)), el("td", {}, remove));
}

export function renderMute(editor) {
  const body = el("tbody");
  const table = el("table", { className: "rules", dataset: { field: "mute" } },
    el("thead", {}, el("tr", {}, ...["Word, tag or pattern", "Look in", "Match", "Then", "Until", ""].map((h) => el("th", { scope: "col" }, h)))),
    body);
  const empty = el("p", { className: "muted" }, "Nothing muted yet.");

  function redraw() {
    const rules = (editor.draft.mute ?? []).map(fullRule);
    body.replaceChildren(...rules.map((rule, index) => ruleRow(editor, rule, index, redraw)));
    table.hidden = rules.length === 0;
    empty.hidden = rules.length > 0;
  }

  const input = el("input", { type: "text", id: uniqueId("mute"), placeholder: "a word, a phrase or #hashtag", autocomplete: "off" });
  const addButton = el("button", { type: "submit", className: "primary", textContent: "Mute" });
  const form = el("form", { className: "row add-rule" }, el("label", { for: input.id, className: "visually-hidden" }, "Word to mute"), input, addButton);
  const outcome = el("div", { className: "mute-outcome", role: "status" });

  const add = async ({ note, ...rule }) => {
    outcome.replaceChildren(note ? el("p", { className: "hint" }, note) : "");
    await editor.change((draft) => {
      (draft.mute ??= []).push({ ...rule, action: "hide" });
      redraw();
    });
    input.value = "";
    input.focus();
  };
  /** A value that reads as a pattern as much as text: the teacher says which. */
  const ask = ({ pattern, text }) => {
    const asPattern = el("button", { type: "button", textContent: "As a pattern" });
    const asText = el("button", { type: "button", textContent: "As the text itself" });
    asPattern.addEventListener("click", () => add(pattern));
    asText.addEventListener("click", () => add(text));
    outcome.replaceChildren(el("div", { className: "question", role: "group", "aria-label": "How to mute this" },
      el("p", {}, `“${pattern.value}” looks like a pattern (a regular expression). Mute it as a pattern, or as the text itself?`),
      el("div", { className: "row" }, asPattern, asText)));
    asPattern.focus();
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    const read = readMuteInput(input.value);
    if (read.ask) ask(read.ask);
    else await add(read);
  });

  redraw();
  return [
    el("h2", {}, "Muted words"),
    el("p", { className: "hint" }, "Posts containing these are hidden everywhere, even on-topic ones. Start with # to mute only a hashtag; put a phrase in quotes; end a word with * to catch longer words too."),
    form, outcome, empty, table,
  ];
}
