// 'overview.*': the case over time.

import { timeline } from '../../store/queries/overview.js';
import type { CaseContext, DomainHandlers } from './context.js';

export function overviewHandlers(ctx: CaseContext): DomainHandlers<'overview'> {
  return {
    'overview.timeline': async () => timeline(ctx.connections.reader),
  };
}
