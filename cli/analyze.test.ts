import { readFileSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeReport } from './analyze-report';
import { runCli } from './run';
import { bufferIo } from './test-io';

const DATASETS = new URL('../test/fixtures/datasets/', import.meta.url).pathname;
const SAMPLE = join(DATASETS, 'CDNOW_sample.txt');
const RETAIL = join(DATASETS, 'online_retail_invoices.csv');

async function analyze(...args: string[]) {
  const io = bufferIo();
  const code = await runCli(['analyze', ...args], io);
  return { code, ...io };
}

async function analyzeJson(...args: string[]): Promise<AnalyzeReport> {
  const { code, stdout, stderr } = await analyze(...args, '--json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as AnalyzeReport;
}

const rel = (u: number, v: number) => Math.abs(u - v) / Math.abs(v);

// Each CDNOW run fits on 2,357 customers: about a second, more on a busy machine.
describe(
  'kesher analyze on CDNOW_sample.txt, calibrated to 1997-09-30',
  { timeout: 60_000 },
  () => {
    it('BG/NBD: the published estimates, customer 1516, the holdout total', async () => {
      const r = await analyzeJson(SAMPLE, '--calibration-end', '1997-09-30', '--model', 'bgnbd');
      expect(r).toMatchObject({
        format: 'cdnow',
        layout: 'sample',
        asOf: '1997-09-30',
        calibrationEnd: '1997-09-30',
        holdoutEnd: '1998-06-30',
        currency: 'USD',
        orders: { read: 6919, skipped: 0, future: 0, otherCurrency: 0 },
        model: { method: 'bg-nbd', name: 'bg-nbd' },
      });
      // BTYD walkthrough (Fader, Hardie & Lee 2005 on the raw transactions).
      const published = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
      for (const [key, value] of Object.entries(published)) {
        expect(rel(r.model.params![key]!, value), key).toBeLessThan(1e-3);
      }
      expect(Math.abs(r.model.logLikelihood! - -9582.43)).toBeLessThan(0.01);
      expect(r.model.candidates).toBeUndefined();

      // Customer 1516 by the SAMPLE id, the walkthrough's: x = 26, t_x = 30.857, T = 31 weeks.
      const c = r.customers.find((x) => x.id === '1516')!;
      expect(c).toMatchObject({ x: 26, T: 31 });
      expect(c.t_x).toBeCloseTo(30.85714, 4);
      expect(Math.abs(c.pAlive! - 0.9688523)).toBeLessThan(0.001);
      expect(r.customers).toHaveLength(2357);

      // Weeks 40–78: 1,882 repeat purchase days (one per customer and day) in the raw file.
      expect(r.holdout!.weeks).toBe(39);
      expect(r.holdout!.actual).toBe(1882);
      const groups = r.holdout!.byFrequency;
      expect(groups.map((g) => g.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
      expect(groups.reduce((n, g) => n + g.customers, 0)).toBe(2357);
      expect(groups.reduce((n, g) => n + g.actual, 0)).toBe(1882);
      expect(r.customers.reduce((n, x) => n + x.holdoutPurchases!, 0)).toBe(1882);
      const predicted = r.customers.reduce((n, x) => n + x.expectedHoldoutPurchases!, 0);
      expect(predicted).toBeCloseTo(r.holdout!.predicted, 6);
      // BG/NBD under-forecasts weeks 40–78 by about 12 % (model-select.test.ts measures 1653.4).
      expect(r.holdout!.predicted).toBeCloseTo(1653.4, 0);
    });

    it('Pareto/NBD: the published log-likelihood', async () => {
      const r = await analyzeJson(SAMPLE, '--calibration-end', '1997-09-30', '--model', 'pareto');
      expect(r.model.name).toBe('pareto-nbd');
      expect(Math.abs(r.model.logLikelihood! - -9594.98)).toBeLessThan(0.01);
    });

    it('auto, for people: the data, the candidates, the holdout check, segments, top 10', async () => {
      const { code, stdout, stderr } = await analyze(SAMPLE, '--calibration-end', '1997-09-30');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Orders +6919 read, 0 skipped$/m);
      expect(stdout).toMatch(/^Customers +2357$/m);
      expect(stdout).toMatch(/^Dates +1997-01-01 to 1998-06-30$/m);
      expect(stdout).toMatch(/^Holdout +1997-10-01 to 1998-06-30 \(39 weeks\)/m);
      expect(stdout).toContain('customers keyed by the sample id (column 2)');
      expect(stdout).toMatch(/^ {2}Why +\S+: lowest holdout MAE/m);
      for (const name of ['bg-nbd', 'pareto-nbd', 'mbg-nbd']) {
        expect(stdout).toMatch(
          new RegExp(
            `^ {2}${name}( \\*)? +-95\\d\\d\\.\\d\\d +19\\d+\\.\\d\\d +0\\.7\\d+ +r `,
            'm',
          ),
        );
      }
      expect(stdout).toMatch(/^ {2}bg-nbd(?: \*)? +-9582\.43 /m);
      expect(stdout).toMatch(/^ {2}Spend +Gamma-Gamma {2}p 6\.25 {2}q 3\.744 {2}γ 15\.44/m);
      expect(stdout).toContain('Holdout check (Fader, Hardie & Lee 2005)');
      expect(stdout).toMatch(/^ {2}X +CUSTOMERS +ACTUAL MEAN +PREDICTED MEAN$/m);
      expect(stdout).toMatch(/^ {2}0 +1411 +0\.237 +0\.\d{3}$/m);
      expect(stdout).toMatch(/^ {2}7\+ +64 +6\.359 +\d\.\d{3}$/m);
      expect(stdout).toMatch(/^ {2}Total: actual 1882, predicted 1\d{3}\.\d \(-\d+\.\d%\)/m);
      expect(stdout).toMatch(
        /^RFM segments\n {2}SEGMENT +CUSTOMERS +SHARE +REVENUE +OF REVENUE\n {2}Champions +\d+/m,
      );
      expect(stdout).toMatch(/^ABC classes\n {2}CLASS +CUSTOMERS/m);
      expect(stdout).toMatch(/^Top 10 customers by predicted CLV \(USD; /m);
      const top = stdout.slice(stdout.indexOf('Top 10')).trim().split('\n');
      expect(top).toHaveLength(12);
      expect(top[1]).toMatch(/^ {2}CUSTOMER +CLV +P\(ALIVE\)/);
    });
  },
);

describe('kesher analyze on the UCI Online Retail invoices', { timeout: 120_000 }, () => {
  it('fits, in GBP, with finite figures for every buyer; credit notes lower revenue', async () => {
    const r = await analyzeJson(RETAIL, '--model', 'bgnbd');
    expect(r).toMatchObject({
      format: 'orders',
      asOf: '2011-12-09',
      currency: 'GBP',
      orders: { read: 22190, skipped: 0, first: '2010-12-01', last: '2011-12-09' },
      model: { method: 'bg-nbd' },
    });
    expect(Number.isFinite(r.model.logLikelihood)).toBe(true);
    expect(r.spendModel).toBeDefined();
    const buyers = r.customers.filter((c) => c.x !== null);
    expect(buyers.length).toBeGreaterThan(4000);
    for (const c of buyers) {
      const figures = [c.x, c.t_x, c.T, c.monetary, c.expectedPurchases90d, c.pAlive];
      figures.push(c.expectedValue, c.revenue, c.margin);
      // A first purchase on the analysis day has no observed time: no CLV yet, said with null.
      if (c.T! > 0) figures.push(c.clv);
      else expect(c.clv).toBeNull();
      expect(figures.every(Number.isFinite), c.id).toBe(true);
      expect(c.pAlive).toBeGreaterThanOrEqual(0);
      expect(c.pAlive).toBeLessThanOrEqual(1);
    }
    // Customers whose only invoices in the year are cancellations (of earlier purchases):
    // no purchase to forecast from, a negative revenue, and said so with nulls, not NaN.
    for (const c of r.customers.filter((x) => x.x === null)) {
      expect(c).toMatchObject({ clv: null, pAlive: null, abc: 'C' });
      expect(c.revenue).toBeLessThan(0);
    }

    // Revenue is net of the credit notes: summed from the file, cancellations included.
    const sums = new Map<string, { net: number; gross: number }>();
    for (const line of readFileSync(RETAIL, 'utf8').trim().split('\n').slice(1)) {
      const [id = '', , , total = ''] = line.split(',');
      const s = sums.get(id) ?? { net: 0, gross: 0 };
      s.net += Number(total);
      if (Number(total) > 0) s.gross += Number(total);
      sums.set(id, s);
    }
    let withCredits = 0;
    for (const c of r.customers) {
      const s = sums.get(c.id)!;
      expect(c.revenue).toBeCloseTo(s.net, 1);
      if (s.gross > s.net) {
        withCredits++;
        expect(c.revenue).toBeLessThan(s.gross);
      }
    }
    expect(withCredits).toBeGreaterThan(1000);
  });
});

describe('kesher analyze on small CSVs', () => {
  let dir = '';
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kesher-analyze-'));
    const good = (i: number) => `c${i % 7},2024-0${1 + (i % 6)}-1${i % 9},${10 + i}.50`;
    const bad = [
      ',2024-01-01,5', // no customer
      'x,2024-02-30,5', // no such day
      'x,2024-01-01,"1,000"', // comma
      'x,01/02/2024,5',
      'x,2024-01-01,abc',
      'x,2024-01-01',
      'x,2024-01-01,5,extra',
      'x,,5',
      'x,2024-01-01,',
      'x,2024-13-01,5',
      'x,2024-01-01,5e2',
      'x,tomorrow,5',
    ];
    await writeFile(
      file('orders.csv'),
      [
        'customer_id,date,amount',
        ...Array.from({ length: 30 }, (_, i) => good(i)),
        ...bad,
        'c1,2024-07-01,99',
      ].join('\n'),
    );
    await writeFile(
      file('currencies.csv'),
      [
        'customer,date,amount,currency,status',
        'a,2024-01-01,10,EUR,paid',
        'a,2024-02-01,20,EUR,refunded',
        'b,2024-01-05,30,EUR,',
        'b,2024-03-05,40,USD,',
        'c,2024-04-05,50,EUR,paid',
      ].join('\n'),
    );
    await writeFile(file('all-bad.csv'), 'customer,date,amount\nx,2024-02-30,1\ny,soon,2\n');
    await writeFile(file('header-only.csv'), 'customer,date,amount\n');
    await writeFile(file('no-columns.csv'), 'name,when,total\nx,2024-01-01,1\n');
    await writeFile(file('empty.csv'), '');
    await writeFile(file('blank.txt'), '\uFEFF \n\t\n');
    await writeFile(file('image.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]));
    await writeFile(
      file('latin1.csv'),
      Buffer.from('customer,date,amount\nJos\xe9,2024-01-01,1\n', 'latin1'),
    );
    await writeFile(file('utf16.csv'), Buffer.from('\ufeffcustomer,date,amount\n', 'utf16le'));
    await writeFile(file('notes.txt'), 'just some notes\nabout customers\n');
    await writeFile(file('huge.csv'), 'customer,date,amount\n');
    await truncate(file('huge.csv'), 200 * 1024 * 1024 + 1);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports bad rows with their line numbers: the first 10, then a count', async () => {
    const { code, stdout } = await analyze(file('orders.csv'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Orders +43 read, 12 skipped$/m);
    expect(stdout).toContain('Skipped rows (12):');
    expect(stdout).toContain('  line 32: no customer id\n');
    expect(stdout).toContain('  line 33: date "2024-02-30" is not a calendar date\n');
    expect(stdout).toContain('  line 34: amount "1,000" is not a number with a dot decimal\n');
    expect(stdout).toContain('  line 39: no date\n');
    expect(stdout).toContain('  line 41: date "2024-13-01" is not a calendar date\n');
    expect(stdout).not.toContain('line 42:');
    expect(stdout).toContain('  … and 2 more rows\n');
    // Analysed as of its own last order (in the currency the team uses by default).
    expect(stdout).toMatch(/^As of +2024-07-01$/m);
    expect(stdout).toMatch(/^Currency +EUR \(the team default/m);

    const json = await analyzeJson(file('orders.csv'));
    expect(json.orders).toMatchObject({ read: 43, skipped: 12 });
    expect(json.orders.errors).toHaveLength(10);
    expect(json.orders.errors[0]).toEqual({ line: 32, message: 'no customer id' });
  });

  it('--as-of leaves later orders out and says so', async () => {
    const r = await analyzeJson(file('orders.csv'), '--as-of', '2024-06-30');
    expect(r.asOf).toBe('2024-06-30');
    expect(r.orders.future).toBe(1);
    const { stdout } = await analyze(file('orders.csv'), '--as-of', '2024-06-30');
    expect(stdout).toMatch(/^Left out +1 order dated after 2024-06-30$/m);
  });

  it('a currency column: the most frequent currency counts, others are left out and counted', async () => {
    const r = await analyzeJson(file('currencies.csv'));
    expect(r.currency).toBe('EUR');
    expect(r.orders).toMatchObject({ read: 5, otherCurrency: 1, notPaid: 1 });
    expect(r.customers.find((c) => c.id === 'a')!.revenue).toBe(10);
    expect(r.customers.find((c) => c.id === 'b')!.revenue).toBe(30);
    const { stdout } = await analyze(file('currencies.csv'));
    expect(stdout).toContain('1 order in other currencies (USD 1), not converted');
    expect(stdout).toContain('1 refunded or cancelled order');
    // Asked for USD: only the USD row counts.
    const usd = await analyzeJson(file('currencies.csv'), '--currency', 'usd');
    expect(usd.currency).toBe('USD');
    expect(usd.customers.find((c) => c.id === 'b')!.revenue).toBe(40);
  });

  it('a calibration end with nothing after it has no holdout period', async () => {
    const r = await analyzeJson(file('orders.csv'), '--calibration-end', '2024-07-01');
    expect(r.calibrationEnd).toBe('2024-07-01');
    expect(r.holdoutEnd).toBeUndefined();
    expect(r.holdout).toBeUndefined();
  });

  it.each([
    [['missing.csv'], 'no such file: '],
    [['.'], 'is a directory'],
    [['empty.csv'], 'is empty'],
    [['blank.txt'], 'is empty'],
    [['huge.csv'], 'data files over 200 MB are refused'],
    [['image.csv'], 'is binary'],
    [['latin1.csv'], 'is not UTF-8 text'],
    [['utf16.csv'], 'is UTF-16 text'],
    [
      ['all-bad.csv'],
      'all 2 row(s) refused (line 2: date "2024-02-30" is not a calendar date; line 3:',
    ],
    [['header-only.csv'], 'has no order rows'],
    [
      ['no-columns.csv'],
      'is not an orders CSV: no customer, date column: the header has "name", "when", "total"',
    ],
    [['orders.csv', '--format', 'cdnow'], 'is not a CDNOW log: the first line has 1 column(s)'],
    [['orders.csv', '--format', 'xlsx'], 'unknown --format "xlsx": expected orders or cdnow'],
    [
      ['orders.csv', '--model', 'gamma'],
      'unknown --model "gamma": expected auto, bgnbd, pareto or mbgnbd',
    ],
    [
      ['orders.csv', '--model', 'toString'],
      'unknown --model "toString": expected auto, bgnbd, pareto or mbgnbd',
    ],
    [['orders.csv', '--currency', 'euro'], '--currency "euro" is not an ISO 4217 code'],
    [
      ['orders.csv', '--calibration-end', '2024-02-30'],
      '--calibration-end "2024-02-30" is not a date',
    ],
    [['orders.csv', '--calibration-end', 'June'], '--calibration-end "June" is not a date'],
    [
      ['orders.csv', '--calibration-end', '2023-12-31'],
      '--calibration-end 2023-12-31 is before the first order: the orders run from 2024-01-10 to 2024-07-01',
    ],
    [
      ['orders.csv', '--calibration-end', '2024-07-02'],
      '--calibration-end 2024-07-02 is after the last order',
    ],
    [['orders.csv', '--as-of', '2020-01-01'], '--as-of 2020-01-01 is before the first order'],
    [['orders.csv', '--as-of', '1.1.2024'], '--as-of "1.1.2024" is not a date'],
    [['currencies.csv', '--currency', 'ILS'], 'no order in ILS in'],
  ])('%j: exit 1, %s', async (args, message) => {
    const [name, ...rest] = args;
    const { code, stdout, stderr } = await analyze(file(name!), ...rest);
    expect(stdout).toBe('');
    expect(stderr).toContain(`kesher analyze: `);
    expect(stderr).toContain(message);
    expect(code).toBe(1);
  });

  it('a CDNOW log given as an orders CSV is refused with the columns it has', async () => {
    const { code, stderr } = await analyze(SAMPLE, '--format', 'orders');
    expect(code).toBe(1);
    expect(stderr).toContain('is not an orders CSV: no customer, date, amount column');
  });

  it('answers usage errors with exit 2 and the usage', async () => {
    for (const args of [
      [],
      ['a.csv', 'b.csv'],
      ['a.csv', '--bogus'],
      ['a.csv', '--model'],
      ['a.csv', '--as-of', '2024-01-01', '--calibration-end', '2024-01-01'],
    ]) {
      const { code, stderr } = await analyze(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage: kesher analyze');
    }
    const unknown = await analyze(file('notes.txt'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('cannot tell the format of');
  });

  it('--help shows the options', async () => {
    const { code, stdout } = await analyze('--help');
    expect(code).toBe(0);
    for (const option of [
      '--format',
      '--calibration-end',
      '--as-of',
      '--model',
      '--currency',
      '--json',
    ]) {
      expect(stdout).toContain(option);
    }
  });
});
