import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { factor, methodologyOf, type Methodology } from '#grip/indicators';
import {
  DeclarationRepository,
  DeviceRepository,
  EnterpriseRepository,
  MethodologyRepository,
  type Declaration,
  type Device,
  type Enterprise,
} from '#grip/registry';
import { EnergyQueries, EquipmentQueries, IndicatorValuesStore } from '#grip/telemetry-store';
import { composeEnterpriseIndicators, MachineFigures } from './compose-enterprise-indicators.js';
import { combineDeclarations, DeclarationData } from './declared-figures.js';
import { freshness } from './indicator-freshness.js';
import { IndicatorPeriod, parseIndicatorPeriod } from './indicator-period.js';
import { fromStored, registerHash, toStored } from './stored-indicator-set.js';
import { addConsumption, emptyTotals, siteEnergyMeters } from '../site-energy.js';

const HOUR_MS = 3_600_000;
const STATE_NAMES: Record<number, keyof MachineFigures['seconds'] | undefined> = {
  1: 'idle',
  2: 'running',
  3: 'fault',
  4: 'setup',
};

/** The period a label names, or the api.md validation error. */
export function parsePeriodOrFail(label: string): IndicatorPeriod {
  const period = parseIndicatorPeriod(label);
  if (!period) {
    throw ApiError.badRequest('VALIDATION_FAILED', 'period must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD', [
      { field: 'period', message: 'expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD' },
    ]);
  }
  return period;
}

/**
 * Reads what an enterprise's indicators need for a period — site-meter consumption, machine
 * states and counts, days with data, the month declarations — and composes them. Computed on
 * demand from ClickHouse and Postgres (the ClickHouse side does the aggregation) and stored
 * as versioned values; a stored set is served while it is fresh (docs/indicators.md §8).
 */
