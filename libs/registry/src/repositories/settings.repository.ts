import type { DataSource, Repository } from 'typeorm';
import { currentManager } from '../registry-transactions.js';
import { PlatformSetting, type JsonValue } from '../entities/platform-setting.entity.js';
import { InvalidValueError } from '../registry.errors.js';

/**
 * Platform-wide key/value state (JSON values), not tenant data: e.g. the marker that makes the demo
 * seed idempotent. Unscoped; only platform code calls it.
 */
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get settings(): Repository<PlatformSetting> {
    return currentManager(this.dataSource).getRepository(PlatformSetting);
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    const row = await this.settings.findOneBy({ key });
    return row ? (row.value as T) : undefined;
  }

  /** Inserts or replaces. */
  async set(key: string, value: JsonValue): Promise<void> {
    await this.settings
      .createQueryBuilder()
      .insert()
      .into(PlatformSetting)
      .values({ key, value: () => 'CAST(:json AS jsonb)' })
      .setParameter('json', toJson(value))
      .orUpdate(['value', 'updated_at'], ['key'])
      .execute();
  }

  /**
   * Inserts only if the key is absent, atomically; true when this call stored it. Two processes
   * seeding at once: exactly one gets true.
   */
  async setIfAbsent(key: string, value: JsonValue): Promise<boolean> {
    const result = await this.settings
      .createQueryBuilder()
      .insert()
      .into(PlatformSetting)
      .values({ key, value: () => 'CAST(:json AS jsonb)' })
      .setParameter('json', toJson(value))
      .orIgnore()
      .returning('key')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}

// Serialised here rather than by the driver: pg would turn a top-level array into a Postgres array.
// undefined has no JSON form (a JS caller can still pass it); storing null would read back differently.
function toJson(value: JsonValue): string {
  if (value === undefined) throw new InvalidValueError('', 'value');
  return JSON.stringify(value);
}
