// The content script: finds posts with the site's adapter, sends them to the background in
// one batch per animation frame, and applies the verdicts as attributes the stylesheet acts on.
// Nodes are never removed; hidden runs collapse behind one placeholder.
(() => {
  const site = STAFFROOM_SITES.find((s) => s.hosts?.includes(location.hostname))
    ?? STAFFROOM_SITES.find((s) => s.detect && document.querySelector(s.detect));
  if (!site) return;

  const REASON_LABELS = { lens: "off-topic", mute: "muted", account: "muted account", troll: "hostile", noise: "noise" };
  const REASON_ORDER = ["account", "troll", "mute", "noise", "lens"];

  const posts = new Map(); // id → element, for posts awaiting or holding a verdict
  const keys = new WeakMap(); // element → content key, to notice a re-rendered post
  const verdicts = new WeakMap(); // element → {verdict, reasons}
  const queued = new Set();
  let nextId = 1;
  let port = null;
  let batch = 0;
  let frame = 0;

  // Posts' own text, with emoji images read as their alt text.
  function readText(element) {
    if (!element) return "";
    let text = "";
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) text += node.data;
      else if (node.tagName === "IMG" && node.alt) text += node.alt;
      else if (node.tagName === "BR") text += "\n";
    }
    return text;
  }

  function handleFrom(href) {
    try {
      return decodeURIComponent(new URL(href, location.href).pathname.split("/").filter(Boolean)[0] ?? "");
    } catch {
      return "";
    }
  }

  function tagFrom(href) {
    try {
      const parts = new URL(href, location.href).pathname.split("/").filter(Boolean);
      return decodeURIComponent(parts[parts.length - 1] ?? "");
    } catch {
      return "";
    }
  }

  function kindOf(element) {
    for (const rule of site.kinds ?? []) {
      const hit = rule.ancestor ? element.closest(rule.ancestor) : element.querySelector(rule.selector);
      if (hit) return rule.kind;
    }
    return "post";
  }

  function describe(element) {
    const textElement = element.querySelector(site.text);
    return {
      text: readText(textElement),
      author: handleFrom(element.querySelector(site.author)?.getAttribute("href") ?? ""),
      hashtags: [...(textElement ?? element).querySelectorAll(site.hashtags)].map((a) => tagFrom(a.getAttribute("href"))).filter(Boolean),
      lang: textElement?.getAttribute("lang") || undefined,
      kind: kindOf(element),
      permalink: element.querySelector(site.permalink)?.href,
    };
  }

  function itemOf(element) {
    return (site.item && element.closest(site.item)) || element;
  }

  function consider(element) {
    const description = describe(element);
    const key = `${description.permalink ?? ""}\u0000${description.text}`;
    if (keys.get(element) === key) return;
    keys.set(element, key);
    if (!element.dataset.staffroomId) element.dataset.staffroomId = `p${nextId++}`;
    element.dataset.staffroomVerdict = "pending";
    posts.set(element.dataset.staffroomId, element);
    queued.add(element);
    frame ||= requestAnimationFrame(flush);
  }

  function scan(root) {
    const column = document.querySelector(site.column);
    if (!column) return;
    if (root.nodeType !== Node.ELEMENT_NODE) root = root.parentElement;
    if (!root || !column.contains(root) && !root.contains(column)) return;
    const own = root.closest(site.post);
    if (own && column.contains(own)) consider(own);
    for (const element of (root.contains(column) ? column : root).querySelectorAll(site.post)) consider(element);
  }

  function connect() {
    port = chrome.runtime.connect({ name: "staffroom-filter" });
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(() => {
      port = null;
      // The background was stopped or reloaded: ask again for whatever is still waiting.
      for (const element of posts.values()) if (element.dataset.staffroomVerdict === "pending") queued.add(element);
      if (queued.size) frame ||= requestAnimationFrame(flush);
    });
  }

  function flush() {
    frame = 0;
    const items = [];
    for (const element of queued) {
      if (!element.isConnected) continue;
      const { permalink, ...post } = describe(element);
      items.push({ id: element.dataset.staffroomId, ...post });
    }
    queued.clear();
    if (!items.length) return;
    if (!port) connect();
    port.postMessage({ type: "classify", site: site.id, batch: ++batch, posts: items });
  }

  function onMessage(message) {
    if (message.type === "refresh") {
      for (const element of posts.values()) {
        if (element.isConnected) queued.add(element);
        else posts.delete(element.dataset.staffroomId);
      }
      frame ||= requestAnimationFrame(flush);
      return;
    }
    if (message.type !== "verdicts") return;
    document.documentElement.toggleAttribute("data-staffroom-demetricate", Boolean(message.noise?.demetricate));
    for (const result of message.verdicts) {
      const element = posts.get(result.id);
      if (!element) continue;
      verdicts.set(element, result);
      element.dataset.staffroomVerdict = result.verdict;
      if (result.verdict === "warn") showWarning(element, result.reasons);
    }
    collapseRuns();
  }

  function primaryReason(reasons) {
    return [...reasons].sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind))[0];
  }

  function showWarning(element, reasons) {
    if (element.querySelector(":scope > [data-staffroom-warning]")) return;
    const cover = document.createElement("div");
    cover.dataset.staffroomWarning = "";
    const label = document.createElement("span");
    label.textContent = `Staffroom: ${reasons.map((r) => r.detail).join("; ")}`;
    const reveal = document.createElement("button");
    reveal.type = "button";
    reveal.textContent = "Show post";
    reveal.addEventListener("click", (event) => {
      event.stopPropagation();
      element.toggleAttribute("data-staffroom-revealed", true);
      cover.remove();
    });
    cover.append(label, reveal);
    element.prepend(cover);
  }

  // Consecutive hidden posts share one placeholder, placed in the first item of the run.
  function collapseRuns() {
    const column = document.querySelector(site.column);
    if (!column) return;
    const runs = [];
    let run = null;
    for (const element of column.querySelectorAll(site.post)) {
      const item = itemOf(element);
      const result = verdicts.get(element);
      if (result?.verdict === "hide" && !item.hasAttribute("data-staffroom-revealed")) {
        run ??= { items: [], reasons: [] };
        run.items.push(item);
        run.reasons.push(primaryReason(result.reasons)?.kind ?? "lens");
        runs.push(run);
      } else if (result || element.dataset.staffroomVerdict !== "pending") {
        run = null;
      }
    }
    const starts = new Set();
    for (const { items, reasons } of new Set(runs)) {
      const [first, ...rest] = items;
      starts.add(first);
      first.dataset.staffroomItem = "run-start";
      for (const item of rest) {
        item.dataset.staffroomItem = "collapsed";
        item.querySelector(":scope > [data-staffroom-placeholder]")?.remove();
      }
      placeholderFor(first, items, reasons);
    }
    for (const item of column.querySelectorAll('[data-staffroom-item="run-start"]')) {
      if (!starts.has(item)) {
        delete item.dataset.staffroomItem;
        item.querySelector(":scope > [data-staffroom-placeholder]")?.remove();
      }
    }
    for (const item of column.querySelectorAll('[data-staffroom-item="collapsed"]')) {
      if (!runs.some((r) => r.items.includes(item))) delete item.dataset.staffroomItem;
    }
  }

  function placeholderFor(first, items, reasons) {
    let placeholder = first.querySelector(":scope > [data-staffroom-placeholder]");
    if (!placeholder) {
      placeholder = document.createElement("div");
      placeholder.dataset.staffroomPlaceholder = "";
      placeholder.setAttribute("role", "note");
      const summary = document.createElement("span");
      const show = document.createElement("button");
      show.type = "button";
      show.textContent = "show";
      placeholder.append(summary, show);
      first.prepend(placeholder);
    }
    const counts = {};
    for (const kind of reasons) counts[kind] = (counts[kind] ?? 0) + 1;
    const parts = Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => `${REASON_LABELS[kind] ?? kind} ${count}`);
    const noun = items.length === 1 ? "post" : "posts";
    placeholder.firstChild.textContent = `${items.length} ${noun} hidden · ${parts.join(" · ")} · `;
    const show = placeholder.lastChild;
    show.setAttribute("aria-label", `Show ${items.length} hidden ${noun}`);
    show.onclick = (event) => {
      event.stopPropagation();
      for (const item of items) {
        item.toggleAttribute("data-staffroom-revealed", true);
        delete item.dataset.staffroomItem;
      }
      placeholder.remove();
    };
  }

  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "characterData") scan(mutation.target);
      else {
        scan(mutation.target);
        for (const node of mutation.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) scan(node);
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  if (document.documentElement) scan(document.documentElement);
})();
