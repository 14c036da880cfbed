// Content: the "Save idea" button on every shown post, and the card that asks, right after a
// save, how the teacher will try the idea in class (issue 4). filter.js calls
// staffroomContent.onShown(postElement, post) for each post it shows; the background's
// library area stores everything. The card lives in a closed shadow root: the site's CSS
// cannot reach it and the page cannot read what the teacher types.
(() => {
  const content = (globalThis.staffroomContent = globalThis.staffroomContent ?? {});
  const SITES = new Set(["x", "bluesky", "mastodon", "web"]);
  const ACTION_BARS = '[role="group"], .status__action-bar';
  const records = new WeakMap(); // post element → {element, post, button, id, busy}
  let lookups = new Map(); // permalink → records waiting to learn whether they are saved
  let lookupFrame = 0;
  let card = null; // the one open card: {host, record, close}

  const send = async (message) => {
    try {
      return (await chrome.runtime.sendMessage(message)) ?? { ok: false, error: "Staffroom did not answer: reload the page and try again." };
    } catch {
      return { ok: false, error: "Staffroom was updated or restarted: reload this page and try again." };
    }
  };

  // ---- the button ----------------------------------------------------------------------------

  function svg(paths) {
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("width", "16");
    icon.setAttribute("height", "16");
    icon.setAttribute("aria-hidden", "true");
    for (const d of paths) {
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", d);
      path.setAttribute("fill", "none");
      path.setAttribute("stroke", "currentColor");
      path.setAttribute("stroke-width", "2");
      path.setAttribute("stroke-linecap", "round");
      path.setAttribute("stroke-linejoin", "round");
      icon.append(path);
    }
    return icon;
  }
  const BOOKMARK = ["M6 3h12v18l-6-4-6 4z"];
  const TICK = ["M5 12.5l4.5 4.5L19 7"];

  // Inline !important declarations (set through the CSSOM, which page CSPs allow) beat the
  // site's stylesheets without touching them.
  function style(element, declarations) {
    for (const [property, value] of Object.entries(declarations)) element.style.setProperty(property, value, "important");
  }

  // Colours come from staffroom.css, by the page's theme (data-staffroom-theme, theme.js).
  function paint(button, saved) {
    style(button, {
      display: "inline-flex", "align-items": "center", gap: "5px", "align-self": "center", margin: "0 0 0 8px",
      padding: "4px 10px", "border-radius": "999px", border: "1px solid var(--staffroom-accent)", cursor: "pointer",
      font: "600 13px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "white-space": "nowrap",
      background: saved ? "var(--staffroom-accent)" : "transparent", color: saved ? "var(--staffroom-on-accent)" : "var(--staffroom-accent)",
      "max-width": "max-content", "box-sizing": "border-box", height: "auto", "min-height": "28px",
    });
    button.replaceChildren(svg(saved ? TICK : BOOKMARK), document.createTextNode(saved ? "Saved" : "Save idea"));
    button.setAttribute("aria-pressed", String(saved));
    button.title = saved ? "Saved to Your ideas in Staffroom: click to plan a trial" : "Save this idea to Your ideas in Staffroom";
  }

  function createButton(record) {
    const button = content.themed(document.createElement("button"));
    button.type = "button";
    button.dataset.staffroomSave = "";
    button.setAttribute("aria-label", "Save idea"); // the name stays; aria-pressed carries the state
    paint(button, false);
    // The post around the button navigates on click and the site has key shortcuts: keep ours to ourselves.
    for (const type of ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup", "keypress"]) {
      button.addEventListener(type, (event) => event.stopPropagation());
    }
    button.addEventListener("click", (event) => {
      event.preventDefault();
      save(record);
    });
    button.addEventListener("focus", () => button.matches(":focus-visible") && style(button, { outline: "3px solid #2dd4bf", "outline-offset": "2px" }));
    button.addEventListener("blur", () => button.style.removeProperty("outline"));
    return button;
  }

  function place(element, button) {
    const bars = [...element.querySelectorAll(ACTION_BARS)];
    (bars[bars.length - 1] ?? element).append(button);
  }

  content.onShown = (element, post) => {
    if (!element?.isConnected || !post) return;
    let record = records.get(element);
    if (!record) {
      record = { element, post, button: null, id: null, busy: false };
      records.set(element, record);
    }
    if (record.post.permalink !== post.permalink) record.id = null; // the site re-used the element
    record.post = post;
    if (!record.button || !element.contains(record.button)) {
      element.querySelectorAll("button[data-staffroom-save]").forEach((old) => old.remove());
      record.button = createButton(record);
      place(element, record.button);
    }
    paint(record.button, Boolean(record.id));
    content.placeWhy?.(record.button, post);
    if (!record.id && post.permalink) lookUp(record);
  };
  // Posts filter.js showed before this script was ready.
  for (const [element, post] of content.pendingShown?.splice(0) ?? []) content.onShown(element, post);

  // Already saved (in an earlier visit)? One question per frame for every new post.
  function lookUp(record) {
    const waiting = lookups.get(record.post.permalink) ?? [];
    waiting.push(record);
    lookups.set(record.post.permalink, waiting);
    lookupFrame ||= requestAnimationFrame(async () => {
      const batch = lookups;
      lookups = new Map();
      lookupFrame = 0;
      const response = await send({ type: "library/saved", permalinks: [...batch.keys()] });
      for (const { permalink, id } of response.ok ? response.value : []) {
        for (const waiting of batch.get(permalink) ?? []) {
          if (waiting.post.permalink !== permalink || waiting.id) continue;
          waiting.id = id;
          paint(waiting.button, true);
        }
      }
    });
  }

  function postedAt(value) {
    const ms = typeof value === "number" ? value : Date.parse(value ?? "");
    return Number.isFinite(ms) && ms >= 0 ? Math.trunc(ms) : null;
  }

  function newIdea(post) {
    return {
      site: SITES.has(post.site) ? post.site : "web",
      text: post.text ?? "",
      author: { name: post.authorName ?? "", handle: post.author ?? "" },
      permalink: post.permalink ?? "",
      hashtags: post.hashtags ?? [],
      links: post.links ?? [],
      posted_at: postedAt(post.postedAt),
    };
  }

  async function save(record) {
    if (record.busy) return; // a second click while the first is on its way
    record.busy = true;
    const response = await send({ type: "library/save", idea: newIdea(record.post) });
    record.busy = false;
    if (!response.ok) {
      openCard(record, { error: response.error });
      return;
    }
    record.id = response.value.applied.id;
    paint(record.button, true);
    openCard(record, response.value);
  }

  // ---- the trial card ------------------------------------------------------------------------

  const CSS = `
:host { all: initial !important; position: fixed !important; right: 16px !important; bottom: 16px !important;
  z-index: 2147483646 !important; display: block !important; width: min(380px, calc(100vw - 32px)) !important; }
.card { --bg: #ffffff; --text: #1c1f23; --muted: #5b6470; --border: #d9dcd6; --field: #ffffff; --accent: #0f766e;
  --accent-text: #ffffff; --warn: #92400e; --warn-bg: #fef3c7; --danger: #b91c1c;
  color-scheme: light; box-sizing: border-box; max-height: calc(100vh - 32px); overflow: auto; overscroll-behavior: contain;
  padding: 16px 18px; border-radius: 14px; border: 1px solid var(--border); background: var(--bg); color: var(--text);
  box-shadow: 0 10px 30px rgba(0,0,0,.18), 0 2px 6px rgba(0,0,0,.08);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start; }
:host([data-staffroom-theme="dark"]) .card { --bg: #1e2226; --text: #e8eaed; --muted: #9aa4ae; --border: #3a4148; --field: #15181b; --accent: #2dd4bf;
  --accent-text: #062925; --warn: #fcd34d; --warn-bg: #3a2a06; --danger: #f87171;
  color-scheme: dark; box-shadow: 0 10px 30px rgba(0,0,0,.6); }
* { box-sizing: border-box; }
.saved { display: flex; align-items: center; gap: 6px; margin: 0 0 4px; color: var(--accent); font-weight: 600; font-size: 13px; }
h2 { margin: 0 0 4px; font-size: 17px; line-height: 1.3; }
.excerpt { margin: 0 0 12px; color: var(--muted); font-size: 13px; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; unicode-bidi: plaintext; overflow-wrap: anywhere; }
form { display: grid; gap: 10px; margin: 0; }
label { display: grid; gap: 3px; font-weight: 600; font-size: 13px; }
.hint { font-weight: 400; color: var(--muted); font-size: 12px; }
input, textarea { font: inherit; font-weight: 400; color: var(--text); background: var(--field); width: 100%;
  border: 1px solid var(--border); border-radius: 8px; padding: 6px 9px; margin: 0; }
textarea { min-height: 3.2em; resize: vertical; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; align-items: end; }
@media (max-width: 420px) { .two { grid-template-columns: 1fr; } }
[aria-invalid="true"] { border-color: var(--danger); }
.error { margin: 0; color: var(--danger); font-size: 13px; }
.error:empty, .warning:empty { display: none; }
.warning { margin: 0; padding: 8px 10px; border-radius: 8px; background: var(--warn-bg); color: var(--warn); font-size: 13px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; margin-top: 2px; }
button { font: inherit; font-weight: 600; border-radius: 8px; padding: 6px 14px; cursor: pointer; margin: 0;
  border: 1px solid var(--border); background: transparent; color: var(--text); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button:disabled { opacity: .6; cursor: progress; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.done p { margin: 0 0 10px; }
@media (prefers-reduced-motion: no-preference) { .card { animation: rise .16s ease-out; } }
@keyframes rise { from { transform: translateY(8px); opacity: 0; } }`;

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function field(label, control, hint) {
    if (!hint) return el("label", {}, label, control);
    // A hint says what to write; once something is written it only takes room.
    const note = el("span", { class: "hint", text: hint });
    const update = () => { note.hidden = control.value.trim() !== ""; };
    control.addEventListener("input", update);
    update();
    return el("label", {}, label, note, control);
  }

  function excerpt(text) {
    const line = (text ?? "").replace(/[\u202A-\u202E\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
    return line.length > 140 ? `${line.slice(0, 139)}…` : line;
  }

  const dateValue = (ms) => {
    if (typeof ms !== "number") return "";
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  // A chosen day becomes 08:00 local time, so the reminder comes in the morning.
  const morningOf = (value) => {
    const [y, m, d] = value.split("-").map(Number);
    return value ? new Date(y, m - 1, d, 8).getTime() : null;
  };

  function openCard(record, result) {
    card?.close(false);
    const host = content.themed(el("div", { "data-staffroom-card": "" }));
    const shadow = host.attachShadow({ mode: "closed" });
    shadow.append(el("style", { text: CSS }));
    const titleId = "staffroom-card-title";
    const panel = el("div", { class: "card", role: "dialog", "aria-labelledby": titleId });
    shadow.append(panel);
    // Keys typed here must not reach the site's shortcuts (X likes a post on "l").
    for (const type of ["keydown", "keyup", "keypress", "click", "mousedown", "pointerdown"]) {
      panel.addEventListener(type, (event) => event.stopPropagation());
    }

    let noteField = null;
    let savedNote = result.idea?.note ?? "";
    const close = async (returnFocus = true) => {
      if (card?.host !== host) return;
      card = null;
      host.remove();
      if (returnFocus && record.button?.isConnected) record.button.focus();
      // "Later" keeps a note already typed: nothing the teacher wrote is thrown away.
      const note = noteField?.value.trim();
      if (note && note !== savedNote && record.id) await send({ type: "library/apply", op: { op: "update", id: record.id, patch: { note } } });
    };
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    card = { host, record, close };

    if (result.error) {
      const dismiss = el("button", { type: "button", class: "primary", text: "Close" });
      dismiss.addEventListener("click", () => close());
      panel.append(
        el("h2", { id: titleId, text: "Couldn't save this idea" }),
        el("p", { class: "error", role: "alert", text: result.error }),
        el("div", { class: "actions" }, dismiss),
      );
      document.documentElement.append(host);
      dismiss.focus();
      return;
    }

    const idea = result.idea ?? {};
    const plan = idea.plan ?? {};
    const what = el("textarea", { name: "what", rows: "2", required: "", "aria-required": "true" });
    what.value = plan.what ?? "";
    const group = el("input", { name: "group", autocomplete: "off", placeholder: "e.g. Year 9, set 2" });
    group.value = plan.group ?? "";
    const by = el("input", { name: "by", type: "date" });
    by.value = dateValue(plan.by);
    const success = el("textarea", { name: "success_criteria", rows: "2" });
    success.value = plan.success_criteria ?? "";
    const share = el("input", { name: "share_with", autocomplete: "off", placeholder: "e.g. my department" });
    share.value = plan.share_with ?? "";
    noteField = el("textarea", { name: "note", rows: "2" });
    noteField.value = savedNote;
    const error = el("p", { class: "error", role: "alert" });
    const warning = el("p", { class: "warning", role: "status" });
    warning.textContent = result.storage?.warning ?? "";
    const later = el("button", { type: "button", text: "Later" });
    later.addEventListener("click", () => close());
    const submit = el("button", { type: "submit", class: "primary", text: idea.plan ? "Update plan" : "Plan trial" });
    const form = el(
      "form",
      { novalidate: "" },
      field("What will I try?", what),
      el("div", { class: "two" }, field("With which class or group?", group), field("By when?", by)),
      field("How will I know it worked?", success, "The evidence you will look for"),
      field("Who will I share it with?", share),
      field("Why I saved it", noteField, "Optional"),
      error,
      warning,
      el("div", { class: "actions" }, later, submit),
    );
    const savedLine = el("p", { class: "saved" }, svg(TICK), result.applied?.created === false ? "Already in Your ideas" : "Saved to Your ideas");
    panel.append(
      savedLine,
      el("h2", { id: titleId, text: idea.plan ? "Your classroom trial" : "Plan a classroom trial" }),
      el("p", { class: "excerpt", dir: "auto", text: excerpt(idea.text || record.post.text) }),
      form,
    );

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      if (!what.value.trim()) {
        what.setAttribute("aria-invalid", "true");
        error.textContent = "Say what you will try: one line is enough.";
        what.focus();
        return;
      }
      what.removeAttribute("aria-invalid");
      submit.disabled = true;
      const note = noteField.value.trim();
      let response = { ok: true };
      if (note !== savedNote) {
        response = await send({ type: "library/apply", op: { op: "update", id: record.id, patch: { note } } });
        if (response.ok) savedNote = note;
      }
      if (response.ok) {
        const input = { what: what.value, group: group.value, by: morningOf(by.value), success_criteria: success.value, share_with: share.value };
        response = await send({ type: "library/apply", op: { op: "plan", id: record.id, plan: input } });
      }
      submit.disabled = false;
      if (!response.ok) {
        error.textContent = response.error;
        return;
      }
      showPlanned(panel, titleId, response.value, close);
    });

    document.documentElement.append(host);
    what.focus(); // the teacher just clicked Save: the next thing to do is here
  }

  function showPlanned(panel, titleId, value, close) {
    const by = value.idea?.plan?.by;
    const when = typeof by === "number"
      ? `I'll remind you on ${new Date(by).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" })}, then ask how it went a week later.`
      : "I'll ask how it went in a week.";
    const done = el("button", { type: "button", class: "primary", text: "Done" });
    done.addEventListener("click", () => close());
    const open = el("button", { type: "button", text: "Open Your ideas" });
    open.addEventListener("click", () => {
      send({ type: "library/open", hash: `#idea=${encodeURIComponent(value.applied.id)}` });
      close(false);
    });
    const warnings = [value.applied.warning, value.storage?.warning].filter(Boolean);
    panel.replaceChildren(
      el("p", { class: "saved" }, svg(TICK), "Trial planned"),
      el("h2", { id: titleId, text: "You're all set" }),
      el("div", { class: "done" }, el("p", { text: when }), ...warnings.map((text) => el("p", { class: "warning", role: "status", text }))),
      el("div", { class: "actions" }, open, done),
    );
    done.focus();
  }
})();
