import { parseArgs } from 'node:util';
import { analyzeCustomers, type AnalyticsSettings } from '../lib/analytics/customer-analytics';
import { DAY_MS, utcDay } from '../lib/analytics/customer-history';
import type { ModelChoice } from '../lib/analytics/population';
import { ORDER_COLUMNS } from '../lib/import/orders-csv';
import { currencyCode, isoDay, parseDay, quote } from '../lib/import/values';
import { DEFAULT_SETTINGS } from '../lib/model/settings';
import { detectFormat, FORMATS, loadOrders, readDataFile, type DataFormat } from './analyze-input';
import { buildReport, formatAnalyzeReport } from './analyze-report';
import type { Command } from './command';
import { terminalSafe } from './format-table';
import { CliError, processIo, type Io } from './io';

const names = (role: keyof typeof ORDER_COLUMNS) => ORDER_COLUMNS[role].join(', ');

const USAGE = `Usage: kesher analyze <file> [--format orders|cdnow] [--calibration-end YYYY-MM-DD]
                      [--as-of YYYY-MM-DD] [--model auto|bgnbd|pareto|mbgnbd]
                      [--currency XXX] [--json]

Fits the customer-base models to a file of orders and prints what the sidebar will show:
the purchase model (BG/NBD, Pareto/NBD or MBG/NBD) and why it was chosen, Gamma-Gamma
spend, expected purchases, P(alive) and CLV per customer, RFM segments and ABC classes.

Options:
  --format orders|cdnow      the file's format (default: orders for a .csv, otherwise told
                             from the first line)
  --calibration-end <date>   fit on the orders up to this day; the orders after it are a
                             holdout period, used to choose the model and to check it
  --as-of <date>             the analysis date; later orders are left out (default: the day
                             of the last order, so an old data set is analysed as of its end)
  --model <name>             auto (default: fit all three, choose by holdout error, else by
                             AIC), bgnbd, pareto or mbgnbd
  --currency <code>          the analysis currency. With a currency column: the rows that
                             count (default: the most frequent currency). Without: the
                             amounts' currency (default: from the amount column's name, as
                             in invoice_total_gbp; USD for CDNOW; else the team's ${DEFAULT_SETTINGS.currency})
  --json                     print one JSON document: {file, format, asOf, currency, orders,
                             model, spendModel, holdout, customers: [...]}
  -h, --help                 show this help

Formats:
  orders  a CSV (comma, semicolon or tab) with a header row; columns found by name, any case:
            customer  ${names('customer')}
            date      ${names('date')}
                      (YYYY-MM-DD, YYYYMMDD or ISO 8601; UTC unless it has an offset)
            amount    ${names('amount')}
                      (a dot decimal; a negative amount is a credit note)
            optional  currency, status (paid, refunded, cancelled), margin
  cdnow   the CDNOW logs of Fader, Hardie & Lee (2005): CDNOW_sample.txt (5 columns, customers
          keyed by the sample id) or CDNOW_master.txt (4 columns, with a header)

Dates are UTC days, YYYY-MM-DD. Rows that cannot be read are reported with their line
numbers. Exit 1 for a file or value that cannot be used, 2 for a usage error.`;

const MODELS: Readonly<Record<string, ModelChoice>> = {
  auto: 'auto',
  bgnbd: 'bg-nbd',
  'bg-nbd': 'bg-nbd',
  pareto: 'pareto-nbd',
  paretonbd: 'pareto-nbd',
  'pareto-nbd': 'pareto-nbd',
  mbgnbd: 'mbg-nbd',
  'mbg-nbd': 'mbg-nbd',
};

interface Options {
  file: string;
  format?: DataFormat;
  calibrationEnd?: number;
  asOf?: number;
  model: ModelChoice;
  currency?: string;
  json: boolean;
}

function parseDayOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const day = parseDay(raw);
  if (day === null) throw new CliError(`--${name} ${quote(raw)} is not a date (YYYY-MM-DD)`);
  return day;
}

function parse(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        'calibration-end': { type: 'string' },
        'as-of': { type: 'string' },
        model: { type: 'string', default: 'auto' },
        currency: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    const got = positionals.length === 0 ? 'none' : positionals.map((p) => quote(p)).join(' ');
    throw new CliError(`expected one data file, got ${got}\n\n${USAGE}`, 2);
  }
  if (values['calibration-end'] !== undefined && values['as-of'] !== undefined) {
    throw new CliError(
      `give --calibration-end or --as-of, not both: the calibration end is the analysis date\n\n${USAGE}`,
      2,
    );
  }
  const format = values.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`unknown --format ${quote(format)}: expected ${FORMATS.join(' or ')}`);
  }
  const modelKey = values.model.toLowerCase();
  const model = Object.hasOwn(MODELS, modelKey) ? MODELS[modelKey] : undefined;
  if (!model) {
    throw new CliError(
      `unknown --model ${quote(values.model)}: expected auto, bgnbd, pareto or mbgnbd`,
    );
  }
  let currency: string | undefined;
  if (values.currency !== undefined) {
    currency = currencyCode(values.currency) ?? undefined;
    if (!currency) {
      throw new CliError(
        `--currency ${quote(values.currency)} is not an ISO 4217 code (EUR, USD, …)`,
      );
    }
  }
  const calibrationEnd = parseDayOption('calibration-end', values['calibration-end']);
  const asOf = parseDayOption('as-of', values['as-of']);
  return {
    file: positionals[0]!,
    ...(format !== undefined ? { format: format as DataFormat } : {}),
    ...(calibrationEnd !== undefined ? { calibrationEnd } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    model,
    ...(currency ? { currency } : {}),
    json: values.json,
  };
}

