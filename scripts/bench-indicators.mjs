// Indicator benchmark (docs/benchmarks.md): a generated province, then the latency of the
// indicator endpoints' work and the time to recompute a month for every enterprise.
//
// Registry: a throw-away database on the local PostgreSQL (127.0.0.1:5432, dropped at the
// end unless --keep). ClickHouse: chDB in a temporary directory. Enterprises, meters,
// machines and monthly declarations are inserted with set-based SQL; a year of 1-minute
// site-meter readings (one electricity counter per enterprise, a gas counter for every third)
// is generated inside ClickHouse with INSERT … SELECT FROM numbers(), never built in JS.
//
// Measured, in process, through the services the endpoints call (no HTTP, no auth):
//   - one enterprise's monthly set computed from telemetry and declarations (cold path);
//   - the same set served from the store while fresh (the endpoint's usual path);
//   - a city's monthly region aggregate from stored sets;
//   - recomputing the month for every enterprise (what the monthly run does).
//
// Usage: npm run build && node scripts/bench-indicators.mjs
//          [--enterprises 1000] [--days 365] [--cities 10] [--samples 40] [--keep]
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CITIES = [
  '440100',
  '440300',
  '440400',
  '440500',
  '440600',
  '440700',
  '440800',
  '441300',
  '441900',
  '442000',
];
/** Enterprises whose readings one INSERT … SELECT generates: bounded memory, few parts. */
const INSERT_ENTERPRISES = 25;

const { values: args } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000' },
    days: { type: 'string', default: '365' },
    cities: { type: 'string', default: '10' },
    samples: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.enterprises);
const DAYS = Number(args.days);
const CITY_COUNT = Math.min(Number(args.cities), CITIES.length);
const SAMPLES = Number(args.samples);

const registry = await dist('libs/registry/src/index.js');
const store = await dist('libs/telemetry-store/src/index.js');
const indicators = await dist('libs/indicators/src/index.js');
const { EnterpriseIndicatorsService } = await dist(
  'apps/query-api/src/indicators/enterprise-indicators.service.js',
);
const { RegionIndicatorsService } = await dist('apps/query-api/src/indicators/region-indicators.service.js');
const { IndicatorComputationService } = await dist(
  'apps/query-api/src/indicators/indicator-computation.service.js',
);
const { DEFAULT_INDICATOR_OPTIONS } = await dist('apps/query-api/src/indicators/indicator-options.js');
const { parseIndicatorPeriod } = await dist('apps/query-api/src/indicators/indicator-period.js');

// The data end at the start of the current Shanghai month, so the measured month is closed.
const shanghaiNow = new Date(Date.now() + 8 * HOUR);
const dataEnd = Date.UTC(shanghaiNow.getUTCFullYear(), shanghaiNow.getUTCMonth(), 1) - 8 * HOUR;
const dataStart = dataEnd - DAYS * DAY;
const lastMonth = new Date(dataEnd - DAY + 8 * HOUR).toISOString().slice(0, 7);
const months = [];
for (let t = dataStart; t < dataEnd; t += 28 * DAY)
  months.push(new Date(t + 8 * HOUR).toISOString().slice(0, 7));
months.push(lastMonth);
const declaredMonths = [...new Set(months)];

