// Our in-page UI follows the site's theme live (content/theme.js): an X timeline served at
// https://x.com with a strict CSP is switched between light and dark without a reload, the ways
// the sites do it (X colours the body, Bluesky classes <html>, a page following the system's
// scheme, Mastodon sets <html data-mode>), and the Save idea buttons, "why?", a placeholder, a warning cover, an open trial card
// and the focus chip must change with it. Colours are read as the browser computes them, inside
// our closed shadow roots through the DevTools protocol, and held to a readable contrast.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { bskyPage, bskyPost, mastodonPage, mastodonPost, xPost, xTimeline } from "./fixtures.mjs";
import { clickAx, settledVerdicts } from "./sites-common.mjs";

const OUT = outputDir("theme");
const TWEETS = 'article[data-testid="tweet"]';
const X_POSTS = [
  xPost({ id: "1", handle: "msteach", name: "Ms Teach", text: "Tried retrieval practice starters with my Year 9s today #edchat" }),
  xPost({ id: "2", handle: "celebnews", text: "You won't believe what this celebrity wore" }),
  xPost({ id: "3", handle: "toastfan", text: "just burnt my toast, great start to the day lol" }),
  xPost({ id: "4", handle: "bookclub", text: "Spoilers for the #edchat book club read" }),
  xPost({ id: "5", handle: "histhead", text: "Knowledge organisers as low-stakes quizzes #edchat" }),
];
// X draws its themes by the body's own colour: Default, Lights out.
const X_LIGHT = { background: "rgb(255, 255, 255)", text: "rgb(15, 20, 25)" };
const X_DARK = { background: "rgb(0, 0, 0)", text: "rgb(231, 233, 234)" };

let browser;
let extensionPage;
before(async () => {
  browser = await launch({ colorScheme: "light" });
  await setPack(browser, {
    lens: { enabled: true, hashtags: ["edchat"], keywords: ["retrieval practice"] },
    mute: [{ value: "spoilers", action: "warn" }],
  });
  extensionPage = await browser.context.newPage();
  await extensionPage.goto(browser.extensionUrl("library.html"));
});
after(async () => browser?.close());

// ---- colours --------------------------------------------------------------------------------

const rgba = (css) => {
  const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
  return { r, g, b, a };
};
const over = (top, bottom) => ({
  r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
});
// WCAG's relative luminance and contrast ratio.
const luminance = ({ r, g, b }) => {
  const channel = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const contrast = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

/** Computed `color` and `background-color` of `inner` inside each `host`'s closed shadow root
 * (or of the host itself when `inner` is null), as the browser draws them. */
async function coloursOf(page, host, inner) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
  const nodes = new Map();
  const index = (node) => {
    nodes.set(node.nodeId, node);
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) index(child);
  };
  index(root);
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: host });
  const colours = [];
  for (const hostId of nodeIds) {
    let nodeId = hostId;
    if (inner) {
      const shadow = nodes.get(hostId)?.shadowRoots?.[0];
      assert.ok(shadow, `${host} has no shadow root`);
      ({ nodeId } = await cdp.send("DOM.querySelector", { nodeId: shadow.nodeId, selector: inner }));
      assert.ok(nodeId, `no ${inner} inside ${host}`);
    }
    const { computedStyle } = await cdp.send("CSS.getComputedStyleForNode", { nodeId });
    const value = (name) => computedStyle.find((p) => p.name === name).value;
    colours.push({ text: rgba(value("color")), background: rgba(value("background-color")) });
  }
  await cdp.detach();
  assert.ok(colours.length, `no ${host} on the page`);
  return colours;
}

const pageBackground = async (page) => rgba(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));

/** Each piece of our UI reads well on this page and is drawn in its theme: text at 4.5:1 against
 * what lies beneath it, surfaces dark on a dark page and light on a light one. */
async function assertDrawnFor(page, theme, pieces) {
  const beneath = await pageBackground(page);
  assert.equal(luminance(beneath) < 0.2, theme === "dark", `the page itself is ${theme}`);
  for (const { name, host, inner = null, surface = true } of pieces) {
    for (const { text, background } of await coloursOf(page, host, inner)) {
      const drawnOn = over(background, beneath);
      const ratio = contrast(text, drawnOn);
      assert.ok(ratio >= 4.5, `${name} on the ${theme} page: contrast ${ratio.toFixed(2)}:1 (text ${JSON.stringify(text)} on ${JSON.stringify(drawnOn)})`);
      if (surface) assert.equal(luminance(drawnOn) < 0.2, theme === "dark", `${name}'s surface is ${theme} (${JSON.stringify(drawnOn)})`);
    }
  }
}

