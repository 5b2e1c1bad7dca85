// `node dist/bench/analysis-child.js <case> <threads>`: a scan's analysis, forced, on an existing case,
// in a child process so the benchmark watches its memory alone; prints its result as JSON.

import { analyseInThread } from '../ingest/analyse-thread.js';

const [caseFile, threads] = process.argv.slice(2);
if (!caseFile) throw new Error('usage: analysis-child.js <case> <threads>');
const done = await analyseInThread(
  { caseFile, dkimKeys: [], nowIso: new Date().toISOString(), force: true, threads: Number(threads ?? 1) },
  () => undefined,
);
process.stdout.write(`${JSON.stringify({ findings: done.findings, stages: done.stages })}\n`);
