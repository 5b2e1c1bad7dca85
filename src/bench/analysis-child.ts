// `node dist/bench/analysis-child.js <case> <threads>`: the analysis a scan ends with (corpus checks
// in check threads, scores, search summaries), forced, on an existing case; prints its result as
// JSON. Run by analysis-run.ts in a child process so the benchmark can watch its memory alone.

import { analyseInThread } from '../ingest/analyse-thread.js';

const [caseFile, threads] = process.argv.slice(2);
if (!caseFile) throw new Error('usage: analysis-child.js <case> <threads>');
const done = await analyseInThread(
  { caseFile, dkimKeys: [], nowIso: new Date().toISOString(), force: true, threads: Number(threads ?? 1) },
  () => undefined,
);
process.stdout.write(`${JSON.stringify({ findings: done.findings, stages: done.stages })}\n`);
