import type { AppCore } from '../app/app-core.ts';
import { isColumnar } from '../app/supervision/tool-result.ts';
import { toolError } from '../app/supervision/tool-result.ts';
import { IDENTITIES, resolveIdentity, storeBySlug, type Identity } from '../db/identities.ts';
import type { HandlerGroup } from './router.ts';

/** The query the RLS page runs through the bridge: every store, with the orders this identity can see. */
export const VISIBILITY_SQL =
  'SELECT s.store_name, count(o.*) AS orders FROM retail.stores s LEFT JOIN retail.orders o USING (store_id) GROUP BY 1 ORDER BY 1';

type Deps = Pick<AppCore, 'bridge' | 'settings' | 'selectIdentity' | 'database'>;

export function identityView(i: Identity) {
  return { id: i.id, slug: i.slug, kind: i.kind, displayName: i.displayName, role: i.role, stores: i.stores.map((s) => ({ slug: s, name: storeBySlug(s).name })) };
}

/** The RLS switcher: list identities, switch the bridge to one, and prove what it sees. */
export function identityHandlers(core: Deps): HandlerGroup<'identity:list-identities' | 'identity:select-identity' | 'identity:prove-visibility'> {
  return {
    'identity:list-identities': () => ({ identities: IDENTITIES.map(identityView), selected: core.settings.read().identity }),
    'identity:select-identity': async ({ slug }) => {
      const identity = resolveIdentity(slug);
      await core.selectIdentity(identity.slug);
      await core.bridge.whenReady(60_000);
      return { selected: identity.slug, bridge: core.bridge.getState() };
    },
    'identity:prove-visibility': async () => {
      const identity = core.bridge.getState().identity;
      const [result, totals] = await Promise.all([core.bridge.callTool('execute_sales_query', { postgresql_query: VISIBILITY_SQL }), superuserTotals(core)]);
      const error = toolError(result);
      const visible = new Map<string, number>();
      if (!error && isColumnar(result.structuredContent)) for (const row of result.structuredContent.r) visible.set(String(row[0]), Number(row[1]));
      const stores = [...totals.entries()].map(([store, totalOrders]) => ({ store, visibleOrders: visible.get(store) ?? 0, totalOrders }));
      return {
        identity,
        sql: VISIBILITY_SQL,
        stores,
        visibleTotal: stores.reduce((n, s) => n + s.visibleOrders, 0),
        grandTotal: stores.reduce((n, s) => n + s.totalOrders, 0),
        error,
      };
    },
  };
}

/** The same counts as the superuser (RLS does not apply): what "everything" is. */
async function superuserTotals(core: Deps): Promise<Map<string, number>> {
  const client = await core.database.admin();
  try {
    const { rows } = await client.query<{ store_name: string; orders: string }>(VISIBILITY_SQL);
    return new Map(rows.map((r) => [r.store_name, Number(r.orders)]));
  } finally {
    await client.end();
  }
}
