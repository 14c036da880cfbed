// Site access withheld: Firefox lets a user refuse an MV3 add-on's host permissions at install
// (extensions.originControls.grantByDefault off), Chrome's "Site access: On click" withholds
// them later. Then nothing is filtered, and the popup must say so and offer to ask for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xPost, xTimeline } from "../fixtures.mjs";
import { assertNoErrors, inEachBrowser, settledVerdicts } from "./index.mjs";

const X_POSTS = 'article[data-testid="tweet"]';
const SITES = "x.com, twitter.com, bsky.app, mastodon.social";

/** The id of the newest tab other than this page's own (tab URLs are hidden without access). */
const newestOtherTab = (popup) => popup.evaluate(async () => {
  const self = await chrome.tabs.getCurrent();
  return Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id).filter((id) => id !== self.id));
});
const accessNotice = () => !document.getElementById("access").hidden && document.getElementById("access-sites").textContent;

inEachBrowser((current) => {
  test("without site access nothing is filtered; the popup says so, and its button asks for access", async () => {
    const { browser, name } = current;
    if (name === "chromium") await browser.setSiteAccess("ON_CLICK");
    await browser.serve("https://x.com", xTimeline([
      xPost({ id: "1", handle: "msteach", text: "Tried retrieval practice starters with Y9 today #edchat" }),
      xPost({ id: "2", handle: "celebnews", text: "You won't believe what this celebrity wore" }),
    ]));
    const timeline = await browser.newPage();
    await timeline.goto("https://x.com/home");
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await timeline.evaluate(() => document.querySelectorAll("[data-staffroom-verdict]").length), 0, "no content script ran");
    await timeline.evaluate(() => { window.beforeTheGrant = true; });

    const popup = await browser.newPage();
    await popup.goto(browser.extensionUrl("popup.html"));
    const tabId = await newestOtherTab(popup);
    await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}`));
    assert.equal(await popup.waitFor(accessNotice), SITES);

    await popup.clickRole("button", "Allow access");
    // Chrome now shows its permission prompt, which a headless test cannot answer: the user
    // grants access from the extension's "Site access" menu instead, and the popup follows.
    // Firefox grants the request (its prompt is off in tests).
    if (name === "chromium") await browser.setSiteAccess("ON_ALL_SITES");
    await popup.waitFor(() => document.getElementById("access").hidden);
    // Firefox's popup reloads the timeline once its request is granted; in Chrome the user does.
    if (name === "chromium") await timeline.goto("https://x.com/home");
    await timeline.waitFor(() => !window.beforeTheGrant);
    assert.deepEqual(await settledVerdicts(timeline, X_POSTS, 2), ["show", "hide"]);
    assert.equal(await popup.evaluate(() => document.getElementById("access-error").hidden), true);
    await popup.close();
    await timeline.close();
    assertNoErrors(browser);
  });
}, { firefox: { grantHosts: false } });