@Injectable()
export class EnterpriseIndicatorsService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(DeviceRepository) private readonly devices: DeviceRepository,
    @Inject(DeclarationRepository) private readonly declarations: DeclarationRepository,
    @Inject(EnergyQueries) private readonly energy: EnergyQueries,
    @Inject(EquipmentQueries) private readonly equipment: EquipmentQueries,
    @Inject(MethodologyRepository) private readonly methodologies: MethodologyRepository,
    @Inject(IndicatorValuesStore) private readonly stored: IndicatorValuesStore,
  ) {}

  private readonly logger = new Logger(EnterpriseIndicatorsService.name);

  /** The methodology in use: the latest published version. */
  async currentMethodology(): Promise<Methodology> {
    const latest = await this.methodologies.latest();
    if (!latest) throw new Error('no methodology version is published');
    return methodologyOf(latest);
  }

  async indicatorsOf(
    scope: Principal,
    enterpriseId: string,
    label: string,
    basis: 'equivalent' | 'equal-value',
    methodology?: Methodology,
  ) {
    const period = parsePeriodOrFail(label);
    if (Math.min(period.to.getTime(), Date.now()) <= period.from.getTime()) {
      throw ApiError.badRequest('PERIOD_NOT_STARTED', 'the period has not started yet', [
        { field: 'period', message: label },
      ]);
    }
    const enterprise = await this.enterprises.findById(scope, enterpriseId);
    if (!enterprise) throw ApiError.notFound('enterprise');
    return this.setFor(enterprise, period, basis, methodology);
  }

  /**
   * An enterprise's set for a period: the stored one when it is fresh (every input as it was when
   * computed), else computed now and stored. Unscoped: callers have authorised the enterprise.
   * `force` skips the stored set (the recompute paths).
   */
  async setFor(
    enterprise: Enterprise,
    period: IndicatorPeriod,
    basis: 'equivalent' | 'equal-value',
    methodology?: Methodology,
    options: { readonly force?: boolean } = {},
  ) {
    const key = { periodKind: period.kind, periodKey: period.label, basis };
    const [devices, declared, current, stored, ingestedAt] = await Promise.all([
      this.devices.findForIngest(enterprise.id),
      this.declarations.latestFor(enterprise.id, period.months),
      methodology ?? this.currentMethodology(),
      options.force ? Promise.resolve(undefined) : this.stored.read(enterprise.id, key),
      this.stored.telemetryIngestedAt(enterprise.id, period.from, period.to),
    ]);
    const hash = registerHash(devices);
    const state = freshness(stored?.set, {
      methodologyVersion: current.version,
      declarationVersions: Object.fromEntries(declared.map((d) => [d.period, d.version])),
      registerHash: hash,
      telemetryIngestedAt: ingestedAt,
      periodTo: period.to,
    });
    if (state.fresh && stored) return fromStored(stored.set, stored.values);

    const computed = await this.compute(enterprise, period, basis, current, devices, declared);
    const computedAt = new Date();
    try {
      const rows = toStored(computed, {
        enterprise,
        period,
        registerHash: hash,
        telemetryIngestedAt: ingestedAt,
        computationId: randomUUID(),
        computedAt,
        coverageThreshold: factor(current, 'quality.coverage.threshold').value,
      });
      await this.stored.save(rows.set, rows.values);
    } catch (error) {
      // The answer stands without its stored copy; the next request or run stores it.
      this.logger.warn(
        `could not store the indicators of ${enterprise.id} ${period.label}: ${String(error)}`,
      );
    }
    return { ...computed, source: 'computed' as const, computedAt: computedAt.toISOString() };
  }

  private async compute(
    enterprise: Enterprise,
    period: IndicatorPeriod,
    basis: 'equivalent' | 'equal-value',
    methodology: Methodology,
    devices: readonly Device[],
    declared: readonly Declaration[],
  ) {
    const enterpriseId = enterprise.id;
    const until = new Date(Math.min(period.to.getTime(), Date.now()));
    const [energy, machines, daysWithData] = await Promise.all([
      this.siteEnergy(enterpriseId, devices, period, until),
      this.machineFigures(enterpriseId, devices, period, until),
      this.daysWithData(enterpriseId, devices, period, until),
    ]);
    const figures = combineDeclarations(
      period.months,
      new Map(declared.map((d) => [d.period, d.data as DeclarationData])),
    );
    const indicators = composeEnterpriseIndicators(
      {
        period,
        regionCode: enterprise.regionCode,
        basis,
        energy,
        equipment: devices
          .filter((d) => d.attributes.productionEquipment !== undefined)
          .map((d) => ({ id: d.id, attributes: d.attributes })),
        daysWithData,
        machines,
        declared: figures,
      },
      methodology,
    );
    return {
      enterpriseId,
      period: period.label,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      computedUntil: until.toISOString(),
      methodologyVersion: methodology.version,
      basis,
      coverage: { energy: energy.coverage ?? null },
      declarations: declared.map((d) => ({ period: d.period, version: d.version, declaredAt: d.declaredAt })),
      declared: figures,
      indicators,
    };
  }

  /** Consumption per carrier from `site` meters, and the share of elapsed hours they reported in. */
  private async siteEnergy(
    enterpriseId: string,
    devices: readonly Device[],
    period: IndicatorPeriod,
    until: Date,
  ) {
    const meters = siteEnergyMeters(devices);
    const totals = emptyTotals();
    if (meters.length === 0) return { ...totals, coverage: 0 };
    // From the hourly rollups (hours they cannot answer exactly are read from raw readings,
    // docs/storage.md): a month of 1-minute meters is 1/60 of the rows.
    const rows = await this.energy.counterConsumptionFromRollups({
      enterpriseId,
      from: period.from,
      to: until,
      granularity: 'hour',
      meters,
    });
    const hoursWithData = new Map<string, number>();
    for (const row of rows) {
      addConsumption(totals, row);
      const key = `${row.deviceId}/${row.metric}`;
      hoursWithData.set(key, (hoursWithData.get(key) ?? 0) + 1);
    }
    const elapsedHours = Math.ceil((until.getTime() - period.from.getTime()) / HOUR_MS);
    const coverage =
      meters.reduce(
        (acc, m) => acc + Math.min(1, (hoursWithData.get(`${m.deviceId}/${m.metric}`) ?? 0) / elapsedHours),
        0,
      ) / meters.length;
    return { ...totals, coverage };
  }

  private async machineFigures(
    enterpriseId: string,
    devices: readonly Device[],
    period: IndicatorPeriod,
    until: Date,
  ): Promise<MachineFigures[]> {
    const machines = devices.filter(
      (d) => d.attributes.productionEquipment && d.metrics.includes('equipment.state'),
    );
    if (machines.length === 0) return [];
    const deviceIds = machines.map((d) => d.id);
    const counted = machines.flatMap((d) =>
      ['production.count', 'production.good_count']
        .filter((m) => d.metrics.includes(m))
        .map((metric) => ({ deviceId: d.id, metric })),
    );
    const [states, counts] = await Promise.all([
      this.equipment.stateDurations({ enterpriseId, deviceIds, from: period.from, to: until }),
      counted.length
        ? this.energy.counterConsumptionFromRollups({
            enterpriseId,
            from: period.from,
            to: until,
            granularity: 'month',
            meters: counted,
          })
        : Promise.resolve([]),
    ]);
    return machines.map((d) => {
      const seconds = { running: 0, idle: 0, fault: 0, setup: 0 };
      for (const row of states) {
        const name = row.deviceId === d.id ? STATE_NAMES[row.state] : undefined;
        if (name) seconds[name] += row.seconds;
      }
      const total = (metric: string) =>
        d.metrics.includes(metric)
          ? counts
              .filter((c) => c.deviceId === d.id && c.metric === metric)
              .reduce((acc, c) => acc + c.consumption, 0)
          : undefined;
      return {
        deviceId: d.id,
        idealCycleTimeS: d.attributes.idealCycleTimeS,
        seconds,
        produced: total('production.count'),
        good: total('production.good_count'),
      };
    });
  }

  private async daysWithData(
    enterpriseId: string,
    devices: readonly Device[],
    period: IndicatorPeriod,
    until: Date,
  ) {
    const production = devices.filter((d) => d.attributes.productionEquipment).map((d) => d.id);
    if (production.length === 0) return {};
    const rows = await this.equipment.daysWithData({
      enterpriseId,
      deviceIds: production,
      from: period.from,
      to: until,
    });
    return Object.fromEntries(rows.map((r) => [r.deviceId, r.days]));
  }
}
