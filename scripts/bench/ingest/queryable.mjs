// "Queryable" for the single-process mode: the energy endpoint counts every accepted reading.
import { pct, sleep } from './common.mjs';
import { api } from '../api.mjs';

/** Polls the energy endpoint until the readings it counts add up to what was accepted. */
export async function waitQueryable(url, setup, startSec, accepted, lastAckAt) {
  const from = new Date((startSec - 3600) * 1000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const deadline = Date.now() + 120_000;
  let polls = 0;
  const queryMs = [];
  for (;;) {
    polls++;
    const counts = await Promise.all(
      setup.enterprises.map(async (e) => {
        const t = performance.now();
        const energy = await api(
          url,
          setup.providerToken,
          'GET',
          `/api/v1/enterprises/${e.id}/energy?granularity=day&from=${from}&to=${to}`,
        );
        queryMs.push(performance.now() - t);
        return energy.dataQuality.readings;
      }),
    );
    const readings = counts.reduce((s, c) => s + c, 0);
    if (readings === accepted) {
      queryMs.sort((x, y) => x - y);
      return {
        ms: performance.now() - lastAckAt,
        polls,
        readings,
        queryMs: { p50: pct(queryMs, 0.5), max: queryMs.at(-1) },
      };
    }
    if (readings > accepted)
      throw new Error(`the energy endpoint counts ${readings} readings, ${accepted} were accepted`);
    if (Date.now() > deadline)
      throw new Error(`only ${readings} of ${accepted} readings queryable after 120 s`);
    await sleep(200);
  }
}
