// `node dist/bench/gen-only.js --size 1GB [--seed N] [--jobs N]`: build (or find) the cached
// benchmark dump without running the benchmark — to prepare a large dump ahead of time.

import { resolve } from 'node:path';
import { ensureDump } from './dataset.js';
import { parseSize } from './size.js';

const args = process.argv.slice(2);
const get = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dump = await ensureDump(resolve('bench-data'), parseSize(get('size') ?? '1GB'), Number(get('seed') ?? 2017), {
  jobs: Number(get('jobs') ?? 2),
  log: (s) => process.stderr.write(`${s}\n`),
});
process.stdout.write(`${JSON.stringify(dump, null, 2)}\n`);
