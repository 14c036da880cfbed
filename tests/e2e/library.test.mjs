// The library page (library.html) in real Chromium: hostile post text shown as text, search and
// filters, plan and review forms (with the #review= deep link a reminder opens), delete with
// undo, the weekly view, export/import through the UI, and the background's guards: an
// unreadable stored library is never overwritten, a full storage leaves the library intact.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, watchErrors, outputDir } from "./harness.mjs";

const colorScheme = process.env.STAFFROOM_SCHEME === "dark" ? "dark" : "light";
const OUT = outputDir("e2e");
const HOSTILE = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script> ` +
  `\u202Eevil reversed\u202C zero\u200Bwidth\u200D join \u2066isolate\u2069 & "quotes" <b>bold</b>`;

let browser;
let page; // library.html
let errors;

before(async () => {
  browser = await launch({ colorScheme, viewport: { width: 1200, height: 1000 } });
  page = await browser.context.newPage();
  errors = watchErrors(page);
  await page.goto(browser.extensionUrl("library.html"));
});
after(async () => browser?.close());

const send = async (message) => {
  const response = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  assert.equal(response.ok, true, response.error);
  return response.value;
};
const libraryNow = async () => (await send({ type: "library/get" })).library;
const ideaCard = (text) => page.locator("article.idea", { hasText: text });

async function reset() {
  await page.evaluate(() => chrome.storage.local.clear());
  await page.evaluate(async () => {
    for (const alarm of await chrome.alarms.getAll()) await chrome.alarms.clear(alarm.name);
  });
}

async function seed() {
  const saved = [];
  for (const idea of [
    { site: "x", text: HOSTILE, author: { name: "Mallory", handle: "mallory" }, permalink: "https://x.com/mallory/status/666" },
    { site: "x", text: "Mini whiteboards for every hinge question #mathschat", author: { name: "Maths Guy", handle: "mathsguy" },
      permalink: "https://x.com/mathsguy/status/200", hashtags: ["mathschat"] },
    { site: "mastodon", text: "Exit tickets: three questions, sorted into piles before the next lesson #edchat",
      author: { name: "Ms Teach", handle: "msteach@school.social" }, permalink: "https://mastodon.social/@msteach/111", hashtags: ["edchat"] },
    { site: "web", text: "Dual coding: pair words with simple diagrams", permalink: "https://example.org/dual-coding" },
  ]) saved.push((await send({ type: "library/save", idea })).applied.id);
  return saved;
}

async function reload() {
  await page.goto(browser.extensionUrl("library.html"));
  await page.locator("#count").filter({ hasText: /\(\d/ }).waitFor();
}

test("hostile post text is shown literally, with no elements created", async () => {
  await reset();
  await seed();
  await reload();
  const card = ideaCard("evil reversed");
  assert.equal(await card.locator(".post-text").textContent(), HOSTILE);
  assert.equal(await page.locator("#ideas img, #ideas script, #ideas b").count(), 0);
  assert.notEqual(await page.title(), "pwned");
  // The title line drops bidi controls so they cannot reorder the page around it.
  assert.doesNotMatch(await card.locator("h3").textContent(), /[\u202A-\u202E\u2066-\u2069]/);
  assert.equal(await page.locator("article.idea").count(), 4);
  assert.deepEqual(errors, []);
});

test("search and filters by words, status, tag, site and date", async () => {
  const visible = async () => (await page.locator("article.idea h3").allTextContents()).sort();
  await page.fill("#query", "whiteboards hinge");
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 1);
  assert.deepEqual(await visible(), ["Mini whiteboards for every hinge question #mathschat"]);
  await page.click('button:has-text("Clear")');
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 4);

  await ideaCard("Exit tickets").getByRole("button", { name: "Show ideas tagged edchat" }).click();
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 1);
  assert.equal(await page.inputValue("#tag"), "edchat");
  await page.selectOption("#tag", "");
  await page.selectOption("#site", "web");
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 1);
  assert.deepEqual(await visible(), ["Dual coding: pair words with simple diagrams"]);
  await page.selectOption("#site", "");
  await page.fill("#to", "2001-01-01");
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 0);
  assert.equal(await page.locator("#empty").textContent(), "No ideas match these filters.");
  await page.click('button:has-text("Clear")');
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 4);
  await page.selectOption("#status", "planned");
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 0);
  await page.click('button:has-text("Clear")');
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 4);
});

test("plan, review from a reminder's deep link, delete with undo, weekly view", async () => {
  const card = ideaCard("Exit tickets");
  await card.getByRole("button", { name: "Plan a trial" }).click();
  const dialog = page.getByRole("dialog", { name: "Plan a classroom trial" });
  await dialog.waitFor();
  // "What" is required: an empty submit keeps the form open and says so.
  await dialog.getByRole("button", { name: "Plan trial" }).click();
  assert.equal(await dialog.getByLabel("What will I try?").getAttribute("aria-invalid"), "true");
  await dialog.getByLabel("What will I try?").fill("Exit tickets sorted into three piles");
  await dialog.getByLabel("With which class or group?").fill("8C");
  await dialog.getByLabel("By when?").fill("2030-03-04");
  await dialog.getByLabel("How will I know it worked?").fill("Fewer than a third in the 'not yet' pile by week 3");
  await dialog.getByLabel("Who will I share it with?").fill("Science team");
  await dialog.getByRole("button", { name: "Plan trial" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.waitForFunction(() => document.querySelector("article.idea.status-planned"));
  assert.equal(await card.locator(".status").textContent(), "Planned");

  const idea = (await libraryNow()).ideas.find((i) => i.text.startsWith("Exit tickets"));
  assert.equal(idea.plan.by, new Date(2030, 2, 4, 8).getTime());
  const alarmNames = async () => (await page.evaluate(() => chrome.alarms.getAll())).map((a) => a.name).sort();
  assert.deepEqual(await alarmNames(), ["trial", "follow_up_1w", "follow_up_3w"].map((k) => `staffroom-idea:${idea.id}:${k}`).sort());

  await page.screenshot({ path: join(OUT, `library-${colorScheme}.png`), fullPage: false });
  // The CPD chart is drawn for its column: labels at their size, none cut off at either end.
  await page.locator("#cpd-panel svg text").first().waitFor();
  const labels = await page.$$eval("#cpd-panel svg text", (texts) => {
    const column = texts[0].closest("figure").getBoundingClientRect();
    return texts.map((text) => {
      const box = text.getBoundingClientRect();
      return { text: text.textContent, inside: box.left >= column.left - 0.5 && box.right <= column.right + 0.5, height: box.height };
    });
  });
  assert.deepEqual(labels.filter((label) => !label.inside), []);
  assert.ok(labels.every((label) => label.height >= 10), JSON.stringify(labels));

  // A reminder's notification opens library.html#review=<id>.
  await page.goto(browser.extensionUrl(`library.html#review=${encodeURIComponent(idea.id)}`));
  const review = page.getByRole("dialog", { name: "How did it go?" });
  await review.waitFor();
  await review.getByLabel("How did it go?").fill("Sorting took 2 minutes; the piles told me who to reteach");
  await review.getByLabel("What evidence did I see?").fill("9 of 28 in 'not yet' by week 3");
  await review.getByLabel("Reflection").fill("Worth keeping");
  await review.getByLabel("Next step").fill("Use in every Y8 unit");
  await review.getByLabel(/Embedded/).check();
  await page.screenshot({ path: join(OUT, `library-review-${colorScheme}.png`) });
  await review.getByRole("button", { name: "Save review" }).click();
  await review.waitFor({ state: "hidden" });
  await page.waitForFunction(() => document.querySelector("article.idea.status-embedded"));
  const reviewed = (await libraryNow()).ideas.find((i) => i.id === idea.id);
  assert.equal(reviewed.status, "embedded");
  assert.equal(reviewed.review.evidence, "9 of 28 in 'not yet' by week 3");
  assert.deepEqual(await alarmNames(), [], "a reviewed trial stops reminding");

  // Weekly view: this week's saves, plans and reviews.
  const week = page.locator("#week");
  assert.equal(await week.locator("h2").textContent(), "This week");
  const counts = await week.locator(".week-group .count").allTextContents();
  assert.deepEqual(counts, ["4", "1", "1"]);

  // Delete, then Undo within the toast's time.
  const dual = ideaCard("Dual coding");
  await dual.getByRole("button", { name: "Delete" }).click();
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 3);
  // The list can redraw from storage before the page's own reply arrives: wait for the toast.
  const toast = page.locator("#toast", { hasText: /Deleted “Dual coding/ });
  await toast.waitFor();
  assert.equal((await libraryNow()).ideas.length, 3);
  await toast.getByRole("button", { name: "Undo" }).click();
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 4);
  assert.equal((await libraryNow()).ideas.length, 4);

  // "Plan one now" at the end of a focus session opens library.html#plan=<id>.
  const unplanned = (await libraryNow()).ideas.find((i) => i.text.startsWith("Dual coding"));
  await page.goto(browser.extensionUrl(`library.html#plan=${encodeURIComponent(unplanned.id)}`));
  const plan = page.getByRole("dialog", { name: "Plan a classroom trial" });
  await plan.waitFor();
  assert.match(await plan.textContent(), /Dual coding/);
  await plan.getByRole("button", { name: "Cancel" }).click();
  await plan.waitFor({ state: "hidden" });
  assert.deepEqual(errors, []);
});

