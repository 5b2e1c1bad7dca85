// A Node child process run to completion while its memory and CPU are sampled from /proc: how the
// benchmark runs a scan and an analysis, each measured alone.

import { spawn } from 'node:child_process';
import { ProcSampler, type ProcSummary } from './proc-sampler.js';

export interface WatchedRun {
  wallMs: number;
  proc: ProcSummary;
}

/** Run `node <args>`; `onStdout` sees its output as it comes. Throws with the tail of its stderr
 *  when it exits with anything but 0 (`what` names it in the message). */
export async function runWatchedChild(what: string, args: string[], onStdout: (chunk: string) => void): Promise<WatchedRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = new ProcSampler(child.pid!).start();
  let err = '';
  child.stdout.on('data', (d: Buffer) => onStdout(d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wallMs = performance.now() - t0;
  const proc = sampler.stop();
  if (code !== 0) throw new Error(`${what} exited with ${code}: ${err.slice(-3000)}`);
  return { wallMs, proc };
}
