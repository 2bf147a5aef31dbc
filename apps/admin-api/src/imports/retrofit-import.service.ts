import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor } from '#grip/auth';
import { ApiError } from '#grip/http';
import {
  ProviderRepository,
  resolveRetrofit,
  retrofitKey,
  RetrofitRepository,
  retrofitProblems,
  type ResolvedRetrofit,
  type RetrofitFields,
  type RetrofitImportContext,
} from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { EXTERNAL_ID } from '../dto/enterprise.dto.js';
import type { ImportFormat } from './bulk-import.service.js';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { issue, sortIssues, type ImportIssue } from './import-rows.js';
import { parseRetrofitCsv, parseRetrofitJson, type ImportRetrofit } from './retrofit-import.parser.js';

export interface RetrofitImportReport {
  dryRun: boolean;
  providerId: string;
  format: ImportFormat;
  rows: number;
  retrofits: { created: number };
}

/**
 * Bulk registration of retrofit projects, the way enterprises and devices are imported: parse,
 * check every row (the single-item rules, the enterprise and its meters, repeats), and only when
 * nothing is wrong insert everything in one transaction with one audit entry. A dry run checks
 * and counts and writes nothing. A project whose enterprise, name and start date are already
 * registered (or earlier in the file) is refused as a duplicate, so a re-sent file adds nothing.
 */
@Injectable()
export class RetrofitImportService {
  private readonly logger = new Logger('RetrofitImport');

  constructor(
    @Inject(ProviderRepository) private readonly providers: ProviderRepository,
    @Inject(RetrofitRepository) private readonly retrofits: RetrofitRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(IMPORT_LIMITS) private readonly limits: ImportLimits,
  ) {}

  async import(
    actor: Actor,
    request: { dryRun: boolean; providerId?: string; format: ImportFormat; body: Buffer },
  ): Promise<RetrofitImportReport> {
    const providerId = providerOf(actor, request.providerId);
    if (request.body.length > this.limits.maxBytes) {
      throw ApiError.payloadTooLarge(`an import is at most ${this.limits.maxBytes} bytes`);
    }
    const text = request.body.toString('utf8');
    const parsed = request.format === 'csv' ? parseRetrofitCsv(text) : parseRetrofitJson(text);
    if (parsed.rows > this.limits.maxRows) {
      throw ApiError.payloadTooLarge(
        `an import is at most ${this.limits.maxRows} rows; this one has ${parsed.rows}`,
      );
    }
    const staticIssues = [...parsed.issues, ...parsed.retrofits.flatMap(rowProblems)];
    return this.audit.recorded(actor, async () => {
      if (!(await this.providers.findById(actor.principal, providerId))) throw ApiError.notFound('provider');
      const context = await this.retrofits.importContext(
        actor.principal,
        providerId,
        parsed.retrofits.map((r) => r.enterpriseExternalId).filter((id) => EXTERNAL_ID.test(id)),
      );
      const { issues: registryIssues, rows } = checkAgainstRegistry(parsed.retrofits, context);
      const issues = sortIssues([...staticIssues, ...registryIssues]);
      if (issues.length > 0) {
        this.logger.log(`retrofit import of ${parsed.rows} rows refused, ${issues.length} problem(s)`);
        // Thrown inside the transaction: nothing of the file is kept.
        throw ApiError.badRequest(
          'IMPORT_INVALID',
          `${issues.length} problem(s) in ${new Set(issues.map((i) => i.row)).size} row(s); nothing was imported`,
          issues,
        );
      }
      const report: RetrofitImportReport = {
        dryRun: request.dryRun,
        providerId,
        format: request.format,
        rows: parsed.rows,
        retrofits: { created: rows.length },
      };
      if (request.dryRun) return { result: report, change: undefined };
      await this.retrofits.insertMany(actor.principal, rows);
      return {
        result: report,
        change: {
          action: 'retrofit.import',
          targetType: 'provider',
          targetId: providerId,
          after: { ...report, bytes: request.body.length },
        },
      };
    });
  }
}