test("export and import round trip through the page; a bad file changes nothing", async () => {
  const download = async (format) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(`[data-export="${format}"]`)]);
    return { name: file.suggestedFilename(), body: readFileSync(await file.path()) };
  };
  const json = await download("json");
  assert.match(json.name, /^staffroom-library-\d{4}-\d\d-\d\d\.json$/);
  const markdown = await download("markdown");
  assert.match(markdown.body.toString("utf8"), /^# My Staffroom portfolio/);
  const csv = await download("csv");
  assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the CSV starts with a BOM for Excel");
  // Read back as a spreadsheet would: Python's csv module, the BOM taken as the UTF-8 signature.
  const csvFile = join(OUT, "cpd-log.csv");
  writeFileSync(csvFile, csv.body);
  const rows = JSON.parse(execFileSync("python3", ["-c",
    "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", csvFile], { encoding: "utf8" }));
  assert.deepEqual(rows[0], ["Date", "Event", "Idea", "Source", "Minutes", "Outcome", "Why I saved it", "Class or group", "Plan", "Success criteria", "Evidence", "Reflection", "Next step", "Link"]);
  assert.ok(rows.every((row) => row.length === 14), "one column per field on every row");
  const planned = rows.find((row) => row[1] === "Trial planned");
  assert.deepEqual([planned[2], planned[7], planned[8], planned[9]],
    ["Exit tickets sorted into three piles", "8C", "Exit tickets sorted into three piles", "Fewer than a third in the 'not yet' pile by week 3"]);
  // Oldest first; the trial was tried (at the latest) when it was reviewed, before its planned date.
  assert.deepEqual(rows.slice(1).map((row) => row[1]), ["Idea saved", "Idea saved", "Idea saved", "Idea saved", "Trial planned", "Tried in class", "Reviewed"]);
  const reviewed = rows.at(-1);
  assert.deepEqual(reviewed.slice(10, 13), ["9 of 28 in 'not yet' by week 3", "Worth keeping", "Use in every Y8 unit"]);

  const before = await libraryNow();
  for (const idea of before.ideas) await send({ type: "library/apply", op: { op: "delete", id: idea.id } });
  await reload();
  assert.equal(await page.locator("article.idea").count(), 0);
  assert.match(await page.locator("#empty").textContent(), /No ideas yet/);

  const backup = join(OUT, "library-backup.json");
  writeFileSync(backup, json.body);
  await page.setInputFiles("#import-file", backup);
  await page.locator("#import-report").filter({ hasText: "Import finished" }).waitFor();
  assert.match(await page.locator("#import-report").textContent(), /4 added, 0 updated, 0 unchanged, 0 skipped/);
  await page.waitForFunction(() => document.querySelectorAll("article.idea").length === 4);
  const byId = (lib) => [...lib.ideas].sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(byId(await libraryNow()), byId(before));

  const bad = join(OUT, "not-a-backup.json");
  writeFileSync(bad, '{"format": "something-else", "ideas": []}');
  await page.setInputFiles("#import-file", bad);
  await page.locator("#import-report").filter({ hasText: "Nothing was imported" }).waitFor();
  assert.deepEqual(byId(await libraryNow()), byId(before));

  // A rule pack brought to this page is sent where it belongs.
  writeFileSync(bad, JSON.stringify({ version: 1, lens: { packs: ["maths"] } }));
  await page.setInputFiles("#import-file", bad);
  await page.locator("#import-report").filter({ hasText: "this is a rule pack, not a library backup: import it in Staffroom's settings" }).waitFor();
  assert.deepEqual(byId(await libraryNow()), byId(before));
  assert.deepEqual(errors, []);
});

