// Focus sessions end to end (issue 5), in real Chromium with the built extension: a session
// started from the popup makes the lens strict and shows a chip and badge; when its time is up
// a review covers the X timeline (served at https://x.com/home with a strict CSP) and stops
// scrolling; "five more minutes", Done in every tab, the budget's waiting screen, quiet hours
// and the CPD log. Time is made to pass by moving the stored session's timestamps back, as a
// real minute would, then letting the real "focus:tick" alarm fire.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { xPost, xTimeline } from "./fixtures.mjs";

const OUT = outputDir("focus");
const MINUTE = 60_000;
let browser;
let popup; // popup.html in a tab: the extension page the tests drive chrome.* from
let timeline;
const errors = [];

before(async () => {
  browser = await launch();
  await setPack(browser, {
    lens: { enabled: true, hashtags: ["edchat", "ukedchat"], keywords: [] },
    noise: { promoted: true },
  });
  const cells = Array.from({ length: 24 }, (_, i) =>
    xPost({ id: String(i + 1), handle: `teacher${i}`, text: `Idea ${i + 1}: low-stakes quizzing with Y${7 + (i % 5)} #edchat` }));
  await serve(browser.context, "https://x.com/**", xTimeline(cells));
  popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 720 });
  errors.push(watchErrors(popup));
  await popup.goto(browser.extensionUrl("popup.html"));
  await mountIfMissing(popup, "focus-panel", "pages/focus-panel.js", "renderFocusPanel");
  timeline = await openTimeline();
});
after(async () => browser?.close());

/** The popup and library pages import the panels; if they do not (yet), mount the module the same way. */
async function mountIfMissing(page, id, module, exported) {
  const ready = await page.waitForSelector(`#${id} h2`, { timeout: 5_000 }).then(() => true, () => false);
  if (ready) return;
  test.diagnostic?.(`#${id} not rendered by the page: mounting ${module} directly`);
  await page.evaluate(async ({ id, module, exported }) => {
    let section = document.getElementById(id);
    if (!section) document.body.append((section = Object.assign(document.createElement("section"), { id })));
    await (await import(chrome.runtime.getURL(module)))[exported](section);
  }, { id, module, exported });
}

async function openTimeline() {
  const page = await browser.context.newPage();
  errors.push(watchErrors(page));
  await page.goto("https://x.com/home");
  await page.waitForFunction(() => [...document.querySelectorAll('article[data-testid="tweet"]')]
    .every((p) => ["show", "warn", "hide"].includes(p.dataset.staffroomVerdict)), null, { timeout: 15_000 });
  return page;
}

const send = (message) => popup.evaluate((m) => chrome.runtime.sendMessage(m), message);
const badge = () => popup.evaluate(() => chrome.action.getBadgeText({}));
const storedState = () => popup.evaluate(async () => (await chrome.storage.local.get("focusState")).focusState);
/** Posts counted in the running session: those recorded, and those reported since the background's last event. */
const postsCounted = () => popup.evaluate(async () => {
  const { focusState } = await chrome.storage.local.get("focusState");
  const { focusPendingStats } = await chrome.storage.session.get("focusPendingStats");
  return focusState.phase.session.posts_seen + (focusPendingStats?.seen ?? 0);
});

/** Moves the stored clock marks back by `ms` (as if that much time had passed), then lets the alarm fire. */
async function letTimePass(ms) {
  await popup.evaluate(async (ms) => {
    const { focusState: state } = await chrome.storage.local.get("focusState");
    if (state.last_now_ms) state.last_now_ms -= ms;
    const session = state.phase.session;
    if (session) {
      session.ends_at_ms -= ms;
      session.last_tick_ms -= ms;
    }
    if (state.phase.until_ms) state.phase.until_ms -= ms;
    await chrome.storage.local.set({ focusState: state });
    await chrome.alarms.create("focus:tick", { when: Date.now() + 20 });
  }, ms);
}

