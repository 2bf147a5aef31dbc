import type { Benchmarks } from '../api-types.js';
import { csvExportLink } from '../csv-export.js';
import { el, table } from '../dom.js';
import { formatNumber, missing } from '../format.js';
import { t, tOr } from '../i18n.js';
import { lastCompleteMonth } from '../periods.js';
import { getJson } from '../session.js';
import { queryForm } from './query-form.js';

/** A percentile 0–100 as a bar with its figure; a metric the enterprise lacks is "missing". */
function percentileBar(metric: string, value: number | undefined): HTMLElement {
  const name = tOr(`metric.${metric}`, metric);
  if (value === undefined || !Number.isFinite(value)) return el('div', {}, `${name}: `, missing());
  return el(
    'div',
    { class: 'percentile' },
    el('span', {}, `${name}: ${formatNumber(value, 1)}`),
    el(
      'div',
      {
        class: 'bar-track',
        role: 'meter',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(value),
        'aria-label': name,
      },
      el('div', { class: 'bar-fill', style: `width:${Math.max(0, Math.min(100, value))}%` }),
    ),
  );
}

export async function renderBenchmarks(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const period = params.get('period') || lastCompleteMonth();
  const industry = params.get('industry') || 'C39';
  const query = new URLSearchParams({ period, industry });
  const form = queryForm('#/benchmarks', [
    { name: 'period', label: t('common.period'), value: period, hint: t('common.periodHint') },
    { name: 'industry', label: t('common.industry'), value: industry },
  ]);
  main.replaceChildren(el('section', {}, form, el('p', {}, t('common.loading'))));
  const b = await getJson<Benchmarks>(`/api/v1/benchmarks?${query.toString()}`);
  const metrics = Object.keys(b.weights);
  const ranked = b.ranked.map((r) => [
    String(r.rank),
    r.name,
    formatNumber(r.composite, 1),
    r.selected
      ? el('strong', { class: 'verdict-achieved' }, t('bench.yes'))
      : el('span', {}, t('bench.no'), r.rule ? ` — ${tOr(`rule.${r.rule}`, r.rule)}` : ''),
    el('div', {}, ...metrics.map((m) => percentileBar(m, r.percentiles[m]))),
  ]);
  const excluded = b.excluded.map((e) => [
    e.name,
    el('span', { 'data-rule': e.rule }, tOr(`rule.${e.rule}`, e.rule)),
    el('span', { class: 'muted' }, e.message),
  ]);
  main.replaceChildren(
    el(
      'section',
      { 'aria-labelledby': 'bench-title' },
      form,
      el('h2', { id: 'bench-title' }, t('bench.title', { industry: b.industry, period: b.period })),
      el(
        'p',
        {},
        t('bench.peerGroup', {
          level: tOr(`bench.level.${b.peerGroup.level}`, b.peerGroup.level),
          code: b.peerGroup.code,
          size: b.peerGroup.size,
          minimum: b.peerGroup.minimum,
        }),
      ),
      el('p', { class: 'muted' }, b.peerGroup.note),
      el('p', {}, t('bench.threshold', { threshold: formatNumber(b.threshold, 1) })),
      el('div', { class: 'toolbar' }, csvExportLink(`/api/v1/benchmarks/export?${query.toString()}`)),
      ranked.length === 0
        ? el('p', {}, t('bench.emptyRanked'))
        : table(
            t('bench.title', { industry: b.industry, period: b.period }),
            [
              t('bench.rank'),
              t('bench.name'),
              t('bench.composite'),
              t('bench.selected'),
              t('bench.percentiles'),
            ],
            ranked,
            new Set([0, 2]),
          ),
    ),
    el(
      'section',
      { 'aria-labelledby': 'excluded-title' },
      el('h2', { id: 'excluded-title' }, t('bench.excludedTitle')),
      excluded.length === 0
        ? el('p', { class: 'muted' }, t('common.none'))
        : table(t('bench.excludedTitle'), [t('bench.name'), t('bench.rule'), t('bench.message')], excluded),
    ),
  );
}
