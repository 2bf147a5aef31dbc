import {
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { SeriesPoint } from '../api-types.js';
import { formatNumber, unitLabel } from '../format.js';
import { language, t } from '../i18n.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  TimeScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip,
  Decimation,
);

/** Series periods are Shanghai days (YYYY-MM-DD) or months (YYYY-MM): their first instant. */
const instantOf = (period: string): number =>
  Date.parse(period.length === 7 ? `${period}-01T00:00:00+08:00` : `${period}T00:00:00+08:00`);

/**
 * The baseline model's line against metered consumption on a time axis; between the two over
 * the reporting period, the savings area. A period without readings is a gap, not a zero.
 */
export function retrofitChart(
  canvas: HTMLCanvasElement,
  series: readonly SeriesPoint[],
  granularity: 'day' | 'month',
): Chart {
  const points = (pick: (p: SeriesPoint) => number | null, phase?: SeriesPoint['phase']) =>
    series.flatMap((p, i) => {
      const point = { x: instantOf(p.period), y: phase && p.phase !== phase ? null : pick(p) };
      // The works period between baseline and reporting has no points: a null breaks the line
      // there instead of drawing a straight segment across it.
      const gap = i > 0 && series[i - 1]!.phase !== p.phase;
      return gap ? [{ x: point.x - 1, y: null }, point] : [point];
    });
  const unit = unitLabel('tce');
  return new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        {
          label: t('retrofit.predicted'),
          data: points((p) => p.predicted),
          borderColor: '#1f5fa8',
          borderDash: [6, 4],
          pointRadius: 0,
          spanGaps: false,
        },
        {
          label: t('retrofit.actual'),
          data: points((p) => p.actual),
          borderColor: '#b35900',
          pointRadius: granularity === 'month' ? 3 : 0,
          spanGaps: false,
        },
        {
          // Filled down to the model line (dataset 0) only where the project is reporting.
          label: t('retrofit.savingsArea'),
          data: points((p) => p.actual, 'reporting'),
          borderColor: 'transparent',
          backgroundColor: 'rgba(27, 107, 58, 0.25)',
          pointRadius: 0,
          fill: { target: 0 },
          spanGaps: false,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      indexAxis: 'x',
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'time',
          time: {
            unit: granularity === 'month' ? 'month' : 'week',
            tooltipFormat: granularity === 'month' ? 'yyyy-MM' : 'PP',
          },
          adapters: { date: { locale: language() === 'en' ? enUS : zhCN } },
        },
        y: { title: { display: true, text: unit }, beginAtZero: false },
      },
      plugins: {
        // Long daily series stay light: LTTB keeps the trend (chart.js needs parsing: false for it).
        decimation: { enabled: true, algorithm: 'lttb', samples: 400 },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label ?? ''}: ${item.parsed.y === null ? t('common.missing') : `${formatNumber(item.parsed.y, 3)} ${unit}`}`,
          },
        },
      },
    },
  });
}
