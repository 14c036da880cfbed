// The plan, review and edit forms, shown one at a time in a modal <dialog>. Each submits
// engine ops through the background; an error keeps the form open with the message.
import { apply, el, dateInputValue, localTime, titleOf } from "./library-api.js";

const dialog = document.getElementById("editor");
// The spelling chosen on the welcome page: a US teacher has grades and periods.
const { profile } = await chrome.storage.sync.get("profile");
const GROUP_EXAMPLE = profile?.spelling === "en-US" ? "e.g. Grade 9, 3rd period" : "e.g. Year 9, set 2";

function textField(name, label, { value = "", multiline = false, hint, required = false, type = "text", placeholder } = {}) {
  const id = `field-${name}`;
  const control = multiline
    ? el("textarea", { id, name, rows: "3", required, "aria-required": required ? "true" : undefined })
    : el("input", { id, name, type, required, placeholder, autocomplete: "off", "aria-required": required ? "true" : undefined });
  control.value = value ?? "";
  return el(
    "div",
    { class: "field" },
    el("label", { for: id }, label, hint ? el("span", { class: "hint", text: ` ${hint}` }) : null),
    control,
  );
}

function outcomeField(current) {
  const options = [
    ["reviewed", "Reviewed", "I've reflected on it"],
    ["embedded", "Embedded", "it's part of my practice now"],
    ["dropped", "Dropped", "not for me or my classes"],
  ];
  const chosen = current === "embedded" || current === "dropped" ? current : "reviewed";
  return el(
    "fieldset",
    { class: "outcome" },
    el("legend", { text: "Where does it stand?" }),
    ...options.map(([value, label, hint]) =>
      el("label", { class: "choice" }, el("input", { type: "radio", name: "outcome", value, checked: value === chosen }), ` ${label} `, el("span", { class: "hint", text: `(${hint})` })),
    ),
  );
}

const FORMS = {
  plan: (idea) => ({
    title: idea.plan ? "Edit the trial plan" : "Plan a classroom trial",
    submit: idea.plan ? "Save plan" : "Plan trial",
    fields: [
      textField("what", "What will I try?", { value: idea.plan?.what, multiline: true, required: true }),
      textField("group", "With which class or group?", { value: idea.plan?.group, placeholder: GROUP_EXAMPLE }),
      textField("by", "By when?", { value: dateInputValue(idea.plan?.by), type: "date" }),
      textField("success_criteria", "How will I know it worked?", { value: idea.plan?.success_criteria, multiline: true, hint: "the evidence you will look for" }),
      textField("share_with", "Who will I share it with?", { value: idea.plan?.share_with }),
    ],
    ops: (data) => [{ op: "plan", id: idea.id, plan: {
      what: data.get("what"), group: data.get("group"), by: localTime(data.get("by"), 8),
      success_criteria: data.get("success_criteria"), share_with: data.get("share_with"),
    } }],
  }),
  review: (idea) => ({
    title: "How did it go?",
    submit: "Save review",
    fields: [
      textField("how_it_went", "How did it go?", { value: idea.review?.how_it_went, multiline: true, required: true }),
      textField("evidence", "What evidence did I see?", { value: idea.review?.evidence, multiline: true, hint: idea.plan?.success_criteria ? `(you planned to look for: ${idea.plan.success_criteria})` : undefined }),
      textField("reflection", "Reflection", { value: idea.review?.reflection, multiline: true }),
      textField("next_step", "Next step", { value: idea.review?.next_step }),
      outcomeField(idea.status),
    ],
    ops: (data) => {
      const ops = [{ op: "review", id: idea.id, review: {
        how_it_went: data.get("how_it_went"), evidence: data.get("evidence"), reflection: data.get("reflection"), next_step: data.get("next_step"),
      } }];
      const outcome = data.get("outcome");
      if (outcome !== "reviewed" || idea.status === "embedded") ops.push({ op: "set_status", id: idea.id, status: outcome });
      return ops;
    },
  }),
  edit: (idea) => ({
    title: "Edit the idea",
    submit: "Save changes",
    fields: [
      textField("text", "Post text", { value: idea.text, multiline: true }),
      textField("note", "Why I saved it", { value: idea.note, multiline: true }),
      textField("hashtags", "Tags", { value: (idea.hashtags ?? []).join(", "), hint: "separated by commas" }),
    ],
    ops: (data) => [{ op: "update", id: idea.id, patch: {
      text: data.get("text"), note: data.get("note"),
      hashtags: data.get("hashtags").split(",").map((t) => t.trim()).filter(Boolean),
    } }],
  }),
};

/** Opens the `kind` form for `idea`; `onDone(results)` runs after every op succeeded. */
export function openForm(kind, idea, onDone, { notice } = {}) {
  const spec = FORMS[kind](idea);
  const error = el("p", { class: "error", role: "alert" });
  const cancel = el("button", { type: "button", text: "Cancel", onclick: () => dialog.close() });
  const submit = el("button", { type: "submit", class: "primary", text: spec.submit });
  const form = el(
    "form",
    { method: "dialog", novalidate: true, class: "stack" },
    el("h2", { id: "editor-title", text: spec.title }),
    el("p", { class: "muted subject", dir: "auto", text: titleOf(idea) }),
    notice ? el("p", { class: "notice", role: "status", text: notice }) : null,
    ...spec.fields,
    error,
    el("div", { class: "row end" }, cancel, submit),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const missing = [...form.querySelectorAll("[required]")].find((input) => !input.value.trim());
    form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
    if (missing) {
      missing.setAttribute("aria-invalid", "true");
      error.textContent = `Please fill in “${missing.labels[0]?.firstChild?.textContent ?? missing.name}”.`;
      missing.focus();
      return;
    }
    submit.disabled = true;
    error.textContent = "";
    const results = [];
    try {
      for (const op of spec.ops(new FormData(form))) results.push(await apply(op));
      dialog.close();
      onDone(results);
    } catch (failure) {
      error.textContent = failure.message;
      // Engine errors name the field ("plan.what: …"): point at it.
      const name = failure.message.match(/^(?:\w+\.)?(\w+):/)?.[1];
      const input = name && form.elements[name];
      if (input?.setAttribute) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
      if (results.length) onDone(results); // the first ops were stored: show them
    } finally {
      submit.disabled = false;
    }
  });
  dialog.replaceChildren(form);
  dialog.showModal();
  form.querySelector("textarea, input:not([type=radio])")?.focus();
}
