// The options page against the real background: edits reach an open X tab without a reload,
// a broken pack file is refused with field-named errors and nothing saved, export round-trips,
// and the in-page "mute/trust this author" routes show up on the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, watchErrors, setPack, outputDir } from "./harness.mjs";
import { xPost, xTimeline } from "./fixtures.mjs";
import { describeSource } from "../../extension/pages/options-source.js";

let browser;
let options;
let errors;
const dir = outputDir("e2e");

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 900 } });
  await setPack(browser, { lens: { enabled: true, packs: ["uk-edchat"] }, mute: [{ value: "football" }] });
  options = await browser.context.newPage();
  errors = watchErrors(options);
  await options.goto(browser.extensionUrl("options.html"));
  await options.locator(".pack").first().waitFor();
});
after(async () => browser?.close());

const storedPack = async () => (await options.evaluate(() => chrome.runtime.sendMessage({ type: "settings/get" }))).value.pack;
const verdicts = (page) => page.$$eval('article[data-testid="tweet"]', (posts) => posts.map((p) => p.dataset.staffroomVerdict));

test("editing a muted word refilters an open X tab without a reload", async () => {
  await serve(browser.context, "https://x.com/**", xTimeline([
    xPost({ id: "1", handle: "pe_dept", text: "Great football assembly today #ukedchat" }),
    xPost({ id: "2", handle: "head", text: "Ofsted visit tomorrow, wish us luck #ukedchat" }),
  ]));
  const timeline = await browser.context.newPage();
  await timeline.goto("https://x.com/home");
  await timeline.waitForFunction(() => document.querySelectorAll('[data-staffroom-verdict="show"], [data-staffroom-verdict="hide"]').length === 2);
  assert.deepEqual(await verdicts(timeline), ["hide", "show"]);
  await timeline.evaluate(() => { window.stillTheSamePage = true; });

  const word = options.getByRole("textbox", { name: "Muted word", exact: true });
  assert.equal(await word.inputValue(), "football");
  await word.fill("ofsted");
  await word.press("Tab");
  await options.getByRole("status").filter({ hasText: "All changes saved." }).waitFor();

  await timeline.waitForFunction(() => document.querySelector('article[data-staffroom-verdict="hide"] [data-testid="tweetText"]')?.textContent.startsWith("Ofsted"), null, { timeout: 10_000 });
  assert.deepEqual(await verdicts(timeline), ["show", "hide"]);
  assert.equal(await timeline.evaluate(() => window.stillTheSamePage), true);
  assert.equal((await storedPack()).mute[0].value, "ofsted");
  await timeline.close();
});

test("an invalid edit shows the engine's error next to the field and is not saved", async () => {
  const word = options.getByRole("textbox", { name: "Muted word", exact: true });
  await options.getByRole("combobox", { name: /How to match/ }).selectOption("regex");
  await word.fill("(unclosed");
  await word.press("Tab");
  const note = options.locator('td p.error[data-error-for="mute[0].value"]');
  await note.waitFor();
  assert.equal(await note.textContent(), "Muted word 1: the pattern has an opening bracket ( without a closing one mute[0].value");
  assert.equal(await word.getAttribute("aria-invalid"), "true");
  assert.equal(await word.inputValue(), "(unclosed");
  assert.match(await options.locator("#status").textContent(), /^Not saved/);
  assert.equal((await storedPack()).mute[0].value, "ofsted");
  await options.locator("#section-mute").screenshot({ path: `${dir}/options-error.png` });

  await word.fill("ofsted|inspection");
  await word.press("Tab");
  await options.getByRole("status").filter({ hasText: "All changes saved." }).waitFor();
  assert.equal(await note.count(), 0);
  assert.deepEqual((await storedPack()).mute[0], { value: "ofsted|inspection", targets: ["content", "tag"], match: "regex", action: "hide" });
});

