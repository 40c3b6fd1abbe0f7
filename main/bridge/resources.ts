import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { storeBySlug, type Identity } from '../db/identities.ts';
import { loadSemanticModel } from '../db/semantic-model.ts';
import { ZavaError } from '../kernel/errors.ts';
import type { QueryExecutor } from './executor.ts';
import { sampleValues } from './sample-values.ts';
import { describeTables, normaliseTableName, RETAIL_TABLES } from './tools/schema-tools.ts';

/**
 * `zava://identity` (who am I, which stores), `zava://schema/{table}` for each retail table and
 * `zava://semantic-model` (meanings, metrics, joins, verified queries, sample values as this identity sees them).
 */
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

  server.registerResource(
    'semantic-model',
    'zava://semantic-model',
    {
      title: 'Semantic model',
      description:
        'What the retail data means: every column described, business metrics as exact SQL, dimensions, join paths, sample values you can see, and verified question→SQL pairs.',
      mimeType: 'application/json',
    },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(await semanticModelView(executor, identity)) }] }),
  );
}

/** The semantic model as one identity reads it: the file's content plus that identity's sample values. */
export async function semanticModelView(executor: QueryExecutor, identity: Identity) {
  const model = loadSemanticModel();
  const samples = await sampleValues(executor, model, Object.keys(model.tables));
  const tables = Object.fromEntries(
    Object.entries(model.tables).map(([name, table]) => [
      `retail.${name}`,
      {
        description: table.description,
        columns: Object.fromEntries(
          Object.entries(table.columns).map(([column, meta]) => [
            column,
            { description: meta.description, ...(samples[name]?.[column] ? { sample_values: samples[name]![column] } : {}) },
          ]),
        ),
      },
    ]),
  );
  return {
    identity: identity.slug,
    conventions: model.conventions,
    aliases: model.aliases,
    tables,
    metrics: model.metrics,
    dimensions: model.dimensions,
    joins: model.joins,
    verified_queries: model.verified_queries,
  };
}
