import { z } from 'zod';
import { ZavaError } from '../kernel/errors.ts';

/** A store of the chain, as the lab defines it (names and manager ids are the lab's). */
export interface StoreDef {
  slug: string;
  name: string;
  location: string;
  isOnline: boolean;
  managerId: string;
  /** Relative share of orders (the lab's store weights). */
  weight: number;
  /** Relative share of customers whose primary store this is. */
  customerShare: number;
}

export const STORES: readonly StoreDef[] = [
  { slug: 'seattle', name: 'Zava Retail Seattle', location: 'Seattle, WA', isOnline: false, managerId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', weight: 3.0, customerShare: 3.0 },
  { slug: 'bellevue', name: 'Zava Retail Bellevue', location: 'Bellevue, WA', isOnline: false, managerId: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', weight: 2.5, customerShare: 2.5 },
  { slug: 'tacoma', name: 'Zava Retail Tacoma', location: 'Tacoma, WA', isOnline: false, managerId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', weight: 2.0, customerShare: 2.0 },
  { slug: 'spokane', name: 'Zava Retail Spokane', location: 'Spokane, WA', isOnline: false, managerId: 'd8e9f0a1-b2c3-4567-8901-234567890abc', weight: 1.8, customerShare: 1.8 },
  { slug: 'everett', name: 'Zava Retail Everett', location: 'Everett, WA', isOnline: false, managerId: '3b9ac9fa-cd5e-4b92-a7f2-b8c1d0e9f2a3', weight: 1.5, customerShare: 1.5 },
  { slug: 'redmond', name: 'Zava Retail Redmond', location: 'Redmond, WA', isOnline: false, managerId: 'e7f8a9b0-c1d2-3e4f-5678-90abcdef1234', weight: 1.5, customerShare: 1.5 },
  { slug: 'kirkland', name: 'Zava Retail Kirkland', location: 'Kirkland, WA', isOnline: false, managerId: '9c8b7a65-4321-fed0-9876-543210fedcba', weight: 1.5, customerShare: 1.5 },
  { slug: 'online', name: 'Zava Retail Online', location: 'Online (ships across Washington)', isOnline: true, managerId: '2f4e6d8c-1a3b-5c7e-9f0a-b2d4f6e8c0a2', weight: 4.0, customerShare: 1.2 },
];

export type IdentityKind = 'store_manager' | 'regional_manager' | 'head_office';

/** Who the bridge acts as: one LOGIN role per identity, seeing only `stores`. */
export interface Identity {
  id: string;
  slug: string;
  kind: IdentityKind;
  displayName: string;
  /** The PostgreSQL LOGIN role this identity connects as. */
  role: string;
  /** The group role granting its read privileges (the seed's vocabulary). */
  group: 'store_managers' | 'regional_managers' | 'head_office';
  /** Store slugs this identity may see. */
  stores: string[];
}

const storeIdentities: Identity[] = STORES.map((s) => ({
  id: s.managerId,
  slug: s.slug,
  kind: 'store_manager',
  displayName: `${s.name} store manager`,
  role: `zava_store_${s.slug}`,
  group: 'store_managers',
  stores: [s.slug],
}));

/** Regional managers are ours (the lab has none): a few stores each, ids of our own. */
const regionalIdentities: Identity[] = [
  { id: 'b1a7e3c2-5d4f-4e6a-9b8c-0d1e2f3a4b5c', slug: 'region-eastside', displayName: 'Eastside regional manager (Bellevue, Redmond, Kirkland)', stores: ['bellevue', 'redmond', 'kirkland'] },
  { id: 'c2b8f4d3-6e5a-4f7b-8c9d-1e2f3a4b5c6d', slug: 'region-sound', displayName: 'Puget Sound regional manager (Seattle, Tacoma, Everett)', stores: ['seattle', 'tacoma', 'everett'] },
  { id: 'd3c9a5e4-7f6b-4a8c-9d0e-2f3a4b5c6d7e', slug: 'region-east-online', displayName: 'Eastern WA & online regional manager (Spokane, Online)', stores: ['spokane', 'online'] },
].map((r) => ({ ...r, kind: 'regional_manager' as const, role: `zava_${r.slug.replace(/-/g, '_')}`, group: 'regional_managers' as const }));

const headOffice: Identity = {
  id: '00000000-0000-0000-0000-000000000000',
  slug: 'head-office',
  kind: 'head_office',
  displayName: 'Head office (all stores)',
  role: 'zava_head_office',
  group: 'head_office',
  stores: STORES.map((s) => s.slug),
};

export const IDENTITIES: readonly Identity[] = [...storeIdentities, ...regionalIdentities, headOffice];

const identityArgSchema = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.toLowerCase());

/**
 * Resolves `--user` (a manager UUID or a slug). Unknown or empty fails closed: there is
 * no default identity, and head office is only ever chosen by name.
 */
export function resolveIdentity(value: string | undefined): Identity {
  if (value === undefined || value.trim() === '') {
    throw new ZavaError('AUTHORIZATION_ERROR', 'No identity given: the bridge never picks one for you.', {
      hint: `Pass --user <identity>, one of: ${IDENTITIES.map((i) => i.slug).join(', ')} (or a manager UUID). See \`zava-mcp users\`.`,
    });
  }
  const key = identityArgSchema.parse(value);
  const found = IDENTITIES.find((i) => i.id === key || i.slug === key || i.role === key);
  if (!found) {
    throw new ZavaError('AUTHORIZATION_ERROR', `Unknown identity "${value}".`, {
      hint: `Use one of: ${IDENTITIES.map((i) => i.slug).join(', ')} (or a manager UUID). See \`zava-mcp users\`.`,
    });
  }
  return found;
}

export function storeBySlug(slug: string): StoreDef {
  const store = STORES.find((s) => s.slug === slug);
  if (!store) throw new Error(`unknown store slug ${slug}`);
  return store;
}
