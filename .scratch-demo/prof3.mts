import { rmSync } from 'node:fs';
import { generateDump } from '../src/demo/generate.js';
rmSync('/tmp/demo-scratch/dp', { recursive: true, force: true });
const t = performance.now();
const r = await generateDump('/tmp/demo-scratch/dp', { seed: 5, targetBytes: 20e6 });
console.log(r.bytes, (performance.now() - t) / 1000);
