import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import { isPlainObject } from '../kernel/plain-object.ts';

/** Answers one request of a method the transport serves itself; rejects with the JSON-RPC error to send. */
export type DirectHandler = (request: JSONRPCRequest, signal: AbortSignal) => Promise<Record<string, unknown>>;

/** JSON-RPC's "Internal error" code (the SDK's ErrorCode.InternalError). */
const INTERNAL_ERROR = -32603;

/** How much of an oversized line is kept to find its request id (ids come first in practice). */
const HEAD_BYTES = 64 * 1024;

/** Formats a byte count the way the error message names the limit. */
export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/**
 * MCP over stdio (one JSON-RPC message per line), like the SDK's StdioServerTransport but with
 * a per-message size limit that costs one request, not the process: the SDK's transport
 * closes (and the bridge exits) when its buffer overflows. A line over the limit is skipped
 * as it streams in, never buffered whole, and answered with a JSON-RPC error naming the limit;
 * the next line is served as usual. Unparsable JSON gets -32700, as JSON-RPC asks.
 *
 * Some methods are answered directly (`answerDirectly`: the bridge's initialize, ping,
 * tools/list and tools/call): the line checked here goes straight to its handler and the answer
 * straight back, skipping the SDK's Protocol, which runs up to three zod parses per message only
 * to tell requests from responses (a fifth of a light call's latency here). Cancellation works
 * as in the SDK: a `notifications/cancelled` for such a request aborts its signal and no answer
 * is sent.
 *
 * The transport can `listen()` before an MCP server is connected: direct methods are served at
 * once, and anything else waits (in order) for the server, whose need `onunserved` announces.
 * So a stdio bridge answers its client's first messages before the SDK is even loaded.
 */
