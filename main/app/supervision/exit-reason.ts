import type { ChildProcess } from 'node:child_process';

/** Keeps the last lines a child wrote to stderr, to explain a crash. */
export class StderrTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 20) {}

  /** Adds a chunk; returns the complete lines it finished. */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    const complete = parts.filter((l) => l.trim() !== '');
    this.lines.push(...complete);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    return complete;
  }

  last(): string | undefined {
    return this.partial.trim() || this.lines.at(-1);
  }

  all(): string[] {
    return this.partial.trim() ? [...this.lines, this.partial] : [...this.lines];
  }
}

/**
 * What a stderr line tells a user: plain text as is; a structured log line (the bridge logs
 * JSON) only when it is a warning or error, as its message.
 */
export function explainLine(line: string | undefined): string | undefined {
  if (!line) return undefined;
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; message?: string; error?: string };
    if (entry.level !== 'error' && entry.level !== 'warn') return undefined;
    return [entry.msg ?? entry.message, entry.error].filter(Boolean).join(': ') || undefined;
  } catch {
    return line;
  }
}

/** A sentence saying how a child ended: exit code or signal, and the last thing it said that matters. */
export function exitReason(child: ChildProcess | undefined, tail: StderrTail): string {
  const code = child?.exitCode ?? null;
  const signal = child?.signalCode ?? null;
  const how = signal ? `was killed by ${signal}` : code !== null ? `exited with code ${code}` : 'closed its connection';
  const last = explainLine(tail.last());
  return `The bridge process${child?.pid ? ` (pid ${child.pid})` : ''} ${how}${last ? `: ${last}` : '.'}`;
}
