// 'dkim.*': importing archived DKIM keys (each with its source), then re-verifying the signed emails
// with them; and the keys still missing, with the look-ups to run on a connected machine.

import type { DkimNeeded } from '../../model/api.js';
import { dkimKeyName } from '../../checks/dkim-keys.js';
import { importDkimKeyFile, UNNAMED_KEY_SOURCE } from '../../ingest/dkim-keys.js';
import { dkimKeyNeeds } from '../../store/queries/dkim-needed.js';
import { ApiError } from '../errors.js';
import { caseChanged, type CaseContext, type DomainHandlers } from './context.js';

/** Replaced keys listed in an import's answer (the count covers all). */
const MAX_REPLACED_LISTED = 100;

/** A DNS name the shell reads as one plain word: DNS name characters only, not an option. */
const PLAIN_NAME = /^[a-z0-9_][a-z0-9._-]*$/i;

/** Names come from the dump: anything else is single-quoted, so a copied line runs only dig. */
const shellWord = (s: string): string => (PLAIN_NAME.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

function lookupOf(name: string): string {
  return PLAIN_NAME.test(name) ? `dig +short TXT ${name}` : `dig +short TXT -q ${shellWord(name)}`;
}

/** One line that asks every name and writes zone-file lines (`name TXT "v=DKIM1; ..."`) for the answers. */
function fetchScript(names: readonly string[]): string {
  return `for n in ${names.map(shellWord).join(' ')}; do r=$(dig +short TXT -q "$n" | grep -m1 'p='); [ -n "$r" ] && printf '%s TXT %s\\n' "$n" "$r"; done > dkim-keys.txt`;
}

export function dkimHandlers(ctx: CaseContext): DomainHandlers<'dkim'> {
  return {
    'dkim.importKeys': async ({ text, source, more }, call) => {
      const db = ctx.connections.writer;
      const results = [{ text, source }, ...(more ?? [])].map((file) => importDkimKeyFile(db, file));
      const result = {
        imported: results.reduce((n, r) => n + r.imported, 0),
        replaced: results.flatMap((r) => r.replaced),
        problems: results.flatMap((r) => r.problems),
      };
      if (result.imported === 0) {
        throw new ApiError('invalid-input', 'no DKIM key records found in the text', { problems: result.problems.slice(0, 20) });
      }
      let reverified = 0;
      if (ctx.dumpRoot) {
        const { reverifySignedEmails } = await import('../../ingest/dkim-reverify.js');
        reverified = await reverifySignedEmails({
          db,
          caseFile: ctx.caseFile,
          dumpRoot: ctx.dumpRoot,
          signal: call.signal,
          log: call.log,
        }).catch((e: unknown) => {
          if (call.signal?.aborted) throw new ApiError('cancelled', 'DKIM re-verification was cancelled');
          throw e;
        });
      }
      caseChanged(ctx, 'dkim');
      return {
        imported: result.imported,
        reverified,
        source: [source, ...(more ?? []).map((m) => m.source)].map((s) => s?.trim() || UNNAMED_KEY_SOURCE).join(', '),
        replaced: result.replaced.length,
        replacedKeys: result.replaced.slice(0, MAX_REPLACED_LISTED),
      };
    },
    'dkim.needed': async (): Promise<DkimNeeded> => {
      const { missing, awaitingReverification } = dkimKeyNeeds(ctx.connections.reader.db);
      const keys = missing.map((k) => {
        const name = dkimKeyName(k.selector, k.domain);
        return {
          domain: k.domain,
          selector: k.selector,
          name,
          count: k.emails,
          firstDate: k.firstDate,
          lastDate: k.lastDate,
          lookup: lookupOf(name),
        };
      });
      return { keys, fetchScript: keys.length ? fetchScript(keys.map((k) => k.name)) : null, awaitingReverification };
    },
  };
}
