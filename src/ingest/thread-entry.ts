// How to start one of the engine's worker threads from its module: the compiled .js as is, or under
// vitest (TypeScript sources) an eval bootstrap that registers tsx in the new thread first.

import { fileURLToPath, pathToFileURL } from 'node:url';

export function threadEntry(file: string): { code: string | URL; eval: boolean } {
  if (!file.endsWith('.ts')) return { code: pathToFileURL(file), eval: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  return {
    code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); }).catch((e) => { console.error(e); process.exit(1); });`,
    eval: true,
  };
}

/** The file next to `moduleUrl` named `name` with the same extension (.ts or .js). */
export function siblingModule(moduleUrl: string, name: string): string {
  return fileURLToPath(moduleUrl).replace(/[^/]+\.(ts|js)$/, `${name}.$1`);
}
