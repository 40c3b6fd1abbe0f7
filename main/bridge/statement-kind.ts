import v8 from 'node:v8';
import type { Identity } from '../db/identities.ts';
import { SqlState, ZavaError } from '../kernel/errors.ts';
import { StringMemo } from '../kernel/memo.ts';

/**
 * What one piece of model SQL is, decided by PostgreSQL's own grammar (libpg-query is the
 * server's parser compiled to WebAssembly), so comments, odd case, parentheses and quoting
 * cannot disguise a statement the way they can fool a lexer.
 * - `query`: a single SELECT, WITH … SELECT, VALUES or TABLE that writes nothing;
 * - `explain`: EXPLAIN (any options) of such a query;
 * - `other`: everything else (SET, SHOW, PREPARE, LISTEN, DO, COPY, CALL, DML, DDL, …).
 */
export type StatementKind =
  | { kind: 'query' }
  | { kind: 'explain' }
  | { kind: 'other'; name: string };

let parserReady: Promise<void> | undefined;
/** libpg-query's parser once loaded; imported on first use, so a bridge's start never reads its glue code. */
let parseSync: ((sql: string) => { stmts?: { stmt?: Record<string, unknown> }[] }) | undefined;

const WARM_UP_SQL = `WITH recent AS (SELECT s.store_name, date_trunc('month', o.order_date) AS month, sum(i.total_amount)::numeric(12,2) AS revenue
  FROM retail.orders o JOIN retail.stores s ON s.store_id = o.store_id JOIN retail.order_items i USING (order_id)
  WHERE o.order_date >= DATE '2025-01-01' AND i.quantity > 0 AND s.store_name ILIKE '%seattle%' GROUP BY 1, 2)
SELECT store_name, month, revenue, rank() OVER (PARTITION BY month ORDER BY revenue DESC) AS place, CASE WHEN revenue > 100 THEN 'high' ELSE 'low' END
FROM recent WHERE month IN (SELECT max(month) FROM recent) ORDER BY revenue DESC NULLS LAST LIMIT 20 OFFSET 0`;

/** Loads the WebAssembly parser once (≈ 70 ms); later calls resolve at once. */
export function loadStatementParser(): Promise<void> {
  parserReady ??= import('libpg-query')
    .then(async (parser) => {
      // The parser's WebAssembly (1.1 MB) stays V8's baseline (Liftoff) code. By default V8
      // recompiles hot wasm functions with TurboFan on background threads, and the grammar's few
      // giant functions cost ≈ 200 ms of CPU that way, spread over a fresh bridge's first calls
      // (measured: 2–3 ms of extra CPU per call over the first 100 here), for parses that take
      // well under a millisecond anyway and run once per distinct SQL text (see recentKinds).
      // V8 reads the flag when a module is compiled: set around this one only, other WebAssembly
      // (the offline encoder) tiers up as usual.
      v8.setFlagsFromString('--liftoff-only');
      try {
        await parser.loadModule();
      } finally {
        v8.setFlagsFromString('--no-liftoff-only');
      }
      // WebAssembly functions compile on their first call: parsing one query of the usual shape
      // now (≈ 40–100 ms here) spares the first model query that wait.
      parser.parseSync(WARM_UP_SQL);
      parseSync = parser.parseSync;
    })
    .catch((error: unknown) => {
      parserReady = undefined; // the next call tries again
      throw new ZavaError('INTERNAL_ERROR', `The SQL parser could not be loaded: ${(error as Error)?.message ?? error}.`, { cause: error });
    });
  return parserReady;
}

/** Node names of statements that change data; none may appear anywhere in model SQL. */
const WRITES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** Names people know, for the statements a model most often tries. */
const NAMES: Record<string, string> = {
  VariableSetStmt: 'SET / RESET',
  VariableShowStmt: 'SHOW',
  TransactionStmt: 'transaction control (BEGIN, COMMIT, ROLLBACK, PREPARE TRANSACTION …)',
  CopyStmt: 'COPY',
  DoStmt: 'DO',
  CallStmt: 'CALL',
  PrepareStmt: 'PREPARE',
  ExecuteStmt: 'EXECUTE',
  DeallocateStmt: 'DEALLOCATE',
  ListenStmt: 'LISTEN',
  UnlistenStmt: 'UNLISTEN',
  NotifyStmt: 'NOTIFY',
  DeclareCursorStmt: 'DECLARE CURSOR',
  FetchStmt: 'FETCH / MOVE',
  ClosePortalStmt: 'CLOSE',
  DiscardStmt: 'DISCARD',
  LockStmt: 'LOCK',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  TruncateStmt: 'TRUNCATE',
  LoadStmt: 'LOAD',
  VacuumStmt: 'VACUUM / ANALYZE',
  CheckPointStmt: 'CHECKPOINT',
};

