// 'case.*': what the open case holds.

import { caseSummary } from '../../store/queries/overview.js';
import { flaggedDocumentCount } from '../../store/queries/flagged.js';
import type { CaseContext, DomainHandlers } from './context.js';

export function caseHandlers(ctx: CaseContext): DomainHandlers<'case'> {
  return {
    'case.summary': async () => {
      const reader = ctx.connections.reader;
      return { ...caseSummary(reader, ctx.caseFile, ctx.dumpRoot), flagged: flaggedDocumentCount(reader) };
    },
  };
}
