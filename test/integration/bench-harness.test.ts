import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { QUESTIONS } from '../../bench/questions.ts';
import { runBench } from '../../bench/run.ts';

describe('npm run bench harness', () => {
  it('runs end to end at the tiny scale (one repetition of each measurement) and writes a well-formed JSON and Markdown report', { timeout: 600_000 }, async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-bench-out-'));
    const report = await runBench({ scale: 'tiny', only: ['startup', 'tools', 'concurrency', 'scale', 'memory'], quick: true, smoke: true, outDir, log: () => undefined });
    const [jsonFile, mdFile] = report.files as string[];
    const json = JSON.parse(fs.readFileSync(jsonFile!, 'utf8'));
    assert.equal(json.scale, 'tiny');
    assert.equal(json.machine.cores, os.cpus().length);
    assert.match(json.machine.postgres, /^17\./);
    assert.ok(json.startup.tiny.cold.totalMs.median > 0);
    assert.equal(json.startup.tiny.rows.orders, 4000);
    // Each of the 15 questions, and a second form of those that have a summary-table form.
    const forms = [...QUESTIONS.map((q) => q.id), ...QUESTIONS.filter((q) => q.summarySql).map((q) => `${q.id}.summary`)];
    assert.equal(QUESTIONS.length, 15);
    assert.deepEqual(json.tools.questions.map((q: { id: string }) => q.id).sort(), forms.sort());
    for (const q of json.tools.questions) for (const k of ['direct', 'bridge', 'bridgeCached']) assert.ok(q[k].n > 0 && q[k].median > 0, `${q.id}.${k}`);
    for (const c of json.tools.concurrency) assert.equal(c.errors, 0, `${c.clients} concurrent clients: ${c.firstError}`);
    assert.equal(json.scaling.points.length, 2);
    const md = fs.readFileSync(mdFile!, 'utf8');
    for (const heading of ['## Start-up (tiny scale)', '## Tools: bridge vs direct pg', '## Concurrency', '## Scale', '## Memory']) assert.ok(md.includes(heading), heading);
    fs.rmSync(outDir, { recursive: true, force: true });
  });
});
