import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrdersCsvError, parseOrdersCsv } from './orders-csv';
import { KEPT_ROW_ERRORS, parseAmount, parseDate, parseDay } from './values';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');

const utc = (...args: [number, number, number, number?, number?, number?]) =>
  Date.UTC(args[0], args[1] - 1, args[2], args[3] ?? 0, args[4] ?? 0, args[5] ?? 0);

describe('parseDate', () => {
  it.each([
    ['2011-12-09', utc(2011, 12, 9)],
    ['19970101', utc(1997, 1, 1)],
    ['2010-12-01T08:26:00Z', utc(2010, 12, 1, 8, 26)],
    ['2010-12-01 08:26', utc(2010, 12, 1, 8, 26)],
    ['2010-12-01T08:26:00.250Z', utc(2010, 12, 1, 8, 26) + 250],
    ['2010-12-01T08:26:00+02:00', utc(2010, 12, 1, 6, 26)],
    ['2010-12-01T23:30:00-0130', utc(2010, 12, 2, 1, 0)],
    ['  2024-02-29  ', utc(2024, 2, 29)],
  ])('%s', (text, at) => {
    expect(parseDate(text)).toEqual({ ok: true, at });
  });

  it.each([
    ['', 'no date'],
    ['2023-02-29', 'not a calendar date'],
    ['2023-13-01', 'not a calendar date'],
    ['01/02/2023', 'is not YYYY-MM-DD, YYYYMMDD or ISO 8601'],
    ['2023-1-5', 'is not YYYY-MM-DD'],
    ['yesterday', 'is not YYYY-MM-DD'],
    ['0023-01-05', 'outside 1900–2999'],
    ['2023-01-05T25:00', 'impossible time'],
  ])('refuses %j', (text, message) => {
    const parsed = parseDate(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('parseDay takes a calendar day only', () => {
    expect(parseDay('1997-09-30')).toBe(utc(1997, 9, 30));
    expect(parseDay('19970930')).toBeNull();
    expect(parseDay('1997-09-31')).toBeNull();
    expect(parseDay('1997-09-30T10:00')).toBeNull();
  });
});

describe('parseAmount', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['+0.50', 0.5],
    ['.5', 0.5],
    [' 139.12 ', 139.12],
  ])('%j', (text, value) => {
    expect(parseAmount(text, 'amount')).toEqual({ ok: true, value });
  });

  it.each(['1,234.50', '12,50', '€12', '1e3', 'NaN', '12.3.4', '(12.00)'])('refuses %j', (text) => {
    expect(parseAmount(text, 'amount')).toMatchObject({
      ok: false,
      message: expect.stringContaining('is not a number with a dot decimal'),
    });
  });
});

