import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../kernel/config/app-root.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/** `resources/embeddings/`: vectors shipped with the app so the first start skips ~15 s of encoding. */
export const EMBEDDINGS_DIR =
  readEnvVar('ZAVA_EMBEDDINGS_DIR') ?? path.join(APP_ROOT, 'resources', 'embeddings');

const manifestSchema = z.object({
  version: z.literal(1),
  model_id: z.string(),
  dimensions: z.number().int().positive(),
  /** Float32 little-endian, one row per item in this order. */
  format: z.literal('f32le'),
  /** `passage` (1-based) only in the passages file (`<modelId>.passages.json`). */
  items: z.array(z.object({ sku: z.string(), hash: z.string(), passage: z.number().int().positive().optional() })),
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

/** Shipped description passage vectors of one model (`<modelId>.passages.bin`), by SKU, passage number and hash. */
export interface PrecomputedPassages {
  modelId: string;
  dimensions: number;
  /** The vector of passage `passage` (1-based) of `sku` if computed from the same text, else undefined. */
  get(sku: string, passage: number, hash: string): Float32Array | undefined;
  size: number;
}

/** The passages file's base name: `<modelId>.passages`. */
const PASSAGES = '.passages';

function files(base: string, dir: string): { bin: string; manifest: string } {
  return { bin: path.join(dir, `${base}.bin`), manifest: path.join(dir, `${base}.json`) };
}

function loadFile(modelId: string, base: string, dir: string): { manifest: PrecomputedManifest; all: Float32Array } | undefined {
  const f = files(base, dir);
  if (!fs.existsSync(f.bin) || !fs.existsSync(f.manifest)) return undefined;
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(f.manifest, 'utf8')));
  const bytes = fs.readFileSync(f.bin);
  const expected = manifest.items.length * manifest.dimensions * 4;
  if (manifest.model_id !== modelId || bytes.length !== expected) return undefined;
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  if (!littleEndian()) swapBytes(all);
  return { manifest, all };
}

/** Loads `<modelId>.bin` + `.json`; undefined when not shipped or unreadable (then everything is computed). */
export function loadPrecomputed(modelId: string, dir = EMBEDDINGS_DIR): PrecomputedVectors | undefined {
  const loaded = loadFile(modelId, modelId, dir);
  if (!loaded) return undefined;
  const { manifest, all } = loaded;
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

/** Loads `<modelId>.passages.bin` + `.json`; undefined when not shipped or unreadable. */
export function loadPrecomputedPassages(modelId: string, dir = EMBEDDINGS_DIR): PrecomputedPassages | undefined {
  const loaded = loadFile(modelId, modelId + PASSAGES, dir);
  if (!loaded) return undefined;
  const { manifest, all } = loaded;
  const index = new Map(manifest.items.map((item, i) => [`${item.sku}#${item.passage ?? 1}`, { hash: item.hash, i }]));
  return {
    modelId,
    dimensions: manifest.dimensions,
    size: manifest.items.length,
    get(sku, passage, hash) {
      const hit = index.get(`${sku}#${passage}`);
      if (!hit || hit.hash !== hash) return undefined;
      return all.slice(hit.i * manifest.dimensions, (hit.i + 1) * manifest.dimensions);
    },
  };
}

/** Writes the shipped file pair (scripts/precompute-embeddings.ts). */
export function writePrecomputed(
  modelId: string,
  dimensions: number,
  items: { sku: string; hash: string; passage?: number; vector: Float32Array }[],
  dir = EMBEDDINGS_DIR,
  options: { passages?: boolean } = {},
): { bin: string; manifest: string } {
  const f = files(options.passages ? modelId + PASSAGES : modelId, dir);
  fs.mkdirSync(dir, { recursive: true });
  const all = new Float32Array(items.length * dimensions);
  items.forEach((item, i) => all.set(item.vector, i * dimensions));
  if (!littleEndian()) swapBytes(all);
  fs.writeFileSync(f.bin, Buffer.from(all.buffer));
  const manifest: PrecomputedManifest = { version: 1, model_id: modelId, dimensions, format: 'f32le', items: items.map(({ sku, hash, passage }) => (passage === undefined ? { sku, hash } : { sku, passage, hash })) };
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
