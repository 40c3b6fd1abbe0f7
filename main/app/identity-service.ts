import type pg from 'pg';
import { IDENTITIES, resolveIdentity, storeBySlug, type Identity } from '../db/identities.ts';
import { defineQuery } from '../db/typed-query.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { BridgeState, ToolError } from '../kernel/contract.ts';
import type { BridgeService } from './bridge-service.ts';
import { isColumnar, toolError } from './supervision/tool-result.ts';

/** Every store with the orders the session can see (sql/queries/store_order_visibility.sql). */
export const storeOrderVisibility = defineQuery<[], { store_name: string; orders: string }>('store_order_visibility');

export interface IdentityServiceDeps {
  bridges: Pick<BridgeService, 'state' | 'selectIdentity' | 'whenReady' | 'callTool'>;
  settings: Pick<SettingsFile, 'read'>;
  /** A superuser connection to the app database (the caller's to end). */
  admin: () => Promise<Pick<pg.Client, 'query' | 'end'>>;
}

export function identityView(i: Identity) {
  return { id: i.id, slug: i.slug, kind: i.kind, displayName: i.displayName, role: i.role, stores: i.stores.map((s) => ({ slug: s, name: storeBySlug(s).name })) };
}

/** The RLS switcher: list identities, switch the bridges to one, and prove what it sees. */
export class IdentityService {
  constructor(private readonly deps: IdentityServiceDeps) {}

  list() {
    return { identities: IDENTITIES.map(identityView), selected: this.deps.settings.read().identity };
  }

  /** Switches to a slug or manager UUID (unknown ones are refused) and waits for the bridge. */
  async select(slugOrId: string): Promise<{ selected: string; bridge: BridgeState }> {
    const identity = resolveIdentity(slugOrId);
    await this.deps.bridges.selectIdentity(identity.slug);
    await this.deps.bridges.whenReady(60_000);
    return { selected: identity.slug, bridge: this.deps.bridges.state() };
  }

  /** Runs the visibility query through the bridge (RLS applies) and as the superuser (the totals). */
  async proveVisibility() {
    const sql = storeOrderVisibility.text();
    const identity = this.deps.bridges.state().identity;
    const [result, totals] = await Promise.all([this.deps.bridges.callTool('execute_sales_query', { postgresql_query: sql }), this.superuserTotals()]);
    const error: ToolError | null = toolError(result);
    const visible = new Map<string, number>();
    if (!error && isColumnar(result.structuredContent)) for (const row of result.structuredContent.r) visible.set(String(row[0]), Number(row[1]));
    const stores = [...totals.entries()].map(([store, totalOrders]) => ({ store, visibleOrders: visible.get(store) ?? 0, totalOrders }));
    return {
      identity,
      sql,
      stores,
      visibleTotal: stores.reduce((n, s) => n + s.visibleOrders, 0),
      grandTotal: stores.reduce((n, s) => n + s.totalOrders, 0),
      error,
    };
  }

  /** The same counts as the superuser (RLS does not apply): what "everything" is. */
  private async superuserTotals(): Promise<Map<string, number>> {
    const client = await this.deps.admin();
    try {
      const rows = await storeOrderVisibility.rows(client);
      return new Map(rows.map((r) => [r.store_name, Number(r.orders)]));
    } finally {
      await client.end();
    }
  }
}
