import { Inject, Injectable } from '@nestjs/common';
import { DeviceRepository } from '#grip/registry';
import { DeviceIndex } from './telemetry-batch.validator.js';

const TTL_MS = 60_000;

/**
 * The gateway's cache of each enterprise's devices, so validating a batch costs no database
 * round trip. A `device.registered` event drops the enterprise's entry at once; the TTL
 * bounds staleness if an event is missed.
 */
@Injectable()
export class DeviceDirectory {
  private readonly entries = new Map<string, { index: Promise<DeviceIndex>; expiresAt: number }>();

  constructor(@Inject(DeviceRepository) private readonly devices: DeviceRepository) {}

  forEnterprise(enterpriseId: string): Promise<DeviceIndex> {
    const cached = this.entries.get(enterpriseId);
    if (cached && cached.expiresAt > Date.now()) return cached.index;
    const index = this.load(enterpriseId);
    this.entries.set(enterpriseId, { index, expiresAt: Date.now() + TTL_MS });
    // A failed load must not be remembered.
    index.catch(() => this.entries.delete(enterpriseId));
    return index;
  }

  invalidate(enterpriseId: string): void {
    this.entries.delete(enterpriseId);
  }

  private async load(enterpriseId: string): Promise<DeviceIndex> {
    const devices = await this.devices.findForIngest(enterpriseId);
    return new Map(devices.map((d) => [d.externalId, { id: d.id, metrics: new Set(d.metrics) }]));
  }
}
