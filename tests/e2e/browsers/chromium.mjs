// Chromium behind the same small interface as firefox.mjs: the Chromium harness's launch
// (dist/chrome loaded, every request refused unless served) plus error collection from pages,
// content scripts and the service worker.
import { launch as launchChromium } from "../harness.mjs";
import { clickAx, countAx } from "../sites-common.mjs";
import { servedResponse } from "./serving.mjs";

/** Reports the worker's uncaught errors as console errors (Playwright surfaces only its console). */
async function watchWorker(worker, errors) {
  worker.on("console", (message) => message.type() === "error" && errors.push(`service worker: ${message.text()}`));
  await worker.evaluate(() => {
    addEventListener("error", (event) => console.error(`uncaught: ${event.message}`));
    addEventListener("unhandledrejection", (event) => console.error(`unhandled rejection: ${event.reason?.stack ?? event.reason}`));
  }).catch(() => {}); // stopped meanwhile: its successor is watched when it starts
}

export async function launch() {
  const chromium = await launchChromium();
  const { context } = chromium;
  const errors = [];
  // The extension's own errors (its pages, and content scripts in the sites' tabs), not the sites'.
  const ours = (url) => url?.startsWith(chromium.extensionUrl(""));
  context.on("weberror", (error) => ours(/chrome-extension:\/\/[^\s)]+/.exec(error.error().stack ?? "")?.[0]) && errors.push(`uncaught: ${error.error().stack}`));
  context.on("console", (message) => message.type() === "error" && ours(message.location().url) && errors.push(`console: ${message.text()}`));
  await watchWorker(chromium.worker, errors);
  context.on("serviceworker", (worker) => watchWorker(worker, errors));

  /** Runs `fn(extensionId, arg)` in chrome://extensions, where Chrome's own UI keeps its API. */
  async function extensionsPage(fn, arg) {
    const page = await context.newPage();
    await page.goto("chrome://extensions/");
    await page.evaluate(([source, id, arg]) => new Function(`return (${source})`)()(id, arg), [fn.toString(), chromium.extensionId, arg]);
    await page.close();
  }

  const routes = [];
  return {
    name: "chromium",
    errors,
    extensionUrl: chromium.extensionUrl,
    async serve(origin, html, options) {
      const known = routes.some((route) => route.origin === origin);
      routes.unshift({ origin, html, ...options });
      if (!known) await context.route(`${origin}/**`, (request) => {
        const response = servedResponse(routes, request.request().url());
        return response ? request.fulfill(response) : request.abort();
      });
    },
    /** Chrome's per-extension "Site access" setting, as the user picks it at chrome://extensions
     * ("ON_CLICK" withholds the host permissions, "ON_ALL_SITES" grants them). */
    setSiteAccess: (hostAccess) => extensionsPage((id, hostAccess) => chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess }), hostAccess),
    /** Allows one more site from the same menu ("On specific sites"). */
    allowSite: (origin) => extensionsPage((id, origin) => chrome.developerPrivate.addHostPermission(id, origin), origin),
    /** Stops the service worker as Chrome does after 30 s idle (everything in memory is gone),
     * from chrome://serviceworker-internals: the profile has no other worker. */
    async unloadBackground() {
      const internals = await context.newPage();
      await internals.goto("chrome://serviceworker-internals/");
      await internals.getByRole("button", { name: "Stop", exact: true }).click();
      await internals.waitForFunction(() => /Running Status: STOPPED/.test(document.body.innerText));
      await internals.close();
    },
    async newPage() {
      return chromiumPage(await context.newPage());
    },
    close: () => chromium.close(),
  };
}

function chromiumPage(page) {
  return {
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async waitFor(fn, arg, { timeout = 15_000 } = {}) {
      return (await page.waitForFunction(fn, arg, { timeout })).jsonValue();
    },
    click: (selector) => page.locator(selector).first().click(),
    // Waits for the control as Playwright's own actions do: pages draw after their messages.
    async clickRole(role, name, index = 0) {
      const deadline = Date.now() + 10_000;
      while ((await countAx(page, role, name)) <= index && Date.now() < deadline) await page.waitForTimeout(100);
      await clickAx(page, role, name, index);
    },
    close: () => page.close(),
  };
}
