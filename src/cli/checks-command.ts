// `verity checks [--json]`: every check ('checks.list') with what it detects, why forgers leave the
// trace, and which innocent causes produce it too.

import { checksHandlers } from '../api/handlers/checks.js';
import { apiCaller } from './api-client.js';
import { parseArgs } from './args.js';

export async function checksCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: [], booleans: ['json'] });
  // The check catalogue needs no case: its handlers alone, without opening a service.
  const checks = await apiCaller(checksHandlers())('checks.list', {});
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
    return 0;
  }
  for (const c of checks) {
    process.stdout.write(
      `${c.id} (v${c.version}, ${c.scope}; ${c.kinds.join(', ')})\n  ${c.title}\n  Detects: ${c.detects}\n  Why forgers leave it: ${c.whyForgersLeaveIt}\n  Innocent causes:\n${c.innocentCauses.map((x) => `    - ${x}`).join('\n')}\n\n`,
    );
  }
  process.stdout.write(`${checks.length} checks\n`);
  return 0;
}
