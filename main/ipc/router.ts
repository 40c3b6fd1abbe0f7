import type { z } from 'zod';
import type { Logger } from '../kernel/logger.ts';
import { toErrorInfo } from '../kernel/errors.ts';
import { isChannel, type Channel } from '../kernel/channels.ts';
import { contract, type Envelope, type ResponseOf } from '../kernel/contract.ts';

/** A handler receives the request already parsed (defaults applied) and returns the response data. */
export type Handler<C extends Channel> = (request: z.output<(typeof contract)[C]['request']>) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** One handler per channel: what every group of main/ipc/*.ts contributes to. */
export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup<K extends Channel> = { [C in K]: Handler<C> };

/** The function both shells call: Electron's `ipcMain.handle`, and the web shell's POST handler. */
export type Invoke = (channel: unknown, request: unknown) => Promise<Envelope<unknown>>;

/**
 * Validates the channel and request, runs the handler, validates its response, and always
 * resolves with an envelope: errors never escape as exceptions across the boundary.
 */
export function createRouter(handlers: Handlers, log?: Logger): Invoke {
  return async (channel, request) => {
    if (!isChannel(channel)) return { ok: false, error: { code: 'VALIDATION_ERROR', message: `Unknown channel "${String(channel)}".` } };
    const spec = contract[channel];
    const parsed = spec.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: { code: 'VALIDATION_ERROR', message: `Invalid request for ${channel}: ${issue?.path.join('.') || 'request'}: ${issue?.message}.` },
      };
    }
    try {
      const handler = handlers[channel] as (req: unknown) => Promise<unknown> | unknown;
      const data = await handler(parsed.data);
      const checked = spec.response.safeParse(data);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        log?.error(`ipc ${channel}: response does not match the contract at ${issue?.path.join('.')}: ${issue?.message}`);
        return { ok: false, error: { code: 'INTERNAL_ERROR', message: `The app produced an invalid response for ${channel}.` } };
      }
      return { ok: true, data: checked.data };
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code === 'INTERNAL_ERROR') log?.error(`ipc ${channel}: ${(error as Error)?.stack ?? info.message}`);
      return { ok: false, error: info };
    }
  };
}
