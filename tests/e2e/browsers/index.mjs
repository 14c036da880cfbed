// One test body, two browsers: `inEachBrowser` declares a suite per browser, each with its own
// browser (dist/chrome in Chromium, dist/firefox in Firefox ESR) behind the same interface:
//   browser: name, errors, extensionUrl(path), serve(origin, html, {csp}), newPage(), close()
//   page:    goto(url), evaluate(fn, arg), waitFor(fn, arg, {timeout}), click(selector),
//            clickRole(role, name, index), close()
// STAFFROOM_BROWSERS=firefox (or chromium) runs one of them.
import { describe, before, after } from "node:test";
import assert from "node:assert/strict";

const DRIVERS = { chromium: () => import("./chromium.mjs"), firefox: () => import("./firefox.mjs") };
const BROWSERS = (process.env.STAFFROOM_BROWSERS ?? "chromium,firefox").split(",");

/** Declares `suite(current)` for each browser; `current.browser` is launched before, closed after. */
export function inEachBrowser(suite, launchOptions = {}) {
  for (const name of BROWSERS) {
    describe(name, () => {
      const current = { name, browser: null };
      before(async () => {
        const { launch } = await DRIVERS[name]();
        current.browser = await launch(launchOptions[name] ?? {});
      });
      // Errors after a suite's last check (a late rejection, a background alarm) fail it too;
      // those of the browser shutting down ("The browser is shutting down") do not.
      after(async () => {
        if (!current.browser) return;
        const { name: browserName, errors } = current.browser;
        const beforeClose = [...errors];
        await current.browser.close();
        assertNoErrors({ name: browserName, errors: beforeClose });
      });
      suite(current);
    });
  }
}

/** Runs `fn` in an extension page of `browser` (opened once, kept open), as the options page would. */
export async function inExtensionPage(browser, fn, arg) {
  browser.extensionPage ??= (async () => {
    const page = await browser.newPage();
    await page.goto(browser.extensionUrl("popup.html"));
    return page;
  })();
  return (await browser.extensionPage).evaluate(fn, arg);
}

/** Sends `message` to the background from an extension page; throws its error. */
export async function send(browser, message) {
  const response = await inExtensionPage(browser, (m) => chrome.runtime.sendMessage(m), message);
  if (!response?.ok) throw new Error(`${message.type} failed: ${response?.error}`);
  return response.value;
}

export const setPack = (browser, pack) => send(browser, { type: "settings/save", pack });

/** Waits until `count` elements match `selector` and none is pending; returns their verdicts. */
export function settledVerdicts(page, selector, count, timeout = 15_000) {
  return page.waitFor(({ selector, count }) => {
    const all = [...document.querySelectorAll(selector)];
    const settled = all.length === count && all.every((p) => ["show", "warn", "hide"].includes(p.dataset.staffroomVerdict));
    return settled && all.map((p) => p.dataset.staffroomVerdict);
  }, { selector, count }, { timeout });
}

/** Whether each element matching `selector` is rendered (hidden posts are not). */
export const visible = (page, selector) =>
  page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => e.checkVisibility()), selector);

/** The run was clean: no uncaught error, rejected promise or console error from the extension. */
export function assertNoErrors(browser) {
  assert.deepEqual(browser.errors, [], `${browser.name} reported errors`);
}

/** Adds fixture posts at the end of the timeline, as the site's infinite scroll would. */
export const appendPosts = (page, cells) => page.evaluate((html) => {
  document.getElementById("timeline").append(document.createRange().createContextualFragment(html));
}, cells.join(""));
