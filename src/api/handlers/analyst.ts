// 'analyst.*': the analyst's tags, verdicts and notes (never lost on re-ingest).

import { setNote, setVerdict, tagCounts, tagDocuments } from '../../store/queries/analyst.js';
import { ApiError } from '../errors.js';
import { caseChanged, type CaseContext, type DomainHandlers } from './context.js';

export function analystHandlers(ctx: CaseContext): DomainHandlers<'analyst'> {
  return {
    'analyst.tag': async ({ ids, add, remove }) => {
      const updated = tagDocuments(ctx.connections.writer, ids, add ?? [], remove ?? []);
      caseChanged(ctx, 'tags');
      return { updated };
    },
    'analyst.verdict': async ({ ids, verdict }) => {
      const updated = setVerdict(ctx.connections.writer, ids, verdict);
      caseChanged(ctx, 'verdicts');
      return { updated };
    },
    'analyst.note': async ({ id, note }) => {
      const updated = setNote(ctx.connections.writer, id, note);
      if (updated === 0) throw new ApiError('not-found', `no document ${id}`);
      caseChanged(ctx, 'notes');
      return { updated };
    },
    'analyst.tags': async () => tagCounts(ctx.connections.reader),
  };
}
