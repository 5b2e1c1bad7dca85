// 'search.*': full-text search with filters, and the facet counts beside it.

import { searchDocumentsParallel } from '../../store/queries/search.js';
import { facetCounts } from '../../store/queries/facets.js';
import type { CaseContext, DomainHandlers } from './context.js';

export function searchHandlers(ctx: CaseContext): DomainHandlers<'search'> {
  return {
    'search.query': async (q) => searchDocumentsParallel(ctx.connections.reader, q, ctx.counter),
    'search.facets': async (q) => facetCounts(ctx.connections.reader, q),
  };
}
