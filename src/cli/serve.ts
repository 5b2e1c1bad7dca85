// `verity serve --case <file> [--dump <dir>] [--port N] [--dkim-keys <file|folder>]...`: starts the loopback
// server and prints the URL to open (with the run token in its fragment). Runs until interrupted.

import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../api/http/server.js';
import { dkimKeyOptions } from './dkim-command.js';

export { startServer };
export type { RunningServer, ServerOptions };

const USAGE =
  "usage: verity serve --case <case.verity> [--dump <folder>] [--port <n>] [--dkim-keys <file|folder>]... [--allow-open]\n  --allow-open  let the browser's Start screen open or create other cases (off by default: any\n                holder of the token could then make the engine read folders and write case files)";

export async function serveCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        case: { type: 'string' },
        dump: { type: 'string' },
        port: { type: 'string' },
        'dkim-keys': { type: 'string', multiple: true },
        'allow-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.case) {
    process.stderr.write(`--case is required\n${USAGE}\n`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number\n${USAGE}\n`);
    return 2;
  }
  // Every key format, several files or folders: one archive whose entries keep their own source.
  const { dkimKeys, dkimKeysSource } = await dkimKeyOptions(values['dkim-keys'] ?? []);
  let server: RunningServer;
  try {
    server = await startServer({
      caseFile: resolve(values.case),
      dumpRoot: values.dump ? resolve(values.dump) : undefined,
      dkimKeys,
      dkimKeysSource,
      port,
      allowOpen: !!values['allow-open'],
      // Logs carry ids and codes, never document content.
      log: (message, error) =>
        process.stderr.write(
          `${message}${error ? `: ${(error as Error)?.name ?? 'error'} ${String((error as Error)?.message ?? error).slice(0, 300)}` : ''}\n`,
        ),
    });
  } catch (e) {
    process.stderr.write(`cannot start the server: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(
    `Verity is serving ${values.case} at\n  ${server.url}\nOpen that address in a browser (it holds this run's access token). Ctrl+C stops the server.\n`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
