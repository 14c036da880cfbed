// Mastodon instances the user added: the options page asks for the host permission (it needs
// the user's click), then this module registers the manifest's content scripts for that host.
// Registrations persist across sessions; startup re-checks them against the granted permissions.
const STORAGE_KEY = "instances"; // storage.local: ["mastodon.example", …] (permissions are per device)
const idFor = (host) => `instance:${host}`;
const originFor = (host) => `https://${host}/*`;

/** "https://Example.Social/@me" → "example.social"; throws on anything that is not a host name. */
export function normalizeHost(input) {
  const text = String(input ?? "").trim();
  let url;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error(`"${text}" is not a web address such as mastodon.example`);
  }
  if (url.protocol !== "https:" || !url.hostname.includes(".") || url.port) {
    throw new Error(`"${text}" is not a web address such as mastodon.example`);
  }
  return url.hostname.toLowerCase();
}

async function stored() {
  return (await chrome.storage.local.get(STORAGE_KEY))[STORAGE_KEY] ?? [];
}

function builtInHosts() {
  return chrome.runtime.getManifest().host_permissions.map((origin) => new URL(origin.replace("/*", "/")).hostname);
}

// Firefox's getManifest() gives content script files as absolute moz-extension:// URLs, which
// registerContentScripts refuses: it takes paths relative to the extension's root.
const relative = (files) => files.map((file) => file.replace(chrome.runtime.getURL(""), ""));

async function register(hosts) {
  const [entry] = chrome.runtime.getManifest().content_scripts;
  const existing = new Set((await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const script = (host) => ({
    id: idFor(host),
    matches: [originFor(host)],
    js: relative(entry.js),
    css: relative(entry.css),
    runAt: entry.run_at,
    persistAcrossSessions: true,
  });
  // Registrations outlive an update: those made by an older version take the manifest's files now.
  const known = hosts.filter((host) => existing.has(idFor(host)));
  if (known.length) await chrome.scripting.updateContentScripts(known.map(script));
  const missing = hosts.filter((host) => !existing.has(idFor(host)));
  if (missing.length) await chrome.scripting.registerContentScripts(missing.map(script));
}

async function unregister(hosts) {
  const existing = new Set((await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const ids = hosts.map(idFor).filter((id) => existing.has(id));
  if (ids.length) await chrome.scripting.unregisterContentScripts({ ids });
}

/** Keeps registrations equal to the hosts that are both stored and still permitted. */
async function reconcile() {
  const hosts = await stored();
  const granted = [];
  for (const host of hosts) if (await chrome.permissions.contains({ origins: [originFor(host)] })) granted.push(host);
  const registered = (await chrome.scripting.getRegisteredContentScripts())
    .map((s) => s.id).filter((id) => id.startsWith("instance:")).map((id) => id.slice("instance:".length));
  await unregister(registered.filter((host) => !granted.includes(host)));
  await register(granted);
  if (granted.length !== hosts.length) await chrome.storage.local.set({ [STORAGE_KEY]: granted });
}

export function onStartup() {
  reconcile().catch((error) => console.error("Staffroom: re-registering Mastodon instances failed", error));
}

export const onInstalled = onStartup;

/** For main.js's chrome.permissions.onRemoved: the user withdrew a host in the browser's own UI. */
export function onPermissionsRemoved() {
  onStartup();
}

export const routes = {
  "instances/list": async () => ({ hosts: await stored(), builtIn: builtInHosts() }),
  // Called after the options page obtained the host permission from the user's click.
  "instances/add": async ({ host }) => {
    const clean = normalizeHost(host);
    if (builtInHosts().includes(clean)) throw new Error(`${clean} is already covered by Staffroom.`);
    if (!(await chrome.permissions.contains({ origins: [originFor(clean)] }))) {
      throw new Error(`Staffroom was not given access to ${clean}.`);
    }
    await register([clean]);
    const hosts = await stored();
    if (!hosts.includes(clean)) await chrome.storage.local.set({ [STORAGE_KEY]: [...hosts, clean].sort() });
    return clean;
  },
  "instances/remove": async ({ host }) => {
    const clean = normalizeHost(host);
    await unregister([clean]);
    await chrome.storage.local.set({ [STORAGE_KEY]: (await stored()).filter((h) => h !== clean) });
    await chrome.permissions.remove({ origins: [originFor(clean)] });
    return clean;
  },
};
