// Stock Firefox ESR driven over WebDriver BiDi (see ../shared/FIREFOX.md): dist/firefox installed
// as a temporary add-on, fixture pages served at the sites' real URLs by network interception,
// and the extension's errors read from Firefox's own output.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../harness.mjs";
import { connectBidi } from "./bidi.mjs";
import { servedResponse } from "./serving.mjs";

const EXTENSION = join(ROOT, "dist", "firefox");
const GECKO_ID = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")).browser_specific_settings.gecko.id;
// A fixed internal UUID gives the extension's pages a known origin.
const EXTENSION_UUID = "5a7ff20c-2f7e-4b7a-9c53-5aa4ff1234ab";
const ORIGIN = `moz-extension://${EXTENSION_UUID}`;

function profilePrefs({ grantHosts, backgroundIdleMs }) {
  const prefs = {
    "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    // console.* of web content and of the extension (background, content scripts, pages) on
    // stdout, Firefox's own kept off; uncaught errors and rejections ("JavaScript error: …") on stderr.
    "devtools.console.stdout.content": true,
    "devtools.console.stdout.chrome": false,
    "browser.dom.window.dump.enabled": true,
    // Nothing leaves the machine: whatever a test does not serve goes to a closed port.
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    // What grants an MV3 add-on its host_permissions at install; a user can withhold them.
    "extensions.originControls.grantByDefault": grantHosts,
    // permissions.request() from a real click is granted without the doorhanger a test cannot answer.
    "extensions.webextOptionalPermissionPrompts": false,
  };
  if (backgroundIdleMs) prefs["extensions.background.idle.timeout"] = backgroundIdleMs;
  return Object.entries(prefs).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`).join("\n");
}

// Uncaught errors and rejections name their script's URL; console.error lines do not, but the
// fixture pages never call it, so every one is the extension's.
const EXTENSION_ERROR = /^JavaScript error: moz-extension:\/\//;
const CONSOLE_ERROR = /^console\.error: "/; // content passes its message first, quoted

/** Calls `onLine` with each complete line of `stream`. */
function eachLine(stream, onLine) {
  let rest = "";
  stream.setEncoding("utf8").on("data", (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop();
    for (const line of lines) onLine(line);
  });
}

export async function launch({ grantHosts = true, backgroundIdleMs } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "staffroom-firefox-"));
  writeFileSync(join(profile, "user.js"), profilePrefs({ grantHosts, backgroundIdleMs }));
  const child = spawn(process.env.FIREFOX ?? "firefox-esr", [
    "--headless", "--no-remote", "--profile", profile, "--remote-debugging-port", "0", "--remote-allow-system-access",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  const errors = [];
  eachLine(child.stdout, (line) => CONSOLE_ERROR.test(line) && errors.push(line));
  eachLine(child.stderr, (line) => EXTENSION_ERROR.test(line) && errors.push(line));
  const endpoint = await new Promise((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`Firefox did not start:\n${stderr}`)), 30_000);
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`Firefox exited (${code}):\n${stderr}`)));
  });
  const bidi = await connectBidi(`${endpoint}/session`);
  await bidi.send("session.new", { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  await bidi.send("webExtension.install", { extensionData: { type: "path", path: EXTENSION } });

  const routes = [];
  await bidi.send("session.subscribe", { events: ["network.beforeRequestSent"] });
  await bidi.send("network.addIntercept", {
    phases: ["beforeRequestSent"],
    urlPatterns: [{ type: "pattern", protocol: "https" }, { type: "pattern", protocol: "http" }],
  });
  bidi.on("network.beforeRequestSent", ({ isBlocked, request }) => {
    if (!isBlocked) return;
    const response = servedResponse(routes, request.url);
    const answer = response
      ? bidi.send("network.provideResponse", {
        request: request.request, statusCode: response.status, reasonPhrase: "OK",
        headers: Object.entries(response.headers).map(([name, value]) => ({ name, value: { type: "string", value } })),
        body: { type: "string", value: response.body },
      })
      : bidi.send("network.failRequest", { request: request.request });
    answer.catch(() => {}); // the tab may have gone meanwhile
  });

  const browser = {
    name: "firefox",
    errors,
    extensionUrl: (path) => `${ORIGIN}/${path}`,
    serve(origin, html, options) {
      routes.unshift({ origin, html, ...options });
    },
    /** Waits until Firefox unloads the idle event page (launch with `backgroundIdleMs`); a
     * marker left in it beforehand proves its memory went with it. */
    async unloadBackground() {
      if (!backgroundIdleMs) throw new Error("launch Firefox with backgroundIdleMs to unload its event page");
      const page = await browser.newPage();
      await page.goto(browser.extensionUrl("popup.html"));
      await page.evaluate(async () => { (await chrome.runtime.getBackgroundPage()).unloadMarker = true; });
      await page.waitFor(() => !chrome.extension.getBackgroundPage()?.unloadMarker, null, { timeout: backgroundIdleMs * 20 });
      await page.close();
    },
    async newPage() {
      const { context } = await bidi.send("browsingContext.create", { type: "tab" });
      return firefoxPage(bidi, context);
    },
    async close() {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
      await bidi.send("browser.close").catch(() => {});
      bidi.close();
      const stuck = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(stuck);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return browser;
}

const MOUSE = { type: "pointer", id: "mouse", parameters: { pointerType: "mouse" } };

function firefoxPage(bidi, context) {
  // Arguments and results cross as JSON, as with Playwright's page.evaluate.
  async function evaluate(fn, arg) {
    const { result, exceptionDetails, type } = await bidi.send("script.callFunction", {
      functionDeclaration: `async (json) => JSON.stringify(await (${fn})(JSON.parse(json)) ?? null)`,
      arguments: [{ type: "string", value: JSON.stringify(arg ?? null) }],
      target: { context },
      awaitPromise: true,
    });
    if (type === "exception") throw new Error(`evaluate: ${exceptionDetails.text}`);
    return JSON.parse(result.value);
  }

  async function clickNode(sharedId) {
    await bidi.send("script.callFunction", {
      functionDeclaration: "(node) => node.scrollIntoView({ block: 'center' })",
      arguments: [{ sharedId }], target: { context }, awaitPromise: false,
    });
    await bidi.send("input.performActions", {
      context,
      actions: [{ ...MOUSE, actions: [
        { type: "pointerMove", x: 0, y: 0, origin: { type: "element", element: { sharedId } } },
        { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 },
      ] }],
    });
  }

  // The document and every shadow root in it, closed ones included (BiDi can see them; the
  // accessibility locator does not descend into them by itself).
  async function searchRoots() {
    const { result } = await bidi.send("script.callFunction", {
      functionDeclaration: "() => [document.documentElement, ...document.querySelectorAll('*')]",
      target: { context }, awaitPromise: false,
      serializationOptions: { maxDomDepth: 0, includeShadowTree: "all" },
    });
    const [documentElement, ...elements] = result.value;
    return [documentElement, ...elements.map((node) => node.value.shadowRoot).filter(Boolean)].map(({ sharedId }) => ({ sharedId }));
  }

  // Waits for the element as Playwright's actions do: pages draw after their scripts' messages.
  async function locate(locator, what, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const { nodes } = await bidi.send("browsingContext.locateNodes", { context, locator, startNodes: await searchRoots() });
      if (nodes.length) return nodes;
      if (Date.now() > deadline) throw new Error(`no ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    async goto(url) {
      await bidi.send("browsingContext.navigate", { context, url, wait: "complete" });
    },
    evaluate,
    async waitFor(fn, arg, { timeout = 15_000 } = {}) {
      const deadline = Date.now() + timeout;
      let failure = "";
      for (;;) {
        // A navigation may be under way: an evaluation that fails is tried again.
        const value = await evaluate(fn, arg).catch((error) => void (failure = ` (last: ${error.message})`));
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeout} ms${failure}: ${fn}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async click(selector) {
      const [node] = await locate({ type: "css", value: selector }, `element matches ${selector}`);
      await clickNode(node.sharedId);
    },
    async clickRole(role, name, index = 0) {
      const nodes = await locate({ type: "accessibility", value: { role, name } }, `${role} named "${name}"`);
      if (!nodes[index]) throw new Error(`no ${role} named "${name}" at ${index}`);
      await clickNode(nodes[index].sharedId);
    },
    close: () => bidi.send("browsingContext.close", { context }),
  };
}
