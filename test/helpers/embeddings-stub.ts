import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stub behaves; change fields between requests. */
export interface StubBehaviour {
  /** Required bearer / api-key value; undefined accepts anything (like a local server). */
  apiKey?: string;
  /** Vector length the stub returns (regardless of the request's `dimensions`). */
  dimensions: number;
  /** Delay before answering each request, in ms. */
  delayMs: number;
  /** Fail every request with this HTTP status. */
  failStatus?: number;
}

/** A local server speaking the OpenAI embeddings API on 127.0.0.1 (real HTTP, node:http). */
export interface EmbeddingsStub {
  /** `http://127.0.0.1:<port>/v1`, the OpenAI-compatible base URL. */
  baseURL: string;
  /** `http://127.0.0.1:<port>`, an Azure-style endpoint. */
  origin: string;
  behaviour: StubBehaviour;
  /** Requests seen: path, auth header presence, inputs, request body. */
  requests: { path: string; authorization: string | undefined; apiKeyHeader: string | undefined; body: any }[];
  close(): Promise<void>;
}

/**
 * Deterministic bag-of-words vectors: each word adds a hashed unit direction, so texts sharing
 * words are similar. Enough to test indexing and search end to end without a real model.
 */
export function stubVector(text: string, dimensions: number): number[] {
  const v: number[] = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const h = crypto.createHash('sha256').update(word).digest();
    for (let k = 0; k < 4; k++) v[h.readUInt32LE(k * 4) % dimensions]! += (h[16 + k]! & 1 ? 1 : -1) * 0.5;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

/** Starts the stub on 127.0.0.1 with an ephemeral port; `close()` stops it. */
export async function startEmbeddingsStub(behaviour: Partial<StubBehaviour> = {}): Promise<EmbeddingsStub> {
  const state: StubBehaviour = { dimensions: 64, delayMs: 0, ...behaviour };
  const requests: EmbeddingsStub['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      const authorization = req.headers.authorization;
      const apiKeyHeader = req.headers['api-key'] as string | undefined;
      requests.push({ path: req.url ?? '', authorization, apiKeyHeader, body });
      const send = (status: number, payload: unknown) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      setTimeout(() => {
        if (!/\/embeddings(\?|$)/.test(req.url ?? '')) return send(404, { error: { message: 'not found', type: 'invalid_request_error' } });
        const presented = apiKeyHeader ?? authorization?.replace(/^Bearer /, '');
        if (state.apiKey !== undefined && presented !== state.apiKey) {
          // Real servers echo (part of) the key; the client must not pass it on.
          return send(401, { error: { message: `Incorrect API key provided: ${presented}`, type: 'invalid_request_error', code: 'invalid_api_key' } });
        }
        if (state.failStatus) return send(state.failStatus, { error: { message: 'stub failure', type: 'server_error' } });
        const inputs: string[] = Array.isArray(body?.input) ? body.input : [body?.input];
        // Answer in reverse order: clients must sort by `index`.
        const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: stubVector(String(text), state.dimensions) })).reverse();
        send(200, { object: 'list', data, model: body?.model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    origin: `http://127.0.0.1:${port}`,
    behaviour: state,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
