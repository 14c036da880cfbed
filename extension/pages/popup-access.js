// The popup's site-access notice. A browser may hold back an MV3 add-on's host permissions
// (Firefox lets the user withhold them at install or later; Chrome's "Site access" can be
// limited): then no timeline is ever filtered and nothing says why. This says which sites
// Staffroom cannot read and offers a button that asks for them. permissions.request needs the
// user's gesture, so it is called in the click handler itself, with origins known beforehand.
const SITES = chrome.runtime.getManifest().host_permissions;

const $ = (id) => document.getElementById(id);
const hostOf = (origin) => new URL(origin.replace("*.", "")).hostname;

/** The manifest's sites whose access the browser has not granted. */
async function missingSites() {
  const granted = await Promise.all(SITES.map((origin) => chrome.permissions.contains({ origins: [origin] })));
  return SITES.filter((_, i) => !granted[i]);
}

async function tabToReload() {
  const id = Number(new URLSearchParams(location.search).get("tabId"));
  if (id) return chrome.tabs.get(id);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function render() {
  const missing = await missingSites();
  $("access").hidden = !missing.length;
  $("access-sites").textContent = missing.map(hostOf).join(", ");
  $("access-allow").onclick = () => {
    chrome.permissions.request({ origins: missing }).then(async (granted) => {
      $("access-error").hidden = granted;
      if (!granted) return;
      // Content scripts start on the next load of a page the browser now lets Staffroom read.
      const tab = await tabToReload();
      if (tab?.url && missing.some((origin) => hostOf(origin) === new URL(tab.url).hostname)) await chrome.tabs.reload(tab.id);
    }).catch((error) => {
      $("access-error").textContent = error.message;
      $("access-error").hidden = false;
    });
  };
}

// Granted or withdrawn elsewhere (the browser's own menus) while the popup is open.
chrome.permissions.onAdded.addListener(render);
chrome.permissions.onRemoved.addListener(render);
render().catch((error) => console.error("Staffroom: could not check site access", error));