export class LimitedStdioServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private parts: Buffer[] = [];
  private size = 0;
  /** Set while skipping the rest of an oversized line: its first bytes and total length. */
  private oversized: { head: Buffer; bytes: number } | undefined;
  private closed = false;
  private readonly direct = new Map<string, DirectHandler>();
  private readonly ignored = new Set<string>();
  private listening = false;
  /** Messages for the MCP server that came before one was connected. */
  private waiting: JSONRPCMessage[] | undefined = [];
  /** Called once, when the first message comes that needs the MCP server and none is connected yet. */
  onunserved?: () => void;
  /** Requests answered directly that are still running, by id (for notifications/cancelled). */
  private readonly running = new Map<string | number, AbortController>();

  constructor(
    private readonly maxMessageBytes: number,
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
  ) {}

  /** Starts reading stdin, if not yet: direct methods are served from now on. */
  listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
  }

  /** Called by the MCP server as it connects (after setting onmessage): it gets what waited for it. */
  async start(): Promise<void> {
    this.listen();
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (const message of waiting) this.onmessage?.(message);
  }

  /** Serves requests of `method` with `handler` instead of passing them to the MCP server. */
  answerDirectly(method: string, handler: DirectHandler): void {
    this.direct.set(method, handler);
  }

  /** Drops notifications of `method` that no one here needs (notifications/initialized before any server). */
  ignoreNotification(method: string): void {
    this.ignored.add(method);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.parts = [];
    this.onclose?.();
  }

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const newline = data.indexOf(0x0a, start);
      this.take(newline === -1 ? data.subarray(start) : data.subarray(start, newline));
      if (newline === -1) return;
      this.endLine();
      start = newline + 1;
    }
  };

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.oversized) {
      this.oversized.bytes += piece.length;
      return;
    }
    if (this.size + piece.length > this.maxMessageBytes) {
      const head = Buffer.concat([...this.parts, piece]).subarray(0, HEAD_BYTES);
      this.oversized = { head: Buffer.from(head), bytes: this.size + piece.length };
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(piece);
    this.size += piece.length;
  }

  private endLine(): void {
    if (this.oversized) {
      const { head, bytes } = this.oversized;
      this.oversized = undefined;
      void this.send(tooLarge(requestId(head.toString('utf8')), bytes, this.maxMessageBytes));
      this.onerror?.(new Error(`Skipped a message of ${bytes} bytes (limit ${this.maxMessageBytes}).`));
      return;
    }
    const line = Buffer.concat(this.parts).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.size = 0;
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      void this.send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: the line is not JSON (${(error as Error).message}).` } } as unknown as JSONRPCMessage);
      this.onerror?.(error as Error);
      return;
    }
    const problem = jsonRpcProblem(json);
    if (problem) {
      this.onerror?.(new Error(`Not a JSON-RPC message: ${problem}.`));
      return;
    }
    if (this.takeDirectly(json as JSONRPCMessage)) return;
    if (this.waiting) {
      this.waiting.push(json as JSONRPCMessage);
      if (this.waiting.length === 1) this.onunserved?.();
      return;
    }
    this.onmessage?.(json as JSONRPCMessage);
  }

  /** Answers a request of the direct method, or applies a cancel of one; false for anything else. */
  private takeDirectly(message: JSONRPCMessage): boolean {
    if (!('method' in message)) return false;
    if ('id' in message) {
      const handler = this.direct.get(message.method);
      if (handler) this.answer(message as JSONRPCRequest, handler);
      return handler !== undefined;
    }
    if (this.ignored.has(message.method)) return true;
    if (message.method !== 'notifications/cancelled' || !isPlainObject(message.params)) return false;
    const running = this.running.get(message.params.requestId as string | number);
    if (!running) return false;
    running.abort(message.params.reason);
    return true;
  }

  private answer(request: JSONRPCRequest, handler: DirectHandler): void {
    const controller = new AbortController();
    this.running.set(request.id, controller);
    const reply = (message: Record<string, unknown>) => {
      if (this.running.get(request.id) === controller) this.running.delete(request.id);
      // A cancelled request gets no answer (MCP's cancellation rule, as the SDK does it).
      if (!controller.signal.aborted && !this.closed) void this.send({ jsonrpc: '2.0', id: request.id, ...message } as JSONRPCMessage);
    };
    handler(request, controller.signal).then(
      (result) => reply({ result }),
      (error: { code?: unknown; message?: unknown; data?: unknown }) =>
        reply({
          error: {
            code: Number.isSafeInteger(error?.code) ? error.code : INTERNAL_ERROR,
            message: typeof error?.message === 'string' ? error.message : 'Internal error',
            ...(error?.data !== undefined ? { data: error.data } : {}),
          },
        }),
    );
  }
}

const isRequestId = (v: unknown) => typeof v === 'string' || Number.isInteger(v);
const ENVELOPE_KEYS = {
  request: ['jsonrpc', 'id', 'method', 'params'],
  notification: ['jsonrpc', 'method', 'params'],
  result: ['jsonrpc', 'id', 'result'],
  error: ['jsonrpc', 'id', 'error'],
} as const;

/**
 * Why a parsed line is not one of JSON-RPC's four envelopes (request, notification, result,
 * error), checked as strictly as the SDK's JSONRPCMessageSchema, or undefined when it is one.
 * Plain checks rather than that zod union on every message: the SDK parses each request again
 * with its method's own schema before any handler sees it, params included.
 */
export function jsonRpcProblem(message: unknown): string | undefined {
  if (!isPlainObject(message) || message.jsonrpc !== '2.0') return 'expected an object with "jsonrpc": "2.0"';
  const kind = 'method' in message ? ('id' in message ? 'request' : 'notification') : 'result' in message ? 'result' : 'error' in message ? 'error' : undefined;
  if (!kind) return 'expected a method, a result or an error';
  const extra = Object.keys(message).filter((k) => !(ENVELOPE_KEYS[kind] as readonly string[]).includes(k));
  if (extra.length > 0) return `unexpected key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} in a ${kind}`;
  if (kind === 'request' || kind === 'notification') {
    if (typeof message.method !== 'string') return '"method" must be a string';
    if (message.params !== undefined && !isPlainObject(message.params)) return '"params" must be an object';
  }
  if ((kind === 'request' || kind === 'result' || (kind === 'error' && message.id !== undefined)) && !isRequestId(message.id)) return '"id" must be a string or an integer';
  if (kind === 'result' && !isPlainObject(message.result)) return '"result" must be an object';
  if (kind === 'error') {
    const error = message.error;
    if (!isPlainObject(error) || !Number.isInteger(error.code) || typeof error.message !== 'string') return '"error" must have an integer "code" and a string "message"';
  }
  return undefined;
}

/** The id of a request from the start of its line, when it stands before the params. */
function requestId(head: string): string | number | null {
  const beforeParams = head.split('"params"')[0]!;
  const match = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(beforeParams);
  if (!match) return null;
  try {
    return JSON.parse(match[1]!) as string | number;
  } catch {
    return null;
  }
}

function tooLarge(id: string | number | null, bytes: number, limit: number): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: -32600,
      message: `The message is ${(bytes / (1024 * 1024)).toFixed(1)} MiB, over the bridge's ${formatBytes(limit)} limit per message, so it was not read; the bridge is still serving.`,
      data: { code: 'VALIDATION_ERROR', limitBytes: limit, receivedBytes: bytes, hint: 'Send a smaller request (SQL is limited to 20,000 characters anyway), or raise bridge.maxMessageBytes / ZAVA_MAX_MESSAGE_BYTES.' },
    },
  } as unknown as JSONRPCMessage;
}
