// Options: Mastodon instances beyond mastodon.social. The host permission must be requested
// from the click itself (browsers require a user gesture); the background then registers the
// content scripts for that host.
import { el, send, uniqueId } from "./options-dom.js";
import { normalizeHost } from "../background/instances.js";

export async function renderInstances(section) {
  const list = el("ul", { className: "instances", "aria-label": "Your Mastodon instances" });
  const input = el("input", { type: "text", id: uniqueId("instance"), placeholder: "e.g. mastodon.education", autocomplete: "off", inputMode: "url" });
  const error = el("p", { className: "error", role: "alert", hidden: true });
  const form = el("form", { className: "row" },
    el("label", { for: input.id, className: "visually-hidden" }, "Instance address"), input,
    el("button", { type: "submit", className: "primary" }, "Add instance"));

  const fail = (message) => {
    error.textContent = message;
    error.hidden = !message;
    input.toggleAttribute("aria-invalid", Boolean(message));
  };

  async function redraw() {
    const { hosts, builtIn } = await send("instances/list");
    const builtInMastodon = builtIn.filter((h) => !/(^|\.)(x|twitter)\.com$|^bsky\.app$/.test(h));
    list.replaceChildren(
      ...builtInMastodon.map((host) => el("li", {}, el("span", {}, host), el("span", { className: "muted" }, "built in"))),
      ...hosts.map((host) => {
        const remove = el("button", { type: "button", className: "danger", textContent: "Remove", "aria-label": `Remove ${host}` });
        remove.addEventListener("click", async () => {
          try {
            await send("instances/remove", { host });
            fail("");
          } catch (e) {
            fail(e.message);
          }
          redraw();
        });
        return el("li", {}, el("span", {}, host), remove);
      }),
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let host;
    try {
      host = normalizeHost(input.value);
    } catch (e) {
      fail(e.message);
      return;
    }
    // Called synchronously in the submit handler, so the browser sees the user's gesture.
    chrome.permissions.request({ origins: [`https://${host}/*`] }).then(async (granted) => {
      if (!granted) return fail(`Staffroom needs your permission to read ${host}'s timeline.`);
      await send("instances/add", { host });
      input.value = "";
      fail("");
      redraw();
    }).catch((e) => fail(e.message));
  });

  section.replaceChildren(
    el("h2", {}, "Mastodon instances"),
    el("p", { className: "hint" }, "Staffroom works on mastodon.social out of the box. Add the instance you use; your browser will ask you to allow it."),
    list, form, error,
  );
  await redraw();
}
