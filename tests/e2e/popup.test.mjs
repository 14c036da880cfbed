// The popup on a real X fixture tab: counts by reason arrive, and the site's lens switch
// refilters the open tab without a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { xPost, xTimeline } from "./fixtures.mjs";

let browser;
before(async () => {
  browser = await launch({ viewport: { width: 360, height: 640 } });
  await setPack(browser, {
    lens: { enabled: true, packs: ["uk-edchat"] },
    mute: [{ value: "football" }],
    troll: { sensitivity: "medium" },
  });
});
after(async () => browser?.close());

const verdicts = (page) => page.$$eval('article[data-testid="tweet"]', (posts) => posts.map((p) => p.dataset.staffroomVerdict));

test("the popup shows what was hidden on the tab and why, and its site switch refilters the tab", async () => {
  await serve(browser.context, "https://x.com/**", xTimeline([
    xPost({ id: "1", handle: "msteach", text: "Knowledge organisers for Y8 history, free to share #ukedchat" }),
    xPost({ id: "2", handle: "celebnews", text: "You won't believe what this celebrity wore to the awards" }),
    xPost({ id: "3", handle: "pe_dept", text: "Great football assembly today #ukedchat" }),
    xPost({ id: "4", handle: "brand", text: "Revision app, 50% off this week #ukedchat", promoted: true }),
    xPost({ id: "5", handle: "angry", text: "@msteach shut up, nobody asked, you idiot" }),
  ]));
  const timeline = await browser.context.newPage();
  await timeline.goto("https://x.com/home");
  await timeline.waitForFunction(() => [...document.querySelectorAll('article[data-testid="tweet"]')]
    .every((p) => ["show", "warn", "hide"].includes(p.dataset.staffroomVerdict)), null, { timeout: 15_000 });
  assert.deepEqual(await verdicts(timeline), ["show", "hide", "hide", "hide", "hide"]);

  const popup = await browser.context.newPage();
  const errors = watchErrors(popup);
  await popup.goto(browser.extensionUrl("popup.html"));
  const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ url: "https://x.com/*" }))[0].id);
  await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}`));

  await popup.locator(".figure").first().waitFor();
  const figures = await popup.$$eval(".figure", (boxes) => boxes.map((b) => b.textContent.replace(/\s+/g, " ").trim()));
  assert.deepEqual(figures, ["5 posts seen", "4 hidden", "0 with a warning"]);
  const reasons = Object.fromEntries(await popup.$$eval(".reasons li[data-reason]", (items) =>
    items.map((i) => [i.dataset.reason, i.querySelector("strong").textContent])));
  assert.deepEqual(Object.keys(reasons).sort(), ["lens", "mute", "noise", "troll"]);
  assert.equal(reasons.mute, "1");
  assert.equal(reasons.noise, "1");
  assert.equal(await popup.locator("#site-name").textContent(), "X");

  // Sized to its content, as the browser sizes a popup.
  const dir = outputDir("e2e");
  await popup.setViewportSize({ width: 360, height: Math.ceil(await popup.evaluate(() => document.body.getBoundingClientRect().height)) });
  await popup.screenshot({ path: `${dir}/popup-light.png` });
  await popup.emulateMedia({ colorScheme: "dark" });
  await popup.screenshot({ path: `${dir}/popup-dark.png` });

  // The lens off for X only: the off-topic post comes back; the muted, promoted and hostile ones stay hidden.
  const siteSwitch = popup.getByRole("switch", { name: /On X/ });
  assert.equal(await siteSwitch.isChecked(), true);
  await siteSwitch.click();
  await timeline.waitForFunction(() => document.querySelectorAll('article[data-testid="tweet"]')[1].dataset.staffroomVerdict === "show", null, { timeout: 10_000 });
  assert.deepEqual(await verdicts(timeline), ["show", "show", "hide", "hide", "hide"]);
  const { pack } = await popup.evaluate(async () => (await chrome.runtime.sendMessage({ type: "settings/get" })).value);
  assert.equal(pack.lens.sites.x, false);
  assert.equal(pack.lens.enabled, true);
  // The counts keep up while the popup is open: the refiltered posts, once each, under the new rules.
  await popup.waitForFunction(() => [...document.querySelectorAll(".figure")].map((b) => b.textContent.replace(/\s+/g, " ").trim()).join("|") === "5 posts seen|3 hidden|0 with a warning", null, { timeout: 10_000 });

  assert.deepEqual(errors, []);
});
