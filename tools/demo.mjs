// `./build.sh demo`: Chromium with the built extension (dist/chrome) on a bundled X-like home
// timeline, served at https://x.com/home with X's strict CSP and no network at all.
// With a display: a window to try it in, open until you close it. Without one: screenshots
// before (no extension) and after in demo-output/, and a table of what was hidden and why.
import { chromium } from "playwright-core";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, STRICT_CSP, launch, serve } from "../tests/e2e/harness.mjs";
import { DEMO_PACK, DEMO_POSTS, TRENDS, WHO_TO_FOLLOW } from "./demo/posts.mjs";
import { demoTimelineHtml, postId } from "./demo/timeline.mjs";

const OUT = join(ROOT, "demo-output");
const URL_HOME = "https://x.com/home";
const VIEWPORT = { width: 1000, height: 900 };
const html = demoTimelineHtml();

async function storePack(browser) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl("manifest.json"));
  const response = await page.evaluate((pack) => chrome.runtime.sendMessage({ type: "settings/save", pack }), DEMO_PACK);
  if (!response?.ok) throw new Error(`the demo pack was refused: ${response?.error}`);
  return page;
}

async function openTimeline(browser) {
  await serve(browser.context, "https://x.com/**", html);
  const page = await browser.context.newPage();
  await page.goto(URL_HOME);
  await page.waitForFunction(() => {
    const marked = document.querySelectorAll("[data-staffroom-verdict]");
    return marked.length > 0 && [...marked].every((e) => e.dataset.staffroomVerdict !== "pending");
  }, null, { timeout: 20_000 });
  return page;
}

/** The timeline without Staffroom: a plain browser, same page, same CSP. */
async function screenshotBefore(path) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.route(/^https?:\/\//, (route) => route.abort());
    await serve(context, "https://x.com/**", html, { csp: STRICT_CSP });
    const page = await context.newPage();
    await page.goto(URL_HOME);
    await page.screenshot({ path, fullPage: true });
  } finally {
    await browser.close();
  }
}

/** What the page shows for each item: posts by status id, suggestions by handle, trends by name. */
function readVerdicts(page) {
  return page.$$eval("[data-staffroom-verdict]", (elements) => elements.map((element) => {
    const verdict = element.dataset.staffroomVerdict;
    const status = element.querySelector('a[href*="/status/"]')?.getAttribute("href");
    if (status) return { key: status.split("/").pop(), verdict };
    if (element.matches('[data-testid="UserCell"]')) return { key: element.querySelector('a[href^="/"]').getAttribute("href").slice(1), verdict };
    if (element.matches('[data-testid="trend"]')) return { key: [...element.querySelectorAll("span")].pop().textContent, verdict };
    return { key: null, label: element.textContent.trim(), verdict }; // a module's heading or "Show more" cell
  }));
}

/** The demo's items described as the content script describes them, for the engine's reasons. */
function describedPosts() {
  return [
    ...DEMO_POSTS.map((post, index) => ({
      id: postId(index), text: post.text, author: post.handle,
      kind: post.promoted ? "promoted" : post.repostedBy ? "repost" : "post",
      related_authors: post.repostedBy ? [post.repostedBy] : [],
    })),
    ...WHO_TO_FOLLOW.map(({ handle, name, bio }) => ({ id: handle, text: `${name} @${handle} ${bio} Follow`, author: handle, kind: "who_to_follow", related_authors: [] })),
    ...TRENDS.map((trend) => ({ id: trend, text: `Trending in United Kingdom ${trend}`, kind: "trend", related_authors: [] })),
  ];
}

async function explain(extensionPage) {
  const posts = describedPosts();
  const response = await extensionPage.evaluate((posts) => chrome.runtime.sendMessage({ type: "engine/classify", posts, site: "x" }), posts);
  if (!response?.ok) throw new Error(`engine/classify failed: ${response?.error}`);
  return posts.map((post, i) => ({ ...post, reasons: response.value[i].reasons }));
}

function clip(text, width) {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat.padEnd(width);
}

function report(shown, explained) {
  const byKey = new Map(explained.map((p) => [p.id, p]));
  const lines = [];
  const counts = { show: 0, warn: 0, hide: 0 };
  for (const { key, label, verdict } of shown) {
    const post = byKey.get(key);
    counts[verdict] = (counts[verdict] ?? 0) + 1;
    const author = post ? (post.author ? `@${post.author}` : "(trend)") : "(module)";
    const why = verdict === "show" ? "" : post ? post.reasons.map((r) => `${r.kind}: ${r.detail}`).join("; ") : "goes with its module";
    lines.push(`${verdict.padEnd(5)} ${clip(author, 20)} ${clip(post?.text ?? label, 60)}  ${why}`);
  }
  console.log(`\n${"verdict".padEnd(5)} ${"author".padEnd(20)} ${"post".padEnd(60)}  why`);
  console.log(lines.join("\n"));
  console.log(`\n${shown.length} items: ${counts.show} shown, ${counts.hide} hidden, ${counts.warn} blurred with a warning.`);
}

async function headless() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await screenshotBefore(join(OUT, "demo-before.png"));
  const browser = await launch({ viewport: VIEWPORT });
  try {
    const extensionPage = await storePack(browser);
    const page = await openTimeline(browser);
    await page.screenshot({ path: join(OUT, "demo-after.png"), fullPage: true });
    writeFileSync(join(OUT, "timeline.html"), html);
    report(await readVerdicts(page), await explain(extensionPage));
    console.log(`Screenshots: demo-output/demo-before.png (without Staffroom), demo-output/demo-after.png (with it).`);
  } finally {
    await browser.close();
  }
}

async function headful() {
  const browser = await launch({ headless: false, viewport: null });
  const closed = new Promise((resolve) => browser.context.on("close", resolve));
  const extensionPage = await storePack(browser);
  const page = await openTimeline(browser);
  await extensionPage.close();
  await page.bringToFront();
  console.log("The demo timeline is open at https://x.com/home (served locally; nothing is fetched).");
  console.log("Use the placeholders to reveal hidden posts; the toolbar icon opens Staffroom. Close the window to finish.");
  await closed;
  await browser.close().catch(() => {});
}

await (process.env.DISPLAY ? headful() : headless());
