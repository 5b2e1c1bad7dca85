// 'report.*': what a report would disclose, and the report itself (JSON, CSV, HTML).

import type { ReportSelection } from '../../model/api.js';
import { ApiError } from '../errors.js';
import type { CaseContext, DomainHandlers } from './context.js';

// The report builders load on first use (docs/api.md, "Startup").

/** Key of a selection's redaction candidates in the reader's cache (emptied by any write). */
const candidatesKey = (selection: ReportSelection) => `report.redactionCandidates\u0000${JSON.stringify(selection)}`;

export function reportHandlers(ctx: CaseContext): DomainHandlers<'report'> {
  return {
    'report.redactionCandidates': async (selection) => {
      const { redactionCandidates } = await import('../../report/redact.js');
      const reader = ctx.connections.reader;
      return reader.cached(candidatesKey(selection), () => redactionCandidates(reader.db, selection));
    },
    'report.export': async ({ format, selection, redact, metadata, generatedAt }) => {
      const { buildReportWithCandidates } = await import('../../report/index.js');
      const reader = ctx.connections.reader;
      const { report, candidates } = buildReportWithCandidates(reader.db, selection, format, {
        redact,
        metadata,
        // Written the way a report made now writes it (UTC, milliseconds).
        ...(generatedAt ? { generatedAt: new Date(generatedAt).toISOString() } : {}),
      });
      // Found on the way: asked next (the CLI's warning), the candidates need no second pass.
      reader.cached(candidatesKey(selection), () => candidates);
      return report;
    },
    'report.validate': async ({ truth, source, threshold, unlistedAsGenuine }) => {
      const { validateCase, TruthParseError } = await import('../../report/validate/index.js');
      try {
        return validateCase(ctx.connections.reader.db, truth, source ?? 'truth file', { threshold, unlistedAsGenuine });
      } catch (e) {
        if (e instanceof TruthParseError) throw new ApiError('invalid-input', e.message, { problems: e.problems });
        throw e;
      }
    },
  };
}
