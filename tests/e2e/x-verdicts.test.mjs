// The architecture end to end: an X timeline served at https://x.com/home with a strict CSP
// (no wasm-unsafe-eval), the content script batching posts to the background's wasm engine,
// verdict markers arriving on every post.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { realXCells, xPost, xTimeline } from "./fixtures.mjs";

let browser;
before(async () => {
  browser = await launch();
  await setPack(browser, {
    lens: { enabled: true, hashtags: ["edchat", "mathschat"], keywords: ["retrieval practice"] },
    mute: [{ value: "politics" }],
    noise: { promoted: true },
  });
});
after(async () => browser?.close());

test("verdicts arrive on an X page served with a strict CSP", async () => {
  const cells = [
    xPost({ id: "1", handle: "msteach", text: "Tried retrieval practice starters with Y9 today #edchat" }),
    xPost({ id: "2", handle: "celebnews", text: "You won't believe what this celebrity wore" }),
    xPost({ id: "3", handle: "mathsguy", text: "Lovely fractions task #mathschat but the politics of funding..." }),
    xPost({ id: "4", handle: "brand", text: "Buy our revision app! #edchat", promoted: true }),
    ...realXCells(),
  ];
  await serve(browser.context, "https://x.com/**", xTimeline(cells));
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto("https://x.com/home");
  assert.match(response.headers()["content-security-policy"], /script-src 'self'/);

  await page.waitForFunction(() => {
    const posts = document.querySelectorAll('article[data-testid="tweet"]');
    return posts.length === 7 && [...posts].every((p) => ["show", "warn", "hide"].includes(p.dataset.staffroomVerdict));
  }, null, { timeout: 15_000 });

  const verdicts = await page.$$eval('article[data-testid="tweet"]', (posts) => posts.map((p) => p.dataset.staffroomVerdict));
  assert.deepEqual(verdicts.slice(0, 4), ["show", "hide", "hide", "hide"]);
  // The anonymised real posts carry none of the lens tags: off-topic.
  assert.deepEqual(verdicts.slice(4), ["hide", "hide", "hide"]);
  assert.equal(await page.locator('article[data-testid="tweet"]').first().isVisible(), true);
  assert.equal(await page.locator('article[data-testid="tweet"]').nth(1).isVisible(), false);
  await page.screenshot({ path: `${outputDir("e2e")}/x-verdicts.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
