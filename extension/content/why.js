// Content: "why?" beside a shown post's "Save idea" button. It names what the lens read
// ("on topic: 'year 9', 'cold calling'") and offers "Not for me", one example that teaches the
// lens's own model. save.js places it; it lives in a closed shadow root like our other UI.
(() => {
  const content = (globalThis.staffroomContent = globalThis.staffroomContent ?? {});

  const STYLE = `
    :host { all: initial; display: inline-block; position: relative; vertical-align: middle; margin-left: 4px;
      --accent: #0f766e; --tint: rgba(15, 118, 110, .1); --line: rgba(83, 100, 113, .3); --surface: #ffffff; --text: #0f1419; }
    :host([data-staffroom-theme="dark"]) {
      --accent: #5eead4; --tint: rgba(45, 212, 191, .12); --line: rgba(139, 152, 165, .35); --surface: #16181c; --text: #e7e9ea; }
    button { font: 600 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--accent);
      background: none; border: 0; border-radius: 4px; padding: 4px 6px; cursor: pointer;
      text-decoration: underline; text-underline-offset: 2px; }
    button:hover { background: var(--tint); }
    button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .panel { position: absolute; right: 0; bottom: calc(100% + 6px); z-index: 2147483647; width: max-content;
      max-width: 280px; padding: 8px 10px; border-radius: 8px; border: 1px solid var(--line);
      background: var(--surface); color: var(--text); box-shadow: 0 4px 16px rgba(0, 0, 0, .18);
      font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: normal; }
    .panel[hidden] { display: none; }
    p { margin: 0 0 6px; }
    .status:empty { display: none; }`;

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  /** Puts the "why?" after `anchor` (the post's Save button), or removes it when the lens said nothing. */
  content.placeWhy = (anchor, post) => {
    const old = anchor.nextElementSibling?.localName === "staffroom-why" ? anchor.nextElementSibling : null;
    old?.remove();
    if (!post.evidence?.length) return;
    const host = content.themed(document.createElement("staffroom-why"));
    const root = host.attachShadow({ mode: "closed" });
    const toggle = el("button", { type: "button", "aria-expanded": "false", "aria-label": "Why is this post shown?" }, "why?");
    const status = el("p", { class: "status", role: "status" });
    const notForMe = el("button", { type: "button" }, "Not for me");
    const panel = el("div", { class: "panel", hidden: "" }, el("p", {}, post.evidence.join("; ")), notForMe, status);
    // A constructed sheet: the sites' CSPs (Mastodon's allows styles by nonce only) refuse a <style>.
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(el("style", {}, STYLE)); // browsers that refuse a content script's sheet
    }
    root.append(toggle, panel);
    // The post around us navigates on click and the site has key shortcuts.
    for (const type of ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup", "keypress"]) {
      host.addEventListener(type, (event) => event.stopPropagation());
    }
    toggle.addEventListener("click", (event) => {
      event.preventDefault();
      panel.hidden = !panel.hidden;
      toggle.setAttribute("aria-expanded", String(!panel.hidden));
    });
    notForMe.addEventListener("click", (event) => {
      event.preventDefault();
      content.teachLens?.(post.text, false, status);
    });
    anchor.after(host);
  };
})();
