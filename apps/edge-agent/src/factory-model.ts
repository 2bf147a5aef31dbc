/**
 * Deterministic factory behaviour: every reading is a pure function of time, so a restarted
 * simulator continues its counters where they were (no state file) and tests can compute
 * expected consumption exactly.
 */
const HOUR_MS = 3_600_000;
const DAY_H = 24;
/** Counters start from this instant; readings before it are zero. */
export const MODEL_EPOCH_MS = Date.UTC(2024, 0, 1);

export interface FlowProfile {
  /** Mean rate per hour in the metric's unit (kWh/h, m³/h, t/h). */
  readonly meanPerHour: number;
  /** Daily swing as a share of the mean, below 1 so the rate never goes negative. */
  readonly dailySwing: number;
  /** Hour of the day (Asia/Shanghai) with the highest rate. */
  readonly peakHourLocal: number;
}

/**
 * A cumulative counter whose rate follows a daily sine: rate(h) = m·(1 + s·cos(2π(h − peak)/24)).
 * Its integral is closed-form, so the reading is exact at any instant.
 */
export function counterReading(profile: FlowProfile, atMs: number, offset = 0): number {
  const hours = Math.max(0, atMs - MODEL_EPOCH_MS) / HOUR_MS;
  const peakUtc = profile.peakHourLocal - 8; // Asia/Shanghai is UTC+8 all year
  const w = (2 * Math.PI) / DAY_H;
  const swing = (profile.meanPerHour * profile.dailySwing) / w;
  const integral =
    profile.meanPerHour * hours + swing * (Math.sin(w * (hours - peakUtc)) - Math.sin(w * -peakUtc));
  return offset + integral;
}

/** Instantaneous rate (e.g. kW for an electricity counter in kWh). */
export function rateAt(profile: FlowProfile, atMs: number): number {
  const hours = (atMs - MODEL_EPOCH_MS) / HOUR_MS;
  const w = (2 * Math.PI) / DAY_H;
  return profile.meanPerHour * (1 + profile.dailySwing * Math.cos(w * (hours - (profile.peakHourLocal - 8))));
}

/** A small deterministic hash to [0, 1) so machine behaviour varies by machine and slot. */
export function unitHash(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 2 ** 32;
}

const SLOT_MS = 5 * 60_000;

/** Machine state per 5-minute slot: 0 off, 1 idle, 2 running, 3 fault, 4 setup (indicators.md §1.1). */
export function machineState(machineKey: string, atMs: number): 0 | 1 | 2 | 3 | 4 {
  const localHour = new Date(atMs + 8 * HOUR_MS).getUTCHours();
  if (localHour < 6) return 0; // night shift off
  const r = unitHash(machineKey, Math.floor(atMs / SLOT_MS));
  if (r < 0.8) return 2;
  if (r < 0.88) return 1;
  if (r < 0.93) return 4;
  if (r < 0.97) return 3;
  return 1;
}

/** Units produced up to `atMs`: one per ideal cycle while running, counted per slot. */
export function productionCount(machineKey: string, idealCycleTimeS: number, atMs: number): number {
  const slots = Math.floor((atMs - MODEL_EPOCH_MS) / SLOT_MS);
  // Whole days are summarised by the expected running share, so a reading costs O(1), not O(slots).
  const perSlot = Math.floor((SLOT_MS / 1000 / idealCycleTimeS) * 0.9);
  const runningShare = 0.8 * (18 / 24) * (0.9 + 0.1 * unitHash(machineKey));
  const completed = Math.floor(slots * perSlot * runningShare);
  return Math.max(0, completed);
}
