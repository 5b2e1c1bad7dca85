// 'checks.*': the forensic checks and what each means. Needs no case.

import type { CheckInfoView } from '../../model/api.js';
import { CHECKS } from '../../checks/registry.js';
import type { DomainHandlers } from './context.js';

export function checksHandlers(): DomainHandlers<'checks'> {
  return {
    'checks.list': async () => CHECKS.map(checkView),
  };
}

function checkView(c: (typeof CHECKS)[number]): CheckInfoView {
  return {
    id: c.id,
    version: c.version,
    title: c.title,
    detects: c.detects,
    whyForgersLeaveIt: c.whyForgersLeaveIt,
    innocentCauses: [...c.innocentCauses],
    kinds: [...c.kinds],
    scope: c.scope,
  };
}
