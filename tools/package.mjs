// Assembles dist/chrome and dist/firefox from manifest.json, extension/ and the built engine,
// then zips each. One manifest source; the two browsers differ only in the keys below.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const engine = join(root, "build/engine");
if (!["filter", "library"].every((name) => existsSync(join(engine, `${name}_bg.wasm`)))) {
  throw new Error("build/engine is missing: run ./build.sh");
}

function forChrome(m) {
  const out = structuredClone(m);
  delete out.browser_specific_settings;
  return out;
}

function forFirefox(m) {
  const out = structuredClone(m);
  // Firefox runs MV3 backgrounds as event pages, not service workers.
  out.background = { scripts: [m.background.service_worker], type: "module" };
  // Managed storage comes from enterprise policies in Firefox, not a manifest schema.
  delete out.storage;
  delete out.minimum_chrome_version;
  return out;
}

for (const [browser, shape] of [["chrome", forChrome], ["firefox", forFirefox]]) {
  const dir = join(root, "dist", browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "extension"), dir, { recursive: true });
  cpSync(engine, join(dir, "engine"), { recursive: true });
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(shape(manifest), null, 2) + "\n");
  const zip = join(root, "dist", `staffroom-${browser}-${manifest.version}.zip`);
  rmSync(zip, { force: true });
  // Python's zipfile ships with the machine; the archive's paths are relative to the extension root.
  execFileSync("python3", ["-c", `
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            z.write(path, os.path.relpath(path, src))
`, dir, zip]);
  console.log(`dist/${browser}  →  dist/staffroom-${browser}-${manifest.version}.zip`);
}
