// `npm ci` refuses a lock file that lacks an entry for any optional dependency, and npm drops
// the entries of platform packages the registry does not serve (chdb lists darwin and
// linux-arm64 builds that are not published): `npm install` then writes a lock that `npm ci`
// rejects. This script checks the lock (`--fix` restores the entries, marked optional and
// platform-bound, so npm ci skips them on other machines). Run it after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const fix = process.argv.includes('--fix');
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const missing = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
    missing.push(name);
    const [, os, cpu, libc] = /-(darwin|linux|win32)-(x64|arm64)(?:-(gnu|musl))?$/.exec(name) ?? [];
    lock.packages[key] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc === 'gnu' ? 'glibc' : 'musl'] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
  }
}
if (missing.length === 0) {
  console.log('package-lock.json lists every optional dependency');
} else if (fix) {
  const sorted = Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  lock.packages = Object.fromEntries(sorted.map((k) => [k, lock.packages[k]]));
  writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
  console.log(`restored ${missing.length} optional entries: ${missing.join(', ')}`);
} else {
  console.error(`package-lock.json lacks optional dependencies npm ci needs: ${missing.join(', ')}`);
  console.error('run: node scripts/lockfile-optional-platforms.mjs --fix');
  process.exit(1);
}
