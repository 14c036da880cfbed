// The wasm engine in two modules. Service workers refuse top-level await and dynamic import(),
// so both glues are imported statically and handlers await their promise. The filter module
// starts with the worker (every page needs it); the library module (ideas, focus sessions)
// is compiled on first use, so a wake-up that only filters posts never pays for it.
import initFilter, * as filter from "../engine/filter.js";
import initLibrary, * as library from "../engine/library.js";

const wasmUrl = (name) => new URL(`../engine/${name}_bg.wasm`, import.meta.url);

export const ready = initFilter({ module_or_path: wasmUrl("filter") }).then(() => filter);

let libraryStarted;
export function libraryReady() {
  libraryStarted ??= initLibrary({ module_or_path: wasmUrl("library") }).then(() => library);
  return libraryStarted;
}
