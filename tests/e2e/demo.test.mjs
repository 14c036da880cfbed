// `./build.sh demo` without a display: it must finish quickly, write both screenshots and
// explain every hidden item.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

test("the headless demo writes before/after screenshots and says why each item was hidden", () => {
  const env = { ...process.env };
  delete env.DISPLAY;
  const output = execFileSync("node", [join(ROOT, "tools/demo.mjs")], { env, encoding: "utf8", timeout: 60_000 });
  for (const name of ["demo-before.png", "demo-after.png"]) assert.ok(existsSync(join(ROOT, "demo-output", name)), name);
  const rows = output.split("\n").filter((line) => /^(show|warn|hide) /.test(line));
  assert.ok(rows.length >= 30, output);
  // The "why" column starts after verdict (5), author (20) and post (60) columns and their gaps.
  const unexplained = rows.filter((row) => !row.startsWith("show") && !row.slice(89).trim());
  assert.deepEqual(unexplained, []);
  assert.match(output, /^show\s+@MrsKhanMaths/m);
  assert.match(output, /^hide\s+@RevisionGenius .*noise: promoted/m);
  assert.match(output, /^hide\s+@grumpyreplyguy .*troll:/m);
  assert.match(output, /^warn\s+@StrikeWatchNEU .*mute: muted word: 'strike'/m);
});
