import { z } from 'zod';
import { firstRunScaleSchema } from './config/first-run-scale.ts';
import { settingsPatchSchema, settingsSchema } from './config/settings-schema.ts';
import type { Channel, EventName } from './channels.ts';
import { errorInfoSchema, type ErrorInfo } from './errors.ts';

/**
 * The one contract between main (Electron or the web shell) and the renderer: for every
 * channel a request and a response schema. Main validates both directions; the renderer
 * imports only the types. Responses travel in an envelope because Electron's `invoke`
 * keeps nothing of a thrown error but its message.
 */

const empty = z.object({});
const isoTime = z.string();

/** An error as it crosses the boundary: errors.ts's one shape (a code, a sentence saying what to do, a hint). */
export { errorInfoSchema };

export const resetProgressSchema = z.object({ phase: z.string(), fraction: z.number().min(0).max(1), message: z.string() });

export const appStateSchema = z.object({
  phase: z.enum(['starting', 'database', 'building', 'bridge', 'ready', 'error']),
  message: z.string(),
  progress: resetProgressSchema.nullable(),
  error: z.string().nullable(),
  shell: z.enum(['electron', 'web']),
  dataDir: z.string(),
  version: z.string(),
  startedAt: isoTime,
  readyAt: isoTime.nullable(),
});

export const bridgeStateSchema = z.object({
  status: z.enum(['starting', 'ready', 'restarting', 'stopped']),
  identity: z.string(),
  pid: z.number().int().nullable(),
  restarts: z.number().int(),
  lastError: z.string().nullable(),
  lastErrorAt: isoTime.nullable(),
  readySince: isoTime.nullable(),
  nextRetryAt: isoTime.nullable(),
});

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One probe's verdict; `lastError` survives recovery so the user sees what happened.
 * `pending`: not up yet because the app is still starting (first build): neutral, not a fault.
 */
export const probeSchema = z.object({
  status: z.enum(['ok', 'pending', 'warn', 'error', 'unavailable']),
  summary: z.string(),
  details: z.record(z.string(), detailValue),
  lastError: z.string().nullable(),
  lastErrorAt: isoTime.nullable(),
  checkedAt: isoTime,
  latencyMs: z.number().nullable(),
});

export const healthReportSchema = z.object({
  database: probeSchema,
  pgvector: probeSchema,
  bridge: probeSchema,
  embeddings: probeSchema,
  checkedAt: isoTime,
});

export const toolSummarySchema = z.object({
  tool: z.string(),
  count: z.number().int(),
  errors: z.number().int(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  maxMs: z.number(),
  slowCalls: z.number().int(),
  cacheHitRatio: z.number().nullable(),
  lastAt: isoTime.nullable(),
});

export const metricCallSchema = z.object({
  ts: isoTime,
  tool: z.string(),
  identity: z.string(),
  durationMs: z.number(),
  status: z.enum(['ok', 'error']),
  errorCode: z.string().nullable(),
  rows: z.number().nullable(),
  cacheHit: z.boolean(),
  fingerprint: z.string().nullable(),
  pid: z.number().int().nullable(),
  /** The SQL of a slow call (bridges log it to slow-queries.jsonl), when known. */
  sql: z.string().nullable(),
});

export const performanceSummarySchema = z.object({
  tools: z.array(toolSummarySchema),
  series: z.array(z.object({ t: isoTime, count: z.number().int(), errors: z.number().int(), p50: z.number(), p95: z.number() })),
  bucketMs: z.number().int(),
  slowest: z.array(metricCallSchema),
  slowThresholdMs: z.number(),
  totalCalls: z.number().int(),
  processes: z.number().int(),
  windowMinutes: z.number(),
});

export const statementsSchema = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  statements: z.array(
    z.object({ query: z.string(), role: z.string(), calls: z.number(), totalMs: z.number(), meanMs: z.number(), rows: z.number() }),
  ),
});

