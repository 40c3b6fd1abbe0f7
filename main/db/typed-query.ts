import { query } from './sql-files.ts';

/** What a typed query runs on: pg.Client, pg.PoolClient and pg.Pool fit as they are. */
export interface QueryRunner {
  query(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

/**
 * A fixed query from `sql/queries/<name>.sql` with its parameters and row type written down
 * once: callers pass exactly `Params` and get `Row[]` back, checked by TypeScript.
 */
export interface TypedQuery<Params extends readonly unknown[], Row> {
  readonly name: string;
  /** The SQL text (loaded once), for callers that send it elsewhere (through the bridge, say). */
  text(): string;
  rows(db: QueryRunner, ...params: Params): Promise<Row[]>;
  /** The first row, or undefined. */
  first(db: QueryRunner, ...params: Params): Promise<Row | undefined>;
}

/** Declares `sql/queries/<name>.sql` as a query taking `Params` ($1, $2, …) and returning `Row`s. */
export function defineQuery<Params extends readonly unknown[], Row>(name: string): TypedQuery<Params, Row> {
  const rows = async (db: QueryRunner, ...params: Params): Promise<Row[]> => (await db.query(query(name), params.length ? [...params] : undefined)).rows as Row[];
  return {
    name,
    text: () => query(name),
    rows,
    first: async (db, ...params) => (await rows(db, ...params))[0],
  };
}
