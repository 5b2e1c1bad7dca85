#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron/better_sqlite3.node, leaving the
// Node build in node_modules untouched: `npm test` (Node) and `npm start` (Electron) never
// overwrite each other's binary. The engine picks this file through better-sqlite3's
// nativeBinding option (VERITY_SQLITE_BINDING, set by electron/main.ts).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const outDir = join(root, '.native', 'electron');
const marker = join(outDir, 'version.json');
const want = { electron: electronVersion, betterSqlite3: sqliteVersion, arch: process.arch, platform: process.platform };

if (
  existsSync(marker) &&
  JSON.stringify(JSON.parse(readFileSync(marker, 'utf8'))) === JSON.stringify(want) &&
  existsSync(join(outDir, 'better_sqlite3.node'))
) {
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'verity-electron-sqlite-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.includes(`${join('build', 'Release')}`) });
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  try {
    // A prebuilt binary for Electron's ABI when one is published...
    execFileSync(
      process.execPath,
      [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch],
      { cwd: work, env, stdio: 'inherit' },
    );
  } catch {
    // ...else compile against Electron's headers.
    execFileSync(
      process.platform === 'win32' ? 'npx.cmd' : 'npx',
      ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, env, stdio: 'inherit' },
    );
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(marker, JSON.stringify(want));
  console.log(`better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} in ${outDir}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
