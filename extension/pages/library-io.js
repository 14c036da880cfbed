// Export (JSON backup, Markdown portfolio, CSV CPD log) as file downloads, and import of a
// JSON backup with its report. Nothing leaves the device: the files are made here.
import { call, el } from "./library-api.js";

function download(filename, mimeType, text) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function exportAs(format) {
  const { filename, mimeType, text } = await call("library/export", { format });
  // Excel reads UTF-8 CSV correctly only with a byte-order mark.
  download(filename, mimeType, format === "csv" ? `\uFEFF${text}` : text);
  return filename;
}

function reportView({ added, updated, unchanged, skipped }) {
  const counts = `${added} added, ${updated} updated, ${unchanged} unchanged, ${skipped.length} skipped.`;
  return [
    el("p", {}, el("strong", { text: "Import finished: " }), counts),
    skipped.length
      ? el("details", { open: true }, el("summary", { text: "Why some were skipped" }),
          el("ul", {}, ...skipped.map(({ index, reason }) => el("li", { text: `Idea ${index + 1}: ${reason}` }))))
      : null,
  ];
}

/** Reads the chosen file and imports it; the outcome (or error) goes into `output`. */
export async function importFile(file, output) {
  output.classList.remove("failed");
  output.replaceChildren(el("p", { text: `Importing ${file.name}…` }));
  try {
    const { report } = await call("library/import", { text: await file.text() });
    output.replaceChildren(...reportView(report).filter(Boolean));
    return report;
  } catch (error) {
    output.classList.add("failed");
    output.replaceChildren(el("p", {}, el("strong", { text: "Nothing was imported. " }), error.message));
    return null;
  }
}
