// The suite's error net catches the extension's own reports in both browsers: a stored rule pack
// that no longer validates makes the background log an error (and fall back to the defaults).
import { test } from "node:test";
import assert from "node:assert/strict";
import { xPost, xTimeline } from "../fixtures.mjs";
import { assertNoErrors, inEachBrowser, inExtensionPage, setPack, settledVerdicts } from "./index.mjs";

inEachBrowser((current) => {
  test("an error logged by the background reaches the test's error list", async () => {
    const { browser } = current;
    await browser.serve("https://x.com", xTimeline([xPost({ id: "1", handle: "msteach", text: "Exit tickets, every lesson #ukedchat" })]));
    const page = await browser.newPage();
    await page.goto("https://x.com/home");
    await settledVerdicts(page, 'article[data-testid="tweet"]', 1);
    assertNoErrors(browser);

    // Written past the options page's checks, as an old version or a sync conflict could leave it.
    await inExtensionPage(browser, () => chrome.storage.sync.set({ pack: { lens: { hashtags: ["two words"] } } }));
    const deadline = Date.now() + 10_000;
    while (!browser.errors.some((error) => error.includes("stored rule pack is invalid")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(browser.errors.some((error) => error.includes("stored rule pack is invalid")), JSON.stringify(browser.errors));
    await setPack(browser, { lens: { enabled: true, packs: ["uk-edchat"] } });
    browser.errors.length = 0; // expected here, so not a failure of the browser's next tests
    await page.close();
  });
});
