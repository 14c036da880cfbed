// Small DOM helpers for the options page. Text always goes in as textContent.
import { fieldName } from "./field-names.js";

/** el("p", {className: "hint"}, "text", child) — properties, then children (strings become text). */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("aria-") || key === "role" || key === "for") element.setAttribute(key, value);
    else element[key] = value;
  }
  element.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

let uid = 0;
export const uniqueId = (prefix) => `${prefix}-${++uid}`;

export async function send(type, payload = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...payload });
  if (!response?.ok) throw Object.assign(new Error(response?.error ?? "Staffroom did not answer: reload this page and try again."), { errors: response?.errors });
  return response.value;
}

/** A labelled checkbox; `onChange(checked)`. */
export function checkbox({ label, hint, checked, field, onChange, switchStyle = false }) {
  const input = el("input", { type: "checkbox", checked: Boolean(checked), id: uniqueId("check") });
  if (switchStyle) {
    input.className = "switch";
    input.setAttribute("role", "switch");
  }
  if (field) input.dataset.field = field;
  input.addEventListener("change", () => onChange(input.checked));
  const text = el("span", { className: "check-text" }, el("span", { className: "check-label" }, label), hint && el("span", { className: "hint" }, hint));
  return el("label", { className: switchStyle ? "check switch-row" : "check", for: input.id }, switchStyle ? text : input, switchStyle ? input : text);
}

/** One choice of several, each with a label and a hint: `options` = [[value, label, hint]]. */
export function radioGroup({ name, labelledBy, field, options, current, onChange }) {
  return el("div", { className: "choices", role: "radiogroup", "aria-labelledby": labelledBy, dataset: { field } },
    ...options.map(([value, label, hint]) => {
      const radio = el("input", { type: "radio", name, value, checked: value === current });
      radio.addEventListener("change", () => onChange(value));
      return el("label", { className: "check choice" }, radio,
        el("span", { className: "check-text" }, el("span", { className: "check-label" }, label), el("span", { className: "hint" }, hint)));
    }));
}

/**
 * An editable list of short strings shown as chips (hashtags, keywords, handles).
 * `normalize` cleans one entry ("#EdChat " → "EdChat"); `display` shows one ("#EdChat").
 */
export function chipList({ label, hint, field, values, placeholder, normalize = (s) => s.trim(), display = (s) => s, onChange }) {
  const list = el("ul", { className: "chips", "aria-label": label });
  const input = el("input", { type: "text", placeholder, id: uniqueId("chip"), autocomplete: "off" });
  const add = el("button", { type: "button", textContent: "Add" });
  const box = el("div", { className: "field chip-field", dataset: { field } },
    el("label", { for: input.id }, label), hint && el("span", { className: "hint" }, hint), list,
    el("div", { className: "row" }, input, add));
  let current = [...values];

  function draw() {
    list.replaceChildren(...current.map((value, index) => {
      const remove = el("button", { type: "button", className: "chip-remove", "aria-label": `Remove ${display(value)}`, textContent: "×" });
      remove.addEventListener("click", () => {
        current = current.filter((_, i) => i !== index);
        draw();
        onChange(current);
        input.focus();
      });
      return el("li", { className: "chip", dataset: { field: `${field}[${index}]` } }, display(value), remove);
    }));
    list.hidden = current.length === 0;
  }

  function commit() {
    const fresh = input.value.split(",").map(normalize).filter(Boolean);
    const known = new Set(current.map((v) => v.toLowerCase()));
    const added = fresh.filter((v) => !known.has(v.toLowerCase()) && known.add(v.toLowerCase()));
    input.value = "";
    if (!added.length) return;
    current = [...current, ...added];
    draw();
    onChange(current);
  }

  add.addEventListener("click", commit);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      commit();
    }
  });
  draw();
  return box;
}

/** Clears every shown field error under `root`. */
export function clearErrors(root) {
  for (const note of root.querySelectorAll("[data-error-for]")) note.remove();
  for (const element of root.querySelectorAll("[aria-invalid]")) {
    element.removeAttribute("aria-invalid");
    element.removeAttribute("aria-describedby");
  }
}

/** "mute[2].targets[0]" → ["mute[2].targets[0]", "mute[2].targets", "mute[2]", "mute"]. */
function enclosingPaths(field) {
  const paths = [];
  for (let path = field; path && path !== paths.at(-1); path = path.replace(/(\[\d+\]|\.[^.[\]]+)$/, "")) paths.push(path);
  return paths;
}

/**
 * Shows each `{field, message}` next to the control marked `data-field` with that path, or with
 * the nearest enclosing path. Returns the errors no control claimed.
 */
export function showErrors(root, errors) {
  const unplaced = [];
  for (const error of errors) {
    const target = enclosingPaths(error.field)
      .map((path) => root.querySelector(`[data-field="${CSS.escape(path)}"]`))
      .find(Boolean);
    if (!target) {
      unplaced.push(error);
      continue;
    }
    const note = el("p", { className: "error", id: uniqueId("error"), dataset: { errorFor: error.field } }, ...errorParts(error));
    target.setAttribute("aria-invalid", "true");
    target.setAttribute("aria-describedby", note.id);
    const slot = target.closest(".field, .check, td");
    if (slot?.tagName === "TD") slot.append(note);
    else (slot ?? target).after(note);
  }
  return unplaced;
}

/** An error for people: "Muted word 1: the pattern has …", then the field's path for pack authors. */
export function errorParts({ field, message }) {
  if (!field) return [message];
  const name = fieldName(field);
  return [el("strong", {}, `${name}:`), " ", message, ...(name === field ? [] : [" ", el("code", {}, field)])];
}

export const errorText = ({ field, message }) => (field ? `${fieldName(field)}: ${message}` : message);