async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The overlay lives in a closed shadow root, out of reach of the page (and of Playwright's
// selectors); the DevTools protocol can still see it, as assistive technology can.
async function shadowOf(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  async function query(selector) {
    const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const host = (function find(node) {
      if (node.localName === "staffroom-focus") return node;
      for (const child of node.children ?? []) {
        const hit = find(child);
        if (hit) return hit;
      }
      return null;
    })(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return 0;
    assert.equal(shadow.shadowRootType, "closed");
    return (await cdp.send("DOM.querySelector", { nodeId: shadow.nodeId, selector })).nodeId;
  }
  async function call(selector, fn) {
    const nodeId = await query(selector);
    if (!nodeId) return undefined;
    try {
      const { object } = await cdp.send("DOM.resolveNode", { nodeId });
      const { result } = await cdp.send("Runtime.callFunctionOn", { objectId: object.objectId, functionDeclaration: String(fn), returnByValue: true });
      return result.value;
    } catch {
      return undefined; // re-rendered between the query and the call: the caller asks again
    }
  }
  return {
    query,
    text: (selector) => call(selector, function () { return this.textContent; }),
    attr: (selector, name) => call(selector, new Function(`return this.getAttribute(${JSON.stringify(name)})`)),
    isFocused: (selector) => call(selector, function () { return this.getRootNode().activeElement === this; }),
    /** A real mouse click at the element's centre: proves it is on top and hit-testable. */
    async click(selector) {
      const nodeId = await query(selector);
      assert.ok(nodeId, `no ${selector} in the overlay`);
      const { model } = await cdp.send("DOM.getBoxModel", { nodeId });
      const [x1, y1, , , x3, y3] = model.border;
      await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    },
    async accessibleDialog() {
      const { nodes } = await cdp.send("Accessibility.getFullAXTree");
      const dialog = nodes.find((n) => n.role?.value === "dialog" && !n.ignored);
      if (!dialog) return null;
      const modal = dialog.properties?.find((p) => p.name === "modal")?.value?.value;
      return { name: dialog.name?.value, modal };
    },
  };
}

async function shoot(page, name) {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(250); // the dialog's entrance animation
    await page.screenshot({ path: `${OUT}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** The posts on screen now, by status id, as the test reads the page: a shown post where it is drawn,
 * a hidden one where the placeholder of its run is. */
const onScreen = (page) => page.evaluate(() => {
  const visible = (node) => {
    const box = node.getBoundingClientRect();
    return box.height > 0 && box.bottom > 0 && box.top < innerHeight;
  };
  const ids = [];
  let placeholder = null;
  for (const node of document.querySelectorAll('article[data-testid="tweet"], staffroom-placeholder')) {
    if (node.localName === "staffroom-placeholder") placeholder = node;
    else {
      const hidden = node.dataset.staffroomVerdict === "hide";
      if (!hidden) placeholder = null;
      if (visible(hidden ? placeholder : node)) ids.push({ id: node.querySelector('a[href*="/status/"]').href.split("/").pop(), hidden });
    }
  }
  return ids;
});
const seenInSession = new Map(); // status id → hidden, for the posts on screen while the session ran
const noteOnScreen = async (page) => {
  for (const { id, hidden } of await onScreen(page)) seenInSession.set(id, hidden);
};

const verdictOf = (page, id) => page.$eval(`article:has(a[href$="/status/${id}"])`, (a) => a.dataset.staffroomVerdict);

test("a session started from the popup makes the lens strict and shows the chip and the badge", async () => {
  await popup.getByRole("radio", { name: "Custom length" }).check();
  await popup.getByRole("spinbutton", { name: "Custom length in minutes" }).fill("5");
  await popup.getByLabel("Only one hashtag (optional)").fill("#UKEdChat");
  await shoot(popup, "popup-idle");
  await popup.getByRole("button", { name: "Start focus" }).click();
  await popup.getByRole("timer", { name: "Time left" }).waitFor();
  assert.match(await popup.getByRole("timer", { name: "Time left" }).textContent(), /^[45]:\d\d$/);
  assert.equal(await badge(), "5");
  const alarm = await popup.evaluate(() => chrome.alarms.get("focus:tick"));
  assert.ok(alarm && alarm.scheduledTime > Date.now() && alarm.scheduledTime <= Date.now() + MINUTE, "a per-minute alarm is set");

  const overlay = await shadowOf(timeline);
  const chip = await until(() => overlay.text(".chip"), "the chip");
  await noteOnScreen(timeline); // posts already on the page count when they are on screen
  assert.match(chip, /Focus · 5 min left/);
  assert.match(chip, /#ukedchat/);
  assert.equal(await overlay.query(".backdrop"), 0, "no cover while running");
  // The chip is not in the way: clicks pass through it to the site.
  const through = await timeline.evaluate(() => document.elementFromPoint(30, innerHeight - 30)?.localName);
  assert.notEqual(through, "staffroom-focus");

  // Posts arriving during the session meet the strict lens narrowed to #ukedchat.
  await timeline.evaluate((cells) => document.getElementById("timeline").insertAdjacentHTML("afterbegin", cells), [
    xPost({ id: "901", handle: "chatter", text: "Q1 tonight: how do you use retrieval practice? #ukedchat" }),
    xPost({ id: "902", handle: "other", text: "Worked examples for fractions #edchat" }),
  ].join(""));
  await until(async () => (await verdictOf(timeline, "902")) !== "pending", "verdicts for new posts");
  assert.equal(await verdictOf(timeline, "901"), "show");
  assert.equal(await verdictOf(timeline, "902"), "hide", "#edchat is off-topic in a #ukedchat session");
  assert.equal(await verdictOf(timeline, "3"), "show", "posts shown before the session keep their verdict");
  await noteOnScreen(timeline);
  await shoot(timeline, "chip");
  await shoot(popup, "popup-running");
});

test("a stopped service worker neither loses nor restarts the session", async () => {
  const before = (await storedState()).phase.session.ends_at_ms;
  const cdp = await popup.context().newCDPSession(popup);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  const { value } = await send({ type: "focus/view" });
  assert.equal(value.view.phase.kind, "running");
  assert.equal(value.view.phase.ends_at_ms, before);
});

test("when time is up a review covers the timeline, stops scrolling, and five more minutes resumes", async () => {
  const saved = await send({ type: "library/save", idea: { site: "x", text: "Exit tickets as three emoji: 😀 🤔 😕", author: { name: "Chatter", handle: "chatter" }, permalink: "https://x.com/chatter/status/901" } });
  assert.ok(saved.ok, saved.error);
  // An idea planned at once is listed in the review but not offered for planning again.
  const planned = await send({ type: "library/save", idea: { site: "x", text: "Cold calling with mini whiteboards", author: { name: "T3", handle: "teacher3" }, permalink: "https://x.com/teacher3/status/4" } });
  assert.ok(planned.ok, planned.error);
  const plan = await send({ type: "library/apply", op: { op: "plan", id: planned.value.idea.id, plan: { what: "Try it with 9X" } } });
  assert.ok(plan.ok, plan.error);
  await until(async () => (await storedState()).phase.session.saved_idea_ids.length === 2, "the saved ideas to be recorded");
  await timeline.bringToFront();
  await timeline.evaluate(() => scrollTo(0, 400));
  await timeline.locator('article[data-testid="tweet"]').nth(4).focus();
  await noteOnScreen(timeline);
  // The page reports what came on screen a frame or more after the scroll, and the background
  // holds it until its next event: let it arrive before the session ends.
  await until(async () => (await postsCounted()) === seenInSession.size, "the posts scrolled into view to be counted");
  await letTimePass(5 * MINUTE + 1000);

  const overlay = await shadowOf(timeline);
  await until(async () => (await overlay.attr(".backdrop", "data-cover")) === "review", "the review cover");
  await until(async () => (await badge()) === "", "the badge to clear");
  assert.deepEqual(await overlay.accessibleDialog(), { name: "Time's up: a quick review", modal: true });
  assert.equal(await overlay.attr(".dialog", "aria-modal"), "true");
  await until(() => overlay.query(".idea"), "the saved idea");
  const stats = await overlay.text(".stats");
  assert.match(stats, /^5minutes/);
  const hidden = [...seenInSession.values()].filter(Boolean).length;
  assert.ok(seenInSession.size > 2 && hidden === 1, "posts from before the session and one that arrived hidden");
  assert.equal(stats, `5minutes${seenInSession.size}posts seen${hidden}posts hidden`, "each post on screen during the session, once");
  assert.equal(await overlay.text("legend"), "You saved 2 ideas; 1 without a trial plan. Plan one now?");
  assert.match(await overlay.text("fieldset .idea"), /^Exit tickets as three emoji/);
  assert.equal(await overlay.query('fieldset input[type="radio"]:nth-of-type(2), fieldset .idea:nth-of-type(2)'), 0, "only the idea without a plan is offered");
  assert.equal(await overlay.text(".planned .idea"), "Cold calling with mini whiteboards@teacher3 · trial planned");
  assert.match(await overlay.text('[data-action="extend"]'), /5 more minutes/);

  // Covers the whole viewport, takes focus, and the page beneath is inert.
  const page = await timeline.evaluate(() => ({
    centre: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName,
    corner: document.elementFromPoint(2, 2)?.localName,
    active: document.activeElement?.localName,
    inert: document.body.inert,
  }));
  assert.deepEqual(page, { centre: "staffroom-focus", corner: "staffroom-focus", active: "staffroom-focus", inert: true });
  assert.equal(await overlay.isFocused(".dialog"), true);

  // Scrolling cannot get past it: wheel, keys, or the page's own script.
  await timeline.mouse.move(500, 450);
  await timeline.mouse.wheel(0, 1500);
  for (const key of ["PageDown", "End", "Space", "ArrowDown"]) await timeline.keyboard.press(key);
  await timeline.evaluate(() => document.scrollingElement.scrollBy(0, 600));
  await timeline.waitForTimeout(200);
  assert.equal(await timeline.evaluate(() => scrollY), 400);

  // Focus stays in the dialog however far one tabs.
  for (let i = 0; i < 8; i++) await timeline.keyboard.press("Tab");
  assert.equal(await timeline.evaluate(() => document.activeElement?.localName), "staffroom-focus");
  await shoot(timeline, "review");

  await overlay.click('[data-action="extend"]');
  await until(async () => (await overlay.query(".backdrop")) === 0, "the cover to close");
  assert.equal(await badge(), "5");
  assert.match(await overlay.text(".chip"), /5 min left/);
  const after = await timeline.evaluate(() => ({ inert: document.body.inert, y: scrollY, focused: document.activeElement?.dataset?.staffroomVerdict }));
  assert.deepEqual(after, { inert: false, y: 400, focused: "show" }, "the page is back as it was, focus returned");
});

test("\"plan one now\" in one tab opens the trial card and closes the review in every tab", async () => {
  const second = await openTimeline();
  await letTimePass(5 * MINUTE + 1000);
  const one = await shadowOf(timeline);
  const two = await shadowOf(second);
  await until(async () => (await one.attr(".backdrop", "data-cover")) === "review" && (await two.attr(".backdrop", "data-cover")) === "review", "both covers");
  assert.match(await one.text(".stats"), /^10minutes/);
  assert.equal(await one.text("#extend-hint"), "1 left today");
  await second.bringToFront();
  const opened = browser.context.waitForEvent("page");
  await two.click('[data-action="plan"]');
  const library = await opened;
  const { ideas } = await popup.evaluate(async () => (await chrome.storage.local.get("library")).library);
  const unplanned = ideas.find((idea) => !idea.plan);
  assert.equal(library.url(), browser.extensionUrl(`library.html#plan=${encodeURIComponent(unplanned.id)}`));
  await until(async () => (await one.query(".backdrop")) === 0 && (await two.query(".backdrop")) === 0, "both covers to close");
  assert.equal((await storedState()).phase.kind, "idle");
  await library.close();
  await second.close();
});

test("with the budget spent, starting goes through the waiting screen", async () => {
  await popup.bringToFront();
  await popup.getByText("Budget and quiet hours").click();
  await popup.getByLabel("Daily budget (minutes)").fill("5");
  await popup.getByLabel("Pause before a session over budget (seconds)").fill("3");
  await popup.getByRole("button", { name: "Save focus settings" }).click();
  await popup.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await popup.getByText(/budget of 5 min is spent/).waitFor();

  await popup.getByRole("radio", { name: "10 minutes" }).check();
  await popup.getByRole("button", { name: "Start focus" }).click();
  await popup.getByRole("timer", { name: "Time until you can start" }).waitFor();
  assert.equal(await popup.getByRole("button", { name: "Start 10-minute session" }).isDisabled(), true);

  const overlay = await shadowOf(timeline);
  await until(async () => (await overlay.attr(".backdrop", "data-cover")) === "waiting", "the waiting cover");
  // Escape cancels the wait; starting again serves it afresh.
  await timeline.bringToFront();
  await timeline.keyboard.press("Escape");
  await until(async () => (await overlay.query(".backdrop")) === 0, "Escape to cancel the wait");
  assert.equal((await storedState()).phase.kind, "idle");
  await send({ type: "focus/start", minutes: 10, tag: "ukedchat" });
  await until(async () => (await overlay.attr(".backdrop", "data-cover")) === "waiting", "the waiting cover again");
  assert.match(await until(() => overlay.text(".timer"), "the countdown"), /^0:0[1-3]$/);
  await shoot(timeline, "waiting");
  await until(async () => (await overlay.attr('[data-action="start"]', "disabled")) === null, "the countdown", 6_000);
  await overlay.click('[data-action="start"]');
  await until(async () => (await overlay.query(".backdrop")) === 0, "the session to start");
  assert.match(await overlay.text(".chip"), /10 min left/);
  assert.equal(await badge(), "10");
  await send({ type: "focus/done" });
  await send({ type: "focus/done" });
  assert.equal((await storedState()).phase.kind, "idle");
});

test("quiet hours cover the timeline until deliberately overridden", async () => {
  const { value } = await send({ type: "focus/settings" });
  const all = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const saved = await send({ type: "focus/saveSettings", settings: { ...value.settings, quiet_hours: { days: all, start: "00:00", end: "24:00" } } });
  assert.ok(saved.ok, saved.error);
  const overlay = await shadowOf(timeline);
  await until(async () => (await overlay.attr(".backdrop", "data-cover")) === "quiet", "the quiet cover");
  assert.deepEqual(await overlay.accessibleDialog(), { name: "Quiet hours", modal: true });
  await timeline.bringToFront();
  await timeline.keyboard.press("Escape");
  await timeline.waitForTimeout(300);
  assert.notEqual(await overlay.query(".backdrop"), 0, "Escape does not set quiet hours aside");
  await shoot(timeline, "quiet");
  await popup.getByText("Quiet hours", { exact: true }).first().waitFor();
  await shoot(popup, "popup-quiet");

  await overlay.click('[data-action="override"]');
  await overlay.click('[data-action="confirm-override"]');
  await until(async () => (await overlay.query(".backdrop")) === 0, "the override");
  assert.ok((await storedState()).quiet_override_until_ms > Date.now());
  await send({ type: "focus/saveSettings", settings: value.settings });
});

test("the CPD log charts focus minutes and counts ideas", async () => {
  const page = await browser.context.newPage();
  errors.push(watchErrors(page));
  await page.goto(browser.extensionUrl("library.html"));
  await mountIfMissing(page, "cpd-panel", "pages/cpd-panel.js", "renderCpdPanel");
  const chart = page.locator("#cpd-panel svg[role=img]");
  await chart.waitFor();
  assert.equal(await chart.evaluate((svg) => svg instanceof SVGSVGElement && svg.namespaceURI), "http://www.w3.org/2000/svg");
  assert.match(await chart.locator("rect.bar title").first().textContent(), /10 min, 2 sessions/);
  const [focus, ideas] = await page.locator("#cpd-panel .totals").allInnerTexts();
  assert.match(focus, /^10\s+focus minutes in 14 days\s+2\s+sessions$/);
  assert.match(ideas, /^2\s+saved\s+1\s+planned\s+0\s+reviewed\s+0\s+embedded$/);
  assert.equal(await page.locator("#cpd-panel tbody tr").count(), 1);
  await page.locator("#cpd-panel").scrollIntoViewIfNeeded();
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator("#cpd-panel").screenshot({ path: `${OUT}/cpd-${scheme}.png` });
  }
  await page.close();
});

test("no errors on the pages", () => {
  assert.deepEqual(errors.flat(), []);
});