test("more than three trials on the go earns the engine's kind warning", async () => {
  const extra = (await send({ type: "library/save", idea: { site: "web", text: "Think-pair-share with timers", permalink: "https://example.org/tps" } })).applied.id;
  const saved = (await libraryNow()).ideas.filter((i) => i.status === "saved").map((i) => i.id);
  assert.equal(saved.length, 4);
  let last;
  for (const id of saved) last = await send({ type: "library/apply", op: { op: "plan", id, plan: { what: "Try it with 9X" } } });
  assert.match(last.applied.warning, /4 trials on the go/);
  await reload();
  assert.match(await page.locator("#notices").textContent(), /You have 4 trials on the go/);
  for (const id of saved) await send({ type: "library/apply", op: { op: "set_status", id, status: "dropped" } });
  await send({ type: "library/apply", op: { op: "delete", id: extra } });
});

test("a stored library this version cannot read is kept as it is, with a backup", async () => {
  const stored = await page.evaluate(() => chrome.storage.local.get("library"));
  const future = { schema_version: 99, ideas: [{ id: "from-the-future" }] };
  await page.evaluate((value) => chrome.storage.local.set({ library: value }), future);
  const saved = await page.evaluate(() => chrome.runtime.sendMessage({ type: "library/save", idea: { site: "web", text: "Anything" } }));
  assert.equal(saved.ok, false);
  assert.equal(saved.code, "library-unreadable");
  await page.goto(browser.extensionUrl("library.html"));
  await page.locator(".notice.error-notice").waitFor();
  await page.screenshot({ path: join(OUT, `library-unreadable-${colorScheme}.png`) });
  assert.match(await page.locator(".notice.error-notice").textContent(), /could not be read/);
  assert.equal(await page.locator('[data-export="csv"]').isDisabled(), true);
  assert.equal(await page.locator('[data-export="json"]').isDisabled(), false, "the raw value can still be exported");
  const all = await page.evaluate(() => chrome.storage.local.get(null));
  assert.deepEqual(all.library, future, "never overwritten");
  const backups = Object.keys(all).filter((k) => k.startsWith("library.backup."));
  assert.equal(backups.length, 1);
  assert.deepEqual(all[backups[0]], future);
  await page.evaluate(async (value) => {
    await chrome.storage.local.remove(Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith("library.backup.")));
    await chrome.storage.local.set(value);
  }, stored);
});

test("storage full: the import is refused with a clear message and the library stays intact", async () => {
  const before = await libraryNow();
  const now = Date.now();
  const text = "Long thread about retrieval practice. ".repeat(2600); // ≈ 99 KB, under the 100 KB text limit
  const ideas = Array.from({ length: 110 }, (_, i) => ({
    id: `web-big-${i}`, text, permalink: `https://example.org/long/${i}`, site: "web", saved_at: now, updated_at: now, status: "saved",
  }));
  const big = join(OUT, "too-big-backup.json");
  writeFileSync(big, JSON.stringify({ format: "staffroom-library", version: 1, ideas }));
  await reload();
  await page.setInputFiles("#import-file", big);
  await page.locator("#import-report").filter({ hasText: "Nothing was imported" }).waitFor({ timeout: 30_000 });
  assert.match(await page.locator("#import-report").textContent(), /Your library is full: export a backup and delete old ideas/);
  assert.equal((await libraryNow()).ideas.length, before.ideas.length);
});