/** Kinds of SQL texts seen lately: a model (or a dashboard) re-sends the same SQL often. */
const recentKinds = new StringMemo<StatementKind>();

/**
 * Classifies one statement; throws the same syntax error the server would for SQL it cannot
 * parse. The kind depends on the text alone, so a text seen before is answered from memory.
 */
export function classifyStatement(sql: string): StatementKind {
  return recentKinds.get(sql, parseAndClassify);
}

function parseAndClassify(sql: string): StatementKind {
  if (!parseSync) throw new ZavaError('INTERNAL_ERROR', 'The SQL parser is not loaded yet (call loadStatementParser first).');
  let tree: { stmts?: { stmt?: Record<string, unknown> }[] };
  try {
    tree = parseSync(sql);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = details?.cursorPosition === undefined ? undefined : details.cursorPosition + 1;
    throw new ZavaError('DATABASE_ERROR', (error as Error).message, {
      sqlState: SqlState.SYNTAX_ERROR,
      ...(position ? { position } : {}),
      hint: 'Fix the SQL and try again.',
      cause: error,
    });
  }
  const statements = tree.stmts ?? [];
  if (statements.length === 0) {
    throw new ZavaError('VALIDATION_ERROR', 'postgresql_query holds no statement (only comments or semicolons).', { hint: 'Send one SELECT statement.' });
  }
  if (statements.length > 1) {
    throw new ZavaError('VALIDATION_ERROR', 'Only one SQL statement can be run per call.', {
      sqlState: SqlState.SYNTAX_ERROR,
      hint: 'Send a single SELECT (a WITH … SELECT is fine); run separate questions as separate calls.',
    });
  }
  const node = statements[0]!.stmt ?? {};
  const [type, body] = Object.entries(node)[0] ?? ['unknown', {}];
  if (type === 'SelectStmt') return readsOnly(body) ? { kind: 'query' } : { kind: 'other', name: writeName(body) };
  if (type === 'ExplainStmt') {
    const inner = (body as { query?: Record<string, unknown> }).query ?? {};
    return 'SelectStmt' in inner && readsOnly(inner.SelectStmt) ? { kind: 'explain' } : { kind: 'other', name: 'EXPLAIN of a statement that is not a query' };
  }
  return { kind: 'other', name: NAMES[type] ?? type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase() };
}

/** A SELECT reads only when no INSERT/UPDATE/DELETE/MERGE hides in a WITH and nothing is SELECT … INTO a table. */
function readsOnly(select: unknown): boolean {
  return !findNode(select, (key) => WRITES.has(key) || key === 'intoClause');
}

function writeName(select: unknown): string {
  let found = 'SELECT … INTO';
  findNode(select, (key) => {
    if (WRITES.has(key)) found = `WITH … ${NAMES[key]} (a data-modifying WITH)`;
    return WRITES.has(key);
  });
  return found;
}

function findNode(value: unknown, match: (key: string) => boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => findNode(v, match));
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => match(key) || findNode(v, match));
}

/**
 * The one gate model SQL passes before it reaches the database. Store and regional identities
 * may send only a query; head office may also EXPLAIN one. EXPLAIN is refused below head
 * office because a plan counts rows before row-level security hides them (`Rows Removed by
 * Filter`, `actual rows` of an index scan) and its estimates mirror other stores' volumes.
 * The database stays the real boundary (read-only transaction, grants, RLS): this gate removes
 * what the database would answer but must not, and keeps session state out of pooled connections.
 */
export async function assertModelStatementAllowed(sql: string, identity: Pick<Identity, 'group' | 'slug'>): Promise<void> {
  if (!parseSync) await loadStatementParser();
  const statement = classifyStatement(sql);
  if (statement.kind === 'query') return;
  if (statement.kind === 'explain') {
    if (identity.group === 'head_office') return;
    throw new ZavaError('AUTHORIZATION_ERROR', `EXPLAIN is not allowed for ${identity.slug}: a query plan counts and estimates rows of stores this identity cannot see.`, {
      hint: 'Run the SELECT itself (aggregate with COUNT/SUM and LIMIT for speed); only head office may look at plans.',
    });
  }
  throw new ZavaError('AUTHORIZATION_ERROR', `${statement.name} is not allowed: execute_sales_query runs only one read-only query (SELECT, WITH … SELECT, VALUES or TABLE).`, {
    hint: 'Rewrite the request as a single SELECT; settings, sessions, cursors, locks and writes are never available to this tool.',
  });
}
