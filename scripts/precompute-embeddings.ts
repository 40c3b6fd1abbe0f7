// Computes the offline encoder's vector for every catalog product and writes
// resources/embeddings/use-lite-512.bin (+ .json manifest: SKU order and content hashes; the text is
// name, description and the shoppers' words of resources/catalog/attributes.json), and the
// vectors of each description passage (main/search/product-documents.ts `productPassages`) into
// resources/embeddings/use-lite-512.passages.bin (+ .json: SKU, passage number and hash per row).
// `db reset` loads them where the hashes still match and computes only the rest, so a first
// start skips ~15 s of encoding. Rerun after editing resources/catalog/products.json or attributes.json:
//   node --import tsx scripts/precompute-embeddings.ts
import { catalogProducts } from '../main/db/catalog.ts';
import { localEncoder, LOCAL_MODEL_ID } from '../main/search/local-encoder.ts';
import { alsoSayOf } from '../main/search/attributes.ts';
import { writePrecomputed } from '../main/search/precomputed.ts';
import { contentHash, passageHash, productDocument, productPassages } from '../main/search/product-documents.ts';

async function main(): Promise<void> {
  const encoder = localEncoder();
  const products = catalogProducts();
  const items = products.map((p) => {
    const text = productDocument({ name: p.name, description: p.description, alsoSay: alsoSayOf(p) });
    return { sku: p.sku, text, hash: contentHash(text) };
  });
  const started = performance.now();
  const vectors: Float32Array[] = [];
  for (let i = 0; i < items.length; i += encoder.maxBatch) {
    vectors.push(...(await encoder.embed(items.slice(i, i + encoder.maxBatch).map((item) => item.text))));
    process.stderr.write(`precompute: ${vectors.length} of ${items.length}\n`);
  }
  const files = writePrecomputed(
    LOCAL_MODEL_ID,
    encoder.dimensions,
    items.map((item, i) => ({ sku: item.sku, hash: item.hash, vector: vectors[i]! })),
  );
  const passages = products.flatMap((p) => productPassages(p.description, alsoSayOf(p)).map((text, k) => ({ sku: p.sku, passage: k + 1, text, hash: passageHash(text) })));
  const passageVectors: Float32Array[] = [];
  for (let i = 0; i < passages.length; i += encoder.maxBatch) {
    passageVectors.push(...(await encoder.embed(passages.slice(i, i + encoder.maxBatch).map((item) => item.text))));
    process.stderr.write(`precompute: ${passageVectors.length} of ${passages.length} passages\n`);
  }
  const passageFiles = writePrecomputed(
    LOCAL_MODEL_ID,
    encoder.dimensions,
    passages.map((item, i) => ({ sku: item.sku, passage: item.passage, hash: item.hash, vector: passageVectors[i]! })),
    undefined,
    { passages: true },
  );
  process.stderr.write(
    `precompute: wrote ${files.bin}, ${files.manifest}, ${passageFiles.bin} and ${passageFiles.manifest} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`precompute: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
