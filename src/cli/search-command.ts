// `verity search --case <file> <query> [--json] [--limit N]`: the app's full-text search
// ('search.query', the same query language) from a terminal, best matches first (docs/cli.md).

import type { DocumentRow } from '../model/api.js';
import { withCaseService } from './api-client.js';
import { flagString, parseArgs } from './args.js';
import { UsageError } from './errors.js';

/** The api's largest page. */
const PAGE = 1000;
const DEFAULT_LIMIT = 20;

/** What `--json` prints for each document. */
interface SearchResultJson {
  id: string;
  path: string;
  kind: string;
  score: number;
  snippet: string;
}

export async function searchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case', 'limit'], booleans: ['json'] });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity search needs --case <file>');
  const text = args.positional.join(' ').trim();
  if (!text) throw new UsageError('verity search needs a query (the app’s search syntax: words, "a phrase", OR, NOT, prefix*)');
  const limitFlag = flagString(args, 'limit');
  const limit = limitFlag === undefined ? DEFAULT_LIMIT : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number above 0, not '${limitFlag}'`);

  const { rows, total } = await withCaseService({ caseFile, access: 'read-only' }, async (call) => {
    const found: DocumentRow[] = [];
    let total = 0;
    while (found.length < limit) {
      const page = await call('search.query', {
        text,
        sort: 'relevance',
        offset: found.length,
        limit: Math.min(PAGE, limit - found.length),
      });
      total = page.total;
      found.push(...page.rows);
      if (page.rows.length === 0 || found.length >= page.total) break;
    }
    return { rows: found, total };
  });

  if (args.flags.has('json')) {
    const out: SearchResultJson[] = rows.map((r) => ({
      id: r.id,
      path: r.path,
      kind: r.kind,
      score: r.score,
      snippet: markedSnippet(r.snippet, BRACKETS),
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  // Matches in bold on a terminal, else between [[ ]] (brackets alone are common in subjects).
  const marks = process.stdout.isTTY ? BOLD : BRACKETS;
  for (const r of rows) {
    process.stdout.write(`${r.path}\t${r.kind}\t${r.score}\n`);
    const snippet = markedSnippet(r.snippet, marks);
    if (snippet) process.stdout.write(`    ${snippet}\n`);
  }
  process.stderr.write(`${rows.length} of ${total} document(s)\n`);
  return 0;
}

const BOLD = { open: '\u001b[1m', close: '\u001b[22m' };
const BRACKETS = { open: '[[', close: ']]' };

/** The snippet on one line, the api's match markers (\u0002...\u0003) replaced by `marks`. */
function markedSnippet(snippet: string | undefined, marks: { open: string; close: string }): string {
  return (snippet ?? '').replace(/\s+/g, ' ').trim().replaceAll('\u0002', marks.open).replaceAll('\u0003', marks.close);
}
