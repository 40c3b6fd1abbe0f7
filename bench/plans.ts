// Query plans of the slowest questions, for a before/after record of a change to summaries,
// indexes or settings: EXPLAIN (ANALYZE, BUFFERS) of each question's summary form (its base
// form with --base) as each identity, on an already built database. Run alone:
//   node --import tsx bench/plans.ts --data-dir <ZAVA_DATA_DIR> [--as head-office,seattle] [--questions id,…] [--base]
// Prints Markdown on stdout. The first run of each query is discarded (cold cache), the second shown.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { dataPaths } from '../main/kernel/config/paths.ts';
import { identityConfig, openDatabase } from '../main/db/database.ts';
import { resolveIdentity } from '../main/db/identities.ts';
import { QUESTIONS } from './questions.ts';

/** The large scale's three slowest questions (issue 16). */
export const SLOW_QUESTIONS = ['top_customers', 'repeat_customers', 'margin_by_category'];

export async function explainQuestions(options: { dataDir: string; identities: string[]; questionIds: string[]; base: boolean }): Promise<string> {
  const target = await openDatabase(dataPaths(options.dataDir));
  const out: string[] = [];
  try {
    for (const slug of options.identities) {
      const client = new pg.Client(identityConfig(target, resolveIdentity(slug)));
      await client.connect();
      try {
        for (const id of options.questionIds) {
          const q = QUESTIONS.find((x) => x.id === id);
          if (!q) throw new Error(`Unknown question "${id}": use ${QUESTIONS.map((x) => x.id).join(', ')}.`);
          const sql = options.base ? q.sql : (q.summarySql ?? q.sql);
          const explain = `EXPLAIN (ANALYZE, BUFFERS) ${sql}`;
          await client.query(explain);
          const plan = (await client.query<{ 'QUERY PLAN': string }>(explain)).rows.map((r) => r['QUERY PLAN']);
          const total = plan.find((l) => l.startsWith('Execution Time'));
          out.push(`### ${q.title} — as ${slug} (${total ?? 'no timing'})`, '', '```sql', sql, '```', '', '```', ...plan, '```', '');
        }
      } finally {
        await client.end();
      }
    }
  } finally {
    await target.engine?.release();
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      as: { type: 'string', default: 'head-office,seattle,region-sound' },
      questions: { type: 'string', default: SLOW_QUESTIONS.join(',') },
      base: { type: 'boolean', default: false },
    },
  });
  if (!values['data-dir']) throw new Error('--data-dir is required: a built database (zava-mcp db reset --scale large).');
  const text = await explainQuestions({ dataDir: values['data-dir'], identities: values.as.split(','), questionIds: values.questions.split(','), base: values.base });
  process.stdout.write(`${text}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: Error) => {
    process.stderr.write(`plans: ${error.message}\n`);
    process.exitCode = 1;
  });
}
