// Timeline filtering on Bluesky (https://bsky.app, strict CSP), on fixture pages written after
// social-app's components (see fixtures.mjs): feed items, reposts, quote embeds, thread slices,
// the thread screen (the post it is about, with its stats links, and replies), and the same feed
// in another UI language. What the content script read is checked in what it sent and in the
// ideas saved from the page. Placeholders go beside a post, never inside it (each post is a link).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { BSKY_UI, bskyPage, bskyPost, bskyRow, bskyThreadAnchor, bskyThreadPost, bskyViewFullThread } from "./fixtures.mjs";
import { appendHtml, darkScreenshot, clickAx, recordSentPosts, saveIdea, savedIdea, sentByText, settledVerdicts, shadowTexts } from "./sites-common.mjs";

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
  assert.deepEqual(await page.$$eval("[data-staffroom-placeholder]", (all) => all.map((p) =>
    Boolean(p.nextElementSibling?.matches('[data-testid^="feedItem-by-"]') && !p.closest('[role="link"]')))), [true, true, true]);
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

// Every post shown, so each can be saved and what was read from it checked.
const SHOW_ALL = { lens: { enabled: false, hashtags: [], keywords: [] } };
const THREAD_URL = "/profile/asker.bsky.social/post/a8";

function threadRows({ stats } = {}) {
  return [
    bskyThreadAnchor({ handle: "asker.bsky.social", name: "Asha Asker", rkey: "a8", text: "Question for #edchat: how do you start a lesson?", stats }),
    bskyThreadPost({ handle: "colleague.bsky.social", name: "Cole League", rkey: "a9", text: "A do-now quiz, every time #edchat" }),
    bskyThreadPost({ handle: "quoter.bsky.social", name: "Quinn Quoter", rkey: "c2", text: "This, from last week #edchat",
      quote: { handle: "quoted.bsky.social", name: "Quoted Person", rkey: "q9", text: "Start with retrieval #mathschat" } }),
    bskyThreadPost({ handle: "rando.bsky.social", name: "Rando", rkey: "c1", text: "first" }),
  ];
}

