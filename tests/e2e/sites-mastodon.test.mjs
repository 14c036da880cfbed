// Timeline filtering on Mastodon (https://mastodon.social, strict CSP), on fixture pages written
// after the web UI's markup: article[data-id] in [role=feed], boosts, replies, quotes, the
// hashtag bar, user@domain handles, and the re-rendering of off-screen posts as bare text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { mastodonPage, mastodonPost } from "./fixtures.mjs";
import { appendHtml, darkScreenshot, clickAx, recordSentPosts, sentByText, settledVerdicts, shadowTexts } from "./sites-common.mjs";

const PACK = {
  lens: { enabled: true, hashtags: ["edchat", "mathschat"], keywords: ["retrieval practice"] },
  mute: [{ value: "politics" }, { value: "spoilers", action: "warn" }],
  accounts: { mute: ["troll@bad.example"], trust: [] },
  noise: { promoted: true, who_to_follow: true, trends: true, reposts: true, quotes: true, demetricate: true },
};
// Mastodon's own CSP has no 'unsafe-inline' styles: our shadow-root UI must still be styled.
const MASTODON_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-fixture'; img-src 'self' https: data: blob:; connect-src 'self'";
const POSTS = '[role="feed"] article[data-id]';
const article = (id) => `article[data-id="${id}"]`;

const HOME = [
  mastodonPost({ id: "1", acct: "msteach", name: "Ms Teach", text: "Tried retrieval practice starters with Y9 today #edchat" }),
  mastodonPost({ id: "2", acct: "celeb@news.example", text: "You won't believe what this celebrity wore" }),
  mastodonPost({ id: "3", acct: "mathsguy@maths.social", text: "Lovely fractions task #mathschat but the politics of funding" }),
  mastodonPost({ id: "4", acct: "sam@schools.social", text: "Great thread on feedback #edchat", boostedBy: "fan" }),
  mastodonPost({ id: "5", acct: "histhead", text: "Knowledge organisers as low-stakes quizzes", tags: ["edchat"] }),
  mastodonPost({ id: "6", acct: "quoter", text: "So true #edchat", quote: { acct: "quoted@other.social", text: "Homework is overrated #mathschat" } }),
  mastodonPost({ id: "7", acct: "bookclub", text: "Spoilers for the #edchat book club read" }),
  mastodonPost({ id: "8", acct: "colleague@schools.social", text: "A do-now quiz, every time #edchat", reply: true }),
  mastodonPost({ id: "9", acct: "troll@bad.example", text: "Whatever #edchat" }),
];

let browser;
let sent;
before(async () => {
  browser = await launch();
  sent = await recordSentPosts(browser);
  await setPack(browser, PACK);
  await serve(browser.context, "https://mastodon.social/**", mastodonPage(HOME), { csp: MASTODON_CSP });
});
after(async () => browser?.close());

async function open() {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto("https://mastodon.social/home");
  await settledVerdicts(page, POSTS, 9);
  return { page, errors };
}

