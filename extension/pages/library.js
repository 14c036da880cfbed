// The library page: every saved idea with search and filters, the plan/review/edit forms,
// delete with undo, the weekly view, export and import. The background is the one writer;
// this page only sends ops and shows what comes back. Post text is rendered as text only.
import { call, apply, el, titleOf, localTime } from "./library-api.js";
import { renderIdea } from "./library-idea.js";
import { openForm } from "./library-forms.js";
import { exportAs, importFile } from "./library-io.js";
import { createWeekView } from "./library-week.js";

const $ = (id) => document.getElementById(id);
const list = $("ideas");
const filters = $("filters");
const toast = $("toast");
const week = createWeekView($("week"));
const UNDO_MS = 8000;
let library = { ideas: [] };

// ---- loading and rendering --------------------------------------------------------------

function currentFilter() {
  const data = new FormData(filters);
  const from = localTime(data.get("from"));
  const to = localTime(data.get("to"));
  const dayAfter = to === null ? null : new Date(new Date(to).setDate(new Date(to).getDate() + 1)).getTime();
  return {
    query: data.get("query").trim(),
    status: data.get("status") ? [data.get("status")] : [],
    tag: data.get("tag") || null,
    site: data.get("site") || null,
    from_ms: from,
    to_ms: dayAfter,
  };
}

function showNotices(messages, { error = false } = {}) {
  $("notices").replaceChildren(...messages.filter(Boolean).map((text) => el("p", { class: `notice${error ? " error-notice" : ""}`, text })));
}

function fillTags() {
  const select = $("tag");
  const chosen = select.value;
  const tags = new Map();
  for (const idea of library.ideas) for (const tag of idea.hashtags ?? []) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  const sorted = [...tags.values()].sort((a, b) => a.localeCompare(b));
  select.replaceChildren(el("option", { value: "", text: "All" }), ...sorted.map((tag) => el("option", { value: tag, text: `#${tag}` })));
  select.value = sorted.includes(chosen) ? chosen : "";
}

/** Re-renders the list, keeping keyboard focus on the same control of the same idea. */
function renderList(ideas) {
  const active = document.activeElement;
  const holder = active?.closest?.("[data-idea-id]");
  const keep = holder && list.contains(holder) ? { id: holder.dataset.ideaId, action: active.dataset.action } : null;
  list.replaceChildren(...ideas.map((idea) => renderIdea(idea, actions)));
  const total = library.ideas.length;
  $("count").textContent = ideas.length === total ? `(${total})` : `(${ideas.length} of ${total})`;
  const empty = $("empty");
  empty.hidden = ideas.length > 0;
  empty.textContent = total === 0
    ? "No ideas yet. Press “Save idea” under a post on X, Bluesky or Mastodon, or right-click a link or selected text on any page and choose “Save to Staffroom”."
    : "No ideas match these filters.";
  if (keep) focusIdea(keep.id, keep.action);
}

function focusIdea(id, action) {
  const article = [...list.querySelectorAll("[data-idea-id]")].find((a) => a.dataset.ideaId === id);
  if (!article) return false;
  (action && article.querySelector(`[data-action="${action}"]`) || article).focus();
  return true;
}

async function refreshList() {
  renderList(await call("library/search", { filter: currentFilter() }));
}

async function refresh() {
  let state;
  try {
    state = await call("library/get");
  } catch (error) {
    // Unreadable stored library: say so, and leave only the rescue export working.
    showNotices([error.message], { error: true });
    for (const control of document.querySelectorAll("button, input, select")) control.disabled = control.dataset.export !== "json";
    return false;
  }
  library = state.library;
  showNotices([state.trialLoad.warning, state.storage.warning]);
  fillTags();
  await refreshList();
  await week.render();
  return true;
}

let refreshTimer = 0;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(showError), 120);
}

// ---- toast ---------------------------------------------------------------------------------

let toastTimer = 0;
function hideToast() {
  // Never pull an Undo away from under the pointer or keyboard focus.
  if (toast.matches(":hover, :focus-within")) {
    toastTimer = setTimeout(hideToast, 1500);
    return;
  }
  toast.classList.remove("shown");
  toast.replaceChildren();
}

