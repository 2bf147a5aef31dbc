import { makeCreditCode } from '#grip/contracts';
import { PlatformProcess, startPlatform } from './support/platform-process.js';

const OPS = { username: 'ops', password: 'a-long-operator-password' };
const ENV = {
  GRIP_ADMIN_USER: OPS.username,
  GRIP_ADMIN_PASSWORD: OPS.password,
  IMPORT_MAX_ROWS: '60',
  IMPORT_MAX_BYTES: '65536',
};
const HEADER =
  'enterpriseExternalId,enterpriseName,creditCode,regionCode,industryCode,sizeClass,deviceExternalId,deviceName,kind,metrics,meterScope,ratedPowerKw,productionEquipment';

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
}
interface Detail {
  row: number;
  field: string;
  code: string;
  message: string;
}

let seq = 0;
const code = (prefix: string) => makeCreditCode(`91440606MA${prefix}${String(++seq).padStart(6, '0')}`);

/** n enterprises, each with a site meter and a machine, as the CSV a spreadsheet would save. */
function enterprises(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    name: `${prefix}企业${i}, 有限公司`,
    creditCode: code(prefix),
    regionCode: '440606',
    industryCode: 'C3851',
    sizeClass: 'small',
    devices: [
      {
        externalId: 'meter-main',
        name: '进线表',
        kind: 'meter',
        metrics: ['electricity.active_energy'],
        attributes: { meterScope: 'site', ratedPowerKw: 800 } as Record<string, unknown>,
      },
      {
        externalId: 'cnc-01',
        name: '1# "CNC"',
        kind: 'machine',
        metrics: ['equipment.state', 'production.count'],
        attributes: { productionEquipment: true } as Record<string, unknown>,
      },
    ],
  }));
}
type Rows = ReturnType<typeof enterprises>;

