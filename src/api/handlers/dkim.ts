// 'dkim.*': importing archived DKIM keys, then re-verifying the signed emails with them.

import { parseDkimKeyFile } from '../../checks/dkim-keys.js';
import { storeDkimKeys } from '../../store/dkim-keys.js';
import { ApiError } from '../errors.js';
import { caseChanged, type CaseContext, type DomainHandlers } from './context.js';

export function dkimHandlers(ctx: CaseContext): DomainHandlers<'dkim'> {
  return {
    'dkim.importKeys': async ({ text }, call) => {
      const parsed = parseDkimKeyFile(text);
      if (parsed.keys.size === 0) {
        throw new ApiError('invalid-input', 'no DKIM key records found in the text', { problems: parsed.problems.slice(0, 20) });
      }
      const db = ctx.connections.writer;
      const imported = storeDkimKeys(db, parsed.keys);
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
      return { imported, reverified };
    },
  };
}
