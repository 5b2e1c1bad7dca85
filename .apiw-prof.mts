import { buildSyntheticCase } from '/work/main/test/support/synthetic-case.ts';
const t = Date.now();
await buildSyntheticCase('/tmp/apiw/prof.verity', { documents: 5000, onProgress: (w) => { if (w % 1000 < 5) process.stderr.write(`${w} ${Date.now() - t}ms\n`); } });
console.log('total', Date.now() - t);
