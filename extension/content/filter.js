// The content script: finds posts with the site's adapter (sites.js), marks each one pending
// before the page paints, sends them to the background's engine (at most one batch per
// animation frame) and applies the verdicts as attributes staffroom.css acts on. Nodes are never
// removed: a run of hidden posts collapses behind one placeholder, a warned post is blurred
// behind its reason. Our UI lives in closed shadow roots: the page cannot read the reasons.
(() => {
  const content = globalThis.staffroomContent;
  if (content.site) return; // injected twice (by the manifest and by an instance registration)
  const bySite = STAFFROOM_SITES.find((s) => s.hosts?.includes(location.hostname));
  if (bySite) start(bySite);
  else {
    // Sites recognised by their markup (any Mastodon instance) can only be told once parsed.
    const detect = () => {
      const site = STAFFROOM_SITES.find((s) => s.detect && document.querySelector(s.detect));
      if (site && !content.site) start(site);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", detect, { once: true });
    else detect();
  }

  function start(site) {
    content.site = site;
    const counts = content.counts;
    counts.start();
    const modules = site.modules ?? [];
    const postSelector = [site.post, ...modules.map((m) => m.rows)].join(", ");
    const OURS = "staffroom-placeholder, staffroom-warning";

    const state = new WeakMap(); // element → {id, key, identity, counted, verdict?, reasons, post, shown, ordered, item, column}
    const byId = new Map(); // id → element, while a verdict is awaited or held
    const moduleOf = new WeakMap(); // module heading → its module
    const queued = new Set();
    const revealedItems = new WeakSet(); // items of hidden runs the user chose to see
    const placeholders = new Map(); // first item of a run → its placeholder
    let ordered = []; // recognised posts in document order: runs are found without querying the page
    let markedItems = new Set();
    let nextId = 1;
    let port = null;
    let batch = 0;
    let frame = 0;
    let sentThisFrame = false;
    let runsDirty = false;

    // ---- reading a post -----------------------------------------------------------------------

    // Text as the reader sees it, emoji images read as their alt text.
    function readText(element) {
      let text = "";
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) text += node.data;
        else if (node.tagName === "IMG" && node.alt) text += node.alt;
        else if (node.tagName === "BR") text += "\n";
      }
      return text;
    }

    // Inside a quoted post that sits within `element` (its own fields are never read there).
    function inQuote(element, node) {
      const quote = site.quote && node.parentElement?.closest(site.quote);
      return Boolean(quote && quote !== element && element.contains(quote));
    }

    function own(element, selector) {
      for (const match of element.querySelectorAll(selector)) if (!inQuote(element, match)) return match;
      return null;
    }

    // The first match outside the quote that lies before (precedes) or after (follows) the post's
    // first landmark, neither holding it nor inside it; any match when the spec names no landmark.
    function ownPlaced(element, spec) {
      const landmarkSelector = spec.precedes ?? spec.follows;
      if (!landmarkSelector) return own(element, spec.selector);
      const landmark = own(element, landmarkSelector);
      if (!landmark) return null;
      const side = spec.precedes ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING;
      const nested = Node.DOCUMENT_POSITION_CONTAINS | Node.DOCUMENT_POSITION_CONTAINED_BY;
      for (const match of element.querySelectorAll(spec.selector)) {
        const position = landmark.compareDocumentPosition(match);
        if (position & side && !(position & nested) && !inQuote(element, match)) return match;
      }
      return null;
    }

    function ownAll(element, selector) {
      return selector ? [...element.querySelectorAll(selector)].filter((match) => !inQuote(element, match)) : [];
    }

    function pathSegment(href, index) {
      try {
        return decodeURIComponent(new URL(href, location.href).pathname.split("/").filter(Boolean).at(index) ?? "");
      } catch {
        return "";
      }
    }

    function pathPrefix(href, count) {
      try {
        return `/${new URL(href, location.href).pathname.split("/").filter(Boolean).slice(0, count).join("/")}`;
      } catch {
        return "";
      }
    }

    function readValue(element, spec) {
      if (!spec) return "";
      let node = element;
      if (spec.quoted) {
        const quote = site.quote && own(element, site.quote);
        node = quote && (quote.matches(spec.selector) ? quote : quote.querySelector(spec.selector));
      } else if (spec.selector) node = ownPlaced(element, spec);
      if (!node) return "";
      let value = spec.attr ? node.getAttribute(spec.attr) ?? "" : readText(node);
      if (spec.after) value = value.includes(spec.after) ? value.slice(value.indexOf(spec.after) + spec.after.length) : "";
      if (spec.segment !== undefined) value = pathSegment(value, spec.segment);
      if (spec.pathSegments !== undefined) value = pathPrefix(value, spec.pathSegments);
      value = value.replace(/[\u200e\u200f\u202a-\u202e]/g, "").trim().replace(/^@/, "");
      if (spec.domain && value && !value.includes("@")) value += `@${location.hostname}`;
      return value;
    }

    function absolute(href) {
      try {
        const url = new URL(href, location.href);
        const proxy = site.linkRedirect;
        return (proxy && url.hostname === proxy.host && url.searchParams.get(proxy.param)) || url.href;
      } catch {
        return "";
      }
    }

    function rowModule(element) {
      return modules.find((m) => element.matches(m.rows)) ?? moduleOf.get(element);
    }

    function itemOf(element) {
      return (site.item && element.closest(site.item)) || element;
    }

    // The heading cell above a module's rows, or null.
    function headingOf(row, module) {
      if (!module.heading || !site.item) return null;
      let cell = itemOf(row).previousElementSibling;
      while (cell?.querySelector(module.rows)) cell = cell.previousElementSibling;
      return cell?.querySelector(module.heading) ?? null;
    }

    // What identifies the post's content; null when it is not drawn in full right now (Mastodon
    // swaps off-screen posts for bare text) or is not a post at all.
    function keyOf(element) {
      const module = rowModule(element);
      if (module) return module.requireHeading && element.matches(module.rows) && !headingOf(element, module) ? null : element.textContent;
      if (site.author.selector && !own(element, site.author.selector)) return null;
      return `${permalinkOf(element)}\u0000${(site.text && own(element, site.text)?.textContent) ?? ""}`;
    }

    // What a post is, however often the site draws it (X's virtual list makes new elements, a
    // suggestion's "Follow" becomes "Following"): its link or account, else its content.
    function identityOf(element, key) {
      const module = rowModule(element);
      return (module ? readValue(element, module.author) : permalinkOf(element)) || key;
    }

    // A module's heading and rows such as its "Show more" link collapse with it but are not posts.
    function isPost(element) {
      const module = rowModule(element);
      return !module || (element.matches(module.rows) && (!module.posts || element.matches(module.posts)));
    }

    // The post's own link; on a conversation page, the post drawn without one is the page's post.
    function permalinkOf(element) {
      const href = readValue(element, site.permalink);
      if (href || !site.pagePost || !location.pathname.includes(site.pagePost)) return href;
      return location.pathname;
    }

    // The page is about this post when its path holds the post's id (the permalink's last segment):
    // the page may name the author differently (a DID for a handle, a remote account's host).
    function isPagePost(permalink) {
      const id = pathSegment(permalink, -1);
      return Boolean(id) && location.pathname.split("/").includes(id);
    }

    function kindOf(element, permalink) {
      for (const rule of site.kinds ?? []) {
        if (rule.ancestor && element.closest(rule.ancestor)) return rule.kind;
        if (rule.has && own(element, rule.has)) return rule.kind;
        if (rule.matches && element.matches(rule.matches)) return rule.kind;
        if (rule.value && readValue(element, rule.value)) return rule.kind;
        if (rule.page && location.pathname.includes(rule.page) && permalink && !isPagePost(permalink)) return rule.kind;
      }
      return "post";
    }

    function describe(element) {
      const module = rowModule(element);
      if (module) {
        return { text: readText(element).replace(/\s+/g, " ").trim(), author: readValue(element, module.author) || undefined, kind: module.kind, related_authors: [], hashtags: undefined };
      }
      const textElement = site.text && own(element, site.text);
      const permalinkHref = permalinkOf(element);
      const permalink = permalinkHref ? absolute(permalinkHref) : undefined;
      const tags = ownAll(element, site.hashtags).map((a) => pathSegment(a.getAttribute("href"), -1)).filter(Boolean);
      const author = readValue(element, site.author);
      return {
        text: textElement ? readText(textElement) : "",
        author: author || undefined,
        // The site's own links; the engine parses the text only when there are none.
        hashtags: tags.length ? [...new Set(tags)] : undefined,
        lang: textElement?.getAttribute("lang") || undefined, // the post's, never the page's UI language
        kind: kindOf(element, permalink),
        related_authors: [...new Set((site.related ?? []).map((spec) => readValue(element, spec)).filter((h) => h && h !== author))],
        authorName: readValue(element, site.authorName).replace(/\s*@\S+$/, "") || author,
        links: [...new Set(ownAll(element, site.links).map((a) => absolute(a.getAttribute("href"))).filter(Boolean))],
        permalink,
        postedAt: (site.time && own(element, site.time)?.getAttribute("datetime")) || undefined,
      };
    }

    // ---- finding posts ------------------------------------------------------------------------

    function consider(element) {
      if (!element.closest(site.columns)) return;
      const key = keyOf(element);
      if (key === null) return;
      const known = state.get(element);
      if (known && !known.ordered) {
        // Put back after the site moved it: it may sit in another item or column now.
        order(element);
        known.item = itemOf(element);
        known.column = element.closest(site.columns);
      }
      if (known?.key === key) return restore(element, known);
      if (known) byId.delete(known.id);
      const identity = identityOf(element, key);
      if (known?.counted && known.identity !== identity) counts.forget(known.identity);
      if (!known) {
        order(element);
        counts.watch(element, () => [state.get(element)]);
      }
      const entry = {
        id: `p${nextId++}`, key, identity, counted: isPost(element),
        verdict: undefined, reasons: [], post: null, shown: false,
        ordered: true, item: itemOf(element), column: element.closest(site.columns),
      };
      state.set(element, entry);
      byId.set(entry.id, element);
      element.dataset.staffroomVerdict = "pending";
      element.removeAttribute("data-staffroom-revealed");
      removeWarning(element);
      queued.add(element);
      // A module's rows are recognised with the heading cell that starts it.
      const module = rowModule(element);
      const heading = module && element.matches(module.rows) && headingOf(element, module);
      if (heading && !state.has(heading)) {
        moduleOf.set(heading, module);
        consider(heading);
      }
    }

    // Sites add posts at either end and rarely move them: a binary search places each new one.
    function order(element) {
      let low = 0;
      let high = ordered.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (ordered[middle].compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) low = middle + 1;
        else high = middle;
      }
      ordered.splice(low, 0, element);
      const entry = state.get(element);
      if (entry) entry.ordered = true;
    }

    function prune() {
      if (ordered.every((element) => element.isConnected)) return;
      ordered = ordered.filter((element) => {
        if (element.isConnected) return true;
        const entry = state.get(element);
        if (entry) entry.ordered = false;
        return false;
      });
    }

    // A post whose content is unchanged but whose decorations the site threw away.
    function restore(element, entry) {
      if (entry.verdict === "warn" && !element.hasAttribute("data-staffroom-revealed")) showWarning(element, entry.reasons);
    }

    // Posts in or around an added node; `inside` only: the post a change happened in.
    function collect(node, into, inside = false) {
      const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      if (!element || element.matches(OURS)) return;
      const post = element.closest(postSelector);
      if (post) into.add(post);
      else if (!inside) for (const found of element.querySelectorAll(postSelector)) into.add(found);
    }

    function onMutations(mutations) {
      const found = new Set();
      for (const mutation of mutations) {
        if (mutation.type === "characterData") collect(mutation.target, found, true);
        else {
          for (const node of mutation.addedNodes) collect(node, found);
          if (mutation.addedNodes.length) collect(mutation.target, found, true);
          for (const node of mutation.removedNodes) {
            if (node.nodeType === Node.ELEMENT_NODE && (node.matches("[data-staffroom-item], staffroom-placeholder") || node.querySelector("[data-staffroom-item], staffroom-placeholder"))) runsDirty = true;
          }
        }
      }
      if (found.size) prune();
      for (const element of found) consider(element);
      if (queued.size) sentThisFrame ? nextFrame() : flush();
      else if (runsDirty) nextFrame();
    }

    // ---- talking to the background --------------------------------------------------------------

    function nextFrame() {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        sentThisFrame = false;
        if (queued.size) flush();
        if (runsDirty) collapseRuns();
      });
    }

    function connect() {
      port = chrome.runtime.connect({ name: "staffroom-filter" });
      port.onMessage.addListener(onMessage);
      port.onDisconnect.addListener(() => {
        port = null;
        // The background was stopped or reloaded: ask again for whatever is still waiting.
        for (const element of byId.values()) if (element.isConnected && state.get(element)?.verdict === undefined) queued.add(element);
        if (queued.size) nextFrame();
      });
    }

    function flush() {
      // A page still being parsed may hold a post drawn in part (the parser yields mid-post):
      // judging it would count and send a post that is not there. Posts stay pending until then.
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", flush, { once: true });
        return;
      }
      const posts = [];
      for (const element of queued) {
        const entry = state.get(element);
        if (!element.isConnected || !entry) continue;
        if (keyOf(element) === null) {
          entry.key = null; // drawn in part only: look again when it is drawn in full
          continue;
        }
        entry.post = describe(element);
        const { text, author, hashtags, lang, kind, related_authors } = entry.post;
        posts.push({ id: entry.id, text, author, hashtags, lang, kind, related_authors });
      }
      queued.clear();
      if (!posts.length) return;
      sentThisFrame = true;
      nextFrame();
      try {
        if (!port) connect();
        port.postMessage({ type: "classify", site: site.id, batch: ++batch, posts });
      } catch {
        // The extension was updated or removed under this page: never leave posts hidden.
        for (const element of document.querySelectorAll('[data-staffroom-verdict="pending"]')) element.dataset.staffroomVerdict = "show";
      }
    }

    function onMessage(message) {
      if (message.type === "refresh") {
        for (const [id, element] of byId) {
          if (element.isConnected) queued.add(element);
          else byId.delete(id);
        }
        if (queued.size) sentThisFrame ? nextFrame() : flush();
        return;
      }
      if (message.type !== "verdicts") return;
      if (message.noise) document.documentElement.toggleAttribute("data-staffroom-demetricate", Boolean(message.noise.demetricate));
      for (const result of message.verdicts) {
        const element = byId.get(result.id);
        const entry = element && state.get(element);
        if (!entry || entry.id !== result.id) continue;
        if (!element.isConnected) {
          byId.delete(result.id);
          continue;
        }
        apply(element, entry, result);
      }
      collapseRuns();
    }

    // ---- applying verdicts --------------------------------------------------------------------

    function apply(element, entry, { verdict, reasons }) {
      if (entry.counted) counts.record(entry.identity, verdict, reasons);
      entry.verdict = verdict;
      entry.reasons = reasons;
      element.dataset.staffroomVerdict = verdict;
      if (verdict === "warn" && !element.hasAttribute("data-staffroom-revealed")) showWarning(element, reasons);
      else removeWarning(element);
      const shown = verdict === "show" || (verdict === "warn" && element.hasAttribute("data-staffroom-revealed"));
      if (shown && !entry.shown) announce(element, entry);
      entry.shown = shown;
    }

    // Tell save.js (the "Save idea" button) about a post the teacher can now see.
    function announce(element, entry) {
      if (!entry.post || rowModule(element)) return;
      const { text, author, authorName, hashtags, links, permalink, postedAt } = entry.post;
      // `evidence`: why the lens showed it, for the "why?" next to "Save idea".
      const evidence = entry.reasons.filter((r) => r.kind === "lens").map((r) => r.detail);
      const post = { text, author, authorName, hashtags: hashtags ?? [], links, permalink, postedAt, site: site.id, evidence };
      if (content.onShown) content.onShown(element, post);
      else (content.pendingShown ??= []).push([element, post]);
    }

    const PRIMARY = ["account", "troll", "mute", "noise", "lens"];
    const LABELS = { lens: "off-topic", mute: "muted", account: "muted account", troll: "hostile" };
    // "engagement bait: 'rt if'" → "engagement bait"; other kinds by their label.
    function reasonLabel(reasons) {
      const primary = [...reasons].sort((a, b) => PRIMARY.indexOf(a.kind) - PRIMARY.indexOf(b.kind))[0];
      if (!primary) return "hidden";
      return primary.kind === "noise" ? primary.detail.split(":")[0] : LABELS[primary.kind] ?? primary.kind;
    }

    // Consecutive hidden posts of one column share one placeholder. All known posts are walked
    // (the only step not bounded by the batch, and pure JavaScript); pending posts neither join
    // nor break a run.
    function collapseRuns() {
      runsDirty = false;
      prune();
      const runs = [];
      let run = null;
      for (const element of ordered) {
        const entry = state.get(element);
        if (!entry || entry.verdict === undefined) continue;
        if (entry.verdict !== "hide") {
          run = null;
          continue;
        }
        const { item, column } = entry;
        const revealed = revealedItems.has(item);
        if (!run || run.column !== column || run.revealed !== revealed) {
          run = { column, revealed, items: [], posts: [] };
          runs.push(run);
        }
        if (run.items[run.items.length - 1] !== item) run.items.push(item);
        run.posts.push({ element, entry });
      }

      const marks = new Map();
      const starts = new Set();
      for (const current of runs) {
        const first = current.items[0];
        starts.add(first);
        if (!current.revealed) {
          current.items.forEach((item, i) => marks.set(item, i === 0 && site.placeholder === "inside" ? "run-start" : "collapsed"));
        }
        let placeholder = placeholders.get(first);
        if (!placeholder) {
          placeholder = createPlaceholder();
          placeholders.set(first, placeholder);
          counts.watch(placeholder.host, placeholder.entries);
        }
        placeholder.update(current);
        const inside = site.placeholder === "inside";
        if (inside ? first.firstChild !== placeholder.host : first.previousSibling !== placeholder.host) {
          if (inside) first.prepend(placeholder.host);
          else first.before(placeholder.host);
        }
      }
      for (const [first, placeholder] of placeholders) {
        if (!starts.has(first)) {
          placeholder.host.remove();
          placeholders.delete(first);
        }
      }
      for (const item of markedItems) if (!marks.has(item)) item.removeAttribute("data-staffroom-item");
      for (const [item, mark] of marks) if (item.dataset.staffroomItem !== mark) item.dataset.staffroomItem = mark;
      markedItems = new Set(marks.keys());
      counts.changed();
    }

    // ---- in-page UI (closed shadow roots) -------------------------------------------------------

    const UI_STYLE = `
      :host { all: initial; display: block; }
      * { box-sizing: border-box; }
      .bar, .list, .status { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #536471; }
      .actions { white-space: nowrap; }
      .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; padding: 10px 16px;
        background: rgba(15, 118, 110, .07); border-bottom: 1px solid rgba(83, 100, 113, .25); }
      button { font: inherit; font-weight: 600; color: #0f766e; background: none; border: 0; border-radius: 4px;
        padding: 2px 6px; cursor: pointer; text-decoration: underline; text-underline-offset: 2px; }
      button:hover { background: rgba(15, 118, 110, .1); }
      button:focus-visible { outline: 2px solid #0f766e; outline-offset: 1px; }
      .list { margin: 0; padding: 4px 16px 10px; list-style: none; background: rgba(15, 118, 110, .04);
        border-bottom: 1px solid rgba(83, 100, 113, .25); }
      .list li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 8px; padding: 4px 0; }
      .who { font-weight: 600; color: #0f1419; }
      .status:empty { display: none; }
      .status { padding: 4px 16px 8px; }
      .cover { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 6px;
        height: 100%; min-height: 64px; padding: 12px; text-align: center; color: #0f1419;
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: rgba(255, 255, 255, .65); }
      :host([data-staffroom-theme="dark"]) :is(.bar, .list, .status) { color: #8b98a5; }
      :host([data-staffroom-theme="dark"]) .bar { background: rgba(45, 212, 191, .08); border-bottom-color: rgba(139, 152, 165, .3); }
      :host([data-staffroom-theme="dark"]) .list { background: rgba(45, 212, 191, .04); border-bottom-color: rgba(139, 152, 165, .3); }
      :host([data-staffroom-theme="dark"]) :is(.who, .cover) { color: #e7e9ea; }
      :host([data-staffroom-theme="dark"]) .cover { background: rgba(0, 0, 0, .6); }
      :host([data-staffroom-theme="dark"]) button { color: #5eead4; }
      :host([data-staffroom-theme="dark"]) button:hover { background: rgba(45, 212, 191, .12); }
      :host([data-staffroom-theme="dark"]) button:focus-visible { outline-color: #5eead4; }`;

    function el(tag, props = {}, ...children) {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(props)) {
        if (name === "text") node.textContent = value;
        else if (name === "onclick") node.addEventListener("click", value);
        else node.setAttribute(name, value);
      }
      node.append(...children);
      return node;
    }

    // A host in the page with a closed shadow root, in the page's theme; the site sees none of
    // our clicks or keys (posts navigate on click, X has single-key shortcuts).
    function shadowHost(tag) {
      const host = content.themed(document.createElement(tag));
      const root = host.attachShadow({ mode: "closed" });
      root.append(el("style", { text: UI_STYLE }));
      for (const type of ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup", "keypress"]) {
        host.addEventListener(type, (event) => event.stopPropagation());
      }
      return { host, root };
    }

    function createPlaceholder() {
      const { host, root } = shadowHost("staffroom-placeholder");
      host.dataset.staffroomPlaceholder = "";
      const summary = el("span");
      const toggle = el("button", { type: "button" });
      const why = el("button", { type: "button", "aria-expanded": "false", "aria-controls": "reasons" }, "why?");
      const list = el("ul", { class: "list", id: "reasons", hidden: "" });
      const status = el("p", { class: "status", role: "status" });
      const bar = el("div", { class: "bar", role: "group", "aria-label": "Posts hidden by Staffroom" }, summary, el("span", { class: "actions" }, toggle, why));
      const ui = el("div", {}, bar, list, status);
      root.append(ui);
      let run = null;
      let shown = "";

      toggle.addEventListener("click", () => {
        const reveal = !run.revealed;
        for (const item of run.items) reveal ? revealedItems.add(item) : revealedItems.delete(item);
        // A revealed post is first-class: it gets its "Save idea" button like any shown post.
        if (reveal) {
          for (const { element, entry } of run.posts) {
            if (!entry.shown) announce(element, entry);
            entry.shown = true;
          }
        }
        collapseRuns();
        toggle.focus();
      });
      why.addEventListener("click", () => {
        const open = list.hidden;
        list.hidden = !open;
        why.setAttribute("aria-expanded", String(open));
        if (open) fillReasons(list, status, run);
      });

      return {
        host,
        entries: () => run?.posts.map(({ entry }) => entry) ?? [],
        update(current) {
          run = current;
          const posts = current.posts.filter(({ entry }) => entry.counted);
          const count = posts.length;
          const noun = count === 1 ? "post" : "posts";
          const labels = new Map();
          for (const { entry } of posts) {
            const label = reasonLabel(entry.reasons);
            labels.set(label, (labels.get(label) ?? 0) + 1);
          }
          const parts = [...labels].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${n}`);
          // A module's heading or "Show more" alone (its rows not drawn yet, or shown) names its module.
          if (!count) parts.push(reasonLabel(current.posts[0].entry.reasons));
          // Most passes change nothing here: leave the shadow DOM alone then.
          const drawn = `${current.revealed} ${count} ${parts}`;
          if (drawn === shown && list.hidden) return;
          shown = drawn;
          summary.textContent = current.revealed
            ? `${count} hidden ${noun} shown ·`
            : `${count} ${noun} hidden · ${parts.join(" · ")} ·`;
          toggle.textContent = current.revealed ? "hide again" : "show";
          toggle.setAttribute("aria-label", current.revealed ? `Hide ${count} ${noun} again` : `Show ${count} hidden ${noun}`);
          why.setAttribute("aria-label", `Why ${count === 1 ? "was this post" : "were these posts"} hidden?`);
          if (!list.hidden) fillReasons(list, status, run);
        },
      };
    }

    // Each hidden post's author and reasons, with one click to teach the lens (an off-topic
    // post), always show the author (a colleague: they pass the lens) or mute them.
    function fillReasons(list, status, run) {
      const posts = run.posts.filter(({ entry }) => entry.counted);
      list.replaceChildren(
        ...(posts.length ? posts : run.posts).map(({ entry }) => {
          const author = entry.post?.author;
          const text = entry.post?.text ?? "";
          const who = el("span", { class: "who" }, author ? `@${author}` : `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`);
          const item = el("li", {}, who, el("span", {}, entry.reasons.map((r) => r.detail).join("; ") || "hidden"));
          if (text && entry.reasons.some((r) => r.kind === "lens")) {
            item.append(el("button", { type: "button", onclick: () => teach(text, true, status) }, "Show posts like this"));
          }
          if (author) {
            item.append(
              el("button", { type: "button", onclick: () => settle("settings/trustAuthor", author, status) }, `Always show @${author}`),
              ...(entry.reasons.some((r) => r.kind === "account") ? [] : [
                el("button", { type: "button", onclick: () => settle("settings/muteAuthor", author, status) }, `Mute @${author}`),
              ]),
            );
          }
          return item;
        }),
      );
    }

    async function ask(message) {
      try {
        return await chrome.runtime.sendMessage(message);
      } catch (error) {
        return { ok: false, error: error?.message };
      }
    }

    async function settle(type, handle, status) {
      const verb = type === "settings/trustAuthor" ? "always show" : "mute";
      status.textContent = "Saving…";
      const response = await ask({ type, handle });
      status.textContent = response?.ok
        ? `${verb === "always show" ? `@${handle} is a colleague: always shown` : `Muted @${handle}`}. Your timeline is updating.`
        : `Could not ${verb} @${handle}: ${response?.error ?? "Staffroom cannot do this from here yet."}`;
    }

    // "Show posts like this" / "not for me": one example for the lens's own model.
    async function teach(text, professional, status) {
      status.textContent = "Saving…";
      const response = await ask({ type: "lens/teach", text, professional });
      status.textContent = response?.ok
        ? `Thanks: the lens has learned from ${response.value} of your examples. Your timeline is updating.`
        : `Could not teach the lens: ${response?.error ?? "Staffroom cannot do this from here yet."}`;
    }
    content.teachLens = teach;

    function showWarning(element, reasons) {
      if (element.querySelector(":scope > staffroom-warning")) return;
      const { host, root } = shadowHost("staffroom-warning");
      const reveal = el("button", { type: "button" }, "Show post");
      reveal.addEventListener("click", () => {
        element.toggleAttribute("data-staffroom-revealed", true);
        removeWarning(element);
        const entry = state.get(element);
        if (entry && !entry.shown) {
          entry.shown = true;
          announce(element, entry);
        }
        if (element.tabIndex >= 0) element.focus({ preventScroll: true });
      });
      root.append(el("div", { class: "cover", role: "group", "aria-label": "Post blurred by Staffroom" },
        el("span", {}, `Staffroom: ${reasons.map((r) => r.detail).join("; ")}`), reveal));
      // The blurred post stays out of reach of the keyboard and screen readers until revealed.
      for (const child of element.children) child.inert = true;
      element.prepend(host);
    }

    function removeWarning(element) {
      const cover = element.querySelector(":scope > staffroom-warning");
      if (!cover) return;
      cover.remove();
      for (const child of element.children) child.inert = false;
    }

    new MutationObserver(onMutations).observe(document, { childList: true, subtree: true, characterData: true });
    if (document.documentElement) onMutations([{ type: "childList", target: document, addedNodes: [document.documentElement], removedNodes: [] }]);
  }
})();
