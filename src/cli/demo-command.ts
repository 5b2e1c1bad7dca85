// `verity demo <dir> [--seed N] [--scale N] [--size 200MB] [--truth <file>] [--force]`:
// a demo dump with planted fakes, for trying Verity without a leak of one's own.

import { writeDemo } from '../demo/write-demo.js';
import { flagString, parseArgs } from './args.js';
import { UsageError } from './errors.js';

export function parseSize(s: string): number {
  const m = s.trim().match(/^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?$/i);
  if (!m) throw new UsageError(`cannot read the size ${s} (try 200MB or 2GB)`);
  const unit = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.round(Number(m[1]) * unit);
}

export async function demoCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['seed', 'scale', 'size', 'truth', 'keys'], booleans: ['force'] });
  const dir = args.positional[0];
  if (!dir) throw new UsageError('verity demo needs a folder to write the demo dump into: verity demo <dir>');
  const seed = flagString(args, 'seed');
  const scale = flagString(args, 'scale');
  const size = flagString(args, 'size');
  try {
    await writeDemo(dir, {
      seed: seed ? Number(seed) : undefined,
      scale: scale ? Number(scale) : undefined,
      targetBytes: size ? parseSize(size) : undefined,
      truthFile: flagString(args, 'truth'),
      keyFile: flagString(args, 'keys'),
      force: args.flags.has('force'),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (e) {
    const msg = (e as Error).message;
    if (msg.startsWith('verity demo:')) {
      process.stderr.write(`${msg}\n`);
      return 1;
    }
    throw e;
  }
  return 0;
}
