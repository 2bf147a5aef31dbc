/**
 * The telemetry metric catalog (shared/docs/indicators.md §1.1). Names are a contract with
 * edge agents: extend the catalog, never rename an entry.
 */
export type MetricKind = 'counter' | 'gauge' | 'state';

/** Energy carriers that enter comprehensive energy consumption (GB/T 2589). */
export type EnergyCarrier =
  | 'electricity'
  | 'natural_gas'
  | 'steam'
  | 'heat'
  | 'diesel'
  | 'gasoline'
  | 'lpg'
  | 'fuel_oil'
  | 'coal'
  | 'coke';

export interface MetricDefinition {
  readonly unit: string;
  readonly kind: MetricKind;
  /** Set for counters that measure an energy carrier; `direction` says whether it is taken in or sent out. */
  readonly energy?: { readonly carrier: EnergyCarrier; readonly direction: 'import' | 'export' };
}

export const METRIC_CATALOG = {
  'electricity.active_energy': {
    unit: 'kWh',
    kind: 'counter',
    energy: { carrier: 'electricity', direction: 'import' },
  },
  'electricity.export_energy': {
    unit: 'kWh',
    kind: 'counter',
    energy: { carrier: 'electricity', direction: 'export' },
  },
  'electricity.active_power': { unit: 'kW', kind: 'gauge' },
  'pv.generation': { unit: 'kWh', kind: 'counter' },
  'natural_gas.volume': {
    unit: 'm3',
    kind: 'counter',
    energy: { carrier: 'natural_gas', direction: 'import' },
  },
  'steam.mass': { unit: 't', kind: 'counter', energy: { carrier: 'steam', direction: 'import' } },
  'heat.energy': { unit: 'GJ', kind: 'counter', energy: { carrier: 'heat', direction: 'import' } },
  'diesel.mass': { unit: 't', kind: 'counter', energy: { carrier: 'diesel', direction: 'import' } },
  'gasoline.mass': { unit: 't', kind: 'counter', energy: { carrier: 'gasoline', direction: 'import' } },
  'lpg.mass': { unit: 't', kind: 'counter', energy: { carrier: 'lpg', direction: 'import' } },
  'fuel_oil.mass': { unit: 't', kind: 'counter', energy: { carrier: 'fuel_oil', direction: 'import' } },
  'coal.mass': { unit: 't', kind: 'counter', energy: { carrier: 'coal', direction: 'import' } },
  'coke.mass': { unit: 't', kind: 'counter', energy: { carrier: 'coke', direction: 'import' } },
  'water.withdrawal': { unit: 'm3', kind: 'counter' },
  'water.reused': { unit: 'm3', kind: 'counter' },
  'wastewater.treated': { unit: 'm3', kind: 'counter' },
  'wastewater.discharge': { unit: 'm3', kind: 'counter' },
  'equipment.state': { unit: 'enum', kind: 'state' },
  'production.count': { unit: 'piece', kind: 'counter' },
  'production.good_count': { unit: 'piece', kind: 'counter' },
  'ambient.temperature': { unit: 'degC', kind: 'gauge' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRIC_CATALOG;

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRIC_CATALOG, name);
}

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRIC_CATALOG[name];
}

/** The energy carrier a metric measures and its direction, or undefined for any other metric. */
export function energyFlowOf(metric: string): MetricDefinition['energy'] {
  return isMetricName(metric) ? metricDefinition(metric).energy : undefined;
}

/** Machine states of `equipment.state`: 0 off (not planned), 1 idle, 2 running, 3 fault, 4 setup. */
export const EQUIPMENT_STATES = [0, 1, 2, 3, 4] as const;
