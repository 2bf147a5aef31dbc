// Dependency audit for release pipelines: `npm audit --omit=dev --audit-level=high --json`, minus
// the reviewed exceptions in scripts/audit-exceptions.json. Fails (exit 1) on any other high or
// critical advisory of a production dependency. When the registry has no audit endpoint (a mirror
// answering 405, as on the development machines) or cannot be reached, it prints
// "dependency audit SKIPPED: <reason>" and exits 0: it neither fails the build nor claims a pass.
// `--strict` makes a skip exit 3, for pipelines that must have an audit.
// Usage: node scripts/audit-deps.mjs [--strict] [--exceptions <file>] [--report <npm audit json>]
// Exit codes: 0 passed or skipped, 1 advisories found, 2 the audit itself failed, 3 skipped with --strict.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const strict = args.includes('--strict');
const exceptionsFile = option('--exceptions') ?? new URL('./audit-exceptions.json', import.meta.url).pathname;
const reportFile = option('--report');
const BLOCKING = new Set(['high', 'critical']);
const UNREACHABLE =
  /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket hang up|network/i;

function fail(message) {
  console.error(`dependency audit FAILED TO RUN: ${message}`);
  process.exit(2);
}

function skip(reason) {
  console.log(`dependency audit SKIPPED: ${reason}`);
  console.log('no advisory data was checked; run it where the registry serves the audit endpoint');
  process.exit(strict ? 3 : 0);
}

function loadExceptions(file) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read the exception list ${file}: ${error.message}`);
  }
  const list = parsed?.exceptions;
  if (!Array.isArray(list)) fail(`${file} must hold {"exceptions": [...]}`);
  return list.map((e, i) => {
    const where = `${file} exceptions[${i}]`;
    if (typeof e?.id !== 'string' || !/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|\d+)$/.test(e.id))
      fail(`${where}.id must be a GHSA id or an npm advisory number`);
    if (typeof e.package !== 'string' || e.package === '') fail(`${where}.package is required`);
    if (typeof e.reason !== 'string' || e.reason.trim().length < 10)
      fail(`${where}.reason must explain the exception`);
    if (
      typeof e.expires !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(e.expires) ||
      Number.isNaN(Date.parse(e.expires))
    )
      fail(`${where}.expires must be a date, YYYY-MM-DD`);
    return e;
  });
}

function runAudit() {
  if (reportFile) {
    try {
      return { stdout: readFileSync(reportFile, 'utf8'), stderr: '' };
    } catch (error) {
      fail(`cannot read ${reportFile}: ${error.message}`);
    }
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    if (result.error.code === 'ETIMEDOUT')
      skip('npm audit did not answer within 120 s (audit endpoint unreachable)');
    fail(`could not run npm audit: ${result.error.message}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

/** npm audit answers an error as JSON too (`statusCode`, `error`, `message`); decide skip or fail. */
function checkForError(report, stderr) {
  const status = report.statusCode ?? report.error?.statusCode;
  const code = report.error?.code ?? report.code ?? '';
  const message = [report.message, report.error?.summary, report.error?.detail].filter(Boolean).join(' ');
  if (status === 405 || code === 'E405') {
    skip(
      `the registry does not serve the audit endpoint (HTTP 405${report.uri ? ` from ${report.uri}` : ''})`,
    );
  }
  if (UNREACHABLE.test(`${code} ${message}`))
    skip(`the audit endpoint is unreachable (${(code || message).trim()})`);
  if (status !== undefined || report.error) {
    fail(
      `npm audit answered an error: ${status ?? ''} ${code} ${message || stderr.trim()}`.replace(/\s+/g, ' '),
    );
  }
  if (typeof report.vulnerabilities !== 'object' || report.vulnerabilities === null) {
    fail('npm audit gave no vulnerabilities section (an npm older than 7?)');
  }
}

/** Advisories (not the packages that merely depend on one) at high or critical severity. */
function blockingAdvisories(report) {
  const found = new Map();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== 'object' || !BLOCKING.has(via.severity)) continue;
      const ghsa = /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url ?? '')?.[0];
      const advisory = {
        ids: [ghsa, String(via.source)].filter(Boolean),
        package: via.name,
        severity: via.severity,
        title: via.title,
        url: via.url,
        range: via.range,
      };
      found.set(`${advisory.ids[0]}/${advisory.package}`, advisory);
    }
  }
  return [...found.values()];
}

const exceptions = loadExceptions(exceptionsFile);
const { stdout, stderr } = runAudit();
let report;
try {
  report = JSON.parse(stdout);
} catch {
  if (UNREACHABLE.test(stderr)) skip(`the audit endpoint is unreachable (${stderr.trim().split('\n')[0]})`);
  fail(`npm audit printed no JSON: ${(stderr || stdout).trim().slice(0, 500)}`);
}
checkForError(report, stderr);

const today = new Date().toISOString().slice(0, 10);
const used = new Set();
const blocking = [];
const excepted = [];
for (const advisory of blockingAdvisories(report)) {
  const exception = exceptions.find((e) => e.package === advisory.package && advisory.ids.includes(e.id));
  if (exception && exception.expires >= today) {
    used.add(exception);
    excepted.push({ advisory, exception });
  } else {
    blocking.push({ advisory, expired: exception?.expires });
  }
}

const describe = (a) =>
  `${a.severity} ${a.ids[0]} in ${a.package} ${a.range ?? ''}: ${a.title} ${a.url ?? ''}`;
for (const { advisory, exception } of excepted) {
  console.log(`excepted until ${exception.expires}: ${describe(advisory)} (${exception.reason})`);
}
for (const e of exceptions.filter((x) => !used.has(x))) {
  console.warn(
    `warning: exception ${e.id} for ${e.package} matched nothing${e.expires < today ? ' and has expired' : ''}; remove it`,
  );
}
if (blocking.length > 0) {
  for (const { advisory, expired } of blocking) {
    console.error(`${describe(advisory)}${expired ? ` (its exception expired on ${expired})` : ''}`);
  }
  console.error(
    `dependency audit FAILED: ${blocking.length} high or critical advisories in production dependencies`,
  );
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `dependency audit passed: no high or critical advisory in production dependencies` +
    ` (${excepted.length} excepted; low ${counts.low ?? 0}, moderate ${counts.moderate ?? 0})`,
);
