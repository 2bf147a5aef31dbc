import { checkDeviceAttributes, energyFlowOf, isMetricName } from '#grip/contracts';
import type { ApiErrorDetail } from '#grip/http';

/**
 * What makes a device's metrics and attributes invalid, by field: the single-device endpoint and
 * bulk imports run exactly this, so a device the one accepts the other accepts too.
 */
export function deviceProblems(device: {
  metrics: readonly string[];
  attributes: Record<string, unknown>;
}): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  device.metrics.forEach((metric, i) => {
    if (!isMetricName(metric))
      details.push({
        field: `metrics[${i}]`,
        code: 'UNKNOWN_METRIC',
        message: `${metric} is not in the metric catalog`,
      });
  });
  for (const problem of checkDeviceAttributes(device.attributes))
    details.push({ ...problem, code: 'INVALID_ATTRIBUTE' });
  // Only `site` meters add up to the enterprise total, so an energy meter must say which it is.
  const measuresEnergy = device.metrics.some((m) => energyFlowOf(m) !== undefined);
  if (measuresEnergy && device.attributes.meterScope === undefined) {
    details.push({
      field: 'attributes.meterScope',
      code: 'METER_SCOPE_REQUIRED',
      message: "energy meters need meterScope 'site' or 'sub'",
    });
  }
  return details;
}
