// 'checks.*': the forensic checks and what each means. Needs no case.

import type { CheckInfoView } from '../../model/api.js';
import type { Check } from '../../checks/types.js';
import type { DomainHandlers } from './context.js';

export function checksHandlers(): DomainHandlers<'checks'> {
  return {
    'checks.list': async () => {
      const { CHECKS } = await import('../../checks/registry.js');
      return CHECKS.map(checkView);
    },
  };
}

function checkView(c: Check): CheckInfoView {
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
