import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Columnar, ToolCallResult, ToolError } from '../../kernel/contract.ts';

/** Whether a tool's structured content is columnar rows. */
export function isColumnar(value: unknown): value is Columnar {
  const v = value as Partial<Columnar> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.c) && Array.isArray(v.r) && typeof v.n === 'number';
}

/** The error a tool returned, from its structured content, or failing that from its JSON text. */
export function toolError(result: CallToolResult): ToolError | null {
  if (!result.isError) return null;
  const fromStructured = (result.structuredContent as { error?: ToolError } | undefined)?.error;
  if (fromStructured && typeof fromStructured.code === 'string') return pick(fromStructured);
  const text = textOf(result);
  try {
    const parsed = JSON.parse(text) as { error?: ToolError };
    if (parsed.error && typeof parsed.error.code === 'string') return pick(parsed.error);
  } catch {
    // Plain-text error (e.g. an unknown tool reported by the SDK).
  }
  return { code: 'UNKNOWN_ERROR', message: text || 'The tool reported an error without a message.' };
}

function pick(error: ToolError): ToolError {
  return {
    code: error.code,
    message: String(error.message ?? ''),
    ...(typeof error.hint === 'string' ? { hint: error.hint } : {}),
    ...(typeof error.sqlState === 'string' ? { sqlState: error.sqlState } : {}),
  };
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