const database = `grip_bench_${randomBytes(5).toString('hex')}`;
const admin = async (sql) => {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};
const dataPath = mkdtempSync(join(tmpdir(), 'grip-bench-indicators-'));
const log = (...parts) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const time = async (work) => {
  const t0 = performance.now();
  const result = await work();
  return [performance.now() - t0, result];
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms (n=${s.length})`;
};

await admin(`CREATE DATABASE ${database}`);
const ds = registry.createRegistryDataSource({
  url: ADMIN_URL.replace(/\/postgres$/, `/${database}`),
  poolSize: 8,
});
const ch = store.createClickHouse({ database: 'grip', dataPath });
try {
  await ds.initialize();
  await ds.runMigrations();
  await store.runClickHouseMigrations(ch);
  const methodologies = new registry.MethodologyRepository(ds);
  await methodologies.publishIfAbsent({
    version: indicators.DEFAULT_METHODOLOGY.version,
    factors: indicators.DEFAULT_METHODOLOGY.factors,
    notes: 'bench',
  });

  log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}`);
  log(
    `generating ${N} enterprises in ${CITY_COUNT} cities, ${DAYS} days of 1-minute readings, months ${declaredMonths[0]}…${lastMonth}`,
  );
  const [registryMs] = await time(async () => {
    const [{ id: providerId }] = await ds.query(
      `INSERT INTO providers (name, credit_code) VALUES ('Bench provider', '91440000BENCH0000X') RETURNING id`,
    );
    // District codes city + 01…09; industry divisions C13…C42; credit codes unique per row.
    await ds.query(
      `INSERT INTO enterprises (provider_id, name, credit_code, region_code, industry_code, size_class)
       SELECT $1, 'Bench enterprise ' || i, 'BENCH' || lpad(i::text, 13, '0'),
              (($2::text[])[1 + i % $3])::text::int + 1 + (i / $3) % 9 || '',
              'C' || (13 + i % 30), 'medium'
       FROM generate_series(0, $4 - 1) AS i`,
      [providerId, CITIES, CITY_COUNT, N],
    );
    await ds.query(
      `INSERT INTO devices (enterprise_id, external_id, name, kind, metrics, attributes)
       SELECT e.id, 'site-el', 'Site electricity', 'meter', ARRAY['electricity.active_energy'],
              jsonb_build_object('meterScope', 'site', 'energyCarrier', 'electricity', 'ratedPowerKw', 5000)
       FROM enterprises e
       UNION ALL
       SELECT e.id, 'site-gas', 'Site gas', 'meter', ARRAY['natural_gas.volume'],
              jsonb_build_object('meterScope', 'site', 'energyCarrier', 'natural_gas')
       FROM enterprises e WHERE abs(hashtext(e.credit_code)) % 3 = 0
       UNION ALL
       SELECT e.id, 'machine-' || m, 'Machine ' || m, 'machine', ARRAY['equipment.state'],
              jsonb_build_object('productionEquipment', true, 'digital', true, 'numericalControl', m = 1,
                'keyProcess', true, 'commissionedYear', 2015)
       FROM enterprises e CROSS JOIN generate_series(1, 2) AS m`,
    );
    await ds.query(
      `INSERT INTO declarations (enterprise_id, period, version, data, declared_by)
       SELECT e.id, p, 1,
              jsonb_build_object('outputValue', 3000 + abs(hashtext(e.id::text || p)) % 4000,
                'valueAdded', 900 + abs(hashtext(p || e.id::text)) % 1200, 'employees', 200 + abs(hashtext(e.id::text)) % 800,
                'landArea', 40000, 'totalFloorArea', 52000, 'buildingFootprint', 18000,
                'productOutput', jsonb_build_object('quantity', 10000, 'unit', 't')),
              gen_random_uuid()
       FROM enterprises e CROSS JOIN unnest($1::text[]) AS p`,
      [declaredMonths],
    );
  });
  const meters = await ds.query(
    `SELECT d.enterprise_id AS "enterpriseId", d.id AS "deviceId", d.metrics[1] AS metric
     FROM devices d WHERE d.kind = 'meter' ORDER BY d.enterprise_id, d.external_id`,
  );
  log(
    `registry: ${N} enterprises, ${meters.length} meters, ${declaredMonths.length} months declared in ${registryMs.toFixed(0)} ms`,
  );

  const minutes = DAYS * 1440;
  const [telemetryMs] = await time(async () => {
    const byEnterprise = [...new Set(meters.map((m) => m.enterpriseId))];
    for (let i = 0; i < byEnterprise.length; i += INSERT_ENTERPRISES) {
      const ids = new Set(byEnterprise.slice(i, i + INSERT_ENTERPRISES));
      const chunk = meters.filter((m) => ids.has(m.enterpriseId));
      // A cumulative counter per meter: rate (kWh or m³ per minute) × minutes, with a daily swing.
      await ch.client.command({
        query: `INSERT INTO ${ch.table('telemetry_raw')} (enterprise_id, device_id, metric, ts, value)
          SELECT meters.m.1, meters.m.2, meters.m.3,
                 fromUnixTimestamp64Milli(toInt64({start_ms:Int64} + n.number * 60000), 'UTC'),
                 round(meters.m.4 * (n.number + 120 * sin(n.number * 2 * pi() / 1440)), 3)
          FROM (SELECT arrayJoin(arrayZip({e:Array(UUID)}, {d:Array(UUID)}, {metric:Array(String)}, {rate:Array(Float64)})) AS m) AS meters
          CROSS JOIN numbers({minutes:UInt64}) AS n`,
        query_params: {
          start_ms: dataStart,
          minutes,
          e: chunk.map((m) => m.enterpriseId),
          d: chunk.map((m) => m.deviceId),
          metric: chunk.map((m) => m.metric),
          rate: chunk.map((m) =>
            m.metric.startsWith('electricity') ? 15 + (parseInt(m.deviceId.slice(0, 4), 16) % 20) : 2,
          ),
        },
      });
      if ((i / INSERT_ENTERPRISES) % 8 === 0)
        log(
          `telemetry: ${Math.min(i + INSERT_ENTERPRISES, byEnterprise.length)}/${byEnterprise.length} enterprises`,
        );
    }
  });
  const rows = meters.length * minutes;
  log(
    `telemetry: ${rows.toLocaleString('en')} rows in ${(telemetryMs / 1000).toFixed(1)} s (${Math.round(rows / (telemetryMs / 1000)).toLocaleString('en')} rows/s)`,
  );

  const enterprises = new registry.EnterpriseRepository(ds);
  const stored = new store.IndicatorValuesStore(ch);
  const options = { ...DEFAULT_INDICATOR_OPTIONS, regionOnDemandMax: 0 };
  const service = new EnterpriseIndicatorsService(
    enterprises,
    new registry.DeviceRepository(ds),
    new registry.DeclarationRepository(ds),
    new store.EnergyQueries(ch),
    new store.EquipmentQueries(ch),
    methodologies,
    stored,
  );
  const region = new RegionIndicatorsService(enterprises, service, stored, options);
  const computation = new IndicatorComputationService(enterprises, service, stored, options);
  const operator = { role: 'operator', userId: randomUUID() };
  const all = (await enterprises.list(operator, { pageSize: 100, page: 1 })).items;
  const period = parseIndicatorPeriod(lastMonth);
  const methodology = await service.currentMethodology();
  const sample = Array.from({ length: SAMPLES }, (_, i) => all[(i * 7) % all.length]);

  // Cold: computed from telemetry and declarations (and stored), one enterprise at a time.
  const computed = [];
  for (const e of sample) {
    const [ms, set] = await time(() => service.setFor(e, period, 'equivalent', methodology, { force: true }));
    if (set.source !== 'computed') throw new Error('expected a computed set');
    computed.push(ms);
  }
  log(`enterprise monthly set, computed: ${stats(computed)}`);
  const served = [];
  for (const e of sample) {
    const [ms, set] = await time(() => service.indicatorsOf(operator, e.id, lastMonth, 'equivalent'));
    if (set.source !== 'stored') throw new Error('expected a stored set');
    served.push(ms);
  }
  log(`enterprise monthly set, served stored (freshness checked): ${stats(served)}`);

  const [recomputeMs, summary] = await time(() => computation.computeAll(lastMonth));
  log(
    `recompute ${lastMonth} for all: ${summary.computed}/${summary.enterprises} in ${(recomputeMs / 1000).toFixed(1)} s (${(recomputeMs / summary.enterprises).toFixed(1)} ms per enterprise)`,
  );

  const cityTimes = [];
  let cityResult;
  for (let i = 0; i < SAMPLES; i++) {
    const city = CITIES[i % CITY_COUNT];
    const official = { role: 'official', userId: randomUUID(), regionCode: city };
    const [ms, result] = await time(() => region.regionIndicators(official, city, lastMonth, undefined));
    cityTimes.push(ms);
    cityResult ??= result;
  }
  log(
    `city monthly aggregate (${cityResult.enterprises.inScope} enterprises, ${cityResult.enterprises.contributing} contributing): ${stats(cityTimes)}`,
  );
  const province = { role: 'official', userId: randomUUID(), regionCode: '440000' };
  const [provinceMs, provinceResult] = await time(() =>
    region.regionIndicators(province, '440000', lastMonth, undefined),
  );
  log(
    `province monthly aggregate (${provinceResult.enterprises.inScope} enterprises): ${provinceMs.toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version },
      size: { enterprises: N, days: DAYS, meters: meters.length, rows },
      enterpriseComputed: stats(computed),
      enterpriseStored: stats(served),
      city: stats(cityTimes),
      provinceMs: Math.round(provinceMs),
      recomputeAllS: +(recomputeMs / 1000).toFixed(1),
    }),
  );
} finally {
  await ds.destroy().catch(() => undefined);
  await ch.close();
  rmSync(dataPath, { recursive: true, force: true });
  if (!args.keep) await admin(`DROP DATABASE IF EXISTS ${database}`);
}
