// Honest counts. For the popup: every post once per page, under its latest verdict (a post
// re-classified after a settings change, or drawn again by the site, is still one post). For the
// focus review: every post once per session, when it is on screen while the session runs
// (including posts that were on the page before it started). filter.js records verdicts and says
// what stands on screen for which posts: a post itself, or the placeholder of its hidden run.
(() => {
  const content = globalThis.staffroomContent;
  if (content.counts) return; // injected twice (by the manifest and by an instance registration)

  const REASON_ORDER = ["account", "troll", "mute", "noise", "lens"];
  const page = new Map(); // post identity → {verdict, reason}
  const shows = new WeakMap(); // element on screen → () => the entries of the posts it stands for
  const onScreen = new Set();
  const session = { kind: "", endsAt: 0, seen: new Set() }; // the focus phase, a running session's end, identities counted in it
  let unsent = { seen: 0, hidden: 0 };
  let tallyTimer = 0;
  let screenTimer = 0;

  // One reason per hidden or blurred post, the most decisive, so the popup's bars add up.
  const mainReason = (reasons) =>
    REASON_ORDER.find((kind) => reasons.some((reason) => reason.kind === kind)) ?? reasons[0]?.kind;

  // Counts are best effort: the extension may have been reloaded or removed under this page.
  function send(message) {
    try {
      chrome.runtime.sendMessage(message).catch(() => {});
    } catch {}
  }

  function tally() {
    const counts = { seen: page.size, hidden: 0, warned: 0, reasons: {} };
    for (const { verdict, reason } of page.values()) {
      if (verdict === "hide") counts.hidden += 1;
      if (verdict === "warn") counts.warned += 1;
      if (reason) counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
    }
    return counts;
  }

  function sendTally() {
    tallyTimer ||= setTimeout(() => {
      tallyTimer = 0;
      send({ type: "filter/counts", counts: tally() });
    }, 100);
  }

  // ---- focus sessions: posts on screen while one runs ----------------------------------------

  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) entry.isIntersecting ? onScreen.add(entry.target) : onScreen.delete(entry.target);
    countOnScreen();
  });

  function countOnScreen() {
    if (Date.now() >= session.endsAt || document.visibilityState !== "visible") return;
    for (const target of onScreen) {
      if (!target.isConnected) {
        onScreen.delete(target);
        continue;
      }
      for (const entry of shows.get(target)?.() ?? []) {
        if (!entry?.counted || entry.verdict === undefined || session.seen.has(entry.identity)) continue;
        session.seen.add(entry.identity);
        unsent.seen += 1;
        if (entry.verdict === "hide") unsent.hidden += 1;
      }
    }
    if (unsent.seen) {
      send({ type: "focus/seen", ...unsent });
      unsent = { seen: 0, hidden: 0 };
    }
  }

  // A session starts afresh (from idle, the waiting screen or a review); "five more minutes"
  // (an extension) continues the same one.
  function followSession(state) {
    const phase = state?.phase;
    if (phase?.kind === "running" && session.kind !== "running" && !phase.session.extensions) session.seen.clear();
    session.kind = phase?.kind ?? "";
    session.endsAt = phase?.kind === "running" ? phase.session.ends_at_ms : 0;
    countOnScreen();
  }

  function start() {
    chrome.storage.local.get("focusState").then(({ focusState }) => followSession(focusState), () => {});
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === "local" && "focusState" in changes) followSession(changes.focusState.newValue);
    });
    document.addEventListener("visibilitychange", countOnScreen);
    send({ type: "filter/counts", counts: tally() }); // a new page: the tab's counts start again
  }

  content.counts = {
    start,
    /** The latest verdict of a post, by what identifies it on this page. */
    record(identity, verdict, reasons) {
      page.set(identity, { verdict, reason: verdict === "show" ? undefined : mainReason(reasons) });
      sendTally();
    },
    /** A post no longer known by this identity (its link appeared, its text changed). */
    forget(identity) {
      if (page.delete(identity)) sendTally();
    },
    /** `target` stands on screen for the posts whose entries `entriesOf()` returns. */
    watch(target, entriesOf) {
      if (shows.has(target)) return;
      shows.set(target, entriesOf);
      observer.observe(target);
    },
    /** Verdicts arrived or runs changed: what is on screen may stand for other posts now. */
    changed() {
      if (Date.now() >= session.endsAt) return;
      screenTimer ||= setTimeout(() => {
        screenTimer = 0;
        countOnScreen();
      }, 50);
    },
  };
})();
