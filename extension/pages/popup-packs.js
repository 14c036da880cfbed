// The popup's line saying which topic packs the lens keeps, with the way to change them.

/** Fills `line` from the "settings/get" answer; pack names come from the engine's list. */
export async function renderPackLine(line, { pack, locked }) {
  const response = await chrome.runtime.sendMessage({ type: "settings/lensPacks" });
  const names = new Map((response?.value ?? []).map((p) => [p.id, p.name]));
  const chosen = (pack.lens?.packs ?? []).map((id) => names.get(id) ?? id);
  const own = (pack.lens?.hashtags?.length ?? 0) + (pack.lens?.keywords?.length ?? 0);
  const parts = [...chosen, ...(own ? [`${own} of your own tags and phrases`] : [])];
  const label = document.createElement("span");
  label.textContent = parts.length ? `Topics: ${parts.join(", ")}` : "No topics chosen yet: every post passes the lens.";
  const change = document.createElement("a");
  change.href = "options.html#section-lens";
  change.textContent = locked ? "See topics" : "Change topics";
  change.addEventListener("click", (event) => {
    event.preventDefault();
    chrome.tabs.create({ url: chrome.runtime.getURL("options.html#section-lens") });
    window.close();
  });
  line.replaceChildren(label, " · ", change);
}