// Before any idea is saved from this thread: saved ideas teach the lens what the teacher reads.
test("the thread screen with the lens on: off-topic replies hidden, the quoting reply a quote", async () => {
  await sent.clear();
  const { page, errors } = await open(THREAD_URL, threadRows(), { thread: true });
  assert.deepEqual(await settledVerdicts(page, POSTS, 4), ["show", "show", "hide", "hide"]);
  assert.deepEqual(await shadowTexts(page, "[data-staffroom-placeholder]"), ["2 posts hidden · quote post 1 · off-topic 1 · show why?"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the thread screen: the post the page is about and every reply judged, with text, tags, kinds, names and permalinks", async () => {
  await setPack(browser, SHOW_ALL);
  await sent.clear();
  const { page, errors } = await open(THREAD_URL, threadRows(), { thread: true });
  assert.deepEqual(await settledVerdicts(page, POSTS, 4), ["show", "show", "show", "show"]);

  const posts = await sent.all();
  const anchor = sentByText(posts, "Question for");
  // ThreadItemAnchor and ThreadItemPost render RichText without the postText testID.
  assert.deepEqual([anchor.text, anchor.author, anchor.hashtags, anchor.kind], ["Question for #edchat: how do you start a lesson?", "asker.bsky.social", ["edchat"], "post"]);
  assert.deepEqual(["A do-now", "first"].map((t) => sentByText(posts, t).kind), ["reply", "reply"]);
  const quoting = sentByText(posts, "This, from last week");
  assert.deepEqual([quoting.text, quoting.kind, quoting.hashtags, quoting.related_authors], ["This, from last week #edchat", "quote", ["edchat"], ["quoted.bsky.social"]],
    "the quoted post's words and tags are not the reply's");

  for (const handle of ["asker", "colleague", "quoter", "rando"]) await saveIdea(page, `[data-testid="postThreadItem-by-${handle}.bsky.social"]`);
  const at = (path) => `https://bsky.app/profile/${path}`;
  // The anchor's only post links are its stats links (…/reposted-by, /quotes, /liked-by).
  assert.deepEqual(await savedIdea(browser, at("asker.bsky.social/post/a8")),
    { name: "Asha Asker", handle: "asker.bsky.social", permalink: at("asker.bsky.social/post/a8"), text: anchor.text });
  assert.equal((await savedIdea(browser, at("colleague.bsky.social/post/a9"))).name, "Cole League");
  assert.equal((await savedIdea(browser, at("quoter.bsky.social/post/c2"))).name, "Quinn Quoter", "the quote's link is not the reply's permalink");
  assert.equal((await savedIdea(browser, at("rando.bsky.social/post/c1"))).name, "Rando");
  assert.deepEqual(errors, []);
  await page.close();

  // An anchor nobody has reposted, quoted or liked has no post link at all: it is the page's post.
  const bare = await open("/profile/did:plc:askerdid/post/a8", threadRows({ stats: {} }), { thread: true });
  await settledVerdicts(bare.page, POSTS, 4);
  assert.equal(sentByText(await sent.all(), "Question for").kind, "post", "the page names the author by DID, the post by handle");
  await saveIdea(bare.page, '[data-testid="postThreadItem-by-asker.bsky.social"]');
  assert.equal((await savedIdea(browser, at("did:plc:askerdid/post/a8"))).name, "Asha Asker");
  assert.deepEqual(bare.errors, []);
  await bare.page.close();
  await setPack(browser, PACK);
});

test("feed slices: the later posts of a thread slice are replies, across the app's wrappers and View full thread", async () => {
  await sent.clear();
  const { page, errors } = await open("/", [
    bskyRow(
      bskyPost({ handle: "op.bsky.social", rkey: "s1", text: "Starting a thread on #edchat homework" }),
      bskyPost({ handle: "op.bsky.social", rkey: "s2", text: "Part two: #edchat feedback" }),
      bskyPost({ handle: "friend.bsky.social", rkey: "s3", text: "Agreed #edchat" }),
    ),
    bskyRow(bskyPost({ handle: "solo.bsky.social", rkey: "s4", text: "A standalone #edchat post" })),
    bskyRow(
      bskyPost({ handle: "root.bsky.social", rkey: "s5", text: "Root of a long #edchat thread" }),
      bskyViewFullThread("root.bsky.social", "s5"),
      bskyPost({ handle: "mid.bsky.social", rkey: "s6", text: "Middle reply #edchat" }),
      bskyPost({ handle: "last.bsky.social", rkey: "s7", text: "Last reply #edchat" }),
    ),
  ]);
  await settledVerdicts(page, POSTS, 7);
  const posts = await sent.all();
  assert.deepEqual(["Starting", "Part two", "Agreed", "A standalone", "Root of", "Middle", "Last"].map((t) => sentByText(posts, t).kind),
    ["post", "reply", "reply", "post", "post", "reply", "reply"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("another UI language: reposts, quotes, names and permalinks read the same from a German Bluesky", async () => {
  await setPack(browser, SHOW_ALL);
  await sent.clear();
  const ui = BSKY_UI.de;
  const { page, errors } = await open("/", [
    bskyRow(bskyPost({ ui, handle: "lehrerin.bsky.social", name: "Frau Lehrerin", rkey: "d1", text: "Exit tickets morgen #edchat" })),
    bskyRow(bskyPost({ ui, handle: "sam.bsky.social", name: "Sam S", rkey: "d2", text: "Feedback ohne Noten #edchat", repostedBy: "fan.bsky.social" })),
    bskyRow(bskyPost({ ui, handle: "quoter.bsky.social", rkey: "d3", text: "Genau #edchat", quote: { handle: "quoted.bsky.social", text: "Hausaufgaben?" } })),
  ], { ui });
  assert.deepEqual(await settledVerdicts(page, POSTS, 3), ["show", "show", "show"]);
  const posts = await sent.all();
  assert.deepEqual([sentByText(posts, "Exit").kind, sentByText(posts, "Exit").related_authors], ["post", []]);
  const repost = sentByText(posts, "Feedback");
  assert.deepEqual([repost.kind, repost.author, repost.related_authors], ["repost", "sam.bsky.social", ["fan.bsky.social"]]);
  assert.equal(sentByText(posts, "Genau").kind, "quote");
  await saveIdea(page, '[data-testid="feedItem-by-sam.bsky.social"]');
  assert.deepEqual(await savedIdea(browser, "https://bsky.app/profile/sam.bsky.social/post/d2"),
    { name: "Sam S", handle: "sam.bsky.social", permalink: "https://bsky.app/profile/sam.bsky.social/post/d2", text: "Feedback ohne Noten #edchat" });
  assert.deepEqual(errors, []);
  await page.close();
  await setPack(browser, PACK);
});

test("page types: a profile's posts and a list's feed are read like the home feed", async () => {
  for (const [path, options] of [
    ["/profile/msteach.bsky.social", { feed: "postsFeed", screen: "profileScreen" }],
    ["/profile/msteach.bsky.social/lists/3kx", { feed: "listFeed" }],
  ]) {
    await sent.clear();
    const { page, errors } = await open(path, [
      bskyRow(bskyPost({ handle: "msteach.bsky.social", rkey: "p1", text: "Retrieval grids for Y7 #edchat" })),
      bskyRow(bskyPost({ handle: "msteach.bsky.social", rkey: "p2", text: "My lunch today" })),
    ], options);
    assert.deepEqual(await settledVerdicts(page, POSTS, 2), ["show", "hide"], path);
    assert.equal(sentByText(await sent.all(), "Retrieval grids").kind, "post", path);
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});
