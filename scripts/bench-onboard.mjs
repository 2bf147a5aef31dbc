// Bulk onboarding benchmark (docs/benchmarks.md, docs/onboarding.md).
//
// Starts the built platform on a fresh data directory (DEMO=false, admin from the
// environment given here), creates two providers with one user each, then:
//   - JSON: dry run, apply, and the same file again (every row unchanged) for provider 1;
//   - CSV: dry run and apply of the same 10,000 × 10 layout for provider 2;
//   - a CSV with errors in ~1 % of its rows (plus changed and new rows that would be valid):
//     dry run and apply must both answer 400 naming every bad row, and the registry must be
//     exactly as before (enterprise totals, a changed row's name, the audit log).
// It prints wall time and rows/s of each phase (a row = one device line of the CSV form),
// the body sizes, and the machine (cores, CPU model, Node).
//
// Usage: npm run build && node scripts/bench-onboard.mjs [--enterprises 10000] [--devices 10]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { api, login, makeCreditCode } from './bench/api.mjs';
import { children } from './bench/ingest/common.mjs';
import { ADMIN } from './bench/ingest/load.mjs';
import { platformEnv, startPlatform } from './bench/ingest/processes.mjs';

const REGIONS = ['440106', '440305', '440606', '440402', '440703', '441302', '440604', '440113'];
const INDUSTRIES = ['C3851', 'C3399', 'C3981', 'C3432', 'C3041', 'C3089'];
const ERROR_SHARE = 0.01;
// Nest colours its log lines; the escape character is built, not written, for the linter.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const { values: opts } = parseArgs({
  options: { enterprises: { type: 'string', default: '10000' }, devices: { type: 'string', default: '10' } },
});
const ENTERPRISES = positiveInt(opts.enterprises, '--enterprises');
const DEVICES = positiveInt(opts.devices, '--devices');
let dataDir;
let platformRef;

async function main() {
  dataDir = mkdtempSync(join(tmpdir(), 'grip-bench-onboard-'));
  const platform = (platformRef = await startPlatform({
    dataDir,
    env: platformEnv(0), // the ingest benchmark's: no demo, no throttling
  }));
  log(`platform ready at ${platform.url}`);
  const url = platform.url;
  const operator = await login(url, ADMIN.user, ADMIN.password);
  const providers = [];
  for (const n of [1, 2]) {
    const provider = await api(url, operator, 'POST', '/api/v1/providers', {
      name: `基准导入服务商${n}`,
      creditCode: makeCreditCode(`91440106MA9BNP00${n}`),
    });
    const username = `bench-provider-${n}`;
    const password = `bench-provider-password-${n}`;
    await api(url, operator, 'POST', '/api/v1/users', {
      username,
      password,
      role: 'provider',
      providerId: provider.id,
    });
    providers.push({ id: provider.id, token: await login(url, username, password) });
  }

  const json = JSON.stringify({ enterprises: buildEnterprises(1) });
  const csv = toCsv(buildEnterprises(2));
  const rows = ENTERPRISES * DEVICES;
  log(
    `built JSON ${mb(json.length)} MB and CSV ${mb(csv.length)} MB for ${fmt(ENTERPRISES)} enterprises × ${DEVICES} devices`,
  );

  const phases = [];
  const phase = async (name, token, body, type, dryRun, expect) => {
    if (process.env.BENCH_SKIP_CSV && type === 'text/csv') return;
    const t0 = performance.now();
    const response = await importFile(url, token, body, type, dryRun);
    const msec = performance.now() - t0;
    expect(response);
    phases.push({ name, msec, rows, bytes: Buffer.byteLength(body), result: summary(response) });
    log(`${name}: ${(msec / 1000).toFixed(2)} s, ${fmt(rows / (msec / 1000))} rows/s — ${summary(response)}`);
  };
  const created = (r) =>
    check(
      r.status === 200 && r.body.enterprises.created === ENTERPRISES && r.body.devices.created === rows,
      r,
    );
  const unchanged = (r) =>
    check(
      r.status === 200 && r.body.enterprises.unchanged === ENTERPRISES && r.body.devices.unchanged === rows,
      r,
    );
  const [p1, p2] = providers;
  await phase('JSON dry run', p1.token, json, 'application/json', true, created);
  await phase('JSON apply', p1.token, json, 'application/json', false, created);
  await phase('JSON re-apply (unchanged)', p1.token, json, 'application/json', false, unchanged);
  await phase('CSV dry run', p2.token, csv, 'text/csv', true, created);
  await phase('CSV apply', p2.token, csv, 'text/csv', false, created);

  // A file with errors: ~1 % of rows bad, and valid changes that must not be applied either.
  const broken = brokenCsv(buildEnterprises(2));
  const before = await registryFacts(url, operator, providers);
  for (const dryRun of [true, false]) {
    const t0 = performance.now();
    const r = await importFile(url, p2.token, broken.csv, 'text/csv', dryRun);
    const msec = performance.now() - t0;
    check(r.status === 400 && r.body.error.code === 'IMPORT_INVALID', r);
    const reportedRows = new Set(r.body.error.details.map((d) => d.row));
    const missed = broken.badRows.filter((row) => !reportedRows.has(row));
    const extra = [...reportedRows].filter((row) => !broken.badRows.includes(row));
    if (missed.length || extra.length)
      fail(`reported rows differ: missed ${missed.slice(0, 5)} extra ${extra.slice(0, 5)}`);
    const name = `CSV with ${broken.badRows.length} bad rows, ${dryRun ? 'dry run' : 'apply'}`;
    phases.push({
      name,
      msec,
      rows,
      bytes: Buffer.byteLength(broken.csv),
      result: `400, ${r.body.error.details.length} errors in ${reportedRows.size} rows`,
    });
    log(
      `${name}: 400 in ${(msec / 1000).toFixed(2)} s, every bad row reported (${r.body.error.details.length} errors), no other row`,
    );
  }
  const after = await registryFacts(url, operator, providers);
  if (JSON.stringify(before) !== JSON.stringify(after))
    fail(`the failed import changed the registry: ${JSON.stringify({ before, after })}`);
  log(`registry unchanged after the failed import: ${JSON.stringify(after)}`);

  for (const line of importLog(platform))
    log(`platform: ${line.replace(/^.*\[BulkImport\] /, '').replace(ANSI_COLOUR, '')}`);
  const code = await platform.stop();
  report(phases, after, code);
}

