import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppState, BridgeState } from '../../main/kernel/contract.ts';
import { call, useEvent } from './api/use-api.ts';

interface AppStatus {
  app: AppState | undefined;
  bridge: BridgeState | undefined;
}

const Context = createContext<AppStatus>({ app: undefined, bridge: undefined });

/** App and bridge state, loaded once and then kept current by events. */
export function AppStatusProvider({ children }: { children: ReactNode }) {
  const [app, setApp] = useState<AppState>();
  const [bridge, setBridge] = useState<BridgeState>();
  useEvent('app:state-changed', setApp);
  useEvent('bridge:state-changed', setBridge);
  useEffect(() => {
    void call('app:get-state', {}).then(setApp, () => undefined);
    void call('bridge:get-state', {}).then(setBridge, () => undefined);
    // Events can be missed while a stream reconnects: re-read now and then.
    const timer = setInterval(() => {
      void call('app:get-state', {}).then(setApp, () => undefined);
      void call('bridge:get-state', {}).then(setBridge, () => undefined);
    }, 5000);
    return () => clearInterval(timer);
  }, []);
  return <Context.Provider value={{ app, bridge }}>{children}</Context.Provider>;
}

export function useAppStatus(): AppStatus {
  return useContext(Context);
}
