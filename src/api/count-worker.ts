// The count thread's side (count-thread.ts starts it): its own read-only connection to the case,
// answering "how many documents does this query match?" with the same code as the engine's thread.

import { parentPort, workerData } from 'node:worker_threads';
import type { SearchQuery } from '../model/api.js';
import { openCase } from '../store/db.js';
import { CaseReader } from '../store/queries/reader.js';
import { countTotal } from '../store/queries/search.js';

export type ToCounter = { id: number; query: SearchQuery; uncached?: boolean };
export type FromCounter = { id: number; n: number } | { id: number; error: string };

const { caseFile } = workerData as { caseFile: string };
// A count walks a doclist and probes an index once: a small cache is enough.
const db = openCase(caseFile, { readonly: true, cacheMb: 32 });
let reader = new CaseReader(db);

parentPort!.on('message', (m: ToCounter) => {
  if (m.uncached) reader = new CaseReader(db);
  let reply: FromCounter;
  try {
    reply = { id: m.id, n: countTotal(reader, m.query) };
  } catch (e) {
    reply = { id: m.id, error: `counting ${JSON.stringify(m.query.text ?? '')} in ${caseFile}: ${(e as Error).message}` };
  }
  parentPort!.postMessage(reply);
});
