import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { errorInfoSchema, toErrorInfo, type ZavaError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';

/** What a tool handler gets besides its arguments: cancellation and a per-call logger. */
export interface ToolContext {
  signal: AbortSignal;
  correlationId: string;
  log: Logger;
}

/** A handler's success: the structured result plus what the metrics record wants to know. */
export interface ToolOutcome<O> {
  structured: O;
  /** Text for the model; defaults to compact JSON of `structured`. */
  text?: string;
  cacheHit?: boolean;
  rows?: number;
  bytes?: number;
  /** SQL run, for the query fingerprint and the slow-query log. */
  sql?: string;
}

/** One MCP tool: description written for the model, schemas, annotations, handler. */
export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** `_meta` of the tool listing (e.g. the MCP App view that draws its result). */
  meta?: Record<string, unknown>;
  handler: (args: z.output<I>, ctx: ToolContext) => Promise<ToolOutcome<z.output<O>>>;
}

/** Keeps the generic types of a definition while collecting definitions of different shapes. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The structured content of every `isError` result: the one error shape (kernel/errors.ts). */
export const errorOutputSchema = z.object({ error: errorInfoSchema });

/** The compact columnar shape: column names, rows as arrays, row count, truncation info. */
export const columnarSchema = z.object({
  c: z.array(z.string()).describe('column names'),
  r: z.array(z.array(z.unknown())).describe('rows, each an array in column order'),
  n: z.number().int().describe('number of rows returned'),
  truncated: z.boolean().describe('true when the row or byte cap cut the result'),
  truncated_by: z.enum(['row_cap', 'byte_cap']).optional(),
  row_cap: z.number().int().optional(),
  note: z.string().optional(),
});

export function errorResult(error: ZavaError) {
  const payload = { error: toErrorInfo(error) };
  return { content: [{ type: 'text' as const, text: JSON.stringify(payload) }], structuredContent: payload, isError: true };
}

export function successResult<O>(outcome: ToolOutcome<O>) {
  return {
    content: [{ type: 'text' as const, text: outcome.text ?? JSON.stringify(outcome.structured) }],
    structuredContent: outcome.structured as Record<string, unknown>,
  };
}

/** Formats zod issues as one sentence naming each field and its limit. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
}
