// The teacher's own examples for the lens: posts marked "show posts like this" (or saved as
// ideas) and "not for me". Kept on the device in storage.local, newest last, bounded; the
// engine learns from them each time it is compiled. Backed up with the library.
export const EXAMPLES_KEY = "lensExamples";
const MAX_EXAMPLES = 500; // the engine reads the newest 500 (topic::MAX_EXAMPLES)
const MAX_TEXT = 1000; // characters kept of each post: enough for its words, bounded storage

export async function loadExamples() {
  const { [EXAMPLES_KEY]: examples } = await chrome.storage.local.get(EXAMPLES_KEY);
  return Array.isArray(examples) ? examples : [];
}

/** The engine's constructor arguments after the pack: the texts, and 1 (professional) or 0 for each. */
export const forEngine = (examples) => [examples.map((e) => e.text), Uint8Array.from(examples, (e) => (e.professional ? 1 : 0))];

function clean(example) {
  const text = String(example?.text ?? "").trim().slice(0, MAX_TEXT);
  if (!text || typeof example?.professional !== "boolean") return null;
  return { text, professional: example.professional, at: Number.isFinite(example.at) ? example.at : Date.now() };
}

// Read-modify-write in one queue, so two tabs teaching at once lose nothing.
let writing = Promise.resolve();
function update(change) {
  const next = writing.then(async () => {
    const examples = change(await loadExamples()).slice(-MAX_EXAMPLES);
    await chrome.storage.local.set({ [EXAMPLES_KEY]: examples });
    return examples.length;
  });
  writing = next.catch(() => {});
  return next;
}

/** Adds one example; the same text marked again replaces its older mark. */
export function addExample(example) {
  const added = clean(example);
  if (!added) return Promise.reject(new Error("An example needs the post's text."));
  return update((examples) => [...examples.filter((e) => e.text !== added.text), added]);
}

/** Merges a backup's examples (by text, the newer mark wins). */
export function importExamples(list) {
  const incoming = (Array.isArray(list) ? list : []).map(clean).filter(Boolean);
  if (!incoming.length) return Promise.resolve(0);
  return update((examples) => {
    const byText = new Map(examples.map((e) => [e.text, e]));
    for (const e of incoming) if (!(byText.get(e.text)?.at > e.at)) byText.set(e.text, e);
    return [...byText.values()].sort((a, b) => a.at - b.at);
  });
}

export const isExamplesChange = (changes, area) => area === "local" && EXAMPLES_KEY in changes;

export const routes = {
  "lens/teach": ({ text, professional }) => addExample({ text, professional: Boolean(professional) }),
  "lens/examples": async () => ({ count: (await loadExamples()).length }),
  "lens/reset": () => update(() => []),
};
