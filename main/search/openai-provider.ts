import type OpenAI from 'openai';
import { ZavaError } from '../kernel/errors.ts';
import { normalize, type EmbeddingProvider, type ProviderKind } from './provider.ts';

/** Everything the OpenAI-family provider needs; built from a validated provider config. */
export interface OpenAIProviderOptions {
  kind: Exclude<ProviderKind, 'local'>;
  modelId: string;
  /** Model name sent in requests (for Azure: the deployment's model, for display). */
  model: string;
  dimensions: number;
  /** Whether to send `dimensions` (text-embedding-3 models shorten vectors; many local servers reject it). */
  sendDimensions: boolean;
  apiKey: string | undefined;
  baseURL?: string | undefined;
  azure?: { endpoint: string; deployment: string; apiVersion: string } | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxBatch: number;
}

/**
 * Embeddings through the `openai` package: OpenAI itself, Azure OpenAI, or any server that
 * speaks `POST /v1/embeddings` (`baseURL`). Vectors are checked (count, dimensions, finite) and
 * normalised; errors become ZavaErrors whose text never contains the key.
 */
export class OpenAIEmbeddingProvider implements EmbeddingProvider {
  readonly kind: OpenAIProviderOptions['kind'];
  readonly model: string;
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatch: number;
  /** The `openai` package is loaded on the first embedding, not when a bridge or the CLI starts. */
  private sdk?: Promise<{ OpenAI: typeof OpenAI; client: OpenAI }>;

  constructor(private readonly options: OpenAIProviderOptions) {
    this.kind = options.kind;
    this.model = options.model;
    this.modelId = options.modelId;
    this.dimensions = options.dimensions;
    this.maxBatch = options.maxBatch;
  }

  private loadSdk(): Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> {
    this.sdk ??= import('openai').then(({ default: OpenAI, AzureOpenAI }) => {
      const options = this.options;
      const common = { timeout: options.timeoutMs, maxRetries: options.maxRetries };
      // Local OpenAI-compatible servers often need no key; the SDK insists on one, so send a placeholder.
      const apiKey = options.apiKey ?? 'no-key';
      const client = options.azure
        ? new AzureOpenAI({ ...common, apiKey, endpoint: options.azure.endpoint, deployment: options.azure.deployment, apiVersion: options.azure.apiVersion })
        : new OpenAI({ ...common, apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
      return { OpenAI, client };
    });
    return this.sdk;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (texts.length === 0) return [];
    const { OpenAI: sdk, client } = await this.loadSdk();
    let response: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      response = await client.embeddings.create(
        {
          model: this.options.azure?.deployment ?? this.model,
          input: [...texts],
          // Floats, not the SDK's default base64: not every compatible server implements base64.
          encoding_format: 'float',
          ...(this.options.sendDimensions ? { dimensions: this.dimensions } : {}),
        },
        signal ? { signal } : {},
      );
    } catch (error) {
      throw this.describe(sdk, error, signal);
    }
    const data = [...(response.data ?? [])].sort((a, b) => a.index - b.index);
    if (data.length !== texts.length) {
      throw new ZavaError('UNAVAILABLE', `The embeddings server returned ${data.length} vectors for ${texts.length} texts.`, {
        hint: 'Check that the server implements the OpenAI embeddings API for batched input.',
      });
    }
    return data.map((item) => {
      const values = item.embedding as unknown;
      if (!Array.isArray(values) || values.length !== this.dimensions || !values.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        const got = Array.isArray(values) ? `${values.length}-dimensional vectors` : 'no float vector';
        throw new ZavaError('CONFIG_ERROR', `The embeddings model ${this.model} returned ${got}, but the provider is configured for ${this.dimensions} dimensions.`, {
          hint: `Set dimensions to what the model produces${this.options.sendDimensions ? '' : ', or enable sending dimensions if the model can shorten its vectors'}.`,
        });
      }
      return normalize(Float32Array.from(values as number[]));
    });
  }

  /** Turns an SDK error into a ZavaError with a message that is safe to log (no key, no request body). */
  private describe(OpenAI: typeof import('openai').default, error: unknown, signal: AbortSignal | undefined): ZavaError {
    const where = this.options.azure ? 'Azure OpenAI' : this.options.baseURL ? `the embeddings server at ${safeOrigin(this.options.baseURL)}` : 'OpenAI';
    if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) {
      return new ZavaError('QUERY_CANCELLED', `The request to ${where} was cancelled.`);
    }
    if (error instanceof OpenAI.APIConnectionTimeoutError) {
      return new ZavaError('QUERY_TIMEOUT', `${capital(where)} did not answer within ${this.options.timeoutMs} ms.`, {
        hint: 'Check that the server is running and reachable, or raise the provider timeout.',
      });
    }
    if (error instanceof OpenAI.APIConnectionError) {
      return new ZavaError('UNAVAILABLE', `Could not connect to ${where}.`, { hint: 'Check the base URL or endpoint and that the server is running.' });
    }
    if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
      return new ZavaError('CONFIG_ERROR', `${capital(where)} rejected the API key (HTTP ${error.status}).`, {
        hint: 'Enter a valid API key for this provider in Settings; the key is stored encrypted.',
      });
    }
    if (error instanceof OpenAI.APIError) {
      const detail = this.redact(error.message).slice(0, 200);
      const code = error.status === 429 ? 'UNAVAILABLE' : error.status === 400 || error.status === 404 || error.status === 422 ? 'CONFIG_ERROR' : 'UNAVAILABLE';
      return new ZavaError(code, `${capital(where)} answered HTTP ${error.status ?? '?'}: ${detail}`, {
        hint: error.status === 404 ? 'Check the model (or Azure deployment) name.' : error.status === 429 ? 'The provider is rate-limiting: try again later.' : 'Check the provider settings.',
      });
    }
    return new ZavaError('INTERNAL_ERROR', `Embedding with ${where} failed: ${this.redact(error instanceof Error ? error.message : String(error)).slice(0, 200)}`);
  }

  /** Removes the key (and anything shaped like one) from text that may be logged. */
  private redact(text: string): string {
    let out = text;
    if (this.options.apiKey && this.options.apiKey.length >= 4) out = out.split(this.options.apiKey).join('***');
    return out.replace(/\b(sk|key|Bearer)[-_ ][A-Za-z0-9_\-]{8,}/g, '$1-***');
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured URL';
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
