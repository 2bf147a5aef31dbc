import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { probe } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import { createRetrofitWorld, FIRMS, PASSWORD, type RetrofitWorld } from './support/retrofit-fixture.js';
import { ISOLATION_ENV } from './support/tenant-fixture.js';

/**
 * The officials' dashboard in a real browser: Debian's Chromium (installed by .ci/run) driven by
 * playwright-core, against the built platform with the retrofit fixture. A Guangzhou official
 * signs in through the page, reads the verdicts in Chinese, opens an assessment whose chart
 * draws and whose figures equal the API's, switches to English, opens the benchmarks, signs out.
 */
const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) {
  console.warn(
    `\n!!! ${CHROMIUM} is missing: the dashboard browser suite is SKIPPED. ` +
      'Install it with `apt-get install -y chromium fonts-noto-cjk` (.ci/run does).\n',
  );
}

(present ? describe : describe.skip)('dashboard in Chromium', () => {
  let platform: PlatformProcess;
  let world: RetrofitWorld;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shots = mkdtempSync(join(tmpdir(), 'grip-dashboard-'));
  const outside = () => FIRMS.filter((f) => !f.regionCode.startsWith('4401')).map((f) => world.firms[f.key]!);
  const zh = (value: number, digits: number) =>
    new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits }).format(value);

  beforeAll(async () => {
    platform = await startPlatform(ISOLATION_ENV);
    world = await createRetrofitWorld(platform.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // A CSP violation, a failed bundle or an uncaught error all surface here.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    // The page's clock runs in real time but can jump: the token refresh is due after 14.5 min.
    await page.clock.install();
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('signs the Guangzhou official in and shows the verdicts in Chinese, nothing from Shenzhen', async () => {
    await page.goto(platform.url);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.fill('input[name=username]', 'retro-official-gz');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#retrofits-title');
    const verdictOf = async (key: string) =>
      (await page
        .locator('tr', { hasText: world.firms[key]!.name })
        .locator('[data-verdict]')
        .textContent()) ?? '';
    expect(await verdictOf('gz1')).toBe('达成');
    expect(await verdictOf('gz2')).toBe('未达成');
    expect(await verdictOf('gz3')).toBe('无法判定');
    expect(await page.locator('tbody tr').count()).toBe(4);
    const text = await page.content();
    for (const firm of outside()) {
      expect(text).not.toContain(firm.name);
      expect(text).not.toContain(firm.projectId);
    }
    expect(await page.getAttribute('a[data-export]', 'href')).toBe(
      '/api/v1/regions/440100/retrofit-assessments/export',
    );
  });

  it('opens an assessment: the chart draws and the fit statistics are the API’s', async () => {
    const api = (
      await probe(platform.url, 'GET', `/api/v1/retrofits/${world.firms.gz1!.projectId}/assessment`, {
        token: world.tokens.officialGz,
      })
    ).body as { model: { r2: number }; series: unknown[] };
    await page.click(`a[href="#/retrofits/${world.firms.gz1!.projectId}"]`);
    await page.waitForSelector('#retrofit-chart');
    expect(await page.locator('#fit-stats dd').first().textContent()).toBe(zh(api.model.r2, 3));
    expect(await page.locator('[data-verdict]').first().textContent()).toBe('达成');
    expect((await page.locator('[data-reason]').allTextContents()).join(' ')).toContain('目标已达成');
    // Drawn, not just present: count painted pixels on the canvas.
    // Browser code as a string: the test program has no DOM types.
    const painted = (await page.evaluate(`(() => {
      const canvas = document.getElementById('retrofit-chart');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
      return { count, width: canvas.width, height: canvas.height };
    })()`)) as { count: number; width: number; height: number };
    expect(painted.width).toBeGreaterThan(300);
    expect(painted.count).toBeGreaterThan(2000);
    expect(api.series.length).toBeGreaterThan(30);
    const shot = join(shots, 'retrofit-zh.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(30_000);
  });

  it('switches to English and opens the benchmark list with the rules of those left out', async () => {
    await page.click('#lang-switch');
    await page.waitForFunction("document.documentElement.lang === 'en'");
    expect(await page.locator('[data-verdict]').first().textContent()).toBe('Achieved');
    await page.goto(`${platform.url}/#/benchmarks?period=${world.months.reporting}&industry=C3971`);
    await page.waitForSelector('#bench-title');
    expect(await page.textContent('#bench-title')).toContain('C3971');
    const gz3 = page.locator('tr', { hasText: world.firms.gz3!.name }).locator('[data-rule]');
    expect(await gz3.getAttribute('data-rule')).toBe('coverage');
    expect(await gz3.textContent()).toBe('Not enough data coverage');
    const text = await page.content();
    for (const firm of outside()) expect(text).not.toContain(firm.name);
    const shot = join(shots, 'benchmarks-en.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });

  it('shows the region overview: plan progress bars and the indicators table equal to the API', async () => {
    const year = Number(world.months.startDate.slice(0, 4));
    const put = (path: string, body: unknown) =>
      probe(platform.url, 'PUT', path, { token: world.tokens.operator, body });
    expect((await put(`/api/v1/plan/targets/${year}/440000`, { retrofitsStarted: 8500 })).status).toBe(200);
    expect((await put('/api/v1/plan/shares/440000', { shares: { '440100': 0.4 } })).status).toBe(200);
    const period = world.months.reporting;
    const api = (
      await probe(platform.url, 'GET', `/api/v1/regions/440100/indicators?period=${period}`, {
        token: world.tokens.officialGz,
      })
    ).body as { indicators: Record<string, { value: number | null }> };
    await page.goto(`${platform.url}/#/overview?period=${period}&year=${year}`);
    await page.waitForSelector('#indicators-title');
    // 4 of the city's 3400 (40 % of 8500): 0.1 %.
    const started = page.locator('tr', { hasText: 'Enterprises retrofitting' });
    expect(await started.locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('0');
    expect(await started.textContent()).toContain('3,400');
    expect(await started.textContent()).toContain('0.1%');
    const intensity = api.indicators['energy.intensity.output_value']!.value!;
    const row = page.locator('tr', { hasText: 'Energy per output value' });
    expect(await row.textContent()).toContain(
      new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(intensity),
    );
    expect(await page.locator('a[data-export]').evaluateAll((links) => links.length)).toBe(2);
    const shot = join(shots, 'overview-en.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });

  it('renews the access token before it expires, and keeps working with the new one', async () => {
    const stored = async () =>
      JSON.parse((await page.evaluate("sessionStorage.getItem('grip.session')")) as string) as {
        accessToken: string;
        refreshToken: string;
      };
    const before = await stored();
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    // ACCESS_TOKEN_TTL_S defaults to 900; the page renews 30 s before.
    await page.clock.fastForward('14:45');
    expect((await refreshed).status()).toBe(200);
    const after = await stored();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    await page.click('a[href="#/retrofits"]');
    await page.waitForSelector('#retrofits-title');
    expect(await page.locator('tbody tr').count()).toBe(4);
  });

  it('signs out cleanly: the refresh token is revoked and the page asks for the password', async () => {
    const refreshToken = (
      JSON.parse((await page.evaluate("sessionStorage.getItem('grip.session')")) as string) as {
        refreshToken?: string;
      }
    ).refreshToken;
    expect(refreshToken).toBeTruthy();
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in-form');
    expect(await page.evaluate("sessionStorage.getItem('grip.session')")).toBeNull();
    // The page does not wait for the logout call; the token is revoked moments later.
    let status = 0;
    for (let i = 0; i < 50 && status !== 401; i++) {
      status = (await probe(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(401);
    expect(problems).toEqual([]);
  });
});
