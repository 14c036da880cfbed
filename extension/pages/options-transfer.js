// Options: export the rule pack as a JSON file, and import one. An imported file is checked by
// the engine first; if anything is wrong nothing is saved and each error names its field.
import { el, errorParts, send, uniqueId } from "./options-dom.js";

/** Where JSON.parse stopped, as "line L, column C", from the offset V8 reports. */
function jsonProblem(text, error) {
  if (!text.trim()) return "the file is empty";
  const offset = Number(error.message.match(/at position (\d+)/)?.[1]);
  const where = Number.isFinite(offset) ? offset : text.search(/\S/);
  const before = text.slice(0, where).split("\n");
  const place = `line ${before.length}, column ${before.at(-1).length + 1}`;
  return /end of JSON input/.test(error.message)
    ? `the file stops before its end (${place}); it may have been cut short`
    : `it is not JSON: something unexpected at ${place}`;
}

/** A library backup ({"format": "staffroom-library", "ideas": […]}) is not a rule pack. */
const isLibraryBackup = (value) => value?.format === "staffroom-library" || Array.isArray(value?.ideas);

function download(pack) {
  const blob = new Blob([JSON.stringify(pack, null, 2) + "\n"], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: "staffroom-rules.json" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function renderTransfer(section, editor) {
  const fileInput = el("input", { type: "file", className: "visually-hidden", id: uniqueId("import"), accept: ".json,application/json", disabled: editor.locked, dataset: { field: "import" } });
  const errors = el("ul", { className: "error import-errors", id: uniqueId("import-errors"), role: "alert", hidden: true });
  const result = el("p", { role: "status", className: "muted" });
  const exportButton = el("button", { type: "button", textContent: "Export rules" });
  exportButton.addEventListener("click", async () => download((await send("settings/get")).pack));

  const showErrors = (list) => {
    errors.replaceChildren(...list.map((error) => el("li", {}, ...errorParts(error))));
    errors.hidden = list.length === 0;
    fileInput.toggleAttribute("aria-invalid", list.length > 0);
    if (list.length) fileInput.setAttribute("aria-describedby", errors.id);
    else fileInput.removeAttribute("aria-describedby");
  };

  fileInput.addEventListener("change", async () => {
    const [file] = fileInput.files;
    if (!file) return;
    result.textContent = "";
    const text = await file.text();
    fileInput.value = ""; // the same file can be chosen again after fixing it
    const refuse = (list) => {
      result.textContent = `${file.name} was not imported; your rules are unchanged.`;
      editor.report("Import failed: your rules are unchanged.", true);
      showErrors(list);
    };
    let pack;
    try {
      pack = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      return refuse([{ message: `${file.name} cannot be read: ${jsonProblem(text, error)}. Choose the .json file that “Export rules” saved.` }]);
    }
    if (isLibraryBackup(pack)) {
      return refuse([{ message: `${file.name} is a library backup, not a rule pack: import it on the Your ideas page (“Import backup…”).` }]);
    }
    const problems = await send("engine/checkPack", { pack });
    if (problems.length) return refuse(problems);
    showErrors([]);
    try {
      await editor.replace(pack);
      result.textContent = `Imported ${file.name}.`;
    } catch (error) {
      refuse(error.errors ?? [{ message: error.message }]);
    }
  });

  section.replaceChildren(
    el("h2", {}, "Import and export"),
    el("p", { className: "hint" }, "The rules are one JSON file: share it with colleagues, or keep a copy. The staffroom command line checks it too."),
    el("div", { className: "row" }, exportButton, fileInput,
      el("label", { for: fileInput.id, className: "button" + (editor.locked ? " disabled" : "") }, "Import rules…")),
    errors, result,
  );
}
