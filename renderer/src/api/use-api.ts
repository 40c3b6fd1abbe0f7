import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ErrorInfo, EventName, EventPayload, RequestOf, ResponseOf, ZavaApi } from '../../../main/kernel/contract.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; in a browser main.tsx installs the web transport. */
    api: ZavaApi;
  }
}

/** A failed call, with the code and hint the main side sent. */
export class ApiError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.hint = info.hint;
  }
}

/** Calls a channel; resolves with its data or throws an ApiError. */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await window.api.invoke(channel, request);
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.data;
}

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads a channel on mount (and every `intervalMs`, if given); keeps the last good data through errors. */
export function useQuery<C extends Channel>(channel: C, request: RequestOf<C>, options: { intervalMs?: number; enabled?: boolean } = {}): QueryState<ResponseOf<C>> {
  const [data, setData] = useState<ResponseOf<C>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(request);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const result = await call(channel, JSON.parse(key) as RequestOf<C>);
      if (ticket === latest.current) {
        setData(result);
        setError(undefined);
      }
    } catch (e) {
      if (ticket === latest.current) setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL_ERROR', message: String(e) }));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [channel, key]);
  useEffect(() => {
    if (options.enabled === false) return;
    void reload();
    if (!options.intervalMs) return;
    const timer = setInterval(() => void reload(), options.intervalMs);
    return () => clearInterval(timer);
  }, [reload, options.intervalMs, options.enabled]);
  return { data, error, loading, reload };
}

/** Subscribes to a main-process event for the component's lifetime. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => window.api.on(event, (payload) => ref.current(payload)), [event]);
}

/** Runs an action with busy/error state, for buttons and forms. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL_ERROR', message: String(e) }));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}
