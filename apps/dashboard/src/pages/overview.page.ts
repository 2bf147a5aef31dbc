import type { PlanProgress, RegionIndicators, RegionRatio } from '../api-types.js';
import { csvExportLink } from '../csv-export.js';
import { append, el, table } from '../dom.js';
import {
  figure,
  formatNumber,
  formatPercent,
  missing,
  percentOrMissing,
  plain,
  unitLabel,
} from '../format.js';
import { t, tOr } from '../i18n.js';
import { currentYear, lastCompleteMonth } from '../periods.js';
import { ApiFailure, getJson } from '../session.js';
import { queryForm } from './query-form.js';

function progressBar(progress: number | null, label: string): HTMLElement {
  if (progress === null) return missing();
  return el(
    'div',
    { style: 'display:flex;gap:8px;align-items:center' },
    el(
      'div',
      {
        class: 'bar-track',
        style: 'flex:1',
        role: 'progressbar',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(Math.round(progress * 100)),
        'aria-label': label,
      },
      el('div', { class: 'bar-fill', style: `width:${Math.min(100, Math.max(0, progress * 100))}%` }),
    ),
    el('span', {}, formatPercent(progress, 1)),
  );
}

function planSection(plan: PlanProgress, year: number): HTMLElement {
  const exportPath = `/api/v1/plan/progress/export?year=${year}&regionCode=${encodeURIComponent(plan.regionCode)}`;
  const rows = plan.lines.flatMap((line) =>
    line.metrics.map((m) => {
      const name = tOr(`metric.${m.metric}`, m.metric);
      const count = (value: number | null) =>
        value === null
          ? missing()
          : el(
              'span',
              {},
              formatNumber(value, 0),
              ' ',
              el('span', { class: 'unit' }, unitLabel('enterprises')),
            );
      return [
        `${line.regionName ?? line.regionCode} (${line.regionCode})`,
        name,
        // No target is not a target of 0: say so.
        m.target === null ? el('span', { class: 'muted' }, t('overview.noTarget')) : count(m.target),
        m.targetSource
          ? el('span', { class: 'muted' }, tOr(`overview.targetSource.${m.targetSource}`, m.targetSource))
          : '',
        count(m.actual),
        progressBar(m.progress, name),
      ];
    }),
  );
  return el(
    'section',
    { 'aria-labelledby': 'plan-title' },
    el('h2', { id: 'plan-title' }, t('overview.planTitle', { year })),
    el('div', { class: 'toolbar' }, csvExportLink(exportPath)),
    table(
      t('overview.planTitle', { year }),
      [
        t('common.region'),
        t('overview.metric'),
        t('overview.target'),
        '',
        t('overview.actual'),
        t('overview.progress'),
      ],
      rows,
      new Set([2, 4]),
    ),
  );
}

/** Equipment rates come under their bare names (digitisation_rate): the catalog's are intelligence.*. */
const metricKey = (id: string): string => (id.includes('.') ? id : `intelligence.${id}`);

function ratioRow(id: string, ratio: RegionRatio): (HTMLElement | string)[] {
  const value =
    ratio.status === 'missing'
      ? missing()
      : ratio.unit === 'fraction'
        ? percentOrMissing(ratio.value, 1)
        : plain(ratio.value, 4);
  return [
    tOr(`metric.${metricKey(id)}`, id),
    value,
    el('span', { class: 'unit' }, unitLabel(ratio.unit)),
    String(ratio.enterprises),
  ];
}

function indicatorsSection(r: RegionIndicators): HTMLElement {
  const exportPath = `/api/v1/regions/${encodeURIComponent(r.regionCode)}/indicators/export?period=${encodeURIComponent(r.period)}`;
  const rows = [...Object.entries(r.indicators), ...Object.entries(r.equipmentRates)].map(([id, ratio]) =>
    ratioRow(id, ratio),
  );
  // The API gives null for a total nothing was measured for; figure() shows that as missing.
  const total = (value: number | null, unit: string) => figure(value, unit, 2);
  return el(
    'section',
    { 'aria-labelledby': 'indicators-title' },
    el('h2', { id: 'indicators-title' }, t('overview.indicatorsTitle', { period: r.period })),
    el(
      'p',
      {},
      t('overview.inScope', { inScope: r.enterprises.inScope, contributing: r.enterprises.contributing }),
    ),
    el(
      'p',
      {},
      `${t('overview.totals')}: `,
      total(r.totals.energyTce, 'tce'),
      ' · ',
      total(r.totals.carbonTco2, 'tCO2'),
      ' · ',
      total(r.totals.outputValue, '万元'),
    ),
    el('div', { class: 'toolbar' }, csvExportLink(exportPath)),
    table(
      t('overview.indicatorsTitle', { period: r.period }),
      [t('overview.indicator'), t('overview.value'), '', t('overview.enterprises')],
      rows,
      new Set([1, 3]),
    ),
    r.enterprises.excluded.length > 0
      ? el(
          'div',
          {},
          el('h3', {}, t('overview.excludedTitle')),
          table(
            t('overview.excludedTitle'),
            [t('bench.name'), t('overview.reason')],
            r.enterprises.excluded.map((e) => [e.name, el('span', { class: 'muted' }, e.reason)]),
          ),
        )
      : null,
  );
}

export async function renderOverview(
  main: HTMLElement,
  regionCode: string,
  params: URLSearchParams,
  role: string,
): Promise<void> {
  const period = params.get('period') || lastCompleteMonth();
  const year = Number(params.get('year')) || currentYear();
  const form = queryForm('#/overview', [
    { name: 'period', label: t('common.period'), value: period, hint: t('common.periodHint') },
    { name: 'year', label: t('common.year'), value: String(year) },
  ]);
  main.replaceChildren(
    el(
      'section',
      {},
      el('h2', {}, t('overview.title', { region: regionCode })),
      form,
      el('p', {}, t('common.loading')),
    ),
  );
  const region = encodeURIComponent(regionCode);
  // Plan progress is for officials and operators; other roles see the indicators only.
  const planned = role === 'official' || role === 'operator';
  const [plan, indicators] = await Promise.all([
    planned
      ? getJson<PlanProgress>(`/api/v1/plan/progress?year=${year}&regionCode=${region}`)
      : Promise.resolve(undefined),
    getJson<RegionIndicators>(
      `/api/v1/regions/${region}/indicators?period=${encodeURIComponent(period)}`,
    ).catch((error: unknown) => {
      if (error instanceof ApiFailure) return error;
      throw error;
    }),
  ]);
  const name =
    indicators instanceof ApiFailure ? regionCode : `${indicators.regionName ?? ''} ${regionCode}`.trim();
  main.replaceChildren(el('section', {}, el('h2', {}, t('overview.title', { region: name })), form));
  append(main, [
    plan ? planSection(plan, year) : null,
    indicators instanceof ApiFailure
      ? el('section', {}, el('p', { class: 'error' }, t('common.error', { message: indicators.message })))
      : indicatorsSection(indicators),
  ]);
}
