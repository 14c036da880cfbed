// One-click save on an X timeline (served at https://x.com with a strict CSP), the trial card
// that follows it, reminders as chrome.alarms, saves from many tabs at once, and a service
// worker stopped between save and plan. The card is in a closed shadow root, so the test
// drives it as a keyboard user would and reads the results back from the library.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { xPost, xTimeline } from "./fixtures.mjs";

const colorScheme = process.env.STAFFROOM_SCHEME === "dark" ? "dark" : "light";
let browser;
let extensionPage;

// The site's own behaviour, to prove the button keeps to itself: a click on a post navigates,
// "l" likes the focused post.
const SITE_SCRIPT = `
for (const post of document.querySelectorAll("article")) post.addEventListener("click", () => { document.body.dataset.navigated = "yes"; });
document.addEventListener("keydown", (e) => { if (e.key === "l") document.body.dataset.liked = "yes"; });`;

const posts = [
  xPost({ id: "101", handle: "msteach", name: "Ms Teach", text: "Retrieval practice starter: five questions from last week, last month, last term #edchat", hashtags: ["edchat"] }),
  xPost({ id: "102", handle: "mathsguy", text: "Mini whiteboards for every hinge question #mathschat", hashtags: ["mathschat"] }),
  xPost({ id: "103", handle: "sciencesam", text: "Cold calling with a no-opt-out rule changed my Y10 lessons" }),
  xPost({ id: "104", handle: "eng_lead", text: "Whole-class feedback sheets save hours #edchat" }),
  xPost({ id: "105", handle: "histhead", text: "Knowledge organisers as low-stakes quizzes" }),
];

before(async () => {
  browser = await launch({ colorScheme });
  await setPack(browser, { lens: { enabled: false, hashtags: [], keywords: [] } });
  await serve(browser.context, "https://x.com/**", xTimeline(posts, { script: '<script src="/site.js"></script>' }));
  // Registered later, so it wins for this one URL.
  await browser.context.route("https://x.com/site.js", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: SITE_SCRIPT }));
  extensionPage = await browser.context.newPage();
  await extensionPage.goto(browser.extensionUrl("library.html"));
});
after(async () => browser?.close());

const send = (message) => extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
async function library() {
  const response = await send({ type: "library/get" });
  assert.equal(response.ok, true, response.error);
  return response.value.library;
}
const ideaFor = async (statusId) => (await library()).ideas.find((i) => i.permalink.endsWith(`/status/${statusId}`));
const alarms = () => extensionPage.evaluate(() => chrome.alarms.getAll());

async function openTimeline() {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto("https://x.com/home");
  await page.waitForFunction(() => {
    const articles = [...document.querySelectorAll('article[data-testid="tweet"]')];
    return articles.length === 5 && articles.every((a) => a.dataset.staffroomVerdict === "show" && a.querySelector("button[data-staffroom-save]"));
  }, null, { timeout: 15_000 });
  return { page, errors };
}

const saveButton = (page, statusId) => page.locator(`article:has(a[href$="/status/${statusId}"]) button[data-staffroom-save]`);
const activeIs = (page, selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** The accessibility tree sees into closed shadow roots; the page's scripts cannot. */
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  await cdp.detach();
  return nodes;
}
const dialogNames = async (page) => (await axNodes(page)).filter((n) => n.role?.value === "dialog").map((n) => n.name?.value);
const focusedName = async (page) =>
  (await axNodes(page)).filter((n) => n.role?.value !== "RootWebArea" && n.properties?.some((p) => p.name === "focused" && p.value.value)).at(-1)?.name?.value;

/** Presses Tab until the control with this accessible name has focus, as a keyboard user would. */
async function tabTo(page, name) {
  const passed = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    passed.push(await focusedName(page));
    if (passed.at(-1) === name) return;
  }
  throw new Error(`Tab never reached "${name}" (passed ${JSON.stringify(passed)})`);
}

