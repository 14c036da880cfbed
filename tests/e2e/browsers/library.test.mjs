// Saving ideas in both browsers: "Save idea" on an X post (strict CSP) lands in library.html,
// and the background unloaded between two saves (Chrome stops its idle service worker, Firefox
// unloads its idle event page) is woken by the next one, with neither save lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xPost, xTimeline } from "../fixtures.mjs";
import { assertNoErrors, inEachBrowser, setPack } from "./index.mjs";

const POSTS = [
  xPost({ id: "101", handle: "msteach", text: "Retrieval practice starter: five questions from last week, last month, last term #edchat" }),
  xPost({ id: "102", handle: "mathsguy", text: "Mini whiteboards for every hinge question #mathschat" }),
  xPost({ id: "103", handle: "sciencesam", text: "Cold calling with a no-opt-out rule changed my Y10 lessons" }),
];
const saveButton = (statusId) => `article:has(a[href$="/status/${statusId}"]) button[data-staffroom-save]`;

async function openTimeline(browser) {
  const page = await browser.newPage();
  await page.goto("https://x.com/home");
  await page.waitFor(() => document.querySelectorAll("article button[data-staffroom-save]").length === 3);
  return page;
}

/** Saves with a real click and waits for the button to say so (the background stored it). */
async function save(page, statusId) {
  await page.click(saveButton(statusId));
  await page.waitFor((selector) => document.querySelector(selector)?.getAttribute("aria-pressed") === "true", saveButton(statusId));
}

/** The ideas library.html lists: [title, permalink]. */
async function libraryIdeas(browser) {
  const page = await browser.newPage();
  await page.goto(browser.extensionUrl("library.html"));
  const ideas = await page.waitFor(() => {
    const articles = [...document.querySelectorAll("#ideas article[data-idea-id]")];
    return articles.length > 0 && articles.map((a) => [a.querySelector("h3").textContent, a.querySelector(".permalink a")?.getAttribute("href")]);
  });
  await page.close();
  return ideas;
}

inEachBrowser((current) => {
  test("an idea saved on X is in library.html", async () => {
    const { browser } = current;
    await setPack(browser, { lens: { enabled: false, hashtags: [], keywords: [] } });
    await browser.serve("https://x.com", xTimeline(POSTS));
    const page = await openTimeline(browser);
    await save(page, "101");
    const ideas = await libraryIdeas(browser);
    assert.equal(ideas.length, 1);
    assert.match(ideas[0][0], /^Retrieval practice starter/);
    assert.equal(ideas[0][1], "https://x.com/msteach/status/101");
    await page.close();
    assertNoErrors(browser);
  });

  test("the background unloaded after a save is woken by the next one; both are kept", async () => {
    const { browser } = current;
    const page = await openTimeline(browser);
    await save(page, "102");
    await browser.unloadBackground();
    await save(page, "103");
    const permalinks = (await libraryIdeas(browser)).map(([, permalink]) => permalink).sort();
    assert.deepEqual(permalinks, ["mathsguy/status/102", "msteach/status/101", "sciencesam/status/103"].map((path) => `https://x.com/${path}`));
    await page.close();
    assertNoErrors(browser);
  });
}, { firefox: { backgroundIdleMs: 1000 } });