const quote = (v: unknown) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
function toCsv(rows: Rows): string {
  const lines = [HEADER];
  for (const e of rows) {
    for (const d of e.devices) {
      const a = d.attributes;
      lines.push(
        [
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
        ]
          .map(quote)
          .join(','),
      );
    }
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

describe('bulk import of enterprises and devices', () => {
  let platform: PlatformProcess;
  let operator: string;
  let providerA: { id: string; token: string };
  let providerB: { id: string; token: string };

  const call = async (token: string, method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(platform.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const importFile = async (token: string, body: string, type: string, query: string): Promise<Answer> => {
    const response = await fetch(`${platform.url}/api/v1/imports/enterprises?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });
    return { status: response.status, body: await response.json() };
  };
  const login = async (username: string, password: string) =>
    (await call('', 'POST', '/api/v1/auth/login', { username, password })).body.accessToken as string;
  const enterpriseTotal = async (token: string) =>
    (await call(token, 'GET', '/api/v1/enterprises?pageSize=1')).body.total as number;
  const byExternalId = async (token: string, externalId: string) =>
    (await call(token, 'GET', `/api/v1/enterprises?externalId=${externalId}`)).body.items[0];
  const importAudits = async () =>
    (await call(operator, 'GET', '/api/v1/audit?action=enterprise.import')).body.items as {
      targetId: string;
      after: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    platform = await startPlatform(ENV);
    operator = await login(OPS.username, OPS.password);
    const providers = [];
    for (const n of ['a', 'b']) {
      const provider = (
        await call(operator, 'POST', '/api/v1/providers', { name: `服务商${n}`, creditCode: code('P') })
      ).body as { id: string };
      const password = `provider-${n}-password-long`;
      await call(operator, 'POST', '/api/v1/users', {
        username: `provider-${n}`,
        password,
        role: 'provider',
        providerId: provider.id,
      });
      providers.push({ id: provider.id, token: await login(`provider-${n}`, password) });
    }
    [providerA, providerB] = providers as [typeof providerA, typeof providerB];
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const rowsA = enterprises('A', 10);

  it('dry run of a file with errors reports every bad row and field, and writes nothing', async () => {
    const bad = structuredClone(rowsA);
    bad[1]!.creditCode = bad[1]!.creditCode.slice(0, 17) + (bad[1]!.creditCode.endsWith('0') ? '1' : '0');
    bad[3]!.devices[0]!.metrics = ['electricity.reactive_energy'];
    bad[5]!.devices[1]!.kind = 'robot';
    bad[7]!.regionCode = '449999';
    bad[8]!.devices[1]!.externalId = 'meter-main';
    for (const dryRun of ['true', 'false']) {
      const answer = await importFile(providerA.token, toCsv(bad), 'text/csv', `dryRun=${dryRun}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('IMPORT_INVALID');
      const details = (answer.body.error.details as Detail[]).map((d) => [d.row, d.field, d.code]);
      // Spreadsheet rows: 1 is the header, enterprise i's devices are rows 2 + 2i and 3 + 2i.
      expect(details).toEqual([
        [4, 'creditCode', 'INVALID_CREDIT_CODE'],
        [8, 'metrics', 'UNKNOWN_METRIC'],
        [13, 'kind', 'INVALID_KIND'],
        [16, 'regionCode', 'UNKNOWN_REGION'],
        [19, 'deviceExternalId', 'DUPLICATE_IN_FILE'],
      ]);
    }
    expect(await enterpriseTotal(providerA.token)).toBe(0);
    expect(await importAudits()).toEqual([]);
  });

  it('dry run of a valid file counts what would change and writes nothing', async () => {
    const answer = await importFile(providerA.token, toCsv(rowsA), 'text/csv', 'dryRun=true');
    expect(answer).toEqual({
      status: 200,
      body: {
        dryRun: true,
        providerId: providerA.id,
        format: 'csv',
        rows: 20,
        enterprises: { created: 10, updated: 0, unchanged: 0 },
        devices: { created: 20, updated: 0, unchanged: 0 },
      },
    });
    expect(await enterpriseTotal(providerA.token)).toBe(0);
  });

  it('applies all of it with one audit entry; the same rows as JSON again change nothing', async () => {
    const applied = await importFile(providerA.token, toCsv(rowsA), 'text/csv', 'dryRun=false');
    expect(applied.status).toBe(200);
    expect(applied.body.enterprises).toEqual({ created: 10, updated: 0, unchanged: 0 });
    expect(await enterpriseTotal(providerA.token)).toBe(10);
    const stored = await byExternalId(providerA.token, 'A-0');
    expect(stored).toMatchObject({
      name: 'A企业0, 有限公司',
      creditCode: rowsA[0]!.creditCode,
      providerId: providerA.id,
    });
    const devices = await call(
      providerA.token,
      'GET',
      `/api/v1/enterprises/${stored.id}/devices?sort=-externalId`,
    );
    expect(
      devices.body.items.map((d: { externalId: string; name: string }) => [d.externalId, d.name]),
    ).toEqual([
      ['meter-main', '进线表'],
      ['cnc-01', '1# "CNC"'],
    ]);
    expect(devices.body.items[0].attributes).toEqual({ meterScope: 'site', ratedPowerKw: 800 });
    expect(devices.body.items[1].attributes).toEqual({ productionEquipment: true });

    const again = await importFile(
      providerA.token,
      JSON.stringify({ enterprises: rowsA }),
      'application/json',
      'dryRun=false',
    );
    expect(again.body).toMatchObject({
      format: 'json',
      enterprises: { created: 0, updated: 0, unchanged: 10 },
      devices: { created: 0, updated: 0, unchanged: 20 },
    });
    const audits = await importAudits();
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.targetId === providerA.id)).toBe(true);
    expect(audits[1]!.after).toMatchObject({ enterprises: { created: 10 }, devices: { created: 20 } });
  });

  it('updates what changed, and a file with one error applies none of its other changes', async () => {
    const changed = structuredClone(rowsA);
    changed[0]!.name = 'A企业0（更名）';
    changed[2]!.devices[0]!.attributes.ratedPowerKw = 1250;
    changed[4]!.devices.push({ ...changed[4]!.devices[1]!, externalId: 'cnc-02', name: '2# CNC' });
    const broken = structuredClone(changed);
    broken[9]!.devices[1]!.attributes.productionEquipment = 'yes';
    const refused = await importFile(
      providerA.token,
      JSON.stringify({ enterprises: broken }),
      'application/json',
      'dryRun=false',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        row: 9,
        field: 'devices[1].attributes.productionEquipment',
        code: 'INVALID_ATTRIBUTE',
      }),
    ]);
    expect((await byExternalId(providerA.token, 'A-0')).name).toBe('A企业0, 有限公司');

    const applied = await importFile(
      providerA.token,
      JSON.stringify({ enterprises: changed }),
      'application/json',
      'dryRun=false',
    );
    expect(applied.body).toMatchObject({
      enterprises: { created: 0, updated: 1, unchanged: 9 },
      devices: { created: 1, updated: 1, unchanged: 19 },
    });
    expect((await byExternalId(providerA.token, 'A-0')).name).toBe('A企业0（更名）');
  });

  it("keeps providers apart: B can neither import into nor over A's enterprises", async () => {
    // Same external ids as A's rows, B's own credit codes: B gets enterprises of its own.
    const rowsB = enterprises('A', 2).map((e) => ({ ...e, creditCode: code('B') }));
    const own = await importFile(providerB.token, toCsv(rowsB), 'text/csv', 'dryRun=false');
    expect(own.body.enterprises).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await byExternalId(providerA.token, 'A-0')).name).toBe('A企业0（更名）');

    // A's credit code under B: refused, nothing of A's changes, nothing revealed but "taken".
    const over = [{ ...rowsA[3]!, externalId: 'B-X', name: '冒名' }];
    const refused = await importFile(
      providerB.token,
      JSON.stringify({ enterprises: over }),
      'application/json',
      'dryRun=true',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ row: 0, field: 'creditCode', code: 'CREDIT_CODE_TAKEN' }),
    ]);
    expect(JSON.stringify(refused.body)).not.toContain('A-3');
    expect((await byExternalId(providerA.token, 'A-3')).name).toBe('A企业3, 有限公司');

    // Naming A as the provider: not found, like anything outside B's scope.
    const named = await importFile(
      providerB.token,
      toCsv(rowsB),
      'text/csv',
      `dryRun=true&providerId=${providerA.id}`,
    );
    expect(named.status).toBe(404);
    expect(await enterpriseTotal(providerB.token)).toBe(2);
  });

  it('lets operators import for a provider they name, and only then', async () => {
    const rows = enterprises('Q', 1);
    const unnamed = await importFile(operator, toCsv(rows), 'text/csv', 'dryRun=true');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.details[0].field).toBe('providerId');
    const named = await importFile(
      operator,
      toCsv(rows),
      'text/csv',
      `dryRun=false&providerId=${providerB.id}`,
    );
    expect(named.body.enterprises.created).toBe(1);
    expect(await enterpriseTotal(providerB.token)).toBe(3);
  });

  it('refuses files beyond the row and byte limits (413) and other media types (415)', async () => {
    const tooManyRows = await importFile(
      providerA.token,
      toCsv(enterprises('L', 31)),
      'text/csv',
      'dryRun=true',
    );
    expect(tooManyRows.status).toBe(413);
    expect(tooManyRows.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const tooBig = await importFile(
      providerA.token,
      HEADER + '\n' + 'x,'.repeat(40_000),
      'text/csv',
      'dryRun=true',
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await importFile(providerA.token, toCsv(rowsA), 'text/plain', 'dryRun=true');
    expect(text.status).toBe(415);
    const noMode = await importFile(providerA.token, toCsv(rowsA), 'text/csv', '');
    expect(noMode.status).toBe(400);
    const empty = await importFile(providerA.token, '', 'text/csv', 'dryRun=true');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0]).toMatchObject({ row: 1, code: 'EMPTY_FILE' });
    // Wrong JSON types and a NUL character are reported, never a 500.
    const types = await importFile(
      providerA.token,
      JSON.stringify({ enterprises: [{ externalId: 5, name: ['x'], creditCode: null, devices: 'none' }] }),
      'application/json',
      'dryRun=true',
    );
    expect(types.status).toBe(400);
    expect((types.body.error.details as Detail[]).map((d) => [d.field, d.code])).toEqual(
      expect.arrayContaining([
        ['externalId', 'INVALID_TYPE'],
        ['name', 'INVALID_TYPE'],
        ['creditCode', 'INVALID_TYPE'],
        ['devices', 'INVALID_TYPE'],
      ]),
    );
    const nul = await importFile(
      providerA.token,
      toCsv(rowsA).replace('进线表', '进线\u0000表'),
      'text/csv',
      'dryRun=true',
    );
    expect(nul.status).toBe(400);
    expect(nul.body.error.details[0]).toMatchObject({ row: 2, code: 'NUL_CHARACTER' });
  });

  it('sorts lists by whitelisted fields only, and filters them', async () => {
    const wrong = await call(providerA.token, 'GET', '/api/v1/enterprises?sort=creditCode');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]).toMatchObject({ field: 'sort' });
    expect(wrong.body.error.details[0].message).toContain('-createdAt');
    const sorted = await call(providerA.token, 'GET', '/api/v1/enterprises?sort=-externalId&pageSize=3');
    expect(sorted.body.items.map((e: { externalId: string }) => e.externalId)).toEqual(['A-9', 'A-8', 'A-7']);
    const named = await call(
      providerA.token,
      'GET',
      `/api/v1/enterprises?name=${encodeURIComponent('更名')}`,
    );
    expect(named.body.items.map((e: { externalId: string }) => e.externalId)).toEqual(['A-0']);
    // B's filter on A's external id finds only B's own enterprise of that id.
    const scoped = await call(providerB.token, 'GET', '/api/v1/enterprises?externalId=A-0');
    expect(scoped.body.items.map((e: { providerId: string }) => e.providerId)).toEqual([providerB.id]);
    const providers = await call(
      operator,
      'GET',
      '/api/v1/providers?sort=name&name=' + encodeURIComponent('服务商'),
    );
    expect(providers.body.items.map((p: { name: string }) => p.name)).toEqual(['服务商a', '服务商b']);
    expect((await call(operator, 'GET', '/api/v1/audit?sort=id')).status).toBe(400);
    const own = await call(providerA.token, 'GET', '/api/v1/users?sort=username');
    expect(own.body.items.map((u: { username: string }) => u.username)).toEqual(['provider-a']);
    const everyone = await call(operator, 'GET', '/api/v1/users?role=provider&sort=-username');
    expect(everyone.body.items.map((u: { username: string }) => u.username)).toEqual([
      'provider-b',
      'provider-a',
    ]);
    expect(JSON.stringify(everyone.body)).not.toMatch(/password|hash/i);
  });
});
