import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Escapes one value for COPY's text format (NULL as \N). */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

/** Streams rows into `COPY … FROM STDIN`, batching lines and honouring backpressure. */
export class CopyWriter {
  private readonly stream: NodeJS.WritableStream;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(client: pg.PoolClient | pg.Client, copySql: string) {
    this.stream = client.query(copyFrom(copySql)) as unknown as NodeJS.WritableStream;
  }

  /** Adds a row; await the result only when it returns a promise (the stream is full). */
  row(fields: (string | number | boolean | null)[]): Promise<void> | undefined {
    const line = fields.map(copyField).join('\t') + '\n';
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size < 1 << 18) return undefined;
    return this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    const finished = Promise.race([once(this.stream, 'finish'), once(this.stream, 'error').then(([e]) => Promise.reject(e))]);
    this.stream.end();
    await finished;
  }
}