/** Enterprise totals per provider, one renamed enterprise's name, and the number of import audit entries. */
async function registryFacts(url, operator, providers) {
  const facts = {};
  for (const [i, p] of providers.entries()) {
    const page = await api(url, p.token, 'GET', '/api/v1/enterprises?pageSize=1');
    facts[`provider${i + 1}Enterprises`] = page.total;
  }
  // The enterprise the broken file renames, and its devices: still as the last good import left them.
  const [renamed] = (await api(url, providers[1].token, 'GET', '/api/v1/enterprises?externalId=P2-E000000'))
    .items;
  facts.renamedEnterpriseName = renamed?.name;
  const devices = await api(
    url,
    providers[1].token,
    'GET',
    `/api/v1/enterprises/${renamed?.id}/devices?pageSize=1`,
  );
  facts.renamedEnterpriseDevices = devices.total;
  const audit = await api(url, operator, 'GET', '/api/v1/audit?action=enterprise.import&pageSize=1');
  facts.importAuditEntries = audit.total;
  return facts;
}

function buildEnterprises(provider) {
  return Array.from({ length: ENTERPRISES }, (_, e) => {
    const region = REGIONS[e % REGIONS.length];
    return {
      externalId: `P${provider}-E${String(e).padStart(6, '0')}`,
      name: `导入测试第${e + 1}制造有限公司`,
      creditCode: makeCreditCode(`9144${region.slice(2)}MA${provider}${String(e).padStart(6, '0')}`),
      regionCode: region,
      industryCode: INDUSTRIES[e % INDUSTRIES.length],
      sizeClass: e % 3 === 0 ? 'medium' : 'small',
      devices: Array.from({ length: DEVICES }, (_, d) =>
        d === 0
          ? {
              externalId: 'meter-main',
              name: '进线柜电能表',
              kind: 'meter',
              metrics: ['electricity.active_energy', 'electricity.active_power'],
              attributes: { meterScope: 'site', ratedPowerKw: 800 },
            }
          : {
              externalId: `cnc-${String(d).padStart(2, '0')}`,
              name: `${d}# 数控加工中心`,
              kind: 'machine',
              metrics: ['equipment.state', 'production.count'],
              attributes: {
                productionEquipment: true,
                numericalControl: true,
                commissionedYear: 2015 + (d % 10),
              },
            },
      ),
    };
  });
}

const CSV_HEADER =
  'enterpriseExternalId,enterpriseName,creditCode,regionCode,industryCode,sizeClass,deviceExternalId,deviceName,kind,metrics,meterScope,ratedPowerKw,productionEquipment,numericalControl,commissionedYear';

