// The wasm engine, started when the background loads. Service workers refuse top-level await
// and dynamic import(), so the glue is imported statically and handlers await `ready`.
import init, * as wasm from "../engine/staffroom.js";

export const ready = init({ module_or_path: new URL("../engine/staffroom_bg.wasm", import.meta.url) }).then(() => wasm);