/** The end of a UTC day: orders at any time that day are on or before it. */
const endOfDay = (ms: number) => utcDay(ms) * DAY_MS + DAY_MS - 1;

/**
 * The analysis date and the holdout period. Without --calibration-end or --as-of the data is
 * analysed as of its own last order, not today: a 1998 data set would otherwise be all
 * dropouts.
 */
function resolveDates(
  options: Options,
  first: number,
  last: number,
): { asOf: number; calibrationEnd?: number; holdoutEnd?: number } {
  const range = `the orders run from ${isoDay(first)} to ${isoDay(last)}`;
  if (options.calibrationEnd !== undefined) {
    const day = utcDay(options.calibrationEnd);
    if (day < utcDay(first)) {
      throw new CliError(
        `--calibration-end ${isoDay(options.calibrationEnd)} is before the first order: ${range}`,
      );
    }
    if (day > utcDay(last)) {
      throw new CliError(
        `--calibration-end ${isoDay(options.calibrationEnd)} is after the last order, ` +
          `leaving no holdout period: ${range} (--as-of analyses as of a later date)`,
      );
    }
    return {
      asOf: endOfDay(options.calibrationEnd),
      calibrationEnd: options.calibrationEnd,
      ...(day < utcDay(last) ? { holdoutEnd: last } : {}),
    };
  }
  if (options.asOf !== undefined) {
    if (utcDay(options.asOf) < utcDay(first)) {
      throw new CliError(`--as-of ${isoDay(options.asOf)} is before the first order: ${range}`);
    }
    return { asOf: endOfDay(options.asOf) };
  }
  return { asOf: endOfDay(last) };
}

function noUsableRows(file: string, rows: number, errors: { line: number; message: string }[]) {
  if (rows === 0) return new CliError(`${file} has no order rows`);
  const shown = errors
    .slice(0, 3)
    .map((e) => `line ${e.line}: ${terminalSafe(e.message)}`)
    .join('; ');
  return new CliError(`no usable order in ${file}: all ${rows} row(s) refused (${shown})`);
}

async function analyze(argv: string[], io: Io): Promise<number> {
  const options = parse(argv);
  const { file } = options;
  const text = await readDataFile(file);
  const format = options.format ?? detectFormat(file, text);
  const loaded = loadOrders(file, text, format, {
    ...(options.currency ? { asked: options.currency } : {}),
    teamDefault: DEFAULT_SETTINGS.currency,
  });
  if (loaded.orders.length === 0) {
    if (loaded.otherCurrency.rows > 0) {
      const found = Object.keys(loaded.otherCurrency.byCurrency).join(', ');
      throw new CliError(`no order in ${loaded.currency} in ${file} (it has ${found})`);
    }
    throw noUsableRows(file, loaded.rows, loaded.errors);
  }
  let first = Infinity;
  let last = -Infinity;
  for (const o of loaded.orders) {
    if (o.at < first) first = o.at;
    if (o.at > last) last = o.at;
  }
  const dates = resolveDates(options, first, last);

  const team = DEFAULT_SETTINGS;
  const settings: AnalyticsSettings = {
    currency: loaded.currency,
    grossMargin: team.grossMargin,
    discountRate: team.discountRate,
    clvHorizonMonths: team.clvHorizonMonths,
    abcThresholds: team.abcThresholds,
    loyaltyTiers: team.loyaltyTiers,
    costPerInteraction: team.costPerInteraction,
  };
  const run = analyzeCustomers({ orders: loaded.orders }, settings, {
    asOf: dates.asOf,
    model: options.model,
    ...(dates.holdoutEnd !== undefined ? { holdoutEnd: dates.holdoutEnd } : {}),
  });
  const fitted = run.population.transaction?.name;
  if (options.model !== 'auto' && fitted !== undefined && fitted !== options.model) {
    // Never print one model's figures under another's name.
    throw new CliError(
      `asked for ${options.model} but the analytics engine fitted ${fitted}; this is a bug`,
    );
  }
  const report = buildReport(
    {
      file,
      loaded,
      ...dates,
      auto: options.model === 'auto',
      clvSettings: {
        horizonMonths: team.clvHorizonMonths,
        discountRate: team.discountRate,
        grossMargin: team.grossMargin,
      },
    },
    run,
  );
  io.out(options.json ? JSON.stringify(report, null, 2) : formatAnalyzeReport(report));
  return 0;
}

export const analyzeCommand: Command = {
  summary: 'fit the customer-base models to a file of orders: CLV, P(alive), RFM, ABC',
  usage: USAGE,
  async run(argv, io = processIo) {
    try {
      return await analyze(argv, io);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`kesher analyze: ${error.message}`);
      return error.exitCode;
    }
  },
};
