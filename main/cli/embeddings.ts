import { SettingsFile } from '../kernel/config/settings-file.ts';
import { dataPaths } from '../kernel/config/paths.ts';
import { adminClient } from '../db/database.ts';
import { startEmbeddingJob } from '../search/embedding-job.ts';
import { createEmbeddingProvider } from '../search/provider-config.ts';
import { providerConfigFromSettings } from '../search/provider-from-settings.ts';
import { parseFlags } from './args.ts';
import { printJson, progressLine, UsageError } from './output.ts';
import { withDatabase } from './with-database.ts';

/**
 * `zava-mcp embeddings build`: computes the product vectors of the provider chosen in
 * settings (key from ZAVA_EMBEDDINGS_API_KEY), with progress. Ctrl+C cancels; running it
 * again resumes. Search keeps serving the previous complete set until this one is published.
 */
export async function embeddingsCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'build') throw new UsageError(verb ? `Unknown embeddings command "${verb}": use build.` : 'Missing embeddings command: use build.');
  const { values } = parseFlags(rest, { json: { type: 'boolean', default: false } });
  const paths = dataPaths();
  const provider = createEmbeddingProvider(providerConfigFromSettings(new SettingsFile(paths.settings).read().embeddings));
  const result = await withDatabase(async (target) => {
    const job = startEmbeddingJob({
      connect: () => adminClient(target),
      provider,
      onProgress: (p) => progressLine(`embeddings ${p.modelId}: ${p.done}/${p.total} ${p.message}`),
    });
    const onSignal = () => job.cancel();
    process.once('SIGINT', onSignal);
    try {
      return await job.done;
    } finally {
      process.removeListener('SIGINT', onSignal);
    }
  });
  if (values.json) printJson(result);
  else progressLine(`embeddings ${provider.modelId}: done`);
  return 0;
}
