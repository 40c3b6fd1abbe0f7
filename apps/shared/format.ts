/**
 * Numbers, money, percentages and dates formatted with Intl for the reader's locale. The kind
 * of a column is read from its name (the bridge sends plain JSON numbers and ISO dates).
 */

export type ValueKind = 'money' | 'percent' | 'integer' | 'number' | 'date' | 'month' | 'timestamp' | 'text';

const MONEY_NAME = /(revenue|price|amount|cost|sales|value|profit|spend|total|aov|margin_amount)/i;
const PERCENT_NAME = /(percent|pct|_rate$|ratio)/i;

/** The kind of values in a column, from its name and its values. */
export function kindOf(name: string, values: unknown[]): ValueKind {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'text';
  if (present.every((v) => typeof v === 'number')) {
    if (PERCENT_NAME.test(name)) return 'percent';
    if (MONEY_NAME.test(name) && !/(count|units|quantity|orders)$/i.test(name)) return 'money';
    return present.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
  }
  if (present.every((v) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v))) return 'month';
  if (present.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (present.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v))) return 'timestamp';
  return 'text';
}

/** Formatters per kind, built once per locale (Intl objects are costly to create). */
export function formatters(locale?: string) {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
  const moneyShort = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const timestamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  /** One cell, full precision (tables, cards). */
  const value = (kind: ValueKind, v: unknown): string => {
    if (v === null || v === undefined) return '∅';
    switch (kind) {
      case 'money':
        return money.format(v as number);
      case 'percent':
        return `${number.format(v as number)} %`;
      case 'integer':
        return integer.format(v as number);
      case 'number':
        return number.format(v as number);
      case 'month':
        return month.format(new Date(`${v as string}-01T00:00:00Z`));
      case 'date':
        return date.format(new Date(`${v as string}T00:00:00Z`));
      case 'timestamp':
        return timestamp.format(new Date(v as string));
      default:
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  };

  /** An axis tick: short (compact money and numbers). */
  const tick = (kind: ValueKind, v: number): string => {
    if (kind === 'money') return moneyShort.format(v);
    if (kind === 'percent') return `${compact.format(v)} %`;
    return compact.format(v);
  };

  return { value, tick, month, date, timestamp };
}

export type Formatters = ReturnType<typeof formatters>;

/** Time of an x value as milliseconds (YYYY-MM is the first of the month, UTC). */
export function timeOf(v: unknown): number {
  if (typeof v === 'number') return v;
  const text = String(v);
  return Date.parse(/^\d{4}-\d{2}$/.test(text) ? `${text}-01T00:00:00Z` : /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}

/** A column name as a heading: `gross_margin_percent` → `Gross margin percent`. */
export function heading(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
