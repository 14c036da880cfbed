// The options page: edits the rule pack. Every change is validated by the engine and stored at
// once (open tabs refilter without a reload); an invalid change stays on screen with the
// engine's error next to its field until it is fixed.
import { clearErrors, errorText, send, showErrors } from "./options-dom.js";
import { describeSource } from "./options-source.js";
import { renderLens } from "./options-lens.js";
import { renderMute } from "./options-mute.js";
import { renderAccounts, renderNoise, renderTroll } from "./options-filters.js";
import { renderInstances } from "./options-instances.js";
import { renderTransfer } from "./options-transfer.js";

const $ = (id) => document.getElementById(id);

// Storage hands objects back with their keys sorted, so packs are compared in a canonical form.
const canonical = (value) => JSON.stringify(value, (_, v) =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);
const ownSaves = new Set(); // every pack this page stored, to tell our own changes from others'

const editor = {
  draft: null, // the pack as shown
  locked: false,
  unsaved: false, // an invalid edit is on screen, waiting to be fixed
  /** Applies `mutate` to the shown pack and stores it. */
  async change(mutate) {
    mutate(this.draft);
    await save();
  },
  /** Says on the page's status line how the last change went. */
  report(text, isError = false) {
    setStatus(text, isError);
  },
  /** Replaces the whole pack (import) and redraws. */
  async replace(pack) {
    ownSaves.add(canonical(pack));
    await send("settings/save", { pack });
    await load();
    setStatus("Imported and saved.");
  },
};

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

async function save() {
  const editorRoot = $("editor");
  setStatus("Saving…");
  ownSaves.add(canonical(editor.draft));
  try {
    await send("settings/save", { pack: editor.draft });
    clearErrors(editorRoot);
    editor.unsaved = false;
    setStatus("All changes saved.");
  } catch (error) {
    editor.unsaved = true;
    clearErrors(editorRoot);
    const unplaced = showErrors(editorRoot, error.errors ?? []);
    const first = unplaced[0] ?? (error.errors ? null : { message: error.message });
    setStatus(first ? `Not saved: ${errorText(first)}` : "Not saved: fix the field marked below.", true);
  }
}

function draw() {
  const parts = [
    ["section-lens", renderLens], ["section-mute", renderMute], ["section-accounts", renderAccounts],
    ["section-troll", renderTroll], ["section-noise", renderNoise],
  ];
  for (const [id, render] of parts) $(id).replaceChildren(...render(editor));
}

async function load() {
  const loaded = await send("settings/get");
  editor.draft = structuredClone(loaded.pack);
  editor.locked = loaded.locked;
  const { readOnly, message } = describeSource(loaded);
  $("editor").disabled = readOnly;
  $("source-note").textContent = message;
  $("source-note").hidden = !message;
  $("source-note").classList.toggle("notice", readOnly);
  document.body.classList.toggle("read-only", readOnly);
  draw();
}

async function main() {
  await load();
  setStatus(editor.locked ? "Read only." : "All changes saved.");
  renderTransfer($("section-transfer"), editor);
  renderInstances($("section-instances"));
  // The popup or an in-page button changed the pack: show it, unless an unsaved edit is on screen.
  chrome.storage.onChanged.addListener(async (changes) => {
    if (!("pack" in changes) || ownSaves.has(canonical(changes.pack.newValue))) return;
    const { pack } = await send("settings/get");
    if (ownSaves.has(canonical(pack)) || editor.unsaved) return;
    await load();
  });
}

main().catch((error) => setStatus(`Staffroom could not load its settings: ${error.message}`, true));
