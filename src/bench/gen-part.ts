// Child-process entry that writes one part of a benchmark dump with the demo generator:
// `node gen-part.js <dir> <seed> <targetBytes>`; prints the ground truth's counts as one JSON line.

import { generateDump } from '../demo/generate.js';

const [dir, seedText, bytesText] = process.argv.slice(2);
if (!dir || !seedText || !bytesText) {
  process.stderr.write('usage: gen-part.js <dir> <seed> <targetBytes>\n');
  process.exit(2);
}
let last = 0;
const truth = await generateDump(dir, {
  seed: Number(seedText),
  targetBytes: Number(bytesText),
  onProgress: (_files, bytes) => {
    // Progress on stderr every ~20 MB, for the parent to relay.
    if (bytes - last >= 20e6) {
      last = bytes;
      process.stderr.write(`${JSON.stringify({ bytes })}\n`);
    }
  },
});
process.stdout.write(`${JSON.stringify({ files: truth.files, bytes: truth.bytes, counts: truth.counts })}\n`);