describe('parseOrdersCsv', () => {
  it('reads the UCI Online Retail invoices, credit notes included, in GBP from the column name', () => {
    const text = fixture('online_retail_invoices.csv');
    const result = parseOrdersCsv(text);
    expect(result.errorCount).toBe(0);
    expect(result.rows).toBe(text.trim().split('\n').length - 1);
    expect(result.orders).toHaveLength(result.rows);
    expect(result.currency).toBe('GBP');
    expect(result.currencySource).toBe('column name "invoice_total_gbp"');
    expect(result.columns).toEqual({
      customer: 'customer_id',
      date: 'invoice_datetime_utc',
      amount: 'invoice_total_gbp',
    });
    expect(result.orders[0]).toEqual({
      customerId: '17850',
      at: utc(2010, 12, 1, 8, 26),
      amount: 139.12,
    });
    // Cancellation invoices are paid orders with negative totals: credit notes.
    const credits = result.orders.filter((o) => o.amount < 0);
    expect(credits).toHaveLength(3654);
    expect(credits.every((o) => o.status === undefined)).toBe(true);
  });

  it('refuses --currency that contradicts the amount column name', () => {
    const text = 'customer_id,date,invoice_total_gbp\nc1,2024-01-01,10\n';
    expect(() => parseOrdersCsv(text, { currency: 'USD' })).toThrow(
      'the amounts are in GBP (column "invoice_total_gbp"), not USD',
    );
    expect(parseOrdersCsv(text, { currency: 'GBP' }).currency).toBe('GBP');
  });

  it('matches column names case-insensitively, spaces as underscores, best name first', () => {
    const text = [
      '\uFEFFCustomer ID;Order Date;Date;Total;STATUS;Margin',
      'a-1;2024-03-01;1999-01-01;10.00;Paid;4',
      'a-1;2024-03-02;1999-01-01;5;refunded;',
      'b-2;20240305;1999-01-01;7.5;CANCELED;1',
    ].join('\r\n');
    const result = parseOrdersCsv(text);
    expect(result.errors).toEqual([]);
    // "date" is preferred to "order_date"; the file names both.
    expect(result.columns).toMatchObject({
      customer: 'Customer ID',
      date: 'Date',
      amount: 'Total',
    });
    expect(result.orders).toEqual([
      { customerId: 'a-1', at: utc(1999, 1, 1), amount: 10, margin: 4 },
      { customerId: 'a-1', at: utc(1999, 1, 1), amount: 5, status: 'refunded' },
      { customerId: 'b-2', at: utc(1999, 1, 1), amount: 7.5, status: 'cancelled', margin: 1 },
    ]);
    expect(result.currency).toBeUndefined();
    expect(parseOrdersCsv(text, { currency: 'ILS' }).currency).toBe('ILS');
  });

  it('reports every bad row with the line it starts on, and keeps the good ones', () => {
    const text = [
      'customer_id,date,amount,status',
      'c1,2024-01-01,10,paid', // 2
      ',2024-01-02,10,paid', // 3: no customer
      'c2,2024-02-30,10,paid', // 4: no such day
      'c3,2024-01-03,"1,000.00",paid', // 5: comma
      '', // 6: blank, not a row
      'c4,2024-01-04,12,shipped', // 7: unknown status
      'c5,2024-01-05,12', // 8: too few fields
      '"c6\nsecond line",2024-01-06,3,paid', // 9–10: a quoted newline is one row
      'c7,2024-01-07,abc,paid', // 11
      'c8,2024-01-08,5,paid', // 12
    ].join('\n');
    const result = parseOrdersCsv(text);
    expect(result.rows).toBe(9);
    expect(result.orders.map((o) => o.customerId)).toEqual(['c1', 'c6\nsecond line', 'c8']);
    expect(result.errorCount).toBe(6);
    expect(result.errors).toEqual([
      { line: 3, message: 'no customer id' },
      { line: 4, message: 'date "2024-02-30" is not a calendar date' },
      { line: 5, message: 'amount "1,000.00" is not a number with a dot decimal' },
      { line: 7, message: 'status "shipped" is not paid, refunded or cancelled' },
      { line: 8, message: '3 field(s) where the header has 4 (an unquoted comma in a value?)' },
      { line: 11, message: 'amount "abc" is not a number with a dot decimal' },
    ]);
  });

  it('reports an unclosed quote instead of swallowing the rest of the file silently', () => {
    const result = parseOrdersCsv('customer_id,date,amount\nc1,2024-01-01,1\nc2,"2024-01-02,2\n');
    expect(result.orders).toHaveLength(1);
    expect(result.errors).toEqual([{ line: 3, message: expect.stringContaining('quote') }]);
  });

  it('keeps the first KEPT_ROW_ERRORS messages and counts the rest', () => {
    const rows = Array.from({ length: KEPT_ROW_ERRORS + 5 }, (_, i) => `c${i},bad,1`);
    const result = parseOrdersCsv(['customer,date,amount', ...rows].join('\n'));
    expect(result.errorCount).toBe(KEPT_ROW_ERRORS + 5);
    expect(result.errors).toHaveLength(KEPT_ROW_ERRORS);
    expect(result.errors[0]!.line).toBe(2);
  });

  it('keeps the most frequent currency and counts the rows in others', () => {
    const text = [
      'customer,at,value,currency',
      'a,2024-01-01,1,eur',
      'a,2024-01-02,2,EUR',
      'b,2024-01-03,3,USD',
      'c,2024-01-04,4,ILS',
      'c,2024-01-05,5,EUR',
      'd,2024-01-06,6,',
      'd,2024-01-07,7,EURO',
    ].join('\n');
    const result = parseOrdersCsv(text);
    expect(result.currency).toBe('EUR');
    expect(result.currencySource).toBe('currency column');
    expect(result.orders.map((o) => [o.amount, o.currency])).toEqual([
      [1, 'EUR'],
      [2, 'EUR'],
      [5, 'EUR'],
    ]);
    expect(result.otherCurrency).toEqual({ rows: 2, byCurrency: { USD: 1, ILS: 1 } });
    expect(result.errors).toEqual([
      { line: 7, message: 'no currency' },
      { line: 8, message: 'currency "EURO" is not an ISO 4217 code' },
    ]);
    // Asked for a currency: its rows count, whatever is most frequent.
    const usd = parseOrdersCsv(text, { currency: 'USD' });
    expect(usd.orders.map((o) => o.amount)).toEqual([3]);
    expect(usd.otherCurrency.rows).toBe(4);
  });

  it('reads semicolon- and tab-separated files', () => {
    for (const d of [';', '\t']) {
      const text = `customer${d}date${d}amount\nx${d}2024-01-01${d}9.5\n`;
      expect(parseOrdersCsv(text).orders).toEqual([
        { customerId: 'x', at: utc(2024, 1, 1), amount: 9.5 },
      ]);
    }
  });

  it('names the columns it found when a required one is missing', () => {
    const attempt = () => parseOrdersCsv('client,when,amount\nc1,2024-01-01,1\n');
    expect(attempt).toThrow(OrdersCsvError);
    expect(attempt).toThrow(
      'no customer, date column: the header has "client", "when", "amount"; expected customer (customer_id, customer, customerid, client_id); date (date, at, invoice_datetime_utc, order_date, invoice_date)',
    );
  });

  it('a CDNOW log is not an orders CSV', () => {
    expect(() => parseOrdersCsv(fixture('CDNOW_sample.txt').slice(0, 2000))).toThrow(
      'no customer, date, amount column: the header has " 00004 0001 19970101 2 29.33"',
    );
  });

  it('a header without rows is no orders, not an error', () => {
    expect(parseOrdersCsv('customer,date,amount\n\n')).toMatchObject({
      orders: [],
      rows: 0,
      errorCount: 0,
    });
  });
});
