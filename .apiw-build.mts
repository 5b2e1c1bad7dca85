import { buildSyntheticCase } from '/work/main/test/support/synthetic-case.ts';
const n = Number(process.argv[2] ?? 20000);
const t = Date.now();
const c = await buildSyntheticCase(process.argv[3] ?? '/tmp/apiw/case20k.verity', { documents: n, keepModel: false, onProgress: (w) => { if (w % 100000 < 1000) process.stderr.write(`${w} ${Date.now() - t}ms\n`); } });
console.log('documents', c.documents, 'ms', Date.now() - t);
