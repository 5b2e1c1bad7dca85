// 'report.*': what a report would disclose, and the report itself (JSON, CSV, HTML).

import { redactionCandidates } from '../../report/redact.js';
import type { CaseContext, DomainHandlers } from './context.js';

export function reportHandlers(ctx: CaseContext): DomainHandlers<'report'> {
  return {
    'report.redactionCandidates': async (selection) => redactionCandidates(ctx.connections.reader.db, selection),
    'report.export': async ({ format, selection, redact, metadata, generatedAt }) => {
      const { buildReport } = await import('../../report/index.js');
      return buildReport(ctx.connections.reader.db, selection, format, {
        redact,
        metadata,
        // Written the way a report made now writes it (UTC, milliseconds).
        ...(generatedAt ? { generatedAt: new Date(generatedAt).toISOString() } : {}),
      });
    },
  };
}