test("a broken pack file is refused with field-named errors beside the import control; nothing is saved", async () => {
  const before = await storedPack();
  const file = join(dir, "broken-pack.json");
  writeFileSync(file, JSON.stringify({ lens: { hashtags: ["two words"] }, mute: [{ value: "x", match: "fuzzy" }] }));
  await options.locator('input[type="file"]').setInputFiles(file);
  const list = options.locator(".import-errors");
  await list.waitFor();
  const items = await list.locator("li").allTextContents();
  assert.ok(items.some((t) => /^Muted word 1, how to match: expected one of word, substring, regex.* mute\[0\]\.match$/.test(t)), items.join("\n"));
  assert.ok(items.some((t) => /^Your hashtag 1: .* lens\.hashtags\[0\]$/.test(t)), items.join("\n"));
  // The page does not claim that all is saved.
  assert.equal(await options.locator("#status").textContent(), "Import failed: your rules are unchanged.");
  assert.equal(await options.locator('input[type="file"]').getAttribute("aria-describedby"), await list.getAttribute("id"));
  assert.deepEqual(await storedPack(), before);

  writeFileSync(file, "{ not json");
  await options.locator('input[type="file"]').setInputFiles(file);
  await options.locator(".import-errors li", { hasText: "broken-pack.json cannot be read: it is not JSON: something unexpected at line 1, column 3." }).waitFor();
  assert.deepEqual(await storedPack(), before);

  // A library backup is not a rule pack: the teacher is told where it goes.
  writeFileSync(file, JSON.stringify({ format: "staffroom-library", version: 1, ideas: [] }));
  await options.locator('input[type="file"]').setInputFiles(file);
  await options.locator(".import-errors li", { hasText: "broken-pack.json is a library backup, not a rule pack: import it on the Your ideas page" }).waitFor();
  assert.deepEqual(await storedPack(), before);
});

test("the mute box picks a mode that can match what was typed, or asks", async () => {
  const box = options.getByRole("textbox", { name: "Word to mute" });
  assert.equal(await box.getAttribute("placeholder"), "a word, a phrase or #hashtag");
  const added = async () => (await storedPack()).mute.at(-1);
  const mute = async (text) => {
    const count = (await storedPack()).mute.length;
    await box.fill(text);
    await box.press("Enter");
    return count;
  };
  const whenAdded = async (count) => options.waitForFunction(async (count) =>
    (await chrome.runtime.sendMessage({ type: "settings/get" })).value.pack.mute.length === count + 1, count);

  await whenAdded(await mute("crypto*"));
  assert.deepEqual(await added(), { value: "crypto", targets: ["content", "tag"], match: "substring", action: "hide" });
  await options.getByText("Muted “crypto” inside longer words too.").waitFor();

  await whenAdded(await mute("“buy now”"));
  assert.deepEqual(await added(), { value: "buy now", targets: ["content", "tag"], match: "word", action: "hide" });
  // Rewriting a whole-word rule as a pattern switches its row to pattern matching.
  const phrase = options.getByRole("textbox", { name: "Muted word", exact: true }).last();
  await phrase.fill("buy now$");
  await phrase.press("Tab");
  await options.getByRole("combobox", { name: "How to match “buy now$”" }).waitFor();
  assert.equal(await options.getByRole("combobox", { name: "How to match “buy now$”" }).inputValue(), "regex");
  assert.deepEqual(await added(), { value: "buy now$", targets: ["content", "tag"], match: "regex", action: "hide" });

  // Written like a regular expression: a question, not a whole-word rule that cannot match.
  const count = await mute("^free (money|crypto)");
  const question = options.getByRole("group", { name: "How to mute this" });
  await question.waitFor();
  assert.equal((await storedPack()).mute.length, count + 1 - 1, "nothing added before the answer");
  await question.getByRole("button", { name: "As a pattern" }).click();
  await whenAdded(count);
  assert.deepEqual(await added(), { value: "^free (money|crypto)", targets: ["content", "tag"], match: "regex", action: "hide" });
  await options.getByRole("status").filter({ hasText: "All changes saved." }).waitFor();

  // Its row's date is readable at this width.
  const expires = options.getByLabel(/Mute “\^free \(money\|crypto\)” until/);
  await expires.fill("2031-12-25");
  await options.getByRole("status").filter({ hasText: "All changes saved." }).waitFor();
  // Every date and choice in the rows is at least as wide as the browser draws it unconstrained.
  const cutOff = await options.$$eval(".rules input[type=date], .rules select", (controls) => controls.filter((control) => {
    const free = control.cloneNode(true);
    free.style.cssText = "position: absolute; width: auto; min-width: 0; max-width: none";
    control.after(free);
    const needed = free.getBoundingClientRect().width;
    free.remove();
    return control.getBoundingClientRect().width < needed - 0.5;
  }).map((control) => control.getAttribute("aria-label")));
  assert.deepEqual(cutOff, []);
  await options.locator("#section-mute").screenshot({ path: `${dir}/options-mute.png` });

  // Back to the one rule the later tests expect.
  await options.evaluate(async () => {
    const { value } = await chrome.runtime.sendMessage({ type: "settings/get" });
    await chrome.runtime.sendMessage({ type: "settings/save", pack: { ...value.pack, mute: value.pack.mute.slice(0, 1) } });
  });
  await options.reload();
  await options.locator(".pack").first().waitFor();
});

