/**
 * What the indicators need to know about a device (indicators.md §1.2), registered by the
 * service provider. Unknown keys are refused so a typo cannot silently disable an indicator.
 */
export interface DeviceAttributes {
  productionEquipment?: boolean;
  keyProcess?: boolean;
  digital?: boolean;
  numericalControl?: boolean;
  robot?: boolean;
  commissionedYear?: number;
  ratedPowerKw?: number;
  idealCycleTimeS?: number;
  counterMax?: number;
  energyCarrier?: string;
  /** `site`: the enterprise boundary meter; `sub`: a sub-meter, never added to the total. */
  meterScope?: 'site' | 'sub';
}

export const DEVICE_KINDS = ['meter', 'machine', 'sensor', 'line'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

type Check = (value: unknown) => string | undefined;

const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const positive: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'must be a positive number';

const CHECKS: Record<keyof DeviceAttributes, Check> = {
  productionEquipment: isBool,
  keyProcess: isBool,
  digital: isBool,
  numericalControl: isBool,
  robot: isBool,
  commissionedYear: (v) =>
    Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100
      ? undefined
      : 'must be a year (1900–2100)',
  ratedPowerKw: positive,
  idealCycleTimeS: positive,
  counterMax: positive,
  energyCarrier: (v) =>
    typeof v === 'string' && v.length > 0 && v.length <= 32 ? undefined : 'must be a carrier name',
  meterScope: (v) => (v === 'site' || v === 'sub' ? undefined : "must be 'site' or 'sub'"),
};

/** Problems with each attribute, by name; empty when the attributes are valid. */
export function checkDeviceAttributes(
  attributes: Record<string, unknown>,
): { field: string; message: string }[] {
  return Object.entries(attributes).flatMap(([key, value]) => {
    const check = (CHECKS as Record<string, Check | undefined>)[key];
    const problem = check ? check(value) : 'is not a known device attribute';
    return problem ? [{ field: `attributes.${key}`, message: `${key} ${problem}` }] : [];
  });
}
