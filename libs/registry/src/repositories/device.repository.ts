import type { DeviceAttributes, DeviceKind, Principal } from '#grip/contracts';
import type { DataSource, Repository } from 'typeorm';
import { Device } from '../entities/device.entity.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { NotFoundError } from '../registry.errors.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import {
  applyScope,
  enterpriseScope,
  writableEnterpriseScope,
  type ScopeCondition,
} from '../scope/principal-scope.js';
import { isUuid } from '../scope/uuid.js';
import {
  applySort,
  likeContains,
  normalisePage,
  type Page,
  type PageRequest,
  type SortRequest,
} from './page.js';

export const DEVICE_SORTS = {
  externalId: 'd.externalId',
  name: 'd.name',
  createdAt: 'd.createdAt',
  kind: 'd.kind',
} as const;

export interface DeviceListRequest extends PageRequest, SortRequest {
  kind?: string;
  /** Name containing this text, case-insensitive. */
  name?: string;
  externalId?: string;
}

export interface NewDevice {
  externalId: string;
  name: string;
  kind: DeviceKind;
  /** Metric catalog names; the API checks them against the catalog. */
  metrics: string[];
  attributes?: DeviceAttributes;
}

/** Devices of an enterprise; scoped calls check the enterprise against the caller's scope first. */
export class DeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get devices(): Repository<Device> {
    return currentManager(this.dataSource).getRepository(Device);
  }

  private get enterprises(): Repository<Enterprise> {
    return currentManager(this.dataSource).getRepository(Enterprise);
  }

  /**
   * Registers a device of an enterprise the caller may change. Enterprise not visible →
   * NotFoundError; official → ForbiddenError; externalId taken in that enterprise → ConflictError.
   */
  async create(scope: Principal, enterpriseId: string, input: NewDevice): Promise<Device> {
    if (!(await this.isEnterpriseIn(writableEnterpriseScope(scope, 'e'), enterpriseId))) {
      throw new NotFoundError('enterprise');
    }
    const device = this.devices.create({
      enterpriseId,
      externalId: input.externalId,
      name: input.name,
      kind: input.kind,
      metrics: input.metrics,
      attributes: input.attributes ?? {},
      updatedAt: null,
    });
    await withDbErrors(() => this.devices.insert(device));
    return device;
  }

  /** undefined when the enterprise is not visible (404); a page (maybe empty) otherwise. */
  async listByEnterprise(
    scope: Principal,
    enterpriseId: string,
    request: DeviceListRequest = {},
  ): Promise<Page<Device> | undefined> {
    if (!(await this.isEnterpriseIn(enterpriseScope(scope, 'e'), enterpriseId))) return undefined;
    const { page, pageSize, skip } = normalisePage(request);
    const qb = this.devices
      .createQueryBuilder('d')
      .where('d.enterprise_id = :enterpriseId', { enterpriseId });
    if (request.kind !== undefined) qb.andWhere('d.kind = :kind', { kind: request.kind });
    if (request.name !== undefined)
      qb.andWhere('d.name ILIKE :namePattern', { namePattern: likeContains(request.name) });
    if (request.externalId !== undefined)
      qb.andWhere('d.external_id = :externalId', { externalId: request.externalId });
    const [items, total] = await applySort(qb, request.sort, DEVICE_SORTS, 'externalId', 'd.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /**
   * Every device of an enterprise, unscoped: for the ingest gateway after it has authenticated an
   * agent, whose credential fixes the enterprise.
   */
  async findForIngest(enterpriseId: string): Promise<Device[]> {
    if (!isUuid(enterpriseId)) return [];
    return this.devices.find({ where: { enterpriseId }, order: { externalId: 'ASC' } });
  }

  /**
   * The enterprise's boundary meters (attributes.meterScope = 'site'): only these add up to the
   * enterprise's energy total, so sub-meters are never counted twice. Unscoped, for the indicator engine.
   */
  async findSiteEnergyMeters(enterpriseId: string): Promise<Device[]> {
    if (!isUuid(enterpriseId)) return [];
    return this.devices
      .createQueryBuilder('d')
      .where('d.enterprise_id = :enterpriseId', { enterpriseId })
      .andWhere(`d.attributes ->> 'meterScope' = 'site'`)
      .orderBy('d.externalId', 'ASC')
      .getMany();
  }

  private async isEnterpriseIn(
    condition: ScopeCondition | undefined,
    enterpriseId: string,
  ): Promise<boolean> {
    if (!isUuid(enterpriseId)) return false;
    const qb = this.enterprises.createQueryBuilder('e').where('e.id = :enterpriseId', { enterpriseId });
    return applyScope(qb, condition).getExists();
  }
}
