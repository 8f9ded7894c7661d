/**
 * `npm run bench:analytics`: how long the analytics take, in Node and in the extension's
 * service worker, each figure beside its ceiling measured in the same run: one pass over the
 * same data that only builds the per-customer summaries the models start from.
 *   --customers N   synthetic customers (default 100000)
 *   --orders N      synthetic orders, about (default 1000000)
 *   --runs N        repetitions per figure, the median is reported (default 5; at least 20 for
 *                   sets under 100,000 orders, at most 3 above 500,000)
 *   --no-browser    Node only
 *   --no-build      reuse .output/chrome-mv3
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeSteps, type AnalyticsSettings } from '../lib/analytics/customer-analytics';
import { buildHistories, utcDay, type AnalyticsOrder } from '../lib/analytics/customer-history';
import { parseCdnowSample } from '../lib/analytics/cdnow';
import { summaryOf, type ModelChoice } from '../lib/analytics/population';
import { runToEnd } from '../lib/analytics/run-to-end';
import { DEFAULT_SETTINGS } from '../lib/model/settings';
import { syntheticOrders } from '../test/bench/synthetic-orders';
import { percentile, printTable, round, type Figure } from '../test/bench/stats';
import { benchServiceWorker } from '../test/bench/analytics-worker';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'no-browser': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const settings: AnalyticsSettings = { ...DEFAULT_SETTINGS, currency: 'USD' };

interface Dataset {
  name: string;
  orders: AnalyticsOrder[];
  asOf: number;
  goalMs?: number;
}

function cdnowMaster(text: string): AnalyticsOrder[] {
  const out: AnalyticsOrder[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const d = f[1]!;
    const at = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
    out.push({ customerId: f[0]!, at, amount: Number(f[3]) });
  }
  return out;
}

const fixture = (name: string) => readFileSync(`test/fixtures/datasets/${name}`, 'utf8');
const calibrationEnd = Date.UTC(1997, 8, 30);
const end = Date.UTC(2026, 10, 23);
const synthetic = syntheticOrders({
  customers: Number(values.customers),
  orders: Number(values.orders),
  end,
});
const datasets: Dataset[] = [
  {
    name: 'CDNOW sample',
    orders: parseCdnowSample(fixture('CDNOW_sample.txt')).map((t) => ({ ...t, at: Number(t.at) })),
    asOf: calibrationEnd,
    goalMs: 50,
  },
  {
    name: 'CDNOW master',
    orders: cdnowMaster(fixture('CDNOW_master.txt')),
    asOf: calibrationEnd,
    goalMs: 300,
  },
  {
    name: `synthetic ${Number(values.customers).toLocaleString('en')} customers`,
    orders: synthetic,
    asOf: end,
    goalMs: 2000,
  },
];

/** The ceiling: one pass that builds every customer's summary and nothing else. */
function summariesOnly(d: Dataset): number {
  const { histories } = buildHistories(
    { orders: d.orders },
    {
      asOf: d.asOf,
      currency: 'USD',
      grossMargin: 0.3,
    },
  );
  let n = 0;
  for (const h of histories.values()) if (summaryOf(h, utcDay(d.asOf))) n++;
  return n;
}

/** A full run, as the CLI and the background do it (the slices run back to back). */
function fullRun(d: Dataset, model: ModelChoice) {
  return runToEnd(analyzeSteps({ orders: d.orders }, settings, { asOf: d.asOf, model }));
}

/**
 * The same run once more, sampling the heap at every slice boundary for its peak. Apart from
 * the timed runs: reading the heap at every slice costs more than some slices do.
 */
function peakHeapMb(d: Dataset, model: ModelChoice): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const steps = analyzeSteps({ orders: d.orders }, settings, { asOf: d.asOf, model });
  while (!steps.next().done) peak = Math.max(peak, process.memoryUsage().heapUsed);
  return (peak - base) / 2 ** 20;
}

function median(f: () => void, n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

const figures: Figure[] = [];
for (const d of datasets) {
  // Small sets get at least 20 runs: five after the first left V8 still optimising the
  // sample's run (its three-fit --model auto, timed after it, came out faster).
  const n =
    d.orders.length > 500_000
      ? Math.max(1, Math.min(runs, 3))
      : d.orders.length < 100_000
        ? Math.max(runs, 20)
        : runs;
  // The first run also compiles the code (V8's JIT): timed apart, then the steady runs, as a
  // background that recomputes again and again, or a long-lived CLI, would see them.
  const firstStarted = performance.now();
  fullRun(d, 'bg-nbd');
  const firstMs = performance.now() - firstStarted;
  const ceiling = median(() => summariesOnly(d), n);
  let customers = 0;
  const bg = median(() => {
    customers = fullRun(d, 'bg-nbd').customers.length;
  }, n);
  const peakMb = peakHeapMb(d, 'bg-nbd');
  figures.push({
    name: `Node, ${d.name} (${customers.toLocaleString('en')} customers, ${d.orders.length.toLocaleString('en')} orders): fit BG/NBD + Gamma-Gamma and score`,
    value: bg,
    unit: 'ms',
    ...(d.goalMs ? { goal: `≤ ${d.goalMs} ms` } : {}),
    ceiling: { name: 'summaries only', value: ceiling },
    note: `peak heap growth ${round(peakMb)} MB; median of ${n} after a first run of ${round(firstMs)} ms`,
  });
  if (d.orders.length < 500_000) {
    const auto = median(() => fullRun(d, 'auto'), Math.min(n, 3));
    figures.push({
      name: `Node, ${d.name}: --model auto (three fits, choice by AIC)`,
      value: auto,
      unit: 'ms',
      ceiling: { name: 'summaries only', value: ceiling },
    });
  }
}

if (!values['no-browser']) {
  figures.push(
    ...(await benchServiceWorker({
      customers: Number(values.customers),
      orders: Number(values.orders),
      end,
      build: !values['no-build'],
    })),
  );
}

console.log('');
printTable(figures);
for (const f of figures) if (f.note) console.log(`  ${f.name}: ${f.note}`);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/analytics.json',
  JSON.stringify({ at: new Date().toISOString(), figures }, null, 2),
);
console.log('\nsaved bench-results/analytics.json');
