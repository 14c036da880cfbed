// The background's wiring: every listener is registered synchronously at load (a stopped
// service worker is woken by the event it missed), and each area's module does the work.
import { ready } from "./engine.js";
import * as filter from "./filter.js";
import * as settings from "./settings.js";

const routes = {
  ...filter.routes,
  "settings/get": () => settings.loadPack(),
  "settings/save": ({ pack }) => settings.savePack(pack),
  "engine/checkPack": async ({ json }) => (await ready).checkPack(json),
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = routes[message?.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(
      (value) => sendResponse({ ok: true, value }),
      (error) => sendResponse({ ok: false, error: error?.message ?? String(error), errors: error?.errors }),
    );
  return true; // the response is sent asynchronously
});

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === filter.FILTER_PORT) filter.onFilterPort(port);
});

chrome.storage.onChanged.addListener((changes, area) => filter.onStorageChanged(changes, area));
chrome.tabs.onRemoved.addListener((tabId) => filter.forgetTab(tabId));
