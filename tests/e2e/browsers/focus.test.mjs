// A focus session in both browsers: started from the popup, it makes the lens strict on an open
// X tab and sets the toolbar badge; ended from the popup, the lens is the user's own again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xPost, xTimeline } from "../fixtures.mjs";
import { appendPosts, assertNoErrors, inEachBrowser, inExtensionPage, send, setPack } from "./index.mjs";

const verdictOf = (page, id) => page.waitFor((id) => {
  const verdict = document.querySelector(`article:has(a[href$="/status/${id}"])`)?.dataset.staffroomVerdict;
  return verdict !== "pending" && verdict;
}, id);
const badge = (browser) => inExtensionPage(browser, () => chrome.action.getBadgeText({}));

inEachBrowser((current) => {
  test("a focus session started from the popup makes the lens strict; ended there, it is not", async () => {
    const { browser } = current;
    await setPack(browser, { lens: { enabled: false, packs: ["uk-edchat"] } });
    await browser.serve("https://x.com", xTimeline([xPost({ id: "1", handle: "cat", text: "My cat did a funny thing" })]));
    const timeline = await browser.newPage();
    await timeline.goto("https://x.com/home");
    assert.equal(await verdictOf(timeline, "1"), "show", "the lens is off");

    const popup = await browser.newPage();
    await popup.goto(browser.extensionUrl("popup.html"));
    await popup.clickRole("button", "Start focus");
    await popup.waitFor(() => document.querySelector('[role="timer"]')?.textContent.match(/^\d+:\d\d$/));
    assert.equal((await send(browser, { type: "focus/view" })).view.phase.kind, "running");
    assert.match(await badge(browser), /^\d+$/);

    // Posts arriving during the session meet the strict lens.
    await appendPosts(timeline, [
      xPost({ id: "2", handle: "chatter", text: "Q1 tonight: how do you use retrieval practice? #ukedchat" }),
      xPost({ id: "3", handle: "cat", text: "My cat did another funny thing" }),
    ]);
    assert.equal(await verdictOf(timeline, "2"), "show");
    assert.equal(await verdictOf(timeline, "3"), "hide", "off-topic while the session runs");

    await popup.clickRole("button", "End now");
    await popup.waitFor(() => !document.querySelector('[role="timer"]'));
    assert.notEqual((await send(browser, { type: "focus/view" })).view.phase.kind, "running");
    assert.equal(await badge(browser), "");
    await appendPosts(timeline, [xPost({ id: "4", handle: "cat", text: "My cat did a third funny thing" })]);
    assert.equal(await verdictOf(timeline, "4"), "show", "the lens is off again");
    await popup.close();
    await timeline.close();
    assertNoErrors(browser);
  });
});
