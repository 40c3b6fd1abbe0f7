import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** The RLS switcher: list identities, switch the bridge to one, and prove what it sees. */
export function identityHandlers(core: Pick<AppCore, 'identities'>): HandlerGroup<'identity:list-identities' | 'identity:select-identity' | 'identity:prove-visibility'> {
  return {
    'identity:list-identities': () => core.identities.list(),
    'identity:select-identity': ({ slug }) => core.identities.select(slug),
    'identity:prove-visibility': () => core.identities.proveVisibility(),
  };
}
