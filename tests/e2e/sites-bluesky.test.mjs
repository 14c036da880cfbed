// Timeline filtering on Bluesky (https://bsky.app, strict CSP), on fixture pages written after
// social-app's markup: feedItem-by-<handle>, "Reposted by" links, quote embeds, thread slices and
// the thread screen. Placeholders go beside a post, never inside it (each post is a link).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { bskyPage, bskyPost, bskyRow } from "./fixtures.mjs";
import { appendHtml, darkScreenshot, clickAx, recordSentPosts, sentByText, settledVerdicts, shadowTexts } from "./sites-common.mjs";

const PACK = {
  lens: { enabled: true, hashtags: ["edchat", "mathschat"], keywords: ["retrieval practice"] },
  mute: [{ value: "politics" }, { value: "spoilers", action: "warn" }],
  accounts: { mute: ["rudeguy.bsky.social"], trust: [] },
  noise: { promoted: true, who_to_follow: true, trends: true, reposts: true, quotes: true, demetricate: true },
};
const POSTS = '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]';
const post = (handle) => `[data-testid="feedItem-by-${handle}"]`;

const HOME = [
  bskyRow(bskyPost({ handle: "msteach.bsky.social", name: "Ms Teach", rkey: "a1", text: "Tried retrieval practice starters with Y9 today #edchat" })),
  bskyRow(bskyPost({ handle: "celeb.bsky.social", rkey: "a2", text: "You won't believe what this celebrity wore" })),
  bskyRow(bskyPost({ handle: "mathsguy.bsky.social", rkey: "a3", text: "Lovely fractions task #mathschat but the politics of funding" })),
  bskyRow(bskyPost({ handle: "sam.bsky.social", rkey: "a4", text: "Great thread on feedback #edchat", repostedBy: "fan.bsky.social" })),
  bskyRow(bskyPost({ handle: "histhead.bsky.social", rkey: "a5", text: "Knowledge organisers as low-stakes quizzes #edchat" })),
  bskyRow(bskyPost({ handle: "quoter.bsky.social", rkey: "a6", text: "So true #edchat", quote: { handle: "quoted.bsky.social", text: "Homework is overrated #edchat" } })),
  bskyRow(bskyPost({ handle: "bookclub.bsky.social", rkey: "a7", text: "Spoilers for the #edchat book club read" })),
  bskyRow(
    bskyPost({ handle: "asker.bsky.social", rkey: "a8", text: "Question for #edchat: how do you start a lesson?" }),
    bskyPost({ handle: "colleague.bsky.social", rkey: "a9", text: "A do-now quiz, every time #edchat" }),
  ),
  bskyRow(bskyPost({ handle: "rudeguy.bsky.social", rkey: "a10", text: "Whatever #edchat" })),
  bskyRow(bskyPost({ handle: "untagged.bsky.social", rkey: "a11", text: "Plain #mathschat without a facet" }).replace(/<a href="\/hashtag\/mathschat"[^>]*>#mathschat<\/a>/, "#mathschat")),
];

let browser;
let sent;
before(async () => {
  browser = await launch();
  sent = await recordSentPosts(browser);
  await setPack(browser, PACK);
});
after(async () => browser?.close());

async function open(path, rows, options) {
  await serve(browser.context, "https://bsky.app/**", bskyPage(rows, options));
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`https://bsky.app${path}`);
  return { page, errors };
}

test("home feed: lens, mutes, reposts, quotes, replies in a thread slice, warn, placeholders, Save idea", async () => {
  await sent.clear();
  const { page, errors } = await open("/", HOME);
  assert.deepEqual(await settledVerdicts(page, POSTS, 11),
    ["show", "hide", "hide", "hide", "show", "hide", "warn", "show", "show", "hide", "show"]);

  const posts = await sent.all();
  const first = sentByText(posts, "Tried retrieval");
  assert.deepEqual(first, { id: first.id, text: "Tried retrieval practice starters with Y9 today #edchat", author: "msteach.bsky.social", hashtags: ["edchat"], kind: "post", related_authors: [] });
  assert.deepEqual([sentByText(posts, "Great thread").kind, sentByText(posts, "Great thread").related_authors], ["repost", ["fan.bsky.social"]]);
  assert.deepEqual([sentByText(posts, "So true").kind, sentByText(posts, "So true").related_authors, sentByText(posts, "So true").hashtags],
    ["quote", ["quoted.bsky.social"], ["edchat"]]);
  assert.deepEqual(["Question for", "A do-now"].map((t) => sentByText(posts, t).kind), ["post", "reply"]);
  // No linked tag: the engine parses the text (Bluesky posts without facets).
  assert.equal(sentByText(posts, "Plain").hashtags, undefined);

  for (const handle of ["celeb", "mathsguy", "sam", "quoter", "rudeguy"]) {
    assert.equal(await page.locator(post(`${handle}.bsky.social`)).isVisible(), false, handle);
  }
  assert.equal(await page.locator(post("msteach.bsky.social")).isVisible(), true);
  // Placeholders sit beside the post (which is a link), one per run.
  assert.deepEqual(await page.$$eval("[data-staffroom-placeholder]", (all) => all.map((p) => p.parentElement.className)), ["slice", "slice", "slice"]);
  assert.deepEqual(await shadowTexts(page, "[data-staffroom-placeholder]"), [
    "3 posts hidden · off-topic 1 · muted 1 · repost 1 · show why?",
    "1 post hidden · quote post 1 · show why?",
    "1 post hidden · muted account 1 · show why?",
  ]);
  assert.deepEqual(await shadowTexts(page, "staffroom-warning"), ["Staffroom: muted word: 'spoilers' Show post"]);
  for (const handle of ["msteach", "histhead", "asker", "colleague", "untagged"]) {
    await page.locator(`${post(`${handle}.bsky.social`)} button[data-staffroom-save]`).waitFor({ timeout: 5_000 });
  }
  assert.equal(await page.$eval('[data-testid="likeCount"]', (e) => getComputedStyle(e).visibility), "hidden", "demetricated");

  const dir = outputDir("sites");
  await page.screenshot({ path: join(dir, "timeline-bluesky-light.png"), fullPage: true });
  await darkScreenshot(browser, "https://bsky.app/", POSTS, 11, join(dir, "timeline-bluesky-dark.png"));

  // One click shows the run; the post's own link is not followed.
  await clickAx(page, "button", "Show 3 hidden posts");
  assert.equal(await page.locator(post("celeb.bsky.social")).isVisible(), true);
  assert.equal(page.url(), "https://bsky.app/");
  assert.deepEqual(errors, []);
  await page.close();
});

test("infinite scroll and a live settings change", async () => {
  const { page, errors } = await open("/", HOME);
  await settledVerdicts(page, POSTS, 11);
  await appendHtml(page, "#timeline", [
    bskyRow(bskyPost({ handle: "late.bsky.social", rkey: "b1", text: "Phonics games for Reception #edchat" })),
    bskyRow(bskyPost({ handle: "later.bsky.social", rkey: "b2", text: "My cat did a funny thing" })),
  ].join(""));
  assert.deepEqual((await settledVerdicts(page, POSTS, 13)).slice(11), ["show", "hide"]);
  assert.equal((await shadowTexts(page, "[data-staffroom-placeholder]")).at(-1), "1 post hidden · off-topic 1 · show why?");

  await setPack(browser, { ...PACK, lens: { enabled: true, hashtags: ["edchat", "mathschat", "cats"], keywords: ["cat"] } });
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.staffroomVerdict === "show", post("later.bsky.social"), { timeout: 10_000 });
  assert.equal(await page.locator(post("later.bsky.social")).isVisible(), true);
  assert.equal((await shadowTexts(page, "[data-staffroom-placeholder]")).length, 3, "the run it ended is gone");
  await setPack(browser, PACK);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the thread screen: the post the page is about, then replies", async () => {
  await sent.clear();
  const { page, errors } = await open("/profile/asker.bsky.social/post/a8", [
    bskyPost({ testid: "postThreadItem", handle: "asker.bsky.social", rkey: "a8", text: "Question for #edchat: how do you start a lesson?" }),
    bskyPost({ testid: "postThreadItem", handle: "colleague.bsky.social", rkey: "a9", text: "A do-now quiz, every time #edchat" }),
    bskyPost({ testid: "postThreadItem", handle: "rando.bsky.social", rkey: "c1", text: "first" }),
  ], { thread: true });
  assert.deepEqual(await settledVerdicts(page, POSTS, 3), ["show", "show", "hide"]);
  const posts = await sent.all();
  assert.deepEqual(["Question for", "A do-now", "first"].map((t) => sentByText(posts, t).kind), ["post", "reply", "reply"]);
  assert.deepEqual(errors, []);
  await page.close();
});