test("save a post, plan the trial in the card, reminders become alarms, the library shows it", async () => {
  const { page, errors } = await openTimeline();
  const buttons = page.getByRole("button", { name: "Save idea", exact: true });
  assert.equal(await buttons.count(), 5, "every shown post has a Save idea button");
  const button = saveButton(page, "101");
  assert.equal(await button.getAttribute("aria-pressed"), "false");
  // Placed in X's action bar, not over the post.
  assert.equal(await button.evaluate((b) => b.parentElement.getAttribute("role")), "group");

  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.matches("[data-staffroom-card]"));
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  assert.equal(await buttons.count(), 5, "the saved post keeps its accessible name");
  assert.deepEqual(await dialogNames(page), ["Plan a classroom trial"]);
  assert.equal(await page.evaluate(() => document.querySelector("[data-staffroom-card]").shadowRoot), null, "closed shadow root");
  assert.equal(await page.evaluate(() => document.body.dataset.navigated ?? "no"), "no", "the post's own click did not run");
  const saved = await ideaFor("101");
  assert.equal(saved.status, "saved");
  assert.equal(saved.author.handle, "msteach");
  assert.match(saved.text, /^Retrieval practice starter/);

  // Typing in the card: the site's "l" shortcut must not fire.
  assert.equal(await focusedName(page), "What will I try?");
  await page.keyboard.type("Three-question retrieval starter, all lessons");
  await tabTo(page, "With which class or group?");
  await page.keyboard.type("Year 9 set 2");
  await page.keyboard.press("Tab"); // "By when?": the date's first part (month, in en-US)
  const by = new Date();
  by.setDate(by.getDate() + 3);
  await page.keyboard.type(`${String(by.getMonth() + 1).padStart(2, "0")}${String(by.getDate()).padStart(2, "0")}${by.getFullYear()}`);
  await tabTo(page, "How will I know it worked? The evidence you will look for");
  await page.keyboard.type("Most recall 4 of 5 by week 3");
  assert.equal(await focusedName(page), "How will I know it worked?", "the hint goes once the field is filled");
  await tabTo(page, "Who will I share it with?");
  await page.keyboard.type("Maths department meeting");
  await tabTo(page, "Why I saved it Optional");
  await page.keyboard.type("Cheap to try, no prep after week 1");
  assert.equal(await page.evaluate(() => document.body.dataset.liked ?? "no"), "no", "keys typed in the card stay in the card");
  await page.screenshot({ path: `${outputDir("e2e")}/trial-card-${colorScheme}.png` });
  await tabTo(page, "Plan trial");
  await page.keyboard.press("Enter");
  let planned;
  for (let i = 0; i < 50 && planned?.status !== "planned"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    planned = await ideaFor("101");
  }
  assert.equal(planned.status, "planned");
  assert.equal(planned.plan.what, "Three-question retrieval starter, all lessons");
  assert.equal(planned.plan.group, "Year 9 set 2");
  assert.equal(planned.plan.success_criteria, "Most recall 4 of 5 by week 3");
  assert.equal(planned.plan.share_with, "Maths department meeting");
  assert.equal(planned.note, "Cheap to try, no prep after week 1");
  const expectedBy = new Date(by.getFullYear(), by.getMonth(), by.getDate(), 8).getTime();
  assert.equal(planned.plan.by, expectedBy, "the chosen day at 08:00 local time");

  const scheduled = Object.fromEntries((await alarms()).map((a) => [a.name, a.scheduledTime]));
  const prefix = `staffroom-idea:${planned.id}:`;
  assert.equal(scheduled[`${prefix}trial`], expectedBy);
  assert.equal(scheduled[`${prefix}follow_up_1w`], expectedBy + 7 * 86_400_000);
  assert.equal(scheduled[`${prefix}follow_up_3w`], expectedBy + 21 * 86_400_000);
  await page.screenshot({ path: `${outputDir("e2e")}/trial-card-planned-${colorScheme}.png` });

  // "Done" closes the card and gives focus back to the Save button.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector("[data-staffroom-card]"));
  assert.equal(await activeIs(page, "button[data-staffroom-save]"), true);

  // A second click never duplicates the idea; it reopens the plan. Escape closes it again.
  await button.click();
  await page.waitForFunction(() => document.activeElement?.matches("[data-staffroom-card]"));
  assert.deepEqual(await dialogNames(page), ["Your classroom trial"]);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("[data-staffroom-card]"));
  assert.equal(await activeIs(page, "button[data-staffroom-save]"), true, "focus returns to the Save button");
  assert.equal((await library()).ideas.filter((i) => i.permalink.endsWith("/status/101")).length, 1);

  // The library page lists it.
  const view = await browser.context.newPage();
  await view.goto(browser.extensionUrl("library.html"));
  const card = view.locator("article.idea", { hasText: "Retrieval practice starter" });
  await card.waitFor();
  assert.equal(await card.locator(".status").textContent(), "Planned");
  await view.close();

  // A reload remembers it was saved.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('article:has(a[href$="/status/101"]) button[data-staffroom-save]')?.getAttribute("aria-pressed") === "true", null, { timeout: 15_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("saves from five tabs at once are all kept", async () => {
  const tabs = await Promise.all(["101", "102", "103", "104", "105"].map(async (id) => ({ id, ...(await openTimeline()) })));
  await Promise.all(tabs.map(({ page, id }) => saveButton(page, id).click()));
  await Promise.all(tabs.map(({ page }) => page.waitForFunction(() => document.querySelector("[data-staffroom-card]"))));
  const ideas = (await library()).ideas;
  for (const id of ["101", "102", "103", "104", "105"]) {
    assert.equal(ideas.filter((i) => i.permalink.endsWith(`/status/${id}`)).length, 1, `post ${id} saved once`);
  }
  assert.equal((await ideaFor("101")).status, "planned", "an earlier plan survives a re-save");
  for (const { page, errors } of tabs) {
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the service worker stopped between save and plan loses nothing", async () => {
  const { page, errors } = await openTimeline();
  await saveButton(page, "104").click();
  await page.waitForFunction(() => document.activeElement?.matches("[data-staffroom-card]"));

  // Stop it as Chrome does after 30 s idle: everything in memory is gone.
  const internals = await browser.context.newPage();
  await internals.goto("chrome://serviceworker-internals/");
  await internals.getByRole("button", { name: "Stop", exact: true }).click();
  await internals.waitForFunction(() => /Running Status: STOPPED/.test(document.body.innerText));
  await internals.close();
  await page.bringToFront();

  await page.keyboard.type("Whole-class feedback on the next essay");
  await page.keyboard.press("Tab");
  await page.keyboard.type("11B");
  await page.keyboard.press("Enter"); // submits the form from a one-line field
  await page.waitForFunction(() => document.activeElement?.matches("[data-staffroom-card]"));
  let idea;
  for (let i = 0; i < 80 && idea?.status !== "planned"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    idea = await ideaFor("104");
  }
  assert.equal(idea.status, "planned");
  assert.equal(idea.plan.what, "Whole-class feedback on the next essay");
  assert.equal(idea.plan.group, "11B");
  assert.equal((await library()).ideas.length, 5, "nothing lost, nothing duplicated");
  const names = (await alarms()).map((a) => a.name);
  assert.ok(names.includes(`staffroom-idea:${idea.id}:follow_up_1w`), "reminders scheduled by the restarted worker");
  assert.deepEqual(errors, []);
  await page.close();
});
