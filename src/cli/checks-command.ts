// `verity checks [--json]`: every check with what it detects, why forgers leave the trace, and
// which innocent causes produce it too.

import { CHECKS } from '../checks/registry.js';
import { parseArgs } from './args.js';

export async function checksCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: [], booleans: ['json'] });
  if (args.flags.has('json')) {
    process.stdout.write(
      `${JSON.stringify(
        CHECKS.map(({ id, version, title, detects, whyForgersLeaveIt, innocentCauses, kinds, scope }) => ({
          id,
          version,
          title,
          detects,
          whyForgersLeaveIt,
          innocentCauses,
          kinds,
          scope,
        })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  for (const c of CHECKS) {
    process.stdout.write(
      `${c.id} (v${c.version}, ${c.scope}; ${c.kinds.join(', ')})\n  ${c.title}\n  Detects: ${c.detects}\n  Why forgers leave it: ${c.whyForgersLeaveIt}\n  Innocent causes:\n${c.innocentCauses.map((x) => `    - ${x}`).join('\n')}\n\n`,
    );
  }
  process.stdout.write(`${CHECKS.length} checks\n`);
  return 0;
}
