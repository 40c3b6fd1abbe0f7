import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { VerifiedQuery } from '../db/semantic-model.ts';
import { query } from '../db/sql-files.ts';
import { localEncoder } from './local-encoder.ts';
import { dot, type EmbeddingProvider } from './provider.ts';
import { checkAborted, run, type Queryable } from './queryable.ts';
import { fuse, type Candidate, type FusionWeights } from './ranking.ts';

/**
 * Questions are short and carry no product attributes: meaning leads, and words add in proportion
 * to the squared share of the question they cover (the weights product search used when the lab
 * prompts and paraphrases in test/integration/bridge-answers.test.ts were first checked).
 */
const QUESTION_FUSION: FusionWeights = { vector: 1, coverage: 0.6, nameCoverage: 0, attributes: 0, exponent: 2 };

/** One verified question found for a question, with how it was matched. */
export interface VerifiedMatch {
  question: string;
  sql: string;
  /** Fused score: cosine similarity plus weighted full-text coverage (see ranking.ts). */
  score: number;
  /** Cosine similarity of the two questions, in percent; absent when the encoder is unavailable. */
  similarity_percent?: number;
}

const vectorCacheSchema = z.object({ key: z.string(), vectors: z.array(z.array(z.number())) });

/**
 * Finds the verified questions nearest a question by meaning: the offline encoder's cosine
 * fused with PostgreSQL full-text coverage, the same fusion product search uses, so "top
 * sellers this year" finds "top 5 products by revenue … this year" and exact words still count.
 * The verified questions' vectors are computed once (first use) and kept in memory and, when a
 * cache file is given, on disk keyed by model and question text; nothing touches the network.
 */
export class VerifiedQueryIndex {
  private vectors: Promise<Float32Array[]> | undefined;
  /** Every phrasing (the question, then its also_asked variants) with the query it belongs to. */
  private readonly phrasings: { text: string; query: number }[];

  constructor(
    private readonly queries: readonly VerifiedQuery[],
    private readonly options: { provider?: EmbeddingProvider; cacheFile?: string } = {},
  ) {
    this.phrasings = queries.flatMap((q, i) => [q.question, ...(q.also_asked ?? [])].map((text) => ({ text, query: i })));
  }

  private get provider(): EmbeddingProvider {
    return this.options.provider ?? localEncoder();
  }

  /** The cache key: a change of model or of any question makes the stored vectors stale. */
  private cacheKey(): string {
    return crypto.createHash('sha256').update(this.provider.modelId).update('\u0000').update(this.phrasings.map((p) => p.text).join('\u0000')).digest('hex');
  }

  /** Question vectors, from the cache file when it matches, else computed (and stored). */
  questionVectors(signal?: AbortSignal): Promise<Float32Array[]> {
    this.vectors ??= (async () => {
      const key = this.cacheKey();
      const file = this.options.cacheFile;
      if (file) {
        try {
          const stored = vectorCacheSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
          if (stored.key === key && stored.vectors.length === this.phrasings.length) return stored.vectors.map((v) => Float32Array.from(v));
        } catch {
          // No cache yet, or a stale/corrupt one: compute below.
        }
      }
      const vectors = await this.provider.embed(this.phrasings.map((p) => p.text), signal);
      if (file) {
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const tmp = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, JSON.stringify({ key, vectors: vectors.map((v) => Array.from(v, (x) => Math.round(x * 1e6) / 1e6)) }));
          fs.renameSync(tmp, file);
        } catch {
          // A read-only data dir only costs recomputing next time.
        }
      }
      return vectors;
    })().catch((error) => {
      this.vectors = undefined;
      throw error;
    });
    return this.vectors;
  }

  /** The `maxResults` best verified queries for `question`, best first. */
  async find(db: Queryable, question: string, maxResults: number, signal?: AbortSignal): Promise<VerifiedMatch[]> {
    // Meaning and words side by side: the encoder runs in this process while Postgres scores the words.
    const meaning = (async () => {
      try {
        const [vectors, [asked]] = await Promise.all([this.questionVectors(signal), this.provider.embed([question], signal)]);
        return vectors.map((v) => dot(v, asked!));
      } catch {
        checkAborted(signal);
        // Without the encoder the words alone still rank; the answer says so by omitting similarity.
        return undefined;
      }
    })();
    const words = run<{ idx: number; coverage: number }>(db, query('verified_query_text_signals'), [question, this.phrasings.map((p) => p.text)]);
    const [similarities, coverage] = await Promise.all([meaning, words]);
    checkAborted(signal);
    const coverageByIndex = new Map(coverage.map((r) => [Number(r.idx), Number(r.coverage)]));
    const candidates: Candidate[] = this.phrasings.map((_, i) => ({
      productId: String(i).padStart(5, '0'),
      similarity: similarities?.[i],
      coverage: coverageByIndex.get(i) ?? 0,
      nameCoverage: 0,
      attributeMatch: 0,
      rankCd: 0,
    }));
    // A query counts once, at its best-matching phrasing.
    const seen = new Set<number>();
    const best = fuse(candidates, QUESTION_FUSION).filter((ranked) => {
      const query = this.phrasings[Number(ranked.productId)]!.query;
      if (seen.has(query)) return false;
      seen.add(query);
      return true;
    });
    return best
      .slice(0, maxResults)
      .map((ranked) => {
        const vq = this.queries[this.phrasings[Number(ranked.productId)]!.query]!;
        return {
          question: vq.question,
          sql: vq.sql,
          score: Math.round(ranked.score * 1000) / 1000,
          ...(ranked.similarity === undefined ? {} : { similarity_percent: Math.round(ranked.similarity * 1000) / 10 }),
        };
      });
  }
}
