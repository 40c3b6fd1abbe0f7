import pg from 'pg';

/**
 * Type parsers for model-facing results: numbers as JSON numbers (counts and money are
 * what analysts aggregate), dates as plain `YYYY-MM-DD`, timestamps as ISO strings.
 */
export function analystTypes(): pg.CustomTypesConfig {
  const toNumber = (text: string) => {
    const n = Number(text);
    return Number.isFinite(n) && (Math.abs(n) <= Number.MAX_SAFE_INTEGER || text.includes('.')) ? n : text;
  };
  const parsers: Record<number, (text: string) => unknown> = {
    20: toNumber, // int8: count(*) and sums of integers
    1700: toNumber, // numeric: money and averages
    1082: (text) => text, // date
    1114: (text) => new Date(`${text.replace(' ', 'T')}Z`).toISOString(), // timestamp
    1184: (text) => new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(), // timestamptz
  };
  return {
    getTypeParser: ((oid: number, format?: string) =>
      parsers[oid] ?? pg.types.getTypeParser(oid, (format ?? 'text') as 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
}
