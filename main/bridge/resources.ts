import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { storeBySlug, type Identity } from '../db/identities.ts';
import { ZavaError } from '../kernel/errors.ts';
import type { QueryExecutor } from './executor.ts';
import { describeTables, normaliseTableName, RETAIL_TABLES } from './tools/schema-tools.ts';

/** `zava://identity` (who am I, which stores) and `zava://schema/{table}` for each retail table. */
export function registerResources(server: McpServer, deps: { identity: Identity; executor: QueryExecutor }): void {
  const { identity, executor } = deps;
  server.registerResource(
    'identity',
    'zava://identity',
    { title: 'Who am I', description: 'The identity this server acts as and the stores it may see.', mimeType: 'application/json' },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify({
            id: identity.id,
            slug: identity.slug,
            kind: identity.kind,
            name: identity.displayName,
            database_role: identity.role,
            stores: identity.stores.map((s) => storeBySlug(s).name),
          }),
        },
      ],
    }),
  );

  server.registerResource(
    'table-schema',
    new ResourceTemplate('zava://schema/{table}', {
      list: async () => ({
        resources: RETAIL_TABLES.map((t) => ({ uri: `zava://schema/${t}`, name: `retail.${t}`, mimeType: 'application/json', description: `Schema of retail.${t}` })),
      }),
      complete: { table: (value) => RETAIL_TABLES.filter((t) => t.startsWith(value)) },
    }),
    { title: 'Table schema', description: 'Columns, keys, relationships and valid values of one retail table.', mimeType: 'application/json' },
    async (uri, variables) => {
      const table = normaliseTableName(String(variables.table));
      if (!(RETAIL_TABLES as readonly string[]).includes(table)) {
        throw new ZavaError('VALIDATION_ERROR', `Unknown table "${variables.table}". Valid: ${RETAIL_TABLES.join(', ')}.`);
      }
      const [schema] = await describeTables(executor, [table]);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(schema) }] };
    },
  );
}
