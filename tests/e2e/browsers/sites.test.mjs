// The same timelines in Chromium and Firefox: X, Bluesky and Mastodon pages served at their real
// URLs with a strict CSP get their verdicts from the background's wasm engine; a run of hidden
// posts collapses behind a placeholder that reveals them; our UI follows the site's theme; a
// settings change refilters live.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bskyPage, bskyPost, bskyRow, mastodonPage, mastodonPost, xPost, xTimeline } from "../fixtures.mjs";
import { assertNoErrors, inEachBrowser, setPack, settledVerdicts, visible } from "./index.mjs";

const PACK = {
  lens: { enabled: true, hashtags: ["edchat", "mathschat"], keywords: ["retrieval practice"] },
  mute: [{ value: "politics" }],
  noise: { promoted: true },
};
// An inline script the CSP must block: evaluated test code is exempt from the CSP, this is not.
const INLINE_PROBE = "<script>document.documentElement.dataset.inlineScriptRan = 'yes'</script>";
const inlineScriptRan = (page) => page.evaluate(() => document.documentElement.dataset.inlineScriptRan ?? "no");

const X_POSTS = 'article[data-testid="tweet"]';
const BSKY_POSTS = '[data-testid^="feedItem-by-"]';
const MASTODON_POSTS = '[role="feed"] article[data-id]';
const MASTODON_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-fixture'; img-src 'self' https: data: blob:; connect-src 'self'";

inEachBrowser((current) => {
  test("X: verdicts arrive under a strict CSP; hidden posts collapse and the placeholder reveals them", async () => {
    const { browser } = current;
    await setPack(browser, PACK);
    await browser.serve("https://x.com", xTimeline([
      xPost({ id: "1", handle: "msteach", text: "Tried retrieval practice starters with Y9 today #edchat" }),
      xPost({ id: "2", handle: "celebnews", text: "You won't believe what this celebrity wore" }),
      xPost({ id: "3", handle: "mathsguy", text: "Lovely fractions task #mathschat but the politics of funding" }),
      xPost({ id: "4", handle: "brand", text: "Buy our revision app! #edchat", promoted: true }),
      xPost({ id: "5", handle: "histhead", text: "Knowledge organisers as low-stakes quizzes #edchat" }),
    ], { script: INLINE_PROBE }));
    const page = await browser.newPage();
    await page.goto("https://x.com/home");
    assert.deepEqual(await settledVerdicts(page, X_POSTS, 5), ["show", "hide", "hide", "hide", "show"]);
    assert.equal(await inlineScriptRan(page), "no");
    assert.deepEqual(await visible(page, X_POSTS), [true, false, false, false, true]);
    assert.equal(await page.evaluate(() => document.querySelectorAll("[data-staffroom-placeholder]").length), 1);

    await page.clickRole("button", "Show 3 hidden posts");
    await page.waitFor((selector) => [...document.querySelectorAll(selector)].every((e) => e.checkVisibility()), X_POSTS);
    await page.clickRole("button", "Hide 3 posts again");
    assert.deepEqual(await page.waitFor((selector) => {
      const shown = [...document.querySelectorAll(selector)].map((e) => e.checkVisibility());
      return !shown[1] && shown;
    }, X_POSTS), [true, false, false, false, true]);

    // X switches to Lights out without a reload by colouring the body: "Save idea" follows.
    const saveColour = () => getComputedStyle(document.querySelector("button[data-staffroom-save]")).color;
    assert.equal(await page.evaluate(saveColour), "rgb(15, 118, 110)");
    await page.evaluate(() => { document.body.style.backgroundColor = "rgb(0, 0, 0)"; });
    await page.waitFor(() => getComputedStyle(document.querySelector("button[data-staffroom-save]")).color === "rgb(94, 234, 212)");
    await page.close();
    assertNoErrors(browser);
  });

  test("Bluesky: verdicts on the home feed", async () => {
    const { browser } = current;
    await browser.serve("https://bsky.app", bskyPage([
      bskyRow(bskyPost({ handle: "msteach.bsky.social", rkey: "a1", text: "Tried retrieval practice starters with Y9 today #edchat" })),
      bskyRow(bskyPost({ handle: "celeb.bsky.social", rkey: "a2", text: "You won't believe what this celebrity wore" })),
      bskyRow(bskyPost({ handle: "mathsguy.bsky.social", rkey: "a3", text: "Lovely fractions task #mathschat but the politics of funding" })),
      bskyRow(bskyPost({ handle: "histhead.bsky.social", rkey: "a4", text: "Knowledge organisers as low-stakes quizzes #edchat" })),
    ]).replace("</body>", `${INLINE_PROBE}</body>`));
    const page = await browser.newPage();
    await page.goto("https://bsky.app/");
    assert.deepEqual(await settledVerdicts(page, BSKY_POSTS, 4), ["show", "hide", "hide", "show"]);
    assert.equal(await inlineScriptRan(page), "no");
    assert.deepEqual(await visible(page, BSKY_POSTS), [true, false, false, true]);
    await page.close();
    assertNoErrors(browser);
  });

  test("Mastodon: verdicts under Mastodon's CSP, and a settings change applied to the open tab without a reload", async () => {
    const { browser } = current;
    await browser.serve("https://mastodon.social", mastodonPage([
      mastodonPost({ id: "1", acct: "msteach", text: "Tried retrieval practice starters with Y9 today #edchat" }),
      mastodonPost({ id: "2", acct: "celeb@news.example", text: "You won't believe what this celebrity wore" }),
      mastodonPost({ id: "3", acct: "mathsguy@maths.social", text: "Lovely fractions task #mathschat but the politics of funding" }),
      mastodonPost({ id: "4", acct: "histhead", text: "Knowledge organisers as low-stakes quizzes", tags: ["edchat"] }),
    ]).replace("</body>", `${INLINE_PROBE}</body>`), { csp: MASTODON_CSP });
    const page = await browser.newPage();
    await page.goto("https://mastodon.social/home");
    assert.deepEqual(await settledVerdicts(page, MASTODON_POSTS, 4), ["show", "hide", "hide", "show"]);
    assert.equal(await inlineScriptRan(page), "no");
    await page.evaluate(() => { window.stillTheSamePage = true; });

    // Politics unmuted: the fractions post comes back on the open tab.
    await setPack(browser, { ...PACK, mute: [] });
    assert.deepEqual(await page.waitFor((selector) => {
      const verdicts = [...document.querySelectorAll(selector)].map((p) => p.dataset.staffroomVerdict);
      return verdicts[2] === "show" && verdicts;
    }, MASTODON_POSTS, { timeout: 10_000 }), ["show", "hide", "show", "show"]);
    assert.equal(await page.evaluate(() => window.stillTheSamePage), true);
    await page.close();
    assertNoErrors(browser);
  });
});
