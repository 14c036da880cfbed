// Adapter health: the site shows posts (its columns hold the adapter's evidence of them) but the
// adapter recognises none of them for a few seconds, so the site's markup has moved on. The
// background is told, counts it and the popup says Staffroom cannot read the page, instead of a
// timeline quietly filtered by nothing. Only changes are reported, both ways (single-page sites
// move between page types in one tab).
(() => {
  const content = globalThis.staffroomContent;
  if (content.healthChecking) return; // injected twice (by the manifest and by an instance registration)
  content.healthChecking = true;
  const CHECK_EVERY_MS = 1000;
  const PATIENCE_MS = 3000; // sites draw skeletons first and posts a moment later
  const EVIDENCE_NEEDED = 3; // one stray post link is not a timeline
  let readable = true;
  let missingSince = 0;

  function postsMissing(site) {
    const columns = [...document.querySelectorAll(site.columns)];
    if (columns.some((column) => column.querySelector("[data-staffroom-verdict]"))) return false;
    let evidence = 0;
    for (const column of columns) evidence += column.querySelectorAll(site.evidence).length;
    return evidence >= EVIDENCE_NEEDED;
  }

  function check() {
    const site = content.site; // set by filter.js once the site is known (a Mastodon instance: when parsed)
    if (!site?.evidence || document.hidden) return;
    if (!postsMissing(site)) {
      missingSince = 0;
      report(true);
    } else if (!missingSince) missingSince = performance.now();
    else if (performance.now() - missingSince >= PATIENCE_MS) report(false);
  }

  async function report(now) {
    if (now === readable) return;
    readable = now;
    try {
      await chrome.runtime.sendMessage({ type: "filter/health", readable });
    } catch {
      // The extension was updated or removed under this page: nobody left to tell.
    }
  }

  setInterval(check, CHECK_EVERY_MS);
})();