// ---- driving the page -----------------------------------------------------------------------

async function openTimeline(html, url, selector, count, options) {
  await serve(browser.context, `${new URL(url).origin}/**`, html, options);
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await settledVerdicts(page, selector, count);
  return { page, errors };
}

/** Runs `change` in the page as the site's own script would, then waits until our UI says it followed. */
async function switchPage(page, theme, change) {
  await page.evaluate(change);
  await page.waitForFunction((theme) => [...document.querySelectorAll("[data-staffroom-theme]")]
    .every((element) => element.getAttribute("data-staffroom-theme") === theme), theme, { timeout: 5_000 });
}
const xBody = ({ background, text }) => `document.body.style.backgroundColor = "${background}"; document.body.style.color = "${text}"`;

const send = async (message) => {
  const response = await extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
  assert.equal(response?.ok, true, response?.error);
  return response.value;
};

const X_PIECES = [
  { name: "Save idea", host: 'article:has(a[href$="/status/5"]) button[data-staffroom-save]' },
  { name: "Saved", host: 'article:has(a[href$="/status/1"]) button[data-staffroom-save]', surface: false },
  { name: '"why?"', host: "staffroom-why", inner: "button" },
  { name: "the placeholder", host: "staffroom-placeholder", inner: ".bar" },
  { name: "the placeholder's show", host: "staffroom-placeholder", inner: "button" },
  { name: "the strong-language cover", host: "staffroom-warning", inner: ".cover" },
  { name: "the cover's Show post", host: "staffroom-warning", inner: "button" },
  { name: "the trial card", host: "[data-staffroom-card]", inner: ".card" },
  { name: "the placeholder's reasons", host: "staffroom-placeholder", inner: ".list .who" },
  { name: '"why?" opened', host: "staffroom-why", inner: ".panel" },
];

