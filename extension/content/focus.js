// Content: the focus-session chip and the review / waiting / quiet-hours cover (issue 5).
// The background owns the clock and the state; this script shows the view it computes and
// follows "focusState" through storage.onChanged, so every tab changes together. All UI lives
// in a closed shadow root; all text is set with textContent.
(() => {
  const content = globalThis.staffroomContent;
  const WATCHED_KEYS = ["focusState", "focusSettings"];
  const SCROLL_KEYS = new Set(["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " ", "Spacebar"]);
  const MILESTONE_MINUTES = new Set([5, 1]);

  const CSS = `
:host { all: initial !important; }
.ui { --bg: #f7f7f5; --surface: #fff; --text: #1c1f23; --muted: #5b6470; --border: #d9dcd6;
  --accent: #0f766e; --accent-text: #fff; --accent-soft: #e6f4f1; --danger: #b91c1c; --focus: #0f766e;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; color: var(--text); }
:host([data-staffroom-theme="dark"]) .ui { --bg: #15181b; --surface: #1e2226; --text: #e8eaed; --muted: #9aa4ae; --border: #343a40;
  --accent: #2dd4bf; --accent-text: #062925; --accent-soft: #12302c; --danger: #f87171; --focus: #5eead4; }
* { box-sizing: border-box; }
.chip { position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; pointer-events: none;
  display: flex; align-items: center; gap: 8px; padding: 5px 12px 5px 10px; border-radius: 999px;
  background: var(--surface); color: var(--text); border: 1px solid var(--border);
  box-shadow: 0 2px 10px rgba(0,0,0,.12); font-size: 13px; font-weight: 600; font-variant-numeric: tabular-nums; opacity: .95; }
.chip .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--accent); flex: none; }
.chip .tag { color: var(--muted); font-weight: 500; }
@media (max-width: 700px) { .chip { bottom: 72px; } }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; display: grid; place-items: center; padding: 16px;
  background: color-mix(in srgb, var(--bg) 90%, transparent); backdrop-filter: blur(14px); overscroll-behavior: contain; }
.dialog { width: 100%; max-width: 480px; max-height: calc(100vh - 32px); overflow: auto; background: var(--surface);
  border: 1px solid var(--border); border-radius: 16px; padding: 24px 24px 20px; box-shadow: 0 12px 48px rgba(0,0,0,.22); }
.dialog:focus { outline: none; }
.brand { margin: 0 0 6px; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--accent); }
h2 { font-size: 22px; line-height: 1.25; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
p { margin: 0 0 10px; }
.muted { color: var(--muted); }
.stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 14px 0 4px; padding: 0; list-style: none; }
.stats li { background: var(--accent-soft); border-radius: 10px; padding: 8px 10px; }
.stats strong { display: block; font-size: 22px; line-height: 1.2; font-variant-numeric: tabular-nums; }
.stats span { font-size: 13px; color: var(--muted); }
fieldset { border: 0; margin: 0; padding: 0; }
legend, .legend { font-weight: 700; margin: 0 0 8px; padding: 0; }
.planned { list-style: none; margin: 8px 0 0; padding: 0; }
.planned .idea { cursor: default; border-style: dashed; }
[data-ideas] { margin-top: 18px; }
.idea { display: flex; gap: 10px; align-items: flex-start; padding: 8px 10px; border: 1px solid var(--border); border-radius: 10px; margin-bottom: 6px; cursor: pointer; }
.idea input { margin-top: 4px; accent-color: var(--accent); }
.idea .text { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
.idea .by { display: block; font-size: 13px; color: var(--muted); }
.timer { font-size: 40px; font-weight: 700; font-variant-numeric: tabular-nums; margin: 6px 0 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 18px; }
button { font: inherit; font-weight: 600; border-radius: 8px; padding: 8px 16px; cursor: pointer;
  border: 1px solid var(--border); background: var(--surface); color: var(--text); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button:disabled { opacity: .55; cursor: not-allowed; }
button:focus-visible, input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.error { color: var(--danger); font-size: 14px; margin-top: 10px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-reduced-motion: no-preference) { .dialog { animation: rise .18s ease-out; } }
@keyframes rise { from { transform: translateY(8px); opacity: 0; } }
`;

  let host = null;
  let shadow = null;
  let ui = null;
  let current = null; // {view, settings} from the background
  let coverKey = ""; // what the open cover shows, to rebuild it only when that changes
  let chipTimer = 0;
  let countdownTimer = 0;
  let lastAnnouncedMinutes = 0;
  let opener = null; // the element focused before the cover opened, to give focus back
  let bodyWasInert = false;
  let lockedScroll = null;
  let alive = true;

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
      else if (key in node && !key.includes("-")) node[key] = value;
      else node.setAttribute(key, value);
    }
    node.append(...children.filter(Boolean));
    return node;
  };
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const clockTime = (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const mmss = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

  function ensureHost() {
    if (host?.isConnected) return;
    if (!host) {
      host = content.themed(document.createElement("staffroom-focus")); // in the page's theme, not the system's
      shadow = host.attachShadow({ mode: "closed" });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        shadow.adoptedStyleSheets = [sheet];
      } catch {
        shadow.append(el("style", { text: CSS })); // browsers that refuse a content script's sheet
      }
      ui = el("div", { className: "ui" });
      ui.append(el("div", { className: "sr", "aria-live": "polite", "data-live": "" }));
      shadow.append(ui);
      shadow.addEventListener("keydown", onDialogKey);
    }
    document.documentElement.append(host);
  }

  function announce(text) {
    const live = ui.querySelector("[data-live]");
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 50);
  }

  async function send(type, extra = {}) {
    try {
      const response = await chrome.runtime.sendMessage({ type, ...extra });
      if (response?.ok) render(response.value);
      return response ?? { ok: false, error: "no answer from Staffroom" };
    } catch (error) {
      // The extension was reloaded or removed: this page's script is orphaned; stand down.
      if (!chrome.runtime?.id) shutDown();
      return { ok: false, error: String(error?.message ?? error) };
    }
  }

  const refresh = () => send("focus/view");

  function render(value) {
    if (!alive) return;
    current = value;
    ensureHost();
    const { view } = value;
    renderChip(view);
    if (view.cover) openCover(view);
    else closeCover();
  }

  // ---- the chip (running) ----

  function renderChip(view) {
    clearTimeout(chipTimer);
    const phase = view.phase;
    let chip = ui.querySelector(".chip");
    if (phase.kind !== "running") {
      chip?.remove();
      lastAnnouncedMinutes = 0;
      return;
    }
    if (!chip) {
      chip = el("div", { className: "chip", role: "timer", "aria-label": "Focus session time left" },
        el("span", { className: "dot", "aria-hidden": "true" }), el("span", { className: "time" }), el("span", { className: "tag" }));
      ui.append(chip);
      announce(`Focus session started: ${plural(phase.minutes_left, "minute")}.`);
      lastAnnouncedMinutes = phase.minutes_left;
    }
    chip.querySelector(".tag").textContent = phase.tag ? `#${phase.tag}` : "";
    const update = () => {
      const left = phase.ends_at_ms - Date.now();
      if (left <= 0) return void send("focus/tick"); // time is up: the background moves to review
      const minutes = Math.ceil(left / 60_000);
      chip.querySelector(".time").textContent = `Focus · ${minutes} min left`;
      if (MILESTONE_MINUTES.has(minutes) && minutes < lastAnnouncedMinutes) announce(`${plural(minutes, "minute")} of focus left.`);
      lastAnnouncedMinutes = minutes;
      chipTimer = setTimeout(update, (left % 60_000 || 60_000) + 50);
    };
    update();
  }

  // ---- the cover (review, waiting, quiet) ----

  function openCover(view) {
    const key = JSON.stringify([view.cover, view.phase, view.extensions_left_today]);
    const existing = ui.querySelector(".backdrop");
    if (existing && key === coverKey) return;
    coverKey = key;
    const focusedAction = existing && shadow.activeElement?.dataset?.action;
    const dialog = el("div", { className: "dialog", role: "dialog", "aria-modal": "true", tabIndex: -1, "aria-labelledby": "focus-title", "aria-describedby": "focus-desc" });
    dialog.append(el("p", { className: "brand", text: "Staffroom focus" }), ...coverContent(view));
    const backdrop = el("div", { className: "backdrop", "data-cover": view.cover }, dialog);
    if (existing) existing.replaceWith(backdrop);
    else {
      ui.append(backdrop);
      lockPage();
    }
    const again = focusedAction && shadow.querySelector(`[data-action="${focusedAction}"]`);
    (again || dialog).focus({ preventScroll: true });
  }

  function closeCover() {
    clearInterval(countdownTimer);
    const existing = ui?.querySelector(".backdrop");
    if (!existing) return;
    existing.remove();
    coverKey = "";
    unlockPage();
  }

  function coverContent(view) {
    clearInterval(countdownTimer);
    if (view.phase.kind === "review") return reviewContent(view);
    if (view.phase.kind === "waiting") return waitingContent(view);
    return quietContent(view);
  }

  function actionButton(label, action, handler, { primary = false, disabled = false } = {}) {
    return el("button", { type: "button", text: label, className: primary ? "primary" : "", disabled, "data-action": action, on: { click: handler } });
  }

  async function act(type, extra) {
    const response = await send(type, extra);
    if (response.ok) return;
    const dialog = ui.querySelector(".dialog");
    dialog?.querySelector(".error")?.remove();
    dialog?.append(el("p", { className: "error", role: "alert", text: response.error }));
  }

  function reviewContent(view) {
    const { stats, can_extend } = view.phase;
    const about = stats.extensions_used ? ` (${stats.planned_minutes} planned + ${plural(stats.extensions_used, "extension")})` : "";
    const nodes = [
      el("h2", { id: "focus-title", text: "Time's up: a quick review" }),
      el("p", { id: "focus-desc", className: "muted", text: `Your focus session has ended${about}. What will you take into the classroom?` }),
      el("ul", { className: "stats" },
        el("li", {}, el("strong", { text: String(stats.minutes_spent) }), el("span", { text: "minutes" })),
        el("li", {}, el("strong", { text: String(stats.posts_seen) }), el("span", { text: "posts seen" })),
        el("li", {}, el("strong", { text: String(stats.posts_hidden) }), el("span", { text: "posts hidden" }))),
    ];
    const ideas = el("div", { "data-ideas": "" });
    const actions = el("div", { className: "actions" });
    const done = actionButton("Done", "done", () => act("focus/done"), { primary: !stats.ideas_saved.length });
    nodes.push(ideas);
    fillIdeas(ideas, actions, done, stats.ideas_saved);
    if (can_extend) {
      const left = view.extensions_left_today;
      actions.append(actionButton(`${view.extension_minutes} more minutes`, "extend", () => act("focus/extend")));
      actions.lastChild.setAttribute("aria-describedby", "extend-hint");
      nodes.push(el("p", { id: "extend-hint", className: "sr", text: `${left} left today` }));
    }
    actions.append(done);
    nodes.push(actions);
    return nodes;
  }

  // The saved ideas' text comes from the library ("library" in storage.local), shown as text only.
  // "Plan it now" offers the ideas without a trial plan; those with one are listed, not nagged.
  async function fillIdeas(container, actions, done, ids) {
    if (!ids.length) {
      container.append(el("p", { text: "No ideas saved this session. That's fine: not every scroll finds one." }));
      return;
    }
    const { library } = await chrome.storage.local.get("library").catch(() => ({}));
    const byId = new Map((library?.ideas ?? []).map((idea) => [idea.id, idea]));
    const unplanned = ids.filter((id) => !byId.get(id)?.plan);
    const planned = ids.filter((id) => byId.get(id)?.plan);
    const saved = `You saved ${plural(ids.length, "idea")}`;
    if (unplanned.length) {
      const ask = planned.length ? `${saved}; ${unplanned.length} without a trial plan. Plan one now?` : `${saved}. Plan one now?`;
      const fieldset = el("fieldset", {}, el("legend", { text: ask }));
      unplanned.forEach((id, i) => {
        const radio = el("input", { type: "radio", name: "plan", value: id, checked: i === 0, "data-action": `idea-${i}` });
        fieldset.append(el("label", { className: "idea" }, radio, ideaText(byId.get(id))));
      });
      container.append(fieldset);
      actions.append(actionButton("Plan it now", "plan", () => {
        const chosen = fieldset.querySelector("input:checked")?.value;
        if (chosen) act("focus/plan", { id: chosen });
      }, { primary: true }));
    } else {
      container.append(el("p", { className: "legend", text: `${saved}, each with a trial plan. Well done.` }));
      done.classList.add("primary");
    }
    if (planned.length) {
      container.append(el("ul", { className: "planned", "aria-label": "Saved ideas with a trial plan" },
        ...planned.map((id) => el("li", { className: "idea", "data-planned": "" }, ideaText(byId.get(id), "trial planned")))));
    }
  }

  function ideaText(idea, note) {
    const handle = idea?.author?.handle?.replace(/^@/, "");
    const about = [handle && `@${handle}`, note].filter(Boolean).join(" · ");
    return el("span", {}, el("span", { className: "text", text: idea?.text?.trim() || "Saved idea" }), about ? el("span", { className: "by", text: about }) : "");
  }

  function waitingContent(view) {
    const { until_ms, minutes, tag } = view.phase;
    const timer = el("p", { className: "timer", role: "timer", "aria-label": "Time until you can start" });
    const start = actionButton(`Start ${minutes}-minute session`, "start", () => act("focus/start", { minutes, tag }), { primary: true, disabled: true });
    const tick = () => {
      const seconds = Math.max(0, Math.ceil((until_ms - Date.now()) / 1000));
      timer.textContent = mmss(seconds);
      if (seconds === 0 && start.disabled) {
        start.disabled = false;
        clearInterval(countdownTimer);
        announce("You can start your session now.");
      }
    };
    tick();
    countdownTimer = setInterval(tick, 1000);
    return [
      el("h2", { id: "focus-title", text: "Today's focus budget is spent" }),
      el("p", { id: "focus-desc", text: `You have had ${view.budget_used_minutes} minutes today; your daily budget is ${view.budget_minutes}. Take a breath: your ${minutes}-minute session${tag ? ` on #${tag}` : ""} can start in` }),
      timer,
      el("div", { className: "actions" }, actionButton("Not now", "cancel", () => act("focus/done")), start),
    ];
  }

  function quietContent(view) {
    const minutes = current.settings?.quiet_override_minutes ?? 15;
    const nodes = [
      el("h2", { id: "focus-title", text: "Quiet hours" }),
      el("p", { id: "focus-desc", text: `Your timeline is resting until ${clockTime(view.phase.until_ms)}.` }),
      el("p", { className: "muted", text: "You set these hours aside for your class and yourself." }),
    ];
    const actions = el("div", { className: "actions" });
    const ask = () => {
      actions.replaceChildren(
        actionButton("Keep it quiet", "keep", showFirstStep),
        actionButton(`Yes, open it for ${minutes} minutes`, "confirm-override", () => act("focus/overrideQuiet"), { primary: true }),
      );
      actions.lastChild.focus();
    };
    const showFirstStep = () => {
      actions.replaceChildren(actionButton("Show the timeline anyway…", "override", ask));
      actions.firstChild.focus();
    };
    actions.append(actionButton("Show the timeline anyway…", "override", ask));
    nodes.push(actions);
    return nodes;
  }

  function onDialogKey(event) {
    const dialog = ui.querySelector(".dialog");
    if (!dialog) return;
    if (event.key === "Escape") {
      event.preventDefault();
      const phase = current?.view?.phase?.kind;
      if (phase === "review" || phase === "waiting") act("focus/done");
      else shadow.querySelector('[data-action="keep"]')?.click(); // quiet hours need a deliberate override
      return;
    }
    if (event.key === "Tab") {
      const focusable = [...dialog.querySelectorAll("button:not(:disabled), input:not(:disabled)")].filter(
        (node) => node.type !== "radio" || node.checked,
      );
      if (!focusable.length) return event.preventDefault();
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = shadow.activeElement;
      if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    // Keys that would scroll the page beneath (a radio group uses the arrows itself).
    if (SCROLL_KEYS.has(event.key) && shadow.activeElement?.type !== "radio" && !(event.key === " " && shadow.activeElement?.tagName === "BUTTON")) {
      event.preventDefault();
    }
  }

  // ---- keeping the page beneath still and out of reach ----

  function blockWheel(event) {
    event.preventDefault();
    const dialog = ui.querySelector(".dialog");
    if (dialog && event.target === host && event.deltaY) dialog.scrollTop += event.deltaY; // a tall dialog still scrolls
  }
  const blockTouch = (event) => event.preventDefault();
  function blockKeys(event) {
    if (event.target !== host && SCROLL_KEYS.has(event.key)) event.preventDefault();
  }
  function holdScroll() {
    if (lockedScroll && (scrollX !== lockedScroll.x || scrollY !== lockedScroll.y)) scrollTo(lockedScroll.x, lockedScroll.y);
  }
  // Focus that lands outside while the cover is open (the page's own scripts) is taken back.
  function keepFocus(event) {
    if (event.target !== host) ui.querySelector(".dialog")?.focus({ preventScroll: true });
  }

  function lockPage() {
    opener = document.activeElement !== host ? document.activeElement : null;
    lockedScroll = { x: scrollX, y: scrollY };
    addEventListener("wheel", blockWheel, { passive: false, capture: true });
    addEventListener("touchmove", blockTouch, { passive: false, capture: true });
    addEventListener("keydown", blockKeys, { capture: true });
    addEventListener("scroll", holdScroll, { capture: true });
    document.addEventListener("focusin", keepFocus, { capture: true });
    setInert(true);
  }

  function unlockPage() {
    removeEventListener("wheel", blockWheel, { capture: true });
    removeEventListener("touchmove", blockTouch, { capture: true });
    removeEventListener("keydown", blockKeys, { capture: true });
    removeEventListener("scroll", holdScroll, { capture: true });
    document.removeEventListener("focusin", keepFocus, { capture: true });
    lockedScroll = null;
    setInert(false);
    if (opener?.isConnected) opener.focus({ preventScroll: true });
    opener = null;
  }

  // The page beneath leaves the tab order and the accessibility tree while covered.
  function setInert(on) {
    const body = document.body;
    if (!body) return void (on && document.addEventListener("DOMContentLoaded", () => lockedScroll && setInert(true), { once: true }));
    if (on) {
      bodyWasInert = body.inert;
      body.inert = true;
    } else body.inert = bodyWasInert;
  }

  function shutDown() {
    alive = false;
    clearTimeout(chipTimer);
    clearInterval(countdownTimer);
    if (ui?.querySelector(".backdrop")) unlockPage();
    host?.remove();
  }

  function start() {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === "local" && WATCHED_KEYS.some((key) => key in changes)) refresh();
    });
    // Timers sleep in hidden tabs and suspended laptops: catch up when the tab is seen again.
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && refresh());
    refresh();
  }

  const onKnownHost = STAFFROOM_SITES.some((s) => s.hosts?.includes(location.hostname));
  if (onKnownHost) start();
  else {
    // Sites recognised by their markup (any Mastodon instance) can only be told once parsed.
    const detect = () => STAFFROOM_SITES.some((s) => s.detect && document.querySelector(s.detect)) && start();
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", detect, { once: true });
    else detect();
  }
})();