export const identityViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  kind: z.enum(['store_manager', 'regional_manager', 'head_office']),
  displayName: z.string(),
  role: z.string(),
  stores: z.array(z.object({ slug: z.string(), name: z.string() })),
});

/** A tool error exactly as the model receives it (the same shape as every other error). */
export const toolErrorSchema = errorInfoSchema;

export const toolCallResultSchema = z.object({
  tool: z.string(),
  identity: z.string(),
  isError: z.boolean(),
  structured: z.unknown().nullable(),
  text: z.string(),
  error: toolErrorSchema.nullable(),
  durationMs: z.number(),
});

export const visibilitySchema = z.object({
  identity: z.string(),
  sql: z.string(),
  stores: z.array(z.object({ store: z.string(), visibleOrders: z.number(), totalOrders: z.number() })),
  visibleTotal: z.number(),
  grandTotal: z.number(),
  error: toolErrorSchema.nullable(),
});

export const clientKindSchema = z.enum(['claude', 'vscode', 'cursor']);

export const launchSpecSchema = z.object({ command: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string()) });

export const clientConfigsSchema = z.object({
  identity: z.string(),
  configs: z.array(z.object({ client: clientKindSchema, title: z.string(), fileHint: z.string(), json: z.string(), launch: launchSpecSchema })),
  http: z.object({
    enabled: z.boolean(),
    /** The app's HTTP bridge: stopped, starting, ready or restarting. */
    status: z.string(),
    url: z.string().nullable(),
    token: z.string().nullable(),
    lastError: z.string().nullable(),
    note: z.string(),
    /** VS Code's entry for the HTTP endpoint (with the bearer header). */
    vscodeJson: z.string().nullable(),
  }),
});

export const logFileSchema = z.object({ id: z.string(), title: z.string(), path: z.string(), size: z.number(), modifiedAt: isoTime.nullable() });

export const settingsViewSchema = z.object({
  settings: settingsSchema,
  dataDir: z.string(),
  paths: z.record(z.string(), z.string()),
  secrets: z.object({ embeddingsApiKey: z.boolean() }),
  restartNeeded: z.array(z.string()),
});

export const resetResultSchema = z.object({
  scale: z.string(),
  seed: z.number(),
  counts: z.record(z.string(), z.number()),
  totalMs: z.number(),
});

/**
 * The dashboard's "build vectors for this provider" job: one at a time; its state (also pushed
 * as `embeddings:build-progress`). Never carries the API key.
 */
export const embeddingsBuildStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('running'), modelId: z.string(), done: z.number().int(), total: z.number().int(), message: z.string(), startedAt: isoTime }),
  z.object({
    status: z.literal('done'),
    modelId: z.string(),
    /** The set is complete and served (the bridge restarted onto it). */
    published: z.boolean(),
    vectors: z.number().int(),
    computed: z.number().int(),
    reused: z.number().int(),
    ms: z.number(),
    finishedAt: isoTime,
  }),
  z.object({
    status: z.literal('failed'),
    modelId: z.string().nullable(),
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    finishedAt: isoTime,
  }),
  z.object({ status: z.literal('cancelled'), modelId: z.string(), done: z.number().int(), total: z.number().int(), message: z.string(), finishedAt: isoTime }),
]);

