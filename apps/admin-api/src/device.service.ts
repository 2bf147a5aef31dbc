import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '#grip/auth';
import { BUS } from '#grip/bus';
import type { Bus } from '#grip/bus';
import { Principal, REGISTRY_EVENTS_TOPIC, RegistryEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { DeviceRepository, EnterpriseRepository } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { deviceProblems } from './device-checks.js';
import { CreateDeviceDto, ListDevicesQuery } from './dto/device.dto.js';

@Injectable()
export class DeviceService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(DeviceRepository) private readonly devices: DeviceRepository,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async register(actor: Actor, enterpriseId: string, body: CreateDeviceDto) {
    const scope = actor.principal;
    if (scope.role !== 'operator' && scope.role !== 'provider') throw ApiError.forbidden();
    if (!(await this.enterprises.findById(scope, enterpriseId))) throw ApiError.notFound('enterprise');
    assertDevice(body);
    const device = await this.audit.recorded(actor, async () => {
      const created = await this.devices.create(scope, enterpriseId, body);
      return {
        result: created,
        change: { action: 'device.create', targetType: 'device', targetId: created.id, after: created },
      };
    });
    // After the commit: a consumer reading the registry on this event finds the device.
    const event: RegistryEvent = { type: 'device.registered', enterpriseId, deviceId: device.id };
    await this.bus.publish(REGISTRY_EVENTS_TOPIC, [
      { key: enterpriseId, value: Buffer.from(JSON.stringify(event)) },
    ]);
    return device;
  }

  async list(scope: Principal, enterpriseId: string, query: ListDevicesQuery) {
    const page = await this.devices.listByEnterprise(scope, enterpriseId, query);
    if (!page) throw ApiError.notFound('enterprise');
    return page;
  }
}

function assertDevice(body: CreateDeviceDto): void {
  const details = deviceProblems(body);
  if (details.length > 0) throw ApiError.badRequest('VALIDATION_FAILED', 'the device is invalid', details);
}
