// Adapter health (content/health.js): a Bluesky page whose posts use markup the adapter does not
// know (here: a renamed testID, as a site redesign would bring) is reported after a few seconds,
// counted for the tab, and the popup says "Staffroom cannot read this page yet" instead of showing
// a timeline filtered by nothing. When recognisable posts arrive, the popup says so no more.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, watchErrors, setPack } from "./harness.mjs";
import { bskyPage, bskyPost, bskyRow } from "./fixtures.mjs";
import { appendHtml, settledVerdicts } from "./sites-common.mjs";

let browser;
before(async () => {
  browser = await launch({ viewport: { width: 360, height: 640 } });
  await setPack(browser, { lens: { enabled: true, hashtags: ["edchat"], keywords: [] } });
});
after(async () => browser?.close());

// Posts the adapter cannot see: same content and links, an unknown testID.
const unknownMarkup = (post) => post.replaceAll('data-testid="feedItem-by-', 'data-testid="feedPost-by-');
const ROWS = [1, 2, 3, 4].map((n) => bskyRow(unknownMarkup(bskyPost({ handle: `t${n}.bsky.social`, rkey: `u${n}`, text: `Post ${n} about #edchat` }))));

test("a page whose posts the adapter cannot read: counted for the tab, and the popup says so", async () => {
  await serve(browser.context, "https://bsky.app/**", bskyPage(ROWS));
  const timeline = await browser.context.newPage();
  const errors = watchErrors(timeline);
  await timeline.goto("https://bsky.app/");

  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl("popup.html"));
  const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ url: "https://bsky.app/*" }))[0].id);
  await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}`));
  const notice = popup.locator('[data-health="unreadable"]');
  await notice.waitFor({ timeout: 15_000 });
  assert.match(await notice.textContent(), /^Staffroom cannot read this page yet\./);
  const stats = async () => (await popup.evaluate((tabId) => chrome.runtime.sendMessage({ type: "filter/tabStats", tabId }), tabId)).value;
  assert.deepEqual([(await stats()).unreadable, (await stats()).unreadablePages, (await stats()).seen], [true, 1, 0]);
  assert.equal(await timeline.locator("[data-staffroom-verdict]").count(), 0);

  // The site draws posts the adapter knows: judged, and the notice goes (the count stays).
  await appendHtml(timeline, "#timeline", bskyRow(bskyPost({ handle: "known.bsky.social", rkey: "k1", text: "Readable #edchat" })));
  await settledVerdicts(timeline, "[data-staffroom-verdict]", 1);
  await notice.waitFor({ state: "detached", timeout: 10_000 });
  assert.equal(await popup.locator(".figure").first().textContent().then((t) => t.replace(/\s+/g, " ").trim()), "1 posts seen");
  assert.deepEqual([(await stats()).unreadable, (await stats()).unreadablePages], [false, 1]);
  assert.deepEqual(errors, []);
});

test("a page with posts the adapter reads is never reported", async () => {
  await serve(browser.context, "https://bsky.app/**", bskyPage([bskyRow(bskyPost({ handle: "a.bsky.social", rkey: "r1", text: "Fine #edchat" }))]));
  const timeline = await browser.context.newPage();
  await timeline.goto("https://bsky.app/");
  await settledVerdicts(timeline, "[data-staffroom-verdict]", 1);
  await timeline.waitForTimeout(4500); // longer than the health check's patience
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl("popup.html"));
  const tabId = await popup.evaluate(async () => Math.max(...(await chrome.tabs.query({ url: "https://bsky.app/*" })).map((t) => t.id)));
  const { value } = await popup.evaluate((tabId) => chrome.runtime.sendMessage({ type: "filter/tabStats", tabId }), tabId);
  assert.deepEqual([value.seen, value.unreadablePages ?? 0], [1, 0]);
});