function csvLine(e, d) {
  const a = d.attributes;
  return [
    e.externalId,
    e.name,
    e.creditCode,
    e.regionCode,
    e.industryCode,
    e.sizeClass,
    d.externalId,
    d.name,
    d.kind,
    d.metrics.join(';'),
    a.meterScope ?? '',
    a.ratedPowerKw ?? '',
    a.productionEquipment ?? '',
    a.numericalControl ?? '',
    a.commissionedYear ?? '',
  ]
    .map(quote)
    .join(',');
}

const quote = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

function toCsv(enterprises) {
  const lines = [CSV_HEADER];
  for (const e of enterprises) for (const d of e.devices) lines.push(csvLine(e, d));
  return lines.join('\r\n') + '\r\n';
}

/**
 * Every 100th device row gets one of four faults (unknown metric, bad kind, bad attribute,
 * bad year); the first enterprise is renamed on all its rows and 100 new enterprises are added:
 * valid changes that a failed import must not apply either.
 */
function brokenCsv(enterprises) {
  enterprises[0].name = '改名后的名称有限公司';
  const lines = [CSV_HEADER];
  const badRows = [];
  let n = 0;
  for (const e of enterprises) {
    for (const d of e.devices) {
      let line;
      if (n % Math.round(1 / ERROR_SHARE) === 50) {
        const fault = badRows.length % 4;
        const bad = structuredClone(d);
        if (fault === 0) bad.metrics = ['electricity.reactive_energy'];
        if (fault === 1) bad.kind = 'robot';
        if (fault === 2)
          bad.attributes = {
            ...bad.attributes,
            ratedPowerKw: -5,
            meterScope: bad.attributes.meterScope ?? 'site',
          };
        if (fault === 3) bad.attributes = { ...bad.attributes, commissionedYear: 1850 };
        line = csvLine(e, bad);
        badRows.push(lines.length + 1);
      } else line = csvLine(e, d);
      lines.push(line);
      n++;
    }
  }
  for (let i = 0; i < 100; i++) {
    const e = {
      ...enterprises[1],
      externalId: `P2-NEW-${i}`,
      creditCode: makeCreditCode(`91440106MA3${String(i).padStart(6, '0')}`),
    };
    lines.push(csvLine(e, e.devices[0]));
  }
  return { csv: lines.join('\r\n') + '\r\n', badRows };
}

async function importFile(url, token, body, type, dryRun) {
  const response = await fetch(`${url}/api/v1/imports/enterprises?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body,
  });
  return { status: response.status, body: await response.json() };
}

const summary = (r) =>
  r.status === 200
    ? `enterprises ${JSON.stringify(r.body.enterprises)}, devices ${JSON.stringify(r.body.devices)}`
    : `${r.status} ${r.body.error?.code}`;

function check(ok, r) {
  if (!ok) fail(`unexpected answer ${r.status}: ${JSON.stringify(r.body).slice(0, 2000)}`);
}

function report(phases, facts, exitCode) {
  const cpu = cpus();
  console.log('\n## bench:onboard');
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
  );
  console.log(
    `file: ${fmt(ENTERPRISES)} enterprises × ${DEVICES} devices = ${fmt(ENTERPRISES * DEVICES)} rows`,
  );
  console.log('\n| phase | body | wall time | rows/s | result |\n| --- | --- | --- | --- | --- |');
  for (const p of phases) {
    console.log(
      `| ${p.name} | ${mb(p.bytes)} MB | ${(p.msec / 1000).toFixed(2)} s | ${fmt(p.rows / (p.msec / 1000))} | ${p.result} |`,
    );
  }
  console.log(`\nafter the failed import: ${JSON.stringify(facts)}; platform exited with ${exitCode}`);
}

async function cleanUp() {
  for (const child of children) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer`);
  return n;
}

function fail(message) {
  console.error(`bench-onboard: ${message}`);
  void cleanUp().then(() => process.exit(1));
  throw new Error(message);
}

/** The platform's own account of each import, phase by phase. */
const importLog = (platform) =>
  platform
    .output()
    .split('\n')
    .filter((line) => line.includes('[BulkImport]'));
const log = (message) => console.log(`[bench-onboard] ${message}`);
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const fmt = (x) => Math.round(x).toLocaleString('en-US');

main()
  .then(cleanUp)
  .catch(async (error) => {
    console.error(error);
    for (const line of (platformRef ? importLog(platformRef) : []) ?? []) console.error(line);
    await cleanUp();
    process.exit(1);
  });
