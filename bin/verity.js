#!/usr/bin/env node
// The installed `verity` command: runs the compiled CLI (npm run build first).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`verity: ${e?.stack ?? e}\n`);
    process.exitCode = 1;
  },
);
