// 'people.*': each sender's habits, and the messages that break them.

import { senderProfiles } from '../../store/queries/people.js';
import type { CaseContext, DomainHandlers } from './context.js';

export function peopleHandlers(ctx: CaseContext): DomainHandlers<'people'> {
  return {
    'people.profiles': async ({ limit }) => senderProfiles(ctx.connections.reader, limit),
  };
}
