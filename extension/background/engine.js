// The wasm engine in two modules. Service workers refuse top-level await and dynamic import(),
// so both glues are imported statically and handlers await their promise. The filter module
// starts with the worker (every page needs it), together with the model files its judges read;
// the library module (ideas, focus sessions) is compiled on first use, so a wake-up that only
// filters posts never pays for it.
import initFilter, * as filter from "../engine/filter.js";
import initLibrary, * as library from "../engine/library.js";

const wasmUrl = (name) => new URL(`../engine/${name}_bg.wasm`, import.meta.url);

async function modelBytes(name) {
  const response = await fetch(new URL(`../models/${name}.srlm`, import.meta.url));
  if (!response.ok) throw new Error(`models/${name}.srlm: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export const ready = Promise.all([
  initFilter({ module_or_path: wasmUrl("filter") }),
  modelBytes("topic"),
  modelBytes("hostility"),
]).then(([, topic, hostility]) => {
  filter.installModels(topic, hostility);
  return filter;
});

let libraryStarted;
export function libraryReady() {
  libraryStarted ??= initLibrary({ module_or_path: wasmUrl("library") }).then(() => library);
  return libraryStarted;
}
