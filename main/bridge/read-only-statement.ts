import { EventEmitter } from 'node:events';
import pg from 'pg';
import { serialize } from 'pg-protocol';

export const BEGIN_READ_ONLY = 'BEGIN TRANSACTION READ ONLY';

/** Parse/Bind/Execute of a fixed statement without parameters: the same bytes every call. */
const fixedStatement = (text: string) => Buffer.concat([serialize.parse({ text }), serialize.bind(), serialize.execute()]);
const BEGIN_BYTES = fixedStatement(BEGIN_READ_ONLY);
const END_BYTES = Buffer.concat([fixedStatement('ROLLBACK'), serialize.sync()]);
const DESCRIBE_PORTAL = serialize.describe({ type: 'P', name: '' });
/** An Execute without a row limit: a row-limited portal would forbid parallel plans. */
const EXECUTE_ALL = serialize.execute();
/** Sends the statement's rows on before the server runs the ROLLBACK after it. */
const FLUSH = serialize.flush();

/**
 * Turns the statement's text-format rows into value arrays with the caller's type parsers.
 * pg's own Result does the same but also builds a keyed row template per statement (an object
 * copy that V8 takes its slow path for), which array rows never use.
 */
class RowReader {
  /** The statement's columns (its RowDescription): names and type OIDs. */
  fields: { name: string; dataTypeID: number }[] = [];
  private parsers: ((text: string) => unknown)[] = [];

  constructor(private readonly types: pg.CustomTypesConfig) {}

  addFields(fields: { name: string; dataTypeID: number }[]): void {
    this.fields = fields;
    // Every value comes as text: the Bind asks for no binary result columns.
    this.parsers = fields.map((field) => this.types.getTypeParser(field.dataTypeID, 'text') as (text: string) => unknown);
  }

  parseRow(values: (string | null)[]): unknown[] {
    const row = new Array<unknown>(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      row[i] = value === null || value === undefined ? null : this.parsers[i]!(value);
    }
    return row;
  }
}

const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

/** The part of pg's Connection a submittable writes to. */
interface WireConnection {
  stream: { writable: boolean; write(bytes: Buffer): boolean };
  sendCopyFail(message: string): void;
}

/**
 * One statement in a read-only transaction of its own, written to the server as a single
 * pipelined batch: Parse/Bind/Execute `BEGIN TRANSACTION READ ONLY`; Parse/Bind/Describe/Execute
 * the statement; Flush; Parse/Bind/Execute `ROLLBACK`; one Sync. One write and one round trip per
 * call, where separate messages would cost a round trip each; the Flush sends the statement's
 * rows on at once, so the ROLLBACK runs on the server while the caller already has its answer.
 *
 * The guarantees hold by the protocol: the statement is a single Parse (a second statement is a
 * syntax error) and it shares one Sync with the BEGIN before it, so if BEGIN fails the server
 * skips the statement; it never runs outside the read-only transaction. Whatever the statement
 * changes in the session (settings, even `set_config(…, false)`) is undone by the ROLLBACK. When
 * the statement fails, the server skips that ROLLBACK too and the connection is left in a failed
 * transaction: `failed` says so, and the caller ends it before the connection is used again.
 *
 * Emits 'row' (values, result with `fields`) for each row, then 'done' (result) once the
 * statement has finished or 'error'; then 'settled' once the connection is free again.
 */
export class ReadOnlyStatement extends EventEmitter implements pg.Submittable {
  readonly result: RowReader;
  /** True once the server reported an error: the connection needs a ROLLBACK before reuse. */
  failed = false;
  /** True once the connection is free for another query. */
  settled = false;
  /** A row the type parsers could not read: reported when the statement is done. */
  private parseError: Error | undefined;
  /** CommandCompletes (or EmptyQueryResponse) seen: BEGIN's, the statement's, ROLLBACK's. */
  private completions = 0;

  constructor(
    readonly text: string,
    private readonly values: unknown[],
    types: pg.CustomTypesConfig,
  ) {
    super();
    this.result = new RowReader(types);
  }

  submit(connection: pg.Connection): Error | null {
    const wire = connection as unknown as WireConnection;
    let bind: Buffer;
    try {
      bind = serialize.bind({ values: this.values, valueMapper: (value: unknown) => prepareValue(value) as string | null });
    } catch (error) {
      return error as Error;
    }
    if (!wire.stream.writable) return new Error('The connection to the database is closed.');
    wire.stream.write(Buffer.concat([BEGIN_BYTES, serialize.parse({ text: this.text }), bind, DESCRIBE_PORTAL, EXECUTE_ALL, FLUSH, END_BYTES]));
    return null;
  }

  handleRowDescription(message: { fields: { name: string; dataTypeID: number }[] }): void {
    this.result.addFields(message.fields);
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.parseError) return;
    let row: unknown[];
    try {
      row = this.result.parseRow(message.fields);
    } catch (error) {
      this.parseError = error as Error;
      return;
    }
    this.emit('row', row, this.result);
  }

  handleCommandComplete(): void {
    if (++this.completions === 2) this.statementDone();
  }

  /** An empty statement answers EmptyQueryResponse instead of CommandComplete. */
  handleEmptyQuery(): void {
    this.handleCommandComplete();
  }

  handlePortalSuspended(): void {}

  /** pg frees the connection for the next query on an error (the server skips to the Sync). */
  handleError(error: Error): void {
    this.failed = true;
    this.emit('error', this.parseError ?? error);
    this.settle();
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  private statementDone(): void {
    if (this.parseError) this.emit('error', this.parseError);
    else this.emit('done', this.result);
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.emit('settled');
  }

  /** COPY … FROM STDIN cannot get data here; the server is told so and the call fails. */
  handleCopyInResponse(connection: pg.Connection): void {
    (connection as unknown as WireConnection).sendCopyFail('COPY from the client is not supported.');
  }

  handleCopyData(): void {}
}
