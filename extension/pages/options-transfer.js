// Options: export the rule pack as a JSON file, and import one. An imported file is checked by
// the engine first; if anything is wrong nothing is saved and each error names its field.
import { el, send, uniqueId } from "./options-dom.js";

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
    errors.replaceChildren(...list.map(({ field, message }) => el("li", {}, field ? el("code", {}, field) : null, field ? " " : null, message)));
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
    let pack;
    try {
      pack = JSON.parse(text);
    } catch (error) {
      return showErrors([{ field: file.name, message: `is not JSON: ${error.message}` }]);
    }
    const problems = await send("engine/checkPack", { pack });
    if (problems.length) {
      result.textContent = `${file.name} was not imported; your rules are unchanged.`;
      return showErrors(problems);
    }
    showErrors([]);
    try {
      await editor.replace(pack);
      result.textContent = `Imported ${file.name}.`;
    } catch (error) {
      showErrors(error.errors ?? [{ field: "", message: error.message }]);
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
