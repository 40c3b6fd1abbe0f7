import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** `resources/embeddings/`: vectors shipped with the app so the first start skips ~15 s of encoding. */
export const EMBEDDINGS_DIR =
  process.env.ZAVA_EMBEDDINGS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'embeddings');

const manifestSchema = z.object({
  version: z.literal(1),
  model_id: z.string(),
  dimensions: z.number().int().positive(),
  /** Float32 little-endian, one row per item in this order. */
  format: z.literal('f32le'),
  items: z.array(z.object({ sku: z.string(), hash: z.string() })),
});

/** The `.json` beside a shipped `.bin`: model, dimensions, and SKU + content hash per row. */
export type PrecomputedManifest = z.infer<typeof manifestSchema>;

/** Shipped vectors of one model, looked up by SKU and accepted only with a matching content hash. */
export interface PrecomputedVectors {
  modelId: string;
  dimensions: number;
  /** The vector for `sku` if it was computed from the same text (same `hash`), else undefined. */
  get(sku: string, hash: string): Float32Array | undefined;
  size: number;
}

function files(modelId: string, dir: string): { bin: string; manifest: string } {
  return { bin: path.join(dir, `${modelId}.bin`), manifest: path.join(dir, `${modelId}.json`) };
}

/** Loads `<modelId>.bin` + `.json`; undefined when not shipped or unreadable (then everything is computed). */
export function loadPrecomputed(modelId: string, dir = EMBEDDINGS_DIR): PrecomputedVectors | undefined {
  const f = files(modelId, dir);
  if (!fs.existsSync(f.bin) || !fs.existsSync(f.manifest)) return undefined;
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(f.manifest, 'utf8')));
  const bytes = fs.readFileSync(f.bin);
  const expected = manifest.items.length * manifest.dimensions * 4;
  if (manifest.model_id !== modelId || bytes.length !== expected) return undefined;
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  if (!littleEndian()) swapBytes(all);
  const index = new Map(manifest.items.map((item, i) => [item.sku, { hash: item.hash, i }]));
  return {
    modelId,
    dimensions: manifest.dimensions,
    size: manifest.items.length,
    get(sku, hash) {
      const hit = index.get(sku);
      if (!hit || hit.hash !== hash) return undefined;
      return all.slice(hit.i * manifest.dimensions, (hit.i + 1) * manifest.dimensions);
    },
  };
}

/** Writes the shipped file pair (scripts/precompute-embeddings.ts). */
export function writePrecomputed(
  modelId: string,
  dimensions: number,
  items: { sku: string; hash: string; vector: Float32Array }[],
  dir = EMBEDDINGS_DIR,
): { bin: string; manifest: string } {
  const f = files(modelId, dir);
  fs.mkdirSync(dir, { recursive: true });
  const all = new Float32Array(items.length * dimensions);
  items.forEach((item, i) => all.set(item.vector, i * dimensions));
  if (!littleEndian()) swapBytes(all);
  fs.writeFileSync(f.bin, Buffer.from(all.buffer));
  const manifest: PrecomputedManifest = { version: 1, model_id: modelId, dimensions, format: 'f32le', items: items.map(({ sku, hash }) => ({ sku, hash })) };
  fs.writeFileSync(f.manifest, JSON.stringify(manifest, null, 1) + '\n');
  return f;
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

function swapBytes(values: Float32Array): void {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  for (let i = 0; i < bytes.length; i += 4) {
    [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]] = [bytes[i + 3]!, bytes[i + 2]!, bytes[i + 1]!, bytes[i]!];
  }
}
