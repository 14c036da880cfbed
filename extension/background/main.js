// The background's wiring: every listener is registered synchronously at load (a stopped
// service worker is woken by the event it missed); each area's module does the work.
import * as filter from "./filter.js";
import * as focus from "./focus.js";
import * as instances from "./instances.js";
import * as lensExamples from "./lens-examples.js";
import * as library from "./library.js";
import * as settings from "./settings.js";
import * as welcome from "./welcome.js";

const areas = [filter, focus, instances, lensExamples, library, settings, welcome];

const routes = Object.assign({}, ...areas.map((area) => area.routes));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = routes[message?.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(
      (value) => sendResponse({ ok: true, value }),
      (error) => sendResponse({ ok: false, error: error?.message ?? String(error), errors: error?.errors, code: error?.code }),
    );
  return true; // the response is sent asynchronously
});

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === filter.FILTER_PORT) filter.onFilterPort(port);
});

chrome.storage.onChanged.addListener((changes, area) => filter.onStorageChanged(changes, area));
chrome.tabs.onRemoved.addListener((tabId) => filter.forgetTab(tabId));

chrome.alarms.onAlarm.addListener((alarm) => {
  for (const area of areas) area.onAlarm?.(alarm);
});

chrome.runtime.onInstalled.addListener((details) => {
  for (const area of areas) area.onInstalled?.(details);
});

chrome.runtime.onStartup.addListener(() => {
  for (const area of areas) area.onStartup?.();
});

chrome.contextMenus.onClicked.addListener((info, tab) => library.onContextMenu?.(info, tab));
chrome.notifications.onClicked.addListener((id) => library.onNotificationClicked?.(id));
chrome.permissions.onRemoved.addListener(() => instances.onPermissionsRemoved());
chrome.commands.onCommand.addListener((command, tab) => focus.onCommand?.(command, tab));
