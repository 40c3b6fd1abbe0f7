import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Columnar, ToolCallResult, ToolError } from '../../kernel/contract.ts';
import { errorInfoSchema } from '../../kernel/errors.ts';

/** Whether a tool's structured content is columnar rows. */
export function isColumnar(value: unknown): value is Columnar {
  const v = value as Partial<Columnar> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.c) && Array.isArray(v.r) && typeof v.n === 'number';
}

const errorPayloadSchema = z.object({ error: errorInfoSchema });

/** The `{ error }` payload in the one error shape (kernel/errors.ts), or undefined. */
function errorIn(value: unknown): ToolError | undefined {
  const parsed = errorPayloadSchema.safeParse(value);
  return parsed.success ? parsed.data.error : undefined;
}

/** The error a tool returned, from its structured content, or failing that from its JSON text. */
export function toolError(result: CallToolResult): ToolError | null {
  if (!result.isError) return null;
  const fromStructured = errorIn(result.structuredContent);
  if (fromStructured) return fromStructured;
  const text = textOf(result);
  try {
    const fromText = errorIn(JSON.parse(text));
    if (fromText) return fromText;
  } catch {
    // Plain-text error (e.g. an unknown tool reported by the SDK).
  }
  return { code: 'UNKNOWN_ERROR', message: text || 'The tool reported an error without a message.' };
}

/** All text content of a result, joined. */
export function textOf(result: CallToolResult): string {
  return result.content
    .filter((c): c is { type: 'text'; text: string } => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

/** A tool result as the playground shows it: what the model would get, plus timing. */
export function toToolCallResult(tool: string, identity: string, result: CallToolResult, durationMs: number): ToolCallResult {
  return {
    tool,
    identity,
    isError: Boolean(result.isError),
    structured: result.structuredContent ?? null,
    text: textOf(result),
    error: toolError(result),
    durationMs: Math.round(durationMs * 10) / 10,
  };
}
