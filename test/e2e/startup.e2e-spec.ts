import { newDataDir, runToExit } from './support/platform-process.js';

describe('start-up configuration', () => {
  it('stops on an invalid value and names the variable', async () => {
    const { code, output } = await runToExit({ DATA_DIR: newDataDir(), PORT: 'eighty', DEMO: 'true' });
    expect(code).toBe(1);
    expect(output).toContain('PORT: ');
  });

  it('refuses to start outside the demo without an operator password', async () => {
    const { code, output } = await runToExit({ DATA_DIR: newDataDir(), DEMO: 'false' });
    expect(code).toBe(1);
    expect(output).toContain('GRIP_ADMIN_PASSWORD');
  });
});
