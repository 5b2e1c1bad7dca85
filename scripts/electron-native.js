#!/usr/bin/env node
// Before `electron .`: builds better-sqlite3 for Electron's ABI into .native/electron/, apart from
// the Node build in node_modules (docs/electron.md); warns when Node is too old for Electron's installer.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = dirname(require.resolve('electron/package.json'));
const electronPackage = require('electron/package.json');
const electronVersion = electronPackage.version;
// The ABI Electron itself declares; the binary must be built for this one.
const electronAbi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
// prebuild-install is better-sqlite3's own dependency: resolve it (and its node-abi) from there.
const sqliteRequire = createRequire(join(sqliteDir, 'package.json'));
const prebuildInstall = sqliteRequire.resolve('prebuild-install/bin.js');
const outDir = join(root, '.native', 'electron');
const marker = join(outDir, 'version.json');
const want = { electron: electronVersion, abi: electronAbi, betterSqlite3: sqliteVersion, arch: process.arch, platform: process.platform };

warnIfNodeTooOldForElectronDownload();

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
  // A prebuilt binary is named after the ABI prebuild-install's node-abi computes; use one only
  // when that is the ABI Electron declares, else compile against Electron's headers.
  let prebuilt = false;
  if (prebuiltAbi() === electronAbi) {
    try {
      execFileSync(process.execPath, [prebuildInstall, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], {
        cwd: work,
        env,
        stdio: 'inherit',
      });
      prebuilt = true;
    } catch {
      console.log(`No prebuilt better-sqlite3 ${sqliteVersion} for Electron ABI ${electronAbi}; compiling it.`);
    }
  }
  if (!prebuilt) {
    const gypArgs = [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ];
    // Under `npm start`, npm names its bundled node-gyp; run by hand, npx finds one.
    if (process.env.npm_config_node_gyp)
      execFileSync(process.execPath, [process.env.npm_config_node_gyp, ...gypArgs], { cwd: work, env, stdio: 'inherit' });
    else
      execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', 'node-gyp', ...gypArgs], {
        cwd: work,
        env,
        stdio: 'inherit',
      });
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(marker, JSON.stringify(want));
  console.log(`better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} (ABI ${electronAbi}) in ${outDir}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The ABI prebuild-install would ask for, or null when its node-abi does not know this Electron. */
function prebuiltAbi() {
  try {
    const nodeAbi = createRequire(prebuildInstall).resolve('node-abi');
    return require(nodeAbi).getAbi(electronVersion, 'electron');
  } catch {
    return null;
  }
}

/** Electron downloads its binary on first run with an installer that declares a newer Node than the
 *  engine needs: warn before it runs, so a failed download explains itself. */
function warnIfNodeTooOldForElectronDownload() {
  const installed = existsSync(join(electronDir, 'path.txt')) && existsSync(join(electronDir, 'dist'));
  const [, major, minor] = /(\d+)\.(\d+)/.exec(electronPackage.engines?.node ?? '') ?? [];
  const [nodeMajor, nodeMinor] = process.versions.node.split('.').map(Number);
  if (installed || !major || nodeMajor > Number(major) || (nodeMajor === Number(major) && nodeMinor >= Number(minor))) return;
  console.warn(
    `Electron ${electronVersion} downloads its binary on first run with an installer that needs Node ${electronPackage.engines.node}; ` +
      `this is Node ${process.versions.node}. If the download fails, run \`npm start\` once with a newer Node (docs/electron.md).`,
  );
}
