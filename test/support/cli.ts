// Running the built `verity` command from tests (npm test builds first).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.js';

export const VERITY_BIN = join(REPO_ROOT, 'bin', 'verity.js');

export function runVerity(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [VERITY_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 600_000,
    maxBuffer: 512 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function spawnVerity(args: string[]) {
  return spawn(process.execPath, [VERITY_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}
