// Timeline filtering on Mastodon (https://mastodon.social, strict CSP), on fixture pages written
// after the web UI's markup: article[data-id] in [role=feed], boosts, replies, quotes, the
// hashtag bar, user@domain handles, the re-rendering of off-screen posts as bare text, and the
// conversation page (no feed role: the post it is about as .detailed-status, the rest bare).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { mastodonDetailedPost, mastodonPage, mastodonPost, mastodonRedesignedPost } from "./fixtures.mjs";
import { appendHtml, darkScreenshot, clickAx, recordSentPosts, saveIdea, savedIdea, sentByText, settledVerdicts, shadowTexts } from "./sites-common.mjs";

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

  for (const id of ["2", "3", "4", "6", "9"]) assert.equal(await page.locator(`${article(id)} > .status__wrapper`).isVisible(), false, id);
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
  assert.equal(await page.locator(`${article("2")} > .status__wrapper`).isVisible(), true);
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
  assert.equal(await page.locator(`${article("4")} > .status__wrapper`).isVisible(), true);
  await setPack(browser, PACK);
  assert.deepEqual(errors, []);
  await page.close();
});

// A conversation page (features/status/legacy.jsx): an ancestor, the post the page is about (it
// quotes another), then replies, one of them quoting.
const THREAD = [
  mastodonPost({ inThread: true, id: "100", acct: "asker@schools.social", name: "Asha Asker", text: "How do you start a lesson? #edchat" }),
  mastodonDetailedPost({ id: "110", acct: "msteach", name: "Ms Teach", text: "Retrieval practice, every lesson #edchat", tags: ["mathschat"],
    quote: { acct: "quoted@other.social", name: "Quoted Person", text: "Homework is overrated #politics" } }),
  mastodonPost({ inThread: true, id: "120", acct: "colleague@schools.social", name: "Cole League", text: "Same here #edchat", reply: true }),
  mastodonPost({ inThread: true, id: "130", acct: "quoter", name: "Quinn Quoter", text: "Compare this #edchat", reply: true,
    quote: { acct: "other@elsewhere.social", name: "Other", text: "Start with a quiz" } }),
  mastodonPost({ inThread: true, id: "140", acct: "troll@bad.example", name: "Troll", text: "Whatever #edchat", reply: true }),
];
const THREAD_POSTS = "[data-staffroom-verdict]";

test("a conversation page: the post it is about, the ancestor and every reply judged, quotes as quotes, names and permalinks right", async () => {
  await setPack(browser, { lens: { enabled: false, hashtags: [], keywords: [] } });
  await serve(browser.context, "https://mastodon.social/@msteach/110", mastodonPage(THREAD, { thread: true }), { csp: MASTODON_CSP });
  await sent.clear();
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto("https://mastodon.social/@msteach/110");
  assert.deepEqual(await settledVerdicts(page, THREAD_POSTS, 5), ["show", "show", "show", "show", "show"]);
  assert.equal(await page.locator(".status--is-quote[data-staffroom-verdict]").count(), 0, "a quoted post is part of its post");
  assert.equal(await page.locator(".detailed-status[data-staffroom-verdict]").count(), 1);

  const posts = await sent.all();
  const focal = sentByText(posts, "Retrieval practice");
  assert.deepEqual([focal.author, focal.kind, focal.hashtags, focal.related_authors],
    ["msteach@mastodon.social", "quote", ["edchat", "mathschat"], ["quoted@other.social"]], "the quoted post's #politics is not the focal post's");
  assert.deepEqual([sentByText(posts, "How do you").kind, sentByText(posts, "How do you").author], ["post", "asker@schools.social"]);
  assert.deepEqual(["Same here", "Whatever"].map((t) => sentByText(posts, t).kind), ["reply", "reply"]);
  assert.deepEqual([sentByText(posts, "Compare this").kind, sentByText(posts, "Compare this").text], ["quote", "Compare this #edchat"]);

  await saveIdea(page, ".detailed-status");
  for (const id of ["100", "120", "130"]) await saveIdea(page, `.status[data-id="${id}"]`);
  // The focal post's boosts, quotes and favourites links are not its permalink.
  assert.deepEqual(await savedIdea(browser, "https://mastodon.social/@msteach/110"),
    { name: "Ms Teach", handle: "msteach@mastodon.social", permalink: "https://mastodon.social/@msteach/110", text: "Retrieval practice, every lesson #edchat" });
  assert.equal((await savedIdea(browser, "https://mastodon.social/@asker@schools.social/100")).name, "Asha Asker");
  assert.equal((await savedIdea(browser, "https://mastodon.social/@colleague@schools.social/120")).name, "Cole League");
  assert.equal((await savedIdea(browser, "https://mastodon.social/@quoter/130")).handle, "quoter@mastodon.social", "the quote's author is not the reply's");
  assert.deepEqual(errors, []);
  await page.close();
  await setPack(browser, PACK);
});

