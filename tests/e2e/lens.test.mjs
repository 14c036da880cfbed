// The professional lens in real Chromium with the built extension and its default rule pack, on
// an X timeline served at https://x.com with a strict CSP: untagged teachers' posts shown by
// their words with the evidence under "why?", general posts collapsed with theirs; posts
// revealed from a placeholder carry a working "Save idea"; the teacher teaches the lens
// ("show posts like this", "not for me"), the popup counts the examples and the options page
// forgets them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, watchErrors, outputDir } from "./harness.mjs";
import { realXCells, xPost, xTimeline } from "./fixtures.mjs";
import { clickAx, countAx, settledVerdicts, shadowTexts } from "./sites-common.mjs";
import { join } from "node:path";

const TWEETS = 'article[data-testid="tweet"]';
const POSTS = [
  xPost({ id: "1", handle: "msteach", name: "Ms Teach", text: "Tried cold calling with my Year 9s today and every hand went up" }),
  xPost({ id: "2", handle: "toastfan", text: "just burnt my toast, great start to the day lol" }),
  xPost({ id: "3", handle: "knitter", text: "New knitting patterns for the autumn fair, all free to download" }),
  xPost({ id: "4", handle: "ncteach", text: "Our school board finally funded the reading intervention. My 3rd graders deserve it." }),
  xPost({ id: "5", handle: "gamer", text: "new controller arrived, staying up way too late tonight" }),
];

let browser;
let extensionPage;
before(async () => {
  browser = await launch();
  extensionPage = await browser.context.newPage();
  await extensionPage.goto(browser.extensionUrl("library.html"));
});
after(async () => browser?.close());

const send = async (message) => {
  const response = await extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
  assert.equal(response?.ok, true, response?.error);
  return response.value;
};
const post = (page, id) => page.locator(`${TWEETS}:has(a[href$="/status/${id}"])`);
const verdicts = (page) => page.$$eval(TWEETS, (all) => all.map((a) => a.dataset.staffroomVerdict));

async function openTimeline(cells = POSTS) {
  await serve(browser.context, "https://x.com/**", xTimeline(cells));
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto("https://x.com/home");
  await settledVerdicts(page, TWEETS, cells.length);
  return { page, errors };
}

test("default pack: teachers' posts shown by their words, with the evidence; the rest collapsed with theirs", async () => {
  const { page, errors } = await openTimeline();
  assert.deepEqual(await verdicts(page), ["show", "hide", "hide", "show", "hide"]);
  assert.equal(await post(page, "1").locator("button[data-staffroom-save]").count(), 1);
  // "why?" beside Save idea names what the lens read.
  const why = (await shadowTexts(page, `${TWEETS}:has(a[href$="/status/1"]) staffroom-why`))[0];
  assert.match(why, /on topic: .*cold calling/);
  // The placeholder's "why?" names the missing evidence and offers to teach the lens.
  await clickAx(page, "button", "Why was this post hidden?");
  const reasons = (await shadowTexts(page, "staffroom-placeholder")).join(" ");
  assert.match(reasons, /off-topic: no teaching words, no pack tags/);
  assert.ok(await countAx(page, "button", "Show posts like this") >= 1);
  await page.screenshot({ path: join(outputDir("lens"), "timeline.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a post revealed from a placeholder has a working Save idea, and the save reaches the library", async () => {
  const { page, errors } = await openTimeline([...POSTS, ...realXCells()]);
  const hidden = await page.$$eval(TWEETS, (all) => all.filter((a) => a.dataset.staffroomVerdict === "hide").length);
  assert.ok(hidden >= 3, `${hidden} hidden`);
  // Every placeholder's "show" (named "Show N hidden posts" for assistive technology).
  for (let n = 1; n <= POSTS.length + 3; n++) {
    const name = `Show ${n} hidden ${n === 1 ? "post" : "posts"}`;
    while (await countAx(page, "button", name)) await clickAx(page, "button", name);
  }
  // Every post is now visible, and every one carries its Save idea button.
  await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((a) =>
    a.checkVisibility() && a.querySelector("button[data-staffroom-save]")), TWEETS, { timeout: 10_000 });
  await post(page, "3").locator("button[data-staffroom-save]").click();
  await extensionPage.reload();
  await extensionPage.waitForFunction(() => document.body.innerText.includes("knitting patterns"), null, { timeout: 10_000 });
  const { library } = await send({ type: "library/get" });
  assert.ok(library.ideas.some((idea) => idea.permalink.endsWith("/status/3")));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the teacher teaches the lens: show posts like this, not for me, counted in the popup, forgotten in options", async () => {
  await send({ type: "lens/reset" });
  const { page, errors } = await openTimeline();
  assert.equal(await post(page, "5").getAttribute("data-staffroom-verdict"), "hide");
  // "Show posts like this" on the gaming post: it and its like pass the lens on the next batch.
  await clickAx(page, "button", "Why was this post hidden?");
  const gaming = (await shadowTexts(page, "staffroom-placeholder")).join(" ");
  assert.match(gaming, /@gamer off-topic/);
  assert.equal(await countAx(page, "button", "Show posts like this"), 1);
  await clickAx(page, "button", "Show posts like this");
  await page.waitForFunction(() => document.querySelector('article:has(a[href$="/status/5"])')?.dataset.staffroomVerdict === "show",
    null, { timeout: 10_000 });
  assert.equal((await send({ type: "lens/examples" })).count, 1);
  // "Not for me" on a shown post, from its "why?".
  await clickAx(page, "button", "Why is this post shown?", 0);
  await clickAx(page, "button", "Not for me");
  await extensionPage.waitForFunction(async () => (await chrome.runtime.sendMessage({ type: "lens/examples" })).value.count === 2,
    null, { timeout: 10_000 });

  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl("popup.html"));
  await popup.waitForFunction(() => /Learned from 2 of your examples/.test(document.getElementById("lens-learned").textContent));
  await popup.close();

  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl("options.html"));
  await options.getByRole("button", { name: "Forget what it learned" }).click();
  await options.getByText("The lens forgot your examples").waitFor();
  assert.equal((await send({ type: "lens/examples" })).count, 0);
  await options.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("strictness from the options page reaches the engine: tags only hides untagged teachers' posts", async () => {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl("options.html"));
  // The options page saves each change as it is made.
  await options.getByRole("radio", { name: /Tags only/ }).check();
  await options.waitForFunction(async () => (await chrome.runtime.sendMessage({ type: "settings/get" })).value.pack.lens.strictness === "tags");
  const { page, errors } = await openTimeline();
  assert.deepEqual(await verdicts(page), ["hide", "hide", "hide", "hide", "hide"]);
  await options.getByRole("radio", { name: /Balanced/ }).check();
  await page.waitForFunction((selector) => document.querySelector(selector)?.dataset.staffroomVerdict === "show",
    `${TWEETS}:has(a[href$="/status/1"])`, { timeout: 10_000 });
  assert.deepEqual(errors, []);
  await options.close();
  await page.close();
});
