import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { catalogProducts } from '../db/catalog.ts';
import { alsoSayOf } from './attributes.ts';
import { LOCAL_MODEL_ID } from './local-encoder.ts';
import { loadPrecomputed, writePrecomputed } from './precomputed.ts';
import { contentHash, productDocument } from './product-documents.ts';

describe('precomputed vectors', () => {
  test('round-trip through the .bin + manifest pair, matched by content hash', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-vec-'));
    try {
      const v = (x: number) => Float32Array.from([x, 1 - x, 0.5]);
      writePrecomputed('m-test', 3, [
        { sku: 'A-1', hash: 'h1', vector: v(0.25) },
        { sku: 'B-2', hash: 'h2', vector: v(0.75) },
      ], dir);
      const loaded = loadPrecomputed('m-test', dir)!;
      assert.equal(loaded.size, 2);
      assert.deepEqual(Array.from(loaded.get('B-2', 'h2')!), [0.75, 0.25, 0.5]);
      assert.equal(loaded.get('B-2', 'other-hash'), undefined, 'changed text: recompute');
      assert.equal(loaded.get('C-3', 'h1'), undefined);
      assert.equal(loadPrecomputed('absent', dir), undefined);
      fs.truncateSync(path.join(dir, 'm-test.bin'), 8);
      assert.equal(loadPrecomputed('m-test', dir), undefined, 'a truncated file is ignored, not trusted');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the shipped use-lite-512 file covers the whole catalog (rerun scripts/precompute-embeddings.ts after editing it)', () => {
    const shipped = loadPrecomputed(LOCAL_MODEL_ID);
    assert.ok(shipped, 'resources/embeddings/use-lite-512.bin is missing');
    const stale = catalogProducts().filter((p) => !shipped.get(p.sku, contentHash(productDocument({ name: p.name, description: p.description, alsoSay: alsoSayOf(p) }))));
    assert.deepEqual(stale.map((p) => p.sku), []);
    const any = shipped.get(catalogProducts()[0]!.sku, contentHash(productDocument({ ...catalogProducts()[0]!, alsoSay: alsoSayOf(catalogProducts()[0]!) })))!;
    assert.ok(Math.abs(Math.hypot(...any) - 1) < 1e-4, 'shipped vectors are unit length');
  });
});