test("a conversation page with the lens on: the quoting posts and a muted account's reply collapse", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto("https://mastodon.social/@msteach/110");
  // Quotes are noise in this pack: the focal post and the quoting reply are hidden with the troll's.
  assert.deepEqual(await settledVerdicts(page, THREAD_POSTS, 5), ["show", "hide", "show", "hide", "hide"]);
  assert.equal(await page.locator('.status[data-id="140"] .status__content').isVisible(), false);
  assert.equal(await page.locator(".detailed-status__action-bar").isVisible(), false, "the hidden focal post's action bar goes with it");
  assert.deepEqual(await shadowTexts(page, "[data-staffroom-placeholder]"), ["1 post hidden · quote post 1 · show why?", "2 posts hidden · quote post 1 · muted account 1 · show why?"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("page types: a list, a hashtag page and a profile are the same feed markup", async () => {
  for (const path of ["/lists/7", "/tags/edchat", "/@msteach"]) {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`https://mastodon.social${path}`);
    assert.deepEqual(await settledVerdicts(page, POSTS, 9), ["show", "hide", "hide", "hide", "show", "hide", "warn", "show", "hide"], path);
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});

test("the redesigned status (behind a flag, CSS-module classes): one post each, with author, name, permalink, tags and boosts", async () => {
  await setPack(browser, { lens: { enabled: false, hashtags: [], keywords: [] } });
  await serve(browser.context, "https://mastodon.social/redesign", mastodonPage([
    mastodonRedesignedPost({ id: "201", acct: "msteach", name: "Ms Teach", text: "Cold calling, kindly #edchat", tags: ["mathschat"] }),
    mastodonRedesignedPost({ id: "202", acct: "sam@schools.social", name: "Sam S", text: "Feedback without grades", boostedBy: "fan" }),
  ]), { csp: MASTODON_CSP });
  await sent.clear();
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto("https://mastodon.social/redesign");
  assert.deepEqual(await settledVerdicts(page, "[data-staffroom-verdict]", 2), ["show", "show"], "the outer article only");
  const posts = await sent.all();
  const [first, boost] = [posts.find((p) => p.author === "msteach@mastodon.social"), posts.find((p) => p.author === "sam@schools.social")];
  assert.deepEqual([first.kind, first.hashtags], ["post", ["edchat", "mathschat"]]);
  assert.deepEqual([boost.kind, boost.related_authors], ["repost", ["fan@mastodon.social"]]);
  // What the redesign takes away: the text's class (.status__content__text), so the text reads empty.
  assert.equal(first.text, "");
  await saveIdea(page, 'article[data-id="201"]:not(article *)');
  assert.deepEqual(await savedIdea(browser, "https://mastodon.social/@msteach/201"),
    { name: "Ms Teach", handle: "msteach@mastodon.social", permalink: "https://mastodon.social/@msteach/201", text: "" });
  assert.deepEqual(errors, []);
  await page.close();
  await setPack(browser, PACK);
});
