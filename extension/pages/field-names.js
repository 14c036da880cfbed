// Rule-pack field paths ("mute[0].value") in the words of the options page ("Muted word 1").
// Errors show both: the words for the teacher, the path for whoever edits the JSON file.

const LISTS = {
  "mute": "Muted word",
  "lens.packs": "Topic pack",
  "lens.hashtags": "Your hashtag",
  "lens.keywords": "Your keyword",
  "accounts.mute": "Muted account",
  "accounts.trust": "Trusted account",
};
const PARTS = { value: "", targets: "where to look", match: "how to match", action: "what to do", expires: "until" };
const FIELDS = {
  "version": "Version",
  "json": "The file",
  "lens": "Professional lens",
  "lens.enabled": "Professional lens",
  "lens.sites": "Use the lens on",
  "lens.strictness": "Lens strictness",
  "mute": "Muted words",
  "accounts": "Accounts",
  "troll": "Hostile replies",
  "troll.sensitivity": "Hostile replies",
  "noise": "Noise",
};

/** "mute[2].match" → "Muted word 3, how to match"; an unknown path is returned as it is. */
export function fieldName(path = "") {
  const item = path.match(/^([a-z_.]+)\[(\d+)\](?:\.(\w+))?/);
  if (item && LISTS[item[1]]) {
    const part = PARTS[item[3]];
    return `${LISTS[item[1]]} ${Number(item[2]) + 1}${part ? `, ${part}` : ""}`;
  }
  if (FIELDS[path]) return FIELDS[path];
  if (path.startsWith("noise.")) return `Noise: ${path.slice(6).replace(/_/g, " ")}`;
  if (path.startsWith("lens.sites.")) return `Lens on ${path.slice(11)}`;
  return path;
}