/** The single-item rules, row by row, placed where each field sits in the file. */
function rowProblems(r: ImportRetrofit): ImportIssue[] {
  const problems: ImportIssue[] = [];
  if (r.enterpriseExternalId === '')
    problems.push(issue(r.at('enterpriseExternalId'), 'REQUIRED', 'enterpriseExternalId is required'));
  else if (!EXTERNAL_ID.test(r.enterpriseExternalId))
    problems.push(
      issue(
        r.at('enterpriseExternalId'),
        'INVALID_EXTERNAL_ID',
        'an external id is 1–64 characters of A–Z a–z 0–9 . _ : -',
      ),
    );
  for (const p of retrofitProblems(r.fields)) problems.push(issue(r.at(p.field), p.code, p.message));
  return problems;
}

/**
 * What needs the registry: the enterprise exists (for this provider, in the caller's scope), the
 * meters are its devices, the project is not there already nor earlier in the file. Rows with
 * problems of their own are still looked up, so one pass reports everything.
 */
function checkAgainstRegistry(
  retrofits: readonly ImportRetrofit[],
  context: RetrofitImportContext,
): { issues: ImportIssue[]; rows: (ResolvedRetrofit & { enterpriseId: string })[] } {
  const issues: ImportIssue[] = [];
  const rows: (ResolvedRetrofit & { enterpriseId: string })[] = [];
  const seen = new Map<string, ImportRetrofit>();
  for (const r of retrofits) {
    if (!EXTERNAL_ID.test(r.enterpriseExternalId)) continue;
    const enterpriseId = context.enterprises.get(r.enterpriseExternalId);
    if (!enterpriseId) {
      issues.push(
        issue(
          r.at('enterpriseExternalId'),
          'UNKNOWN_ENTERPRISE',
          `${r.enterpriseExternalId} is not an enterprise of the provider`,
        ),
      );
      continue;
    }
    const meters = r.fields.meters;
    if (Array.isArray(meters)) {
      const known = context.devices.get(enterpriseId) ?? new Set<string>();
      meters.forEach((m: unknown, i) => {
        if (typeof m === 'string' && m !== '' && !known.has(m))
          issues.push(
            issue(r.at(`meters[${i}]`), 'UNKNOWN_DEVICE', `${m} is not a device of the enterprise`),
          );
      });
    }
    const { name, startDate } = r.fields;
    if (typeof name === 'string' && typeof startDate === 'string') {
      const key = retrofitKey(enterpriseId, name, startDate);
      const first = seen.get(key);
      if (context.projects.has(key))
        issues.push(
          issue(r.at('name'), 'ALREADY_REGISTERED', `${name} starting ${startDate} is already registered`),
        );
      else if (first)
        issues.push(
          issue(
            r.at('name'),
            'DUPLICATE_IN_FILE',
            `${name} starting ${startDate} is already in row ${first.at('name').row}`,
          ),
        );
      else seen.set(key, r);
    }
    if (retrofitProblems(r.fields).length === 0)
      rows.push({ enterpriseId, ...resolveRetrofit(r.fields as unknown as RetrofitFields) });
  }
  return { issues, rows };
}

/** A provider imports for itself; an operator names the provider (as in enterprise imports). */
function providerOf(actor: Actor, requested: string | undefined): string {
  const scope = actor.principal;
  if (scope.role === 'provider') {
    // Naming another provider reveals nothing: it is simply not found.
    if (requested !== undefined && requested !== scope.providerId) throw ApiError.notFound('provider');
    return scope.providerId;
  }
  if (scope.role === 'operator') {
    if (requested === undefined) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'operators must name the provider', [
        { field: 'providerId', message: 'providerId is required for operators' },
      ]);
    }
    return requested;
  }
  throw ApiError.forbidden();
}
