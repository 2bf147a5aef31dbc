import { DEFAULT_METHODOLOGY, factor } from '../methodology/methodology.js';
import type { DeclarationPeriod } from '../result.js';
import {
  equipmentDigitisationRate,
  equipmentIntelligenceRate,
  networkingRate,
  type Equipment,
} from './equipment-rates.js';
import { intelligenceIndex, intelligenceIndexWeights, maturityLevel } from './intelligence-index.js';
import { oee } from './oee.js';
import { firstGradeRate, labourProductivity } from './productivity.js';

const machine = (id: string, attributes: Equipment['attributes']): Equipment => ({
  id,
  attributes: { productionEquipment: true, ...attributes },
});

describe('equipment rates', () => {
  it('leaves a machine that does not say whether it is digital out, lists it, and grades the rate', () => {
    const equipment = [
      machine('a', { digital: true }),
      machine('b', { digital: false }),
      machine('c', {}),
      { id: 'meter', attributes: { digital: true } },
    ];
    const r = equipmentDigitisationRate({ equipment });
    expect(r).toMatchObject({
      status: 'partial',
      value: 0.5,
      coverage: 2 / 3,
      inputs: { populationCount: 3, classifiedCount: 2, matchingCount: 1, unclassifiedIds: ['c'] },
    });
  });

  it('is missing when no production machine states the property', () => {
    expect(equipmentDigitisationRate({ equipment: [machine('a', {}), machine('b', {})] })).toMatchObject({
      status: 'missing',
      reason:
        'none of the 2 production equipment (productionEquipment = true) states what the criterion needs (digital = true)',
    });
  });

  it('needs all three flags stated to say a networked machine is not intelligent', () => {
    const equipment = [
      machine('yes', { robot: true }),
      machine('no', { digital: false, numericalControl: false, robot: false }),
      machine('unknown', { digital: false }),
      machine('offline', {}),
    ];
    const r = equipmentIntelligenceRate({
      equipment,
      daysInPeriod: 10,
      daysWithData: { yes: 10, no: 10, unknown: 10 },
    });
    // 'offline' is settled by the telemetry (not networked); 'unknown' cannot be judged.
    expect(r).toMatchObject({ value: 1 / 3, inputs: { classifiedCount: 3, unclassifiedIds: ['unknown'] } });
  });

  it('counts digital machines with digital unset as unclassified members of the networking population', () => {
    const r = networkingRate({
      equipment: [machine('a', { digital: true }), machine('b', {}), machine('c', { digital: false })],
      daysInPeriod: 30,
      daysWithData: { a: 30 },
    });
    expect(r).toMatchObject({
      status: 'partial',
      value: 1,
      inputs: { populationCount: 2, unclassifiedIds: ['b'] },
    });
  });

  it('refuses impossible day counts from the telemetry store', () => {
    const input = { equipment: [machine('a', { digital: true })], daysInPeriod: 30, daysWithData: { a: 31 } };
    expect(() => networkingRate(input)).toThrow(RangeError);
  });
});

describe('oee', () => {
  const day = { running: 24_000, idle: 1_800, fault: 3_000, setup: 0 };

  it('is 0, not missing, when the machine was planned but produced nothing', () => {
    const r = oee({
      stateDurationsS: { ...day, running: 0 },
      idealCycleTimeS: 30,
      producedCount: 0,
      goodCount: 0,
    });
    expect(r).toMatchObject({
      status: 'ok',
      value: 0,
      inputs: { availability: 0, performance: null, quality: null },
    });
  });

  it('reports contradictory data as missing', () => {
    const base = { stateDurationsS: day, idealCycleTimeS: 30 };
    expect(oee({ ...base, producedCount: 720, goodCount: 721 })).toMatchObject({
      status: 'missing',
      reason: 'good count (721) exceeds produced count (720); the data contradict',
    });
    expect(
      oee({ ...base, stateDurationsS: { ...day, running: 0 }, producedCount: 5, goodCount: 5 }),
    ).toMatchObject({
      status: 'missing',
    });
    expect(oee({ ...base, producedCount: -1, goodCount: 0 })).toMatchObject({ status: 'missing' });
    expect(oee({ ...base, idealCycleTimeS: 0, producedCount: 1, goodCount: 1 })).toMatchObject({
      status: 'missing',
    });
  });

  it('refuses a performance above 1: the ideal cycle time is wrong', () => {
    const r = oee({ stateDurationsS: day, idealCycleTimeS: 40, producedCount: 720, goodCount: 684 });
    expect(r.status).toBe('missing');
    expect(r.inputs.performance).toBeCloseTo(1.2, 12);
  });
});

describe('productivity and quality', () => {
  it('refuses an unknown period', () => {
    const period = 'week' as DeclarationPeriod;
    expect(() => labourProductivity({ valueAddedWanYuan: 1, averageEmployees: 1, period })).toThrow(
      "unknown period 'week' (month, quarter or year)",
    );
  });

  it('gives the first-grade rate, and reports a part larger than the whole', () => {
    expect(firstGradeRate({ firstGradeOutput: 300, totalOutput: 1200 })).toMatchObject({
      status: 'ok',
      value: 0.25,
    });
    expect(firstGradeRate({ firstGradeOutput: 1300, totalOutput: 1200 })).toMatchObject({
      status: 'missing',
      reason: 'first-grade output (1300) exceeds total output (1200); the data contradict',
    });
  });
});

describe('intelligenceIndex', () => {
  it('holds U-confidence weights summing to 100', () => {
    const weights = intelligenceIndexWeights();
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBe(100);
    for (const name of Object.keys(weights)) {
      expect(factor(DEFAULT_METHODOLOGY, `intelligence.index.weight.${name}`).confidence).toBe('U');
    }
  });

  it('is partial when a rate is partial, even with all present', () => {
    const partial = { status: 'partial', value: 0.5, unit: 'fraction', reason: 'coverage' } as const;
    const r = intelligenceIndex({
      digitisation_rate: { ...partial, formulaId: 'x', inputs: {}, methodologyVersion: '2026.1' },
      networking_rate: 0.5,
      key_process_nc_rate: 0.5,
      equipment_intelligence_rate: 0.5,
      equipment_on_cloud_rate: 0.5,
    });
    expect(r).toMatchObject({ status: 'partial', value: 50, reason: 'partial rates: digitisation_rate' });
  });

  it('refuses an unknown component, a rate outside 0–1 and a rate in another unit', () => {
    expect(() => intelligenceIndex({ digitalisation_rate: 0.5 })).toThrow(
      "'digitalisation_rate' has no weight in methodology 2026.1",
    );
    expect(() => intelligenceIndex({ digitisation_rate: 62.5 })).toThrow(RangeError);
    const percent = {
      status: 'ok',
      value: 62.5,
      unit: '%',
      formulaId: 'x',
      inputs: {},
      methodologyVersion: 'v',
    } as const;
    expect(() => intelligenceIndex({ digitisation_rate: percent })).toThrow(
      "rate 'digitisation_rate' is in %",
    );
  });
});

describe('maturityLevel', () => {
  it('names the declared GB/T 39116 level and refuses levels outside 1–5', () => {
    expect(maturityLevel({ declaredLevel: 3 })).toMatchObject({
      status: 'ok',
      value: 3,
      inputs: { name: '集成级' },
    });
    expect(() => maturityLevel({ declaredLevel: 6 })).toThrow(RangeError);
  });
});
