import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor } from '#grip/auth';
import { BUS, type Bus } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, type RegistryEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { EnterpriseImportRepository } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { EXTERNAL_ID } from '../dto/enterprise.dto.js';
import { parseImportCsv } from './import-csv.parser.js';
import { parseImportJson } from './import-json.parser.js';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { planImport, type ImportCounts } from './import-plan.js';
import { validateImportRows } from './import-row.validator.js';
import { sortIssues, type ParsedImport } from './import-rows.js';

export type ImportFormat = 'csv' | 'json';

export interface ImportReport {
  dryRun: boolean;
  providerId: string;
  format: ImportFormat;
  rows: number;
  enterprises: ImportCounts;
  devices: ImportCounts;
}

const CREDIT_CODE_SHAPE = /^[0-9A-Z]{18}$/;

// Registry events go out in slices, so a 100,000-device import never holds one giant batch.
const EVENTS_PER_PUBLISH = 1000;

/**
 * Bulk onboarding: parse, check every row (form, national codes, catalog, duplicates, then the
 * registry's current state), and only when nothing is wrong write everything in one
 * transaction with one audit entry. Registry events follow the commit, never precede it.
 */
@Injectable()
export class BulkImportService {
  private readonly logger = new Logger('BulkImport');

  constructor(
    @Inject(EnterpriseImportRepository) private readonly imports: EnterpriseImportRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(IMPORT_LIMITS) private readonly limits: ImportLimits,
  ) {}

  async import(
    actor: Actor,
    request: { dryRun: boolean; providerId?: string; format: ImportFormat; body: Buffer },
  ): Promise<ImportReport> {
    const providerId = this.providerOf(actor, request.providerId);
    if (request.body.length > this.limits.maxBytes) {
      throw ApiError.payloadTooLarge(`an import is at most ${this.limits.maxBytes} bytes`);
    }
    const timings = new Timings();
    const text = request.body.toString('utf8');
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      // Postgres text cannot hold U+0000: refuse the file up front rather than fail while writing.
      const line = text.slice(0, nul).split('\n').length;
      throw ApiError.badRequest('IMPORT_INVALID', 'the file contains a NUL character; nothing was imported', [
        { row: line, field: '', code: 'NUL_CHARACTER', message: `line ${line} contains U+0000` },
      ]);
    }
    const parsed: ParsedImport = request.format === 'csv' ? parseImportCsv(text) : parseImportJson(text);
    if (parsed.rows > this.limits.maxRows) {
      throw ApiError.payloadTooLarge(
        `an import is at most ${this.limits.maxRows} rows; this one has ${parsed.rows}`,
      );
    }
    timings.lap('parse');
    const staticIssues = [...parsed.issues, ...validateImportRows(parsed.enterprises)];
    timings.lap('validate');
    const at = new Date();
    const { report, events } = await this.imports.transaction(async (tx) => {
      if (!(await tx.provider(providerId, !request.dryRun))) throw ApiError.notFound('provider');
      // Only well-formed keys are looked up; rows with malformed ones are already reported.
      const existing = await tx.existing(
        providerId,
        parsed.enterprises.map((e) => e.externalId).filter((id) => EXTERNAL_ID.test(id)),
        parsed.enterprises.map((e) => e.creditCode).filter((code) => CREDIT_CODE_SHAPE.test(code)),
      );
      timings.lap('read');
      const plan = planImport(providerId, parsed.enterprises, existing, at);
      timings.lap('plan');
      const issues = sortIssues([...staticIssues, ...plan.issues]);
      if (issues.length > 0) {
        this.logger.log(`import of ${parsed.rows} rows refused, ${issues.length} problem(s): ${timings}`);
        // Thrown inside the transaction: it rolls back, nothing of the file is kept.
        throw ApiError.badRequest(
          'IMPORT_INVALID',
          `${issues.length} problem(s) in ${new Set(issues.map((i) => i.row)).size} row(s); nothing was imported`,
          issues,
        );
      }
      const report: ImportReport = {
        dryRun: request.dryRun,
        providerId,
        format: request.format,
        rows: parsed.rows,
        enterprises: plan.enterprises,
        devices: plan.devices,
      };
      if (request.dryRun) return { report, events: [] };
      await tx.adoptExternalIds(providerId, plan.adopted, at);
      await tx.upsertEnterprises(providerId, plan.enterpriseRows);
      timings.lap('enterprises');
      await tx.upsertDevices(plan.deviceRows);
      timings.lap('devices');
      await tx.audit(
        this.audit.entryFor(actor, {
          action: 'enterprise.import',
          targetType: 'provider',
          targetId: providerId,
          after: { ...report, bytes: request.body.length },
        }),
      );
      const events: RegistryEvent[] = [
        ...plan.createdEnterpriseIds.map((enterpriseId) => ({
          type: 'enterprise.onboarded' as const,
          enterpriseId,
        })),
        ...plan.changedDevices.map((d) => ({ type: 'device.registered' as const, ...d })),
      ];
      return { report, events };
    });
    timings.lap('commit');
    await this.publish(events);
    timings.lap('events');
    this.logger.log(
      `import of ${parsed.rows} rows (${request.format}, dry run ${request.dryRun}): ${timings}`,
    );
    return report;
  }

  private providerOf(actor: Actor, requested: string | undefined): string {
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

  private async publish(events: RegistryEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += EVENTS_PER_PUBLISH) {
      await this.bus.publish(
        REGISTRY_EVENTS_TOPIC,
        events.slice(i, i + EVENTS_PER_PUBLISH).map((event) => ({
          key: event.enterpriseId,
          value: Buffer.from(JSON.stringify(event)),
        })),
      );
    }
  }
}

/** Milliseconds per phase, for the log line operators read when an import is slow. */
class Timings {
  private last = performance.now();
  private readonly laps: string[] = [];

  lap(name: string): void {
    const now = performance.now();
    this.laps.push(`${name} ${Math.round(now - this.last)} ms`);
    this.last = now;
  }

  toString(): string {
    return this.laps.join(', ');
  }
}
