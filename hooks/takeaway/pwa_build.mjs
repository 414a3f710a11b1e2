// The service worker of one built site (hooks/takeaway/pwa.py runs this after `mkdocs build`):
//   node hooks/takeaway/pwa_build.mjs '{"site": "...", "src": "hooks/pwa_worker.js", "ignore": [...]}'
// workbox-build (npm, pinned in package-lock.json) lists and hashes the files to store offline,
// and writes the worker with that list injected. Two lists:
//   - pages, scripts, styles, diagrams, the search index, …: each with its content hash
//     (workbox's revision) and size, injected into sw.js (self.__WB_MANIFEST);
//   - formula images (assets/math/*.webp): about 1,400 files whose names are already their content
//     hash, written to precache-math.json, which the worker reads only when the reader stores the
//     whole site or an update carries a stored site over, so a first visit does not fetch it. Only
//     their count and total size go into sw.js (self.__RNNQ_MATH).
// Prints {"count", "size", "math": {"count", "size"}, "warnings"} as JSON on stdout.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { getManifest } = require("workbox-build/build/get-manifest");
const { injectManifest } = require("workbox-build/build/inject-manifest");

const options = JSON.parse(process.argv[2]);
const MATH_LIST = "precache-math.json";
const keepSize = (entries) => ({ manifest: entries.map((e) => ({ ...e, bytes: e.size })) });
const common = { globDirectory: options.site, maximumFileSizeToCacheInBytes: 8 * 1024 * 1024 };

const math = await getManifest({ ...common, globPatterns: ["assets/math/*.webp"] });
const names = math.manifestEntries.map((e) => e.url.slice("assets/math/".length, -".webp".length)).sort();
writeFileSync(join(options.site, MATH_LIST), JSON.stringify(names));

const swDest = join(options.site, "sw.js");
const main = await injectManifest({
  ...common,
  swSrc: options.src,
  swDest,
  globPatterns: ["**/*.{html,css,js,json,svg,png,ico,xml,webmanifest}"],
  globIgnores: ["sw.js", "assets/math/**", ...options.ignore],
  manifestTransforms: [keepSize],
});
const info = { count: math.count, size: math.size };
const worker = readFileSync(swDest, "utf8");
if (!worker.includes("self.__RNNQ_MATH")) throw new Error(`${options.src}: no self.__RNNQ_MATH to fill in`);
writeFileSync(swDest, worker.replace("self.__RNNQ_MATH", JSON.stringify(info)));
console.log(JSON.stringify({
  count: main.count, size: main.size, math: info, warnings: [...math.warnings, ...main.warnings],
}));
