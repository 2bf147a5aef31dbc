import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/audit-deps.mjs run as a release pipeline runs it, on recorded `npm audit --json` answers.

const dir = mkdtempSync(join(tmpdir(), 'grip-audit-'));
let files = 0;
const file = (content: unknown) => {
  const path = join(dir, `f${files++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const advisory = (severity: string, name = 'lodash') => ({
  source: 1106913,
  name,
  dependency: name,
  title: 'Prototype pollution',
  url: 'https://github.com/advisories/GHSA-p6mc-m468-83gw',
  severity,
  range: '<4.17.21',
});
const report = (...via: object[]) => ({
  auditReportVersion: 2,
  vulnerabilities: Object.fromEntries(
    via.map((v, i) => [
      `pkg${i}`,
      { name: `pkg${i}`, severity: (v as { severity: string }).severity, via: [v, 'other'] },
    ]),
  ),
  metadata: { vulnerabilities: { low: 0, moderate: 0, high: 0, critical: 0 } },
});
const exceptions = (...list: object[]) => file({ exceptions: list });
const NONE = exceptions();

function audit(reportContent: unknown, exceptionsFile = NONE, ...extra: string[]) {
  const result = spawnSync(
    process.execPath,
    ['scripts/audit-deps.mjs', '--report', file(reportContent), '--exceptions', exceptionsFile, ...extra],
    { encoding: 'utf8' },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

describe('scripts/audit-deps.mjs', () => {
  it('says SKIPPED, and never passed, when the registry answers 405 or cannot be reached', () => {
    const refused = {
      message: '405 Method Not Allowed - POST …/advisories/bulk',
      statusCode: 405,
      error: {},
    };
    const skipped = audit(refused);
    expect(skipped.code).toBe(0);
    expect(skipped.output).toMatch(/^dependency audit SKIPPED: .*405/m);
    expect(skipped.output).not.toMatch(/passed/);
    expect(audit(refused, NONE, '--strict').code).toBe(3);

    const unreachable = audit({
      message: 'request to http://127.0.0.1:9/ failed, reason: connect ECONNREFUSED',
      error: {},
    });
    expect(unreachable).toMatchObject({
      code: 0,
      output: expect.stringMatching(/SKIPPED: the audit endpoint is unreachable/),
    });
  });

  it('passes a clean report and one with only moderate advisories', () => {
    expect(audit(report())).toMatchObject({
      code: 0,
      output: expect.stringMatching(/dependency audit passed/),
    });
    expect(audit(report(advisory('moderate'))).code).toBe(0);
  });

  it('fails on a high or critical advisory, naming it', () => {
    for (const severity of ['high', 'critical']) {
      const result = audit(report(advisory(severity)));
      expect(result.code).toBe(1);
      expect(result.output).toContain(`${severity} GHSA-p6mc-m468-83gw in lodash`);
    }
  });

  it('applies a documented, unexpired exception for that advisory and package only', () => {
    const entry = {
      id: 'GHSA-p6mc-m468-83gw',
      package: 'lodash',
      reason: 'only reached with trusted input',
      expires: '2999-01-01',
    };
    const excepted = audit(report(advisory('high')), exceptions(entry));
    expect(excepted.code).toBe(0);
    expect(excepted.output).toContain('excepted until 2999-01-01');
    expect(audit(report(advisory('high', 'other-package')), exceptions(entry)).code).toBe(1);
    expect(audit(report(advisory('high')), exceptions({ ...entry, id: '1106913' })).code).toBe(0);

    const expired = audit(report(advisory('high')), exceptions({ ...entry, expires: '2020-01-01' }));
    expect(expired.code).toBe(1);
    expect(expired.output).toContain('expired on 2020-01-01');
  });

  it('refuses an exception list without reasons or dates, and an audit that failed otherwise', () => {
    const bad = audit(
      report(),
      exceptions({ id: 'GHSA-p6mc-m468-83gw', package: 'lodash', reason: '', expires: 'soon' }),
    );
    expect(bad.code).toBe(2);
    expect(audit({ statusCode: 500, message: 'Internal Server Error', error: {} }).code).toBe(2);
    expect(audit('not json').code).toBe(2);
  });

  it('reads the committed exception list', () => {
    const result = spawnSync(process.execPath, ['scripts/audit-deps.mjs', '--report', file(report())], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
  });
});