function showToast(message, { undo, error = false } = {}) {
  clearTimeout(toastTimer);
  toast.classList.toggle("error", error);
  toast.replaceChildren(el("span", { text: message }));
  if (undo) {
    const button = el("button", { type: "button", text: "Undo", onclick: async () => {
      toast.replaceChildren();
      toast.classList.remove("shown");
      await undo();
    } });
    toast.append(button);
    button.focus();
  }
  toast.classList.add("shown");
  toastTimer = setTimeout(hideToast, undo ? UNDO_MS : 5000);
}

const showError = (error) => showToast(error.message, { error: true });

// ---- actions -------------------------------------------------------------------------------

function afterForm(id, message) {
  return async (results) => {
    await refresh();
    focusIdea(id);
    const warning = results.map((r) => r.applied?.warning).find(Boolean);
    showToast(warning ? `${message} ${warning}` : message);
  };
}

async function run(op, message) {
  try {
    await apply(op);
    await refresh();
    focusIdea(op.id);
    showToast(message);
  } catch (error) {
    showError(error);
  }
}

async function remove(idea) {
  try {
    const { applied } = await apply({ op: "delete", id: idea.id });
    await refresh();
    showToast(`Deleted “${titleOf(idea)}”.`, {
      undo: async () => {
        try {
          await apply({ op: "restore", idea: applied.removed });
          await refresh();
          focusIdea(idea.id);
          showToast("Restored.");
        } catch (error) {
          showError(error);
        }
      },
    });
  } catch (error) {
    showError(error);
  }
}

const actions = {
  plan: (idea) => openForm("plan", idea, afterForm(idea.id, "Trial planned: you'll get a reminder.")),
  review: (idea) => idea.status === "saved"
    ? openForm("plan", idea, afterForm(idea.id, "Trial planned."), { notice: "This idea has no plan yet. Add one first, even one line: the review looks back at it." })
    : openForm("review", idea, afterForm(idea.id, "Review saved.")),
  edit: (idea) => openForm("edit", idea, afterForm(idea.id, "Changes saved.")),
  start: (idea) => run({ op: "start_trying", id: idea.id }, "Marked as trying. Good luck!"),
  embed: (idea) => run({ op: "set_status", id: idea.id, status: "embedded" }, "Marked as embedded in your practice."),
  drop: (idea) => run({ op: "set_status", id: idea.id, status: "dropped" }, "Dropped. You can reopen it at any time."),
  reopen: (idea) => run({ op: "reopen", id: idea.id }, "Reopened."),
  delete: remove,
  filterTag: (tag) => {
    $("tag").value = tag;
    refreshList().catch(showError);
  },
};

// ---- deep links: #review=<id> (from a reminder), #plan=<id> (from a focus session), #idea=<id>

async function followHash() {
  const match = location.hash.match(/^#(review|plan|idea)=(.+)$/);
  if (!match) return;
  const id = decodeURIComponent(match[2]);
  const idea = library.ideas.find((i) => i.id === id);
  if (!idea) {
    showToast("That idea is no longer in Your ideas.", { error: true });
    return;
  }
  if (match[1] === "review" || match[1] === "plan") {
    actions[match[1]](idea);
    return;
  }
  if (!focusIdea(id)) {
    filters.reset();
    await refreshList();
    focusIdea(id);
  }
  const article = list.querySelector(`[data-idea-id="${CSS.escape(id)}"]`);
  article?.scrollIntoView({ block: "center" });
  article?.classList.add("highlight");
}

// ---- wiring --------------------------------------------------------------------------------

let queryTimer = 0;
filters.addEventListener("input", (event) => {
  clearTimeout(queryTimer);
  queryTimer = setTimeout(() => refreshList().catch(showError), event.target.type === "search" ? 150 : 0);
});
filters.addEventListener("submit", (event) => event.preventDefault());
filters.addEventListener("reset", () => setTimeout(() => refreshList().catch(showError)));

for (const button of document.querySelectorAll("[data-export]")) {
  button.addEventListener("click", () => exportAs(button.dataset.export).then((name) => showToast(`Downloaded ${name}.`), showError));
}
$("import-button").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", async (event) => {
  const [file] = event.target.files;
  event.target.value = "";
  if (!file) return;
  if (await importFile(file, $("import-report"))) await refresh();
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.library && !$("editor").open) refreshSoon();
});
addEventListener("hashchange", () => followHash().catch(showError));

const cpdPanel = $("cpd-panel");
import("./cpd-panel.js").then((m) => m.renderCpdPanel(cpdPanel)).catch(() => {});

refresh()
  .then((ok) => ok && followHash())
  .catch(showError);
