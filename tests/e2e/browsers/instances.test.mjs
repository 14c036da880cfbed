// A Mastodon instance added in the options page: the optional host permission is requested from
// the click, the background registers the content scripts for that host, and a timeline there
// gets its verdicts. Firefox grants the request (its prompt is off in tests); Chrome shows a
// prompt a headless test cannot answer, so there the user allows the site first from Chrome's
// "Site access" menu, and the request then resolves at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mastodonPage, mastodonPost } from "../fixtures.mjs";
import { assertNoErrors, inEachBrowser, setPack, settledVerdicts } from "./index.mjs";

const HOST = "mastodon.education";

inEachBrowser((current) => {
  test("an instance added in the options page is filtered like mastodon.social", async () => {
    const { browser, name } = current;
    await setPack(browser, { lens: { enabled: true, hashtags: ["edchat"], keywords: [] } });
    if (name === "chromium") await browser.allowSite(`https://${HOST}/*`);
    const options = await browser.newPage();
    await options.goto(browser.extensionUrl("options.html"));
    // Typed as a user would paste a profile address (setting the value is no gesture; the click is).
    await options.waitFor((address) => {
      const input = [...document.querySelectorAll("label")].find((label) => label.textContent === "Instance address")?.control;
      if (input) input.value = address;
      return Boolean(input);
    }, `https://${HOST}/@someone`);
    await options.clickRole("button", "Add instance");
    await options.waitFor((host) => [...document.querySelectorAll(".instances li")].some((li) => li.textContent.startsWith(host)), HOST);

    const registered = await options.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(registered.map(({ id, matches }) => ({ id, matches })), [{ id: `instance:${HOST}`, matches: [`https://${HOST}/*`] }]);
    assert.equal(await options.evaluate((host) => chrome.permissions.contains({ origins: [`https://${host}/*`] }), HOST), true);

    await browser.serve(`https://${HOST}`, mastodonPage([
      mastodonPost({ id: "1", acct: "msteach", text: "Phonics games for Reception #edchat" }),
      mastodonPost({ id: "2", acct: "cats@cats.example", text: "My cat did a funny thing" }),
    ], { domain: HOST }));
    const timeline = await browser.newPage();
    await timeline.goto(`https://${HOST}/home`);
    assert.deepEqual(await settledVerdicts(timeline, '[role="feed"] article[data-id]', 2), ["show", "hide"]);
    await timeline.close();
    await options.close();
    assertNoErrors(browser);
  });
});