test("export and import round-trip the pack", async () => {
  await options.getByRole("checkbox", { name: /^Secondary maths/ }).check();
  await options.getByRole("status").filter({ hasText: "All changes saved." }).waitFor();
  const [download] = await Promise.all([options.waitForEvent("download"), options.getByRole("button", { name: "Export rules" }).click()]);
  assert.equal(download.suggestedFilename(), "staffroom-rules.json");
  const exported = join(dir, "exported-pack.json");
  await download.saveAs(exported);
  const pack = JSON.parse(readFileSync(exported, "utf8"));
  assert.deepEqual(pack, await storedPack());
  assert.deepEqual(pack.lens.packs, ["uk-edchat", "maths"]);

  // Change something, then import the export: the pack comes back exactly.
  // (The hashtag-stuffing check is off unless a pack turns it on.)
  assert.equal(await options.getByRole("checkbox", { name: "Hashtag stuffing" }).isChecked(), false);
  await options.getByRole("checkbox", { name: "Hashtag stuffing" }).check();
  await options.getByRole("status").filter({ hasText: "All changes saved." }).waitFor();
  assert.equal((await storedPack()).noise.hashtag_stuffing, true);
  await options.locator('input[type="file"]').setInputFiles(exported);
  await options.getByText("Imported exported-pack.json.").waitFor();
  assert.deepEqual(await storedPack(), pack);
  assert.equal(await options.getByRole("checkbox", { name: "Hashtag stuffing" }).isChecked(), false);
});

test("muting and trusting an author from elsewhere lands in the pack once and shows on the open page", async () => {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl("manifest.json"));
  for (const handle of ["@PileOnPete", "pileonpete"]) {
    const response = await page.evaluate((handle) => chrome.runtime.sendMessage({ type: "settings/muteAuthor", handle }), handle);
    assert.equal(response.ok, true, response.error);
  }
  const trusted = await page.evaluate(() => chrome.runtime.sendMessage({ type: "settings/trustAuthor", handle: "mrs_b@mastodon.education" }));
  assert.equal(trusted.ok, true, trusted.error);
  const empty = await page.evaluate(() => chrome.runtime.sendMessage({ type: "settings/muteAuthor", handle: " " }));
  assert.equal(empty.ok, false);
  await page.close();

  const { accounts } = await storedPack();
  assert.deepEqual(accounts.mute, ["PileOnPete"]);
  assert.deepEqual(accounts.trust, ["mrs_b@mastodon.education"]);
  await options.getByRole("list", { name: "Muted accounts" }).getByText("@PileOnPete").waitFor();
  await options.getByRole("list", { name: "Trusted accounts" }).getByText("@mrs_b@mastodon.education").waitFor();

  await options.evaluate(() => scrollTo(0, 0));
  await options.screenshot({ path: `${dir}/options-light.png`, fullPage: true });
  await options.emulateMedia({ colorScheme: "dark" });
  await options.screenshot({ path: `${dir}/options-dark.png`, fullPage: true });
  await options.emulateMedia({ colorScheme: "light" });
  assert.deepEqual(errors, []);
});

test("Mastodon instances: a bad address is refused on the page; the background will not register a host it was not allowed", async () => {
  await options.getByRole("textbox", { name: "Instance address" }).fill("not a host");
  await options.getByRole("button", { name: "Add instance" }).click();
  await options.getByRole("alert").filter({ hasText: "is not a web address" }).waitFor();
  const refused = await options.evaluate(() => chrome.runtime.sendMessage({ type: "instances/add", host: "https://Mastodon.Education/@someone" }));
  assert.equal(refused.ok, false);
  assert.match(refused.error, /not given access to mastodon\.education/);
  const { value } = await options.evaluate(() => chrome.runtime.sendMessage({ type: "instances/list" }));
  assert.deepEqual(value.hosts, []);
  assert.ok(value.builtIn.includes("mastodon.social"));
  assert.deepEqual(await options.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
});

test("a school's locked pack is read-only; a suggested one is editable", () => {
  assert.equal(describeSource({ source: "managed", locked: true }).readOnly, true);
  assert.match(describeSource({ source: "managed", locked: true }).message, /school manages/);
  assert.equal(describeSource({ source: "managed", locked: false }).readOnly, false);
  assert.match(describeSource({ source: "managed", locked: false }).message, /school suggested/);
  assert.deepEqual(describeSource({ source: "user", locked: false }), { readOnly: false, message: "" });
});