test("home feed: lens, mutes, boosts, quotes, replies, hashtag bar, user@domain handles, placeholders", async () => {
  await sent.clear();
  const { page, errors } = await open();
  assert.deepEqual(await page.$$eval(POSTS, (all) => all.map((a) => a.dataset.staffroomVerdict)),
    ["show", "hide", "hide", "hide", "show", "hide", "warn", "show", "hide"]);

  const posts = await sent.all();
  const first = sentByText(posts, "Tried retrieval");
  assert.deepEqual(first, { id: first.id, text: "Tried retrieval practice starters with Y9 today #edchat", author: "msteach@mastodon.social", hashtags: ["edchat"], lang: "en", kind: "post", related_authors: [] });
  assert.deepEqual([sentByText(posts, "Great thread").kind, sentByText(posts, "Great thread").author, sentByText(posts, "Great thread").related_authors],
    ["repost", "sam@schools.social", ["fan@mastodon.social"]]);
  const quote = sentByText(posts, "So true");
  assert.deepEqual([quote.kind, quote.related_authors, quote.hashtags], ["quote", ["quoted@other.social"], ["edchat"]], "the quoted post's tags are not the quoting post's");
  assert.equal(sentByText(posts, "A do-now").kind, "reply");
  assert.deepEqual(sentByText(posts, "Knowledge organisers").hashtags, ["edchat"], "tags moved to the hashtag bar");

  for (const id of ["2", "3", "4", "6", "9"]) assert.equal(await page.locator(`${article(id)} .status__wrapper`).isVisible(), false, id);
  assert.deepEqual(await shadowTexts(page, "[data-staffroom-placeholder]"), [
    "3 posts hidden · off-topic 1 · muted 1 · repost 1 · show why?",
    "1 post hidden · quote post 1 · show why?",
    "1 post hidden · muted account 1 · show why?",
  ]);
  // Styled despite the CSP: the placeholder has its padding and tinted bar.
  assert.ok((await page.locator("[data-staffroom-placeholder]").first().boundingBox()).height >= 36);
  for (const id of ["1", "5", "8"]) await page.locator(`${article(id)} button[data-staffroom-save]`).waitFor({ timeout: 5_000 });
  assert.equal(await page.$eval(".icon-button__counter", (e) => getComputedStyle(e).visibility), "hidden", "demetricated");

  const dir = outputDir("sites");
  await page.screenshot({ path: join(dir, "timeline-mastodon-light.png"), fullPage: true });
  await darkScreenshot(browser, "https://mastodon.social/home", POSTS, 9, join(dir, "timeline-mastodon-dark.png"));

  await clickAx(page, "button", "Show post");
  assert.equal(await page.locator("staffroom-warning").count(), 0);
  await page.locator(`${article("7")} button[data-staffroom-save]`).waitFor({ timeout: 5_000 });
  await clickAx(page, "button", "Show 3 hidden posts");
  assert.equal(await page.locator(`${article("2")} .status__wrapper`).isVisible(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an off-screen post re-rendered as bare text keeps its verdict; new content is judged again", async () => {
  const { page, errors } = await open();
  // Mastodon swaps the content of a post scrolled far away for bare spans, in the same article…
  const swap = (id) => page.evaluate((id) => {
    const node = document.querySelector(`article[data-id="${id}"]`);
    const saved = [...node.children].filter((c) => !c.matches("staffroom-placeholder, staffroom-warning"));
    node.style.height = `${node.offsetHeight}px`;
    node.style.opacity = "0";
    const name = document.createElement("span");
    name.textContent = "Display name";
    const text = document.createElement("span");
    text.textContent = node.querySelector(".status__content__text").textContent;
    for (const child of saved) child.remove();
    node.append(name, text);
    globalThis.restoreArticle = () => {
      name.remove();
      text.remove();
      node.removeAttribute("style");
      node.append(...saved);
    };
  }, id);
  await swap("3");
  await swap("1");
  await page.waitForTimeout(100);
  assert.equal(await page.$eval(article("3"), (a) => a.dataset.staffroomVerdict), "hide");
  assert.equal(await page.$eval(article("1"), (a) => a.dataset.staffroomVerdict), "show");
  assert.equal(await page.$eval(article("1"), (a) => a.dataset.staffroomItem), undefined);
  // …and draws it again when it comes back: same post, same verdict, no flash of pending.
  await page.evaluate(() => {
    globalThis.pendingSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('article[data-id="1"]').dataset.staffroomVerdict === "pending") globalThis.pendingSeen = true;
    }).observe(document.querySelector('article[data-id="1"]'), { attributes: true, attributeFilter: ["data-staffroom-verdict"] });
    globalThis.restoreArticle();
  });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => globalThis.pendingSeen), false);
  assert.equal(await page.$eval(article("1"), (a) => a.dataset.staffroomVerdict), "show");
  assert.equal(await page.locator(`${article("1")} button[data-staffroom-save]`).count(), 1);

  // The same article drawn with an edited post: judged again.
  await page.evaluate(() => {
    const text = document.querySelector('article[data-id="1"] .status__content__text p');
    text.textContent = "Edited: the politics of it all";
  });
  await page.waitForFunction(() => document.querySelector('article[data-id="1"]').dataset.staffroomVerdict === "hide");
  assert.deepEqual(errors, []);
  await page.close();
});

test("infinite scroll and a live settings change", async () => {
  const { page, errors } = await open();
  await appendHtml(page, "#timeline", [
    mastodonPost({ id: "10", acct: "late", text: "Phonics games for Reception #edchat" }),
    mastodonPost({ id: "11", acct: "later@cats.example", text: "My cat did a funny thing" }),
  ].join(""));
  assert.deepEqual((await settledVerdicts(page, POSTS, 11)).slice(9), ["show", "hide"]);
  // The troll's post and the cat post are not adjacent (post 10 is shown): two placeholders.
  assert.equal((await shadowTexts(page, "[data-staffroom-placeholder]")).length, 4);

  await setPack(browser, { ...PACK, mute: [], noise: { ...PACK.noise, reposts: false, quotes: false } });
  await page.waitForFunction(() => document.querySelector('article[data-id="4"]').dataset.staffroomVerdict === "show", null, { timeout: 10_000 });
  assert.deepEqual(await page.$$eval(POSTS, (all) => all.map((a) => a.dataset.staffroomVerdict)),
    ["show", "hide", "show", "show", "show", "show", "show", "show", "hide", "show", "hide"]);
  assert.equal(await page.locator(`${article("4")} .status__wrapper`).isVisible(), true);
  await setPack(browser, PACK);
  assert.deepEqual(errors, []);
  await page.close();
});
