import { ConfigError, describeConfig, loadConfig } from './load-config.js';
import { platformConfigSchema } from './platform.config.js';

describe('loadConfig', () => {
  it('gives defaults that start the single-machine demo', () => {
    const config = loadConfig(platformConfigSchema, {});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO: true, BUS: 'inprocess' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names the variable that is invalid', () => {
    expect(() => loadConfig(platformConfigSchema, { PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig(platformConfigSchema, { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig(platformConfigSchema, { CLICKHOUSE_DATABASE: 'x;drop' })).toThrow(
      /CLICKHOUSE_DATABASE/,
    );
  });

  it('requires an admin password outside the demo', () => {
    try {
      loadConfig(platformConfigSchema, { DEMO: 'false' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual([expect.stringMatching(/^GRIP_ADMIN_PASSWORD: /)]);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(platformConfigSchema, { PORT: '' }).PORT).toBe(3000);
  });

  it('masks secrets when the configuration is logged', () => {
    const shown = describeConfig({
      GRIP_ADMIN_PASSWORD: 'hunter2',
      DATABASE_URL: 'postgres://u:p@db/grip',
      PORT: 3000,
    });
    expect(shown).toEqual({ GRIP_ADMIN_PASSWORD: '***', DATABASE_URL: 'postgres://***@db/grip', PORT: 3000 });
  });
});
