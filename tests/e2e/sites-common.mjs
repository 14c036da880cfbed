// Shared by the sites-*.test.mjs files: what the content script sent to the background, the
// verdict markers, and driving our closed-shadow-root UI the way assistive technology sees it
// (the accessibility tree, through the DevTools protocol; the page itself cannot reach it).
import assert from "node:assert/strict";

/** Records every post the content scripts send (the port's second listener, in the real worker). */
export async function recordSentPosts(browser) {
  await browser.worker.evaluate(() => {
    globalThis.sentPosts = [];
    chrome.runtime.onConnect.addListener((port) =>
      port.onMessage.addListener((message) => message?.type === "classify" && globalThis.sentPosts.push(...message.posts)));
  });
  return {
    all: () => browser.worker.evaluate(() => globalThis.sentPosts),
    clear: () => browser.worker.evaluate(() => { globalThis.sentPosts = []; }),
  };
}

/** The latest post sent with each text (by a prefix of its text). */
export function sentByText(posts, prefix) {
  const matches = posts.filter((p) => p.text.startsWith(prefix));
  assert.ok(matches.length, `no post sent starting "${prefix}"`);
  return matches[matches.length - 1];
}

/** Waits until `count` elements match `selector` and none is pending; returns their verdicts. */
export async function settledVerdicts(page, selector, count) {
  await page.waitForFunction(({ selector, count }) => {
    const all = document.querySelectorAll(selector);
    return all.length === count && [...all].every((p) => ["show", "warn", "hide"].includes(p.dataset.staffroomVerdict));
  }, { selector, count }, { timeout: 15_000 });
  return page.$$eval(selector, (all) => all.map((p) => p.dataset.staffroomVerdict));
}

/** Appends markup to `container`, as the site's own rendering would (fixtures escape their text). */
export function appendHtml(page, container, html) {
  return page.evaluate(({ container, html }) => {
    document.querySelector(container).append(document.createRange().createContextualFragment(html));
  }, { container, html });
}

/** The visible text inside each element matching `selector`, shadow roots (closed ones too) included. */
export async function shadowTexts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const texts = [];
  const { result } = await cdp.send("Runtime.evaluate", { expression: `[...document.querySelectorAll(${JSON.stringify(selector)})]` });
  const { result: items } = await cdp.send("Runtime.getProperties", { objectId: result.objectId, ownProperties: true });
  for (const item of items.filter((p) => /^\d+$/.test(p.name))) {
    const { node } = await cdp.send("DOM.describeNode", { objectId: item.value.objectId, depth: -1, pierce: true });
    const parts = [];
    const walk = (n) => {
      if (n.nodeName === "STYLE") return;
      if (n.nodeType === 3) parts.push(n.nodeValue);
      for (const child of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(child);
    };
    walk(node);
    texts.push(parts.join(" ").replace(/\s+/g, " ").trim());
  }
  await cdp.detach();
  return texts;
}

async function axNodes(page, role, name) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodes } = await cdp.send("Accessibility.queryAXTree", { nodeId: root.nodeId, role, accessibleName: name });
  return { cdp, nodes: nodes.filter((n) => !n.ignored) };
}

/** How many controls with this role and accessible name the accessibility tree holds. */
export async function countAx(page, role, name) {
  const { cdp, nodes } = await axNodes(page, role, name);
  await cdp.detach();
  return nodes.length;
}

/** Clicks the `index`th control with this role and accessible name, with the mouse. */
export async function clickAx(page, role, name, index = 0) {
  const { cdp, nodes } = await axNodes(page, role, name);
  assert.ok(nodes[index], `no ${role} named "${name}"`);
  const backendNodeId = nodes[index].backendDOMNodeId;
  await cdp.send("DOM.scrollIntoViewIfNeeded", { backendNodeId });
  const { model } = await cdp.send("DOM.getBoxModel", { backendNodeId });
  await cdp.detach();
  const [x1, y1, , , x3, y3] = model.border;
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Focuses the `index`th control with this role and name and presses a key, as a keyboard user. */
export async function pressAx(page, role, name, key = "Enter", index = 0) {
  const { cdp, nodes } = await axNodes(page, role, name);
  assert.ok(nodes[index], `no ${role} named "${name}"`);
  await cdp.send("DOM.focus", { backendNodeId: nodes[index].backendDOMNodeId });
  await cdp.detach();
  await page.keyboard.press(key);
}

/** A full-page screenshot of `url` in the dark colour scheme, once every post is judged. */
export async function darkScreenshot(browser, url, selector, count, path) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(url);
  await settledVerdicts(page, selector, count);
  await page.screenshot({ path, fullPage: true });
  await page.close();
}

/** Clicks "Save idea" on the post matching `selector` and waits until it is saved. */
export async function saveIdea(page, selector) {
  const button = page.locator(`${selector} button[data-staffroom-save]`);
  await button.click();
  await page.waitForFunction((sel) => document.querySelector(`${sel} button[data-staffroom-save]`)?.getAttribute("aria-pressed") === "true", selector, { timeout: 10_000 });
}

/** The saved ideas, read from the library as an extension page reads it: what the content script read from each post. */
export async function savedIdeas(browser) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl("manifest.json"));
  const response = await page.evaluate(() => chrome.runtime.sendMessage({ type: "library/get" }));
  await page.close();
  assert.equal(response?.ok, true, response?.error);
  return response.value.library.ideas;
}

/** The saved idea with this permalink, as {name, handle, permalink, text}. */
export async function savedIdea(browser, permalink) {
  const idea = (await savedIdeas(browser)).find((i) => i.permalink === permalink);
  assert.ok(idea, `no idea saved with permalink ${permalink}`);
  return { name: idea.author.name, handle: idea.author.handle, permalink: idea.permalink, text: idea.text };
}
