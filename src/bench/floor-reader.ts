// Child-process entry of the floor: `node floor-reader.js <list-file>` reads and SHA-256s each listed
// file once, whole, in 1 MB reads; prints { bytes, ms, cpuMs } as JSON.

import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

const list = readFileSync(process.argv[2]!, 'utf8').split('\n').filter(Boolean);
const buf = Buffer.allocUnsafe(1 << 20);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let bytes = 0;
for (const path of list) {
  const fd = openSync(path, 'r');
  try {
    const h = createHash('sha256');
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      bytes += n;
    }
    h.digest();
  } finally {
    closeSync(fd);
  }
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ bytes, ms, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
