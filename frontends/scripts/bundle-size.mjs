// The initial JavaScript of each built app: the entry script of dist/index.html and every module it
// preloads, gzipped. Fails when an app is over the budget (issue 7: 150 KB gzipped).
//   node scripts/bundle-size.mjs            a table
//   node scripts/bundle-size.mjs --markdown the table for bench/RESULTS.md
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const root = fileURLToPath(new URL("..", import.meta.url));
const kb = (bytes) => (bytes / 1024).toFixed(1);

const rows = [];
for (const app of readdirSync(join(root, "apps"))) {
  const dist = join(root, "apps", app, "dist");
  if (!existsSync(join(dist, "index.html"))) continue;
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const scripts = [
    ...html.matchAll(
      /<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g)].map(
    (m) => m[1],
  );
  const size = (files) =>
    files.reduce(
      (sum, file) => {
        const bytes = readFileSync(join(dist, file.replace(/^\//, "")));
        return {
          raw: sum.raw + bytes.length,
          gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length,
        };
      },
      { raw: 0, gzip: 0 },
    );
  const js = size(scripts);
  const css = size(styles);
  const lazy = readdirSync(join(dist, "assets")).filter(
    (f) => f.endsWith(".js") && !scripts.some((s) => s.endsWith(f)),
  );
  rows.push({ app, files: scripts.length, js, css, lazy: lazy.length });
}

if (rows.length === 0) {
  console.error("No built app: run `npm run build` first.");
  process.exit(1);
}
const markdown = process.argv.includes("--markdown");
if (markdown) {
  console.log("| app | initial JS (gzip) | initial JS (raw) | files | CSS (gzip) | lazy chunks |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
}
let over = false;
for (const r of rows) {
  over ||= r.js.gzip / 1024 > BUDGET_KB;
  if (markdown) {
    console.log(
      `| ${r.app} | ${kb(r.js.gzip)} KB | ${kb(r.js.raw)} KB | ${r.files} | ${kb(r.css.gzip)} KB | ${r.lazy} |`,
    );
  } else {
    console.log(
      `${r.app.padEnd(10)} initial JS ${kb(r.js.gzip).padStart(6)} KB gzip (${kb(r.js.raw)} KB raw, ${r.files} files)` +
        `  CSS ${kb(r.css.gzip)} KB gzip  ${r.lazy} lazy chunks  budget ${BUDGET_KB} KB`,
    );
  }
}
if (over) {
  console.error(`An app's initial JavaScript is over ${BUDGET_KB} KB gzipped.`);
  process.exit(1);
}
