import type { Chart } from 'chart.js';
import type { Assessment, RegionAssessmentRow } from '../api-types.js';
import { csvExportLink } from '../csv-export.js';
import { el, table } from '../dom.js';
import { figure, formatDateTime, formatPercent, percentOrMissing, plain } from '../format.js';
import { t, tOr } from '../i18n.js';
import { getJson } from '../session.js';
import { retrofitChart } from './retrofit-chart.js';

let chart: Chart | undefined;

export function verdictBadge(verdict: string): HTMLElement {
  return el(
    'span',
    { class: `verdict-${verdict}`, 'data-verdict': verdict },
    tOr(`verdict.${verdict}`, verdict),
  );
}

/** Reason codes translated; the API's own sentence (with its figures) as the tooltip. */
function reasonList(reasons: readonly { code: string; message?: string }[]): HTMLElement {
  if (reasons.length === 0) return el('span', { class: 'muted' }, t('common.none'));
  return el(
    'ul',
    { class: 'reasons' },
    ...reasons.map((r) =>
      el(
        'li',
        { title: r.message, 'data-reason': r.code },
        tOr(`reason.${r.code}`, r.code),
        r.message ? el('span', { class: 'muted' }, ` — ${r.message}`) : null,
      ),
    ),
  );
}

export async function renderRetrofitList(main: HTMLElement, regionCode: string): Promise<void> {
  const base = `/api/v1/regions/${encodeURIComponent(regionCode)}/retrofit-assessments`;
  const answer = await getJson<{ projects: RegionAssessmentRow[] }>(base);
  const rows = answer.projects.map((p) => [
    el('a', { href: `#/retrofits/${encodeURIComponent(p.projectId)}` }, p.projectName),
    p.enterpriseName,
    tOr(`kind.${p.kind}`, p.kind),
    verdictBadge(p.verdict),
    p.reasons
      ? el(
          'span',
          {},
          p.reasons
            .split(' ')
            .map((code) => tOr(`reason.${code}`, code))
            .join('；'),
        )
      : el('span', { class: 'muted' }, t('common.none')),
    percentOrMissing(p.savingRateGbt13234Product),
    percentOrMissing(p.fractionalSavings),
    figure(p.avoidedEnergyTce, 'tce'),
    plain(p.r2),
    percentOrMissing(p.cvRmse),
  ]);
  main.replaceChildren(
    el(
      'section',
      { 'aria-labelledby': 'retrofits-title' },
      el('h2', { id: 'retrofits-title' }, t('retrofit.listTitle', { region: regionCode })),
      el('div', { class: 'toolbar' }, csvExportLink(`${base}/export`)),
      rows.length === 0
        ? el('p', {}, t('retrofit.empty'))
        : table(
            t('retrofit.listTitle', { region: regionCode }),
            [
              t('retrofit.project'),
              t('retrofit.enterprise'),
              t('retrofit.kind'),
              t('retrofit.verdict'),
              t('retrofit.reasons'),
              t('retrofit.savingRate'),
              t('retrofit.fractionalSavings'),
              t('retrofit.avoided'),
              t('retrofit.r2'),
              t('retrofit.cvRmse'),
            ],
            rows,
            new Set([5, 6, 7, 8, 9]),
          ),
    ),
  );
}

function stat(label: string, value: HTMLElement, note?: string): HTMLElement {
  return el(
    'div',
    {},
    el('dt', {}, label),
    el('dd', {}, value),
    note ? el('dd', { class: 'muted', style: 'font-size:13px;font-weight:400' }, note) : null,
  );
}

export async function renderRetrofit(main: HTMLElement, projectId: string): Promise<void> {
  const a = await getJson<Assessment>(`/api/v1/retrofits/${encodeURIComponent(projectId)}/assessment`);
  chart?.destroy();
  chart = undefined;
  const canvas = el('canvas', { id: 'retrofit-chart', role: 'img', 'aria-label': t('retrofit.chartTitle') });
  const model = a.model ?? null;
  const savings = a.savings ?? null;
  const fitStats = model
    ? el(
        'dl',
        { class: 'stats', id: 'fit-stats' },
        stat(t('retrofit.r2'), plain(model.r2)),
        stat(
          t('retrofit.cvRmse'),
          percentOrMissing(model.cvRmse),
          t('retrofit.limit', { limit: formatPercent(model.acceptance.cvRmseMax, 0) }),
        ),
        stat(
          t('retrofit.nmbe'),
          percentOrMissing(model.nmbe),
          t('retrofit.limit', { limit: `±${formatPercent(model.acceptance.nmbeMax, 1)}` }),
        ),
        stat(
          t('retrofit.fsu'),
          percentOrMissing(savings?.fsu68),
          savings ? t('retrofit.limit', { limit: formatPercent(savings.fsuMax, 0) }) : undefined,
        ),
      )
    : el('p', { class: 'muted' }, t('retrofit.noModel'));
  main.replaceChildren(
    el(
      'section',
      { 'aria-labelledby': 'retrofit-title' },
      el('p', {}, el('a', { href: '#/retrofits' }, `← ${t('common.back')}`)),
      el('h2', { id: 'retrofit-title' }, t('retrofit.detailTitle', { name: a.project.name })),
      el('p', {}, `${t('retrofit.verdict')}：`, verdictBadge(a.verdict)),
      reasonList(a.reasons),
      a.coverage
        ? el(
            'p',
            { class: 'muted' },
            t('retrofit.coverage', {
              baseline: formatPercent(a.coverage.baseline, 1),
              reporting: formatPercent(a.coverage.reporting, 1),
            }),
          )
        : null,
      a.methodologyVersion && a.computedAt
        ? el(
            'p',
            { class: 'muted' },
            t('retrofit.computed', { version: a.methodologyVersion, at: formatDateTime(a.computedAt) }),
          )
        : null,
    ),
    el(
      'section',
      { 'aria-labelledby': 'savings-title' },
      el('h2', { id: 'savings-title' }, t('retrofit.savings')),
      el(
        'dl',
        { class: 'stats' },
        stat(t('retrofit.avoided'), figure(savings?.avoided, 'tce')),
        stat(t('retrofit.fractionalSavings'), percentOrMissing(savings?.fractionalSavings)),
        stat(t('retrofit.adjustedBaseline'), figure(savings?.adjustedBaseline, 'tce')),
        stat(t('retrofit.actualTotal'), figure(savings?.actual, 'tce')),
        stat(
          t('retrofit.savingRate'),
          percentOrMissing(
            a.gbt13234?.product?.status === 'missing' ? undefined : a.gbt13234?.product?.savingRate,
          ),
        ),
      ),
      el('h2', {}, t('retrofit.fit')),
      fitStats,
      model
        ? el(
            'p',
            { class: model.acceptance.passes ? 'verdict-achieved' : 'verdict-not_achieved' },
            model.acceptance.passes ? t('retrofit.passes') : t('retrofit.fails'),
          )
        : null,
    ),
    el(
      'section',
      { 'aria-labelledby': 'chart-title' },
      el('h2', { id: 'chart-title' }, t('retrofit.chartTitle')),
      el('div', { class: 'chart-box' }, canvas),
    ),
  );
  if (a.series && a.series.length > 0) chart = retrofitChart(canvas, a.series, a.granularity ?? 'day');
}
