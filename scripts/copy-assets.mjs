// tsc compiles only TypeScript: copy the files the code reads at run time (ClickHouse .sql
// migrations, the PGlite child-process script) beside the compiled JS. The dashboard in
// apps/dashboard is a Vite project, built by `npm run build:dashboard` into the served folder.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ASSET = /\.(sql|mjs|html|css|js)$/;
let copied = 0;
const OWN_BUILD = new Set([join('apps', 'dashboard')]);
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (OWN_BUILD.has(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name)) {
      cpSync(path, join('dist', relative('.', path)));
      copied += 1;
    }
  }
}
for (const root of ['apps', 'libs']) walk(root);
console.log(`copied ${copied} asset files into dist/`);
