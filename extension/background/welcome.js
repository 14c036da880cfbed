// Background area "welcome": the first install opens the welcome page, where the teacher picks
// topics, country, filters and a daily budget (updates and browser restarts do not).
export function onInstalled({ reason }) {
  if (reason === "install") chrome.tabs.create({ url: chrome.runtime.getURL("welcome.html") });
}
