import { rmSync } from 'node:fs';
import { writeDemo } from '../src/demo/write-demo.js';
const dir = process.argv[2];
rmSync(dir, { recursive: true, force: true });
const r = await writeDemo(dir, { seed: Number(process.argv[3] ?? 2017), scale: Number(process.argv[4] ?? 1), truthFile: `${dir}.truth.json`, targetBytes: process.argv[5] ? Number(process.argv[5]) : undefined });
console.log(JSON.stringify(r.truth.counts));
const k: Record<string, number> = {}; for (const f of r.truth.fakes) k[f.kind] = (k[f.kind] ?? 0) + 1; console.log(k);
const l: Record<string, number> = {}; for (const f of r.truth.lookalikes) l[f.kind] = (l[f.kind] ?? 0) + 1; console.log(l);