test("on X, switched to Lights out and back without a reload, every piece of our UI follows", async () => {
  const { page, errors } = await openTimeline(xTimeline(X_POSTS), "https://x.com/home", TWEETS, X_POSTS.length);
  assert.deepEqual(await page.$$eval(TWEETS, (all) => all.map((a) => a.dataset.staffroomVerdict)), ["show", "hide", "hide", "warn", "show"]);
  await page.locator('article:has(a[href$="/status/1"]) button[data-staffroom-save]').click();
  await page.waitForFunction(() => document.querySelector("[data-staffroom-card]"));
  await clickAx(page, "button", "Why were these posts hidden?");
  await clickAx(page, "button", "Why is this post shown?", 1);
  await page.evaluate(xBody(X_LIGHT)); // X sets the body's colour even in its light theme
  await assertDrawnFor(page, "light", X_PIECES);
  await page.screenshot({ path: join(OUT, "x-light.png") });

  await switchPage(page, "dark", xBody(X_DARK));
  await assertDrawnFor(page, "dark", X_PIECES);
  await page.screenshot({ path: join(OUT, "x-dark.png") });

  // A post drawn after the switch is drawn dark from the start.
  await page.evaluate((html) => document.querySelector("#timeline").append(document.createRange().createContextualFragment(html)),
    xPost({ id: "6", handle: "scienceteach", text: "Mini whiteboards for every hinge question #edchat" }));
  await settledVerdicts(page, TWEETS, X_POSTS.length + 1);
  await page.waitForFunction(() => document.querySelector('article:has(a[href$="/status/6"]) button[data-staffroom-save]'));
  await assertDrawnFor(page, "dark", [{ name: "a new Save idea", host: 'article:has(a[href$="/status/6"]) button[data-staffroom-save]' }]);

  await switchPage(page, "light", xBody(X_LIGHT));
  await assertDrawnFor(page, "light", X_PIECES);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the focus chip follows the page, not the system", async () => {
  const { page, errors } = await openTimeline(xTimeline(X_POSTS), "https://x.com/home", TWEETS, X_POSTS.length);
  await send({ type: "focus/start", minutes: 10 });
  await page.waitForFunction(() => document.querySelector("staffroom-focus"));
  const chip = [{ name: "the focus chip", host: "staffroom-focus", inner: ".chip" }];
  await page.evaluate(xBody(X_LIGHT));
  await assertDrawnFor(page, "light", chip);
  await switchPage(page, "dark", xBody(X_DARK));
  await assertDrawnFor(page, "dark", chip);
  await page.screenshot({ path: join(OUT, "focus-chip-dark.png") });
  await send({ type: "focus/done" });
  await send({ type: "focus/done" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("on Bluesky, the theme class on <html> switches our UI both ways", async () => {
  // social-app's web/index.html: html.theme--dark and --dim colour the body.
  const themes = "html.theme--light body{background:#fff;color:#0b0f14}html.theme--dark body{background:#000;color:#f1f3f5}html.theme--dim body{background:#161e27;color:#f1f3f5}";
  const posts = [
    bskyPost({ handle: "msteach.bsky.social", rkey: "1", text: "Tried retrieval practice starters with my Year 9s #edchat" }),
    bskyPost({ handle: "celeb.bsky.social", rkey: "2", text: "You won't believe what this celebrity wore" }),
  ];
  const html = bskyPage(posts).replace("</style>", `${themes}</style>`).replace("<html ", '<html class="theme--light" ');
  const { page, errors } = await openTimeline(html, "https://bsky.app/", '[data-testid^="feedItem-by-"]', posts.length);
  const pieces = [
    { name: "Save idea", host: "button[data-staffroom-save]" },
    { name: "the placeholder", host: "staffroom-placeholder", inner: ".bar" },
  ];
  await assertDrawnFor(page, "light", pieces);
  const setTheme = (theme) => `document.documentElement.classList.remove("theme--light", "theme--dark", "theme--dim");
    document.documentElement.classList.add("theme--${theme}")`;
  await switchPage(page, "dark", setTheme("dim"));
  await assertDrawnFor(page, "dark", pieces);
  await page.screenshot({ path: join(OUT, "bluesky-dim.png") });
  await switchPage(page, "light", setTheme("light"));
  await assertDrawnFor(page, "light", pieces);
  assert.deepEqual(errors, []);
  await page.close();
});

test("on Mastodon, data-mode on <html> switches our UI, under Mastodon's CSP", async () => {
  // app/javascript/inline/theme-selection.js sets data-mode; the theme's variables answer it.
  const modes = "html[data-mode=dark] body{background:#181820;color:#fff}html[data-mode=light] body{background:#fff;color:#000}";
  const posts = [
    mastodonPost({ id: "1", acct: "msteach", text: "Tried retrieval practice starters with Y9 today #edchat", tags: ["edchat"] }),
    mastodonPost({ id: "2", acct: "celeb@news.example", text: "You won't believe what this celebrity wore" }),
  ];
  const html = mastodonPage(posts).replace("</style>", `${modes}</style>`).replace("<html ", '<html data-mode="light" ');
  const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-fixture'; img-src 'self' https: data: blob:; connect-src 'self'";
  const { page, errors } = await openTimeline(html, "https://mastodon.social/home", '[role="feed"] article[data-id]', posts.length, { csp });
  const pieces = [
    { name: "Save idea", host: "button[data-staffroom-save]" },
    { name: "the placeholder", host: "staffroom-placeholder", inner: ".bar" },
  ];
  await assertDrawnFor(page, "light", pieces);
  await switchPage(page, "dark", "document.documentElement.dataset.mode = 'dark'");
  await assertDrawnFor(page, "dark", pieces);
  await page.screenshot({ path: join(OUT, "mastodon-dark.png") });
  await switchPage(page, "light", "document.documentElement.dataset.mode = 'light'");
  await assertDrawnFor(page, "light", pieces);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a page that follows the system's scheme takes our UI with it when the system changes", async () => {
  // The fixture's own stylesheet answers prefers-color-scheme; nothing on <html> or <body> changes.
  const { page, errors } = await openTimeline(xTimeline(X_POSTS), "https://x.com/home", TWEETS, X_POSTS.length);
  const pieces = [
    { name: "Save idea", host: 'article:has(a[href$="/status/5"]) button[data-staffroom-save]' },
    { name: "the strong-language cover", host: "staffroom-warning", inner: ".cover" },
  ];
  await assertDrawnFor(page, "light", pieces);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => document.querySelector("[data-staffroom-theme]").getAttribute("data-staffroom-theme") === "dark");
  await assertDrawnFor(page, "dark", pieces);
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction(() => document.querySelector("[data-staffroom-theme]").getAttribute("data-staffroom-theme") === "light");
  await assertDrawnFor(page, "light", pieces);
  assert.deepEqual(errors, []);
  await page.close();
});