/** Channel → request and response schemas. */
export const contract = {
  'app:get-state': { request: empty, response: appStateSchema },
  'health:get-report': { request: empty, response: healthReportSchema },
  'database:start-server': { request: empty, response: healthReportSchema },
  'database:reset-data': {
    request: z.object({ scale: firstRunScaleSchema, seed: z.number().int().min(0).max(4294967295).optional(), confirm: z.literal('RESET') }),
    response: resetResultSchema,
  },
  'bridge:get-state': { request: empty, response: bridgeStateSchema },
  'bridge:restart-process': { request: empty, response: bridgeStateSchema },
  'performance:get-summary': {
    request: z.object({ windowMinutes: z.number().min(1).max(7 * 24 * 60).default(60) }),
    response: performanceSummarySchema,
  },
  'performance:get-statements': {
    request: z.object({
      limit: z.number().int().min(1).max(100).default(15),
      /** Also the admin's and the data loader's statements (left out by default: they crowd out the tools'). */
      includeAdmin: z.boolean().default(false),
    }),
    response: statementsSchema,
  },
  'identity:list-identities': { request: empty, response: z.object({ identities: z.array(identityViewSchema), selected: z.string() }) },
  'identity:select-identity': { request: z.object({ slug: z.string().min(1) }), response: z.object({ selected: z.string(), bridge: bridgeStateSchema }) },
  'identity:prove-visibility': { request: empty, response: visibilitySchema },
  'playground:list-tools': {
    request: empty,
    response: z.object({
      identity: z.string(),
      tools: z.array(z.object({ name: z.string(), title: z.string().nullable(), description: z.string(), inputSchema: z.unknown() })),
    }),
  },
  'playground:call-tool': {
    request: z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }),
    response: toolCallResultSchema,
  },
  'clients:get-configs': { request: z.object({ identity: z.string().min(1) }), response: clientConfigsSchema },
  'logs:list-files': { request: empty, response: z.object({ files: z.array(logFileSchema) }) },
  'logs:read-tail': {
    request: z.object({ id: z.string().min(1), lines: z.number().int().min(1).max(5000).default(200) }),
    response: z.object({ id: z.string(), path: z.string(), lines: z.array(z.string()), size: z.number() }),
  },
  'logs:reveal-file': { request: z.object({ id: z.string().min(1) }), response: z.object({ path: z.string(), revealed: z.boolean() }) },
  'settings:get-settings': { request: empty, response: settingsViewSchema },
  'settings:update-settings': { request: z.object({ patch: settingsPatchSchema }), response: settingsViewSchema },
  'settings:set-secret': {
    request: z.object({ name: z.literal('embeddingsApiKey'), value: z.string().min(1).max(4096).nullable() }),
    response: settingsViewSchema,
  },
  'embeddings:start-build': { request: empty, response: embeddingsBuildStateSchema },
  'embeddings:cancel-build': { request: empty, response: embeddingsBuildStateSchema },
  'embeddings:get-build': { request: empty, response: embeddingsBuildStateSchema },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

/** Event → payload schema. */
export const eventSchemas = {
  'app:state-changed': appStateSchema,
  'bridge:state-changed': bridgeStateSchema,
  'database:reset-progress': resetProgressSchema,
  'logs:lines-appended': z.object({ id: z.string(), lines: z.array(z.string()) }),
  'embeddings:build-progress': embeddingsBuildStateSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type { ErrorInfo };
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

export type AppState = z.infer<typeof appStateSchema>;
export type BridgeState = z.infer<typeof bridgeStateSchema>;
export type Probe = z.infer<typeof probeSchema>;
export type HealthReport = z.infer<typeof healthReportSchema>;
export type ToolSummary = z.infer<typeof toolSummarySchema>;
export type MetricCall = z.infer<typeof metricCallSchema>;
export type PerformanceSummary = z.infer<typeof performanceSummarySchema>;
export type ToolError = z.infer<typeof toolErrorSchema>;
export type ToolCallResult = z.infer<typeof toolCallResultSchema>;
/** The `{ c, r, n }` columnar rows every query tool returns in its structured content. */
export interface Columnar {
  c: string[];
  r: unknown[][];
  n: number;
  truncated?: boolean;
}
export type LaunchSpec = z.infer<typeof launchSpecSchema>;
export type ClientKind = z.infer<typeof clientKindSchema>;
export type ResetProgressEvent = z.infer<typeof resetProgressSchema>;
export type EmbeddingsBuildState = z.infer<typeof embeddingsBuildStateSchema>;

/** What the renderer sees as `window.api`: the preload in Electron, the web transport in a browser. */
export interface ZavaApi {
  readonly shell: 'electron' | 'web';
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type { Channel, EventName } from './channels.ts';
