/**
 * What the model reads, in tokens (estimated as characters / 4), before and after the
 * "answers that land" work: tools/list, a schema call, and a typical answer to each of the
 * lab's sample prompts (find_verified_queries, then execute_sales_query with the SQL it found).
 *
 *   node --import tsx bench/answer-tokens.ts [--before <exported tree of the old version>] [--scale tiny]
 *
 * Each side builds its own database with its own CLI in a temp data dir (the old version with
 * its own calendar, the new one as of today), starts its own bridge as the Seattle manager and
 * head office, and measures the text content of every answer. Row counts of these aggregates do
 * not depend on the scale, so `tiny` is the default.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SAMPLE_QUESTIONS } from '../main/bridge/prompts.ts';
import { loadSemanticModel } from '../main/db/semantic-model.ts';
import { REPO_ROOT } from '../test/helpers/bridge.ts';

const { values } = parseArgs({ options: { before: { type: 'string' }, scale: { type: 'string', default: 'tiny' }, out: { type: 'string' } } });

/** The lab prompts and the verified query that answers each (the semantic-model test pins this pairing). */
const PROMPT_QUERY: Record<string, number> = { sales_by_store: 1, top_products: 2, category_trends: 3, low_stock: 4, online_vs_stores: 5, margins: 6, similar_products: 7 };
const SCHEMA_TABLES = ['retail.orders', 'retail.order_items', 'retail.products', 'retail.categories', 'retail.stores'];

const tokens = (chars: number) => Math.round(chars / 4);
const textChars = (result: unknown) => ((result as { content: { type: string; text?: string }[] }).content ?? []).reduce((n, c) => n + (c.text?.length ?? 0), 0);

interface Side {
  label: string;
  toolsList: number;
  schema: number;
  rawOrderItems: number;
  /** The headline question, with the SQL a model writes for it: rows and tokens. */
  thisYear: { chars: number; rows: number };
  prompts: Record<string, { find?: number; answer: number; rows: number }>;
}

function cli(repo: string, dataDir: string, args: string[]): void {
  const run = spawnSync(process.execPath, [path.join(repo, 'bin', 'zava-mcp.mjs'), ...args], { cwd: repo, env: { ...process.env, ZAVA_DATA_DIR: dataDir }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`zava-mcp ${args.join(' ')} failed in ${repo}: ${run.stderr}`);
}

async function measure(label: string, repo: string): Promise<Side> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-tokens-'));
  try {
    cli(repo, dataDir, ['db', 'reset', '--scale', values.scale!, '--yes']);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(repo, 'bin', 'zava-mcp.mjs'), 'serve', '--user', 'seattle'],
      env: { ...(process.env as Record<string, string>), ZAVA_DATA_DIR: dataDir },
      cwd: repo,
      stderr: 'ignore',
    });
    const client = new Client({ name: 'answer-tokens', version: '1.0.0' });
    await client.connect(transport);
    try {
      const model = loadSemanticModel();
      const list = await client.listTools();
      const hasFinder = list.tools.some((t) => t.name === 'find_verified_queries');
      const side: Side = {
        label,
        toolsList: JSON.stringify(list).length,
        schema: textChars(await client.callTool({ name: 'get_multiple_table_schemas', arguments: { table_names: SCHEMA_TABLES } })),
        rawOrderItems: textChars(await client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT * FROM retail.order_items' } })),
        thisYear: { chars: 0, rows: 0 },
        prompts: {},
      };
      const headline = await client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: model.verified_queries[0]!.sql } });
      side.thisYear = { chars: textChars(headline), rows: Number((headline.structuredContent as { n?: number } | undefined)?.n ?? 0) };
      for (const prompt of SAMPLE_QUESTIONS) {
        const sql = model.verified_queries[PROMPT_QUERY[prompt.name]!]!.sql;
        const find = hasFinder ? textChars(await client.callTool({ name: 'find_verified_queries', arguments: { question: prompt.text } })) : undefined;
        const answer = await client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: sql } });
        side.prompts[prompt.name] = { ...(find === undefined ? {} : { find }), answer: textChars(answer), rows: Number((answer.structuredContent as { n?: number } | undefined)?.n ?? 0) };
      }
      return side;
    } finally {
      await client.close();
    }
  } finally {
    spawnSync(process.execPath, [path.join(repo, 'bin', 'zava-mcp.mjs'), 'db', 'stop'], { env: { ...process.env, ZAVA_DATA_DIR: dataDir } });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(sides: Side[]): string {
  const head = `| What the model reads | ${sides.map((s) => s.label).join(' | ')} |\n|---|${sides.map(() => '---:').join('|')}|`;
  const row = (name: string, pick: (s: Side) => string) => `| ${name} | ${sides.map(pick).join(' | ')} |`;
  const t = (n: number | undefined) => (n === undefined ? '—' : `${tokens(n).toLocaleString('en-US')}`);
  const lines = [
    head,
    row('tools/list', (s) => t(s.toolsList)),
    row(`get_multiple_table_schemas (${SCHEMA_TABLES.length} tables)`, (s) => t(s.schema)),
    row('`SELECT * FROM retail.order_items`', (s) => t(s.rawOrderItems)),
    row('"Top 5 products by revenue in my store this year" (rows)', (s) => `${t(s.thisYear.chars)} (${s.thisYear.rows})`),
  ];
  for (const prompt of SAMPLE_QUESTIONS) {
    lines.push(row(`${prompt.name}: find_verified_queries`, (s) => t(s.prompts[prompt.name]?.find)));
    lines.push(row(`${prompt.name}: execute_sales_query (rows)`, (s) => `${t(s.prompts[prompt.name]?.answer)} (${s.prompts[prompt.name]?.rows})`));
  }
  return lines.join('\n');
}

const sides: Side[] = [];
if (values.before) sides.push(await measure('before (tokens)', path.resolve(values.before)));
sides.push(await measure('after (tokens)', REPO_ROOT));
const report = `Tokens estimated as characters / 4; Seattle store manager; ${values.scale} scale; measured ${new Date().toISOString()}.\n\n${table(sides)}\n`;
process.stdout.write(report);
if (values.out) fs.writeFileSync(values.out, report);
