// Real Chromium with the built extension loaded (dist/chrome), and fixture pages served at the
// sites' real URLs with the strict CSP those sites send, so the manifest's match patterns and
// the CSP limits apply exactly as in use.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const SHARED = process.env.STAFFROOM_SHARED ?? join(ROOT, "..", "shared");
export const EXTENSION = join(ROOT, "dist", "chrome");
// As strict as the real sites for scripts (no 'wasm-unsafe-eval'); images and media as X allows them.
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data: blob:; media-src 'self' https: blob:";

/** `keepWelcome`: leave open the welcome page that a fresh install opens (other tests close it). */
export async function launch({ colorScheme = "light", viewport = { width: 1000, height: 900 }, headless = true, keepWelcome = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "staffroom-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless,
    colorScheme,
    viewport,
    args: [
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
  // Nothing may leave the machine: anything not served by a test is refused.
  await context.route(/^https?:\/\//, (route) => route.abort());
  if (!keepWelcome) {
    const closeWelcome = async (page) => {
      await page.waitForURL(/\/welcome\.html$/, { timeout: 10_000 }).then(() => page.close(), () => {});
    };
    context.on("page", closeWelcome);
    context.pages().forEach(closeWelcome);
  }
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent("serviceworker", { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serves `html` at every URL matching `pattern` (e.g. "https://x.com/**") with a strict CSP. */
export async function serve(context, pattern, html, { csp = STRICT_CSP } = {}) {
  await context.route(pattern, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "content-security-policy": csp }, body: html }),
  );
}

/** Collects uncaught page errors and console errors, to assert a clean run. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export function outputDir(name) {
  const dir = join(ROOT, "test-output", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Stores a rule pack as the options page would, from an extension page. */
export async function setPack(browser, pack) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl("manifest.json"));
  const response = await page.evaluate((pack) => chrome.runtime.sendMessage({ type: "settings/save", pack }), pack);
  await page.close();
  if (!response?.ok) throw new Error(`settings/save failed: ${response?.error}`);
}
