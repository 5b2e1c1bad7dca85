// Each layering rule on small examples: the import DESIGN.md forbids fails with its file and rule,
// and the same file importing the way DESIGN.md allows passes.
import { describe, expect, it } from 'vitest';
import { electronProblems, rendererProblems, srcLayerProblems } from './layer-rules.js';

const ROOT = '/repo';
const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([p, text]) => [`${ROOT}/${p}`, text]));

describe('src/ layers', () => {
  it('the CLI goes through api: importing the store, ingest or report directly fails', () => {
    expect(
      srcLayerProblems(
        ROOT,
        files({
          'src/cli/scan-command.ts': "import { runScan } from '../ingest/scan.js';\nimport { openCase } from '../store/db.js';",
          'src/cli/report-command.ts': "import type { JsonReport } from '../report/json.js';",
        }),
      ),
    ).toEqual([
      'src/cli/scan-command.ts imports ../ingest/scan.js; cli may import model, api, demo (and shared)',
      'src/cli/scan-command.ts imports ../store/db.js; cli may import model, api, demo (and shared)',
      'src/cli/report-command.ts imports ../report/json.js; cli may import model, api, demo (and shared)',
    ]);
    expect(
      srcLayerProblems(
        ROOT,
        files({
          'src/cli/scan-command.ts':
            "import { createService } from '../api/service.js';\nimport type { ScanProgress } from '../model/api.js';\nimport { parseDate } from '../shared/dates.js';\nimport { VERITY_VERSION } from '../version.js';",
        }),
      ),
    ).toEqual([]);
  });

  it('arrows point one way: the store may not import ingest, a check may not import the store, nothing imports electron', () => {
    expect(
      srcLayerProblems(
        ROOT,
        files({
          'src/store/summary.ts': "import { Scan } from '../ingest/scan.js';",
          'src/checks/corpus/people.ts': "import { openCase } from '../../store/db.js';",
          'src/api/host.ts': "import { app } from 'electron';",
          'src/report/html.ts': "import { x } from '../../renderer/app.js';",
        }),
      ),
    ).toEqual([
      'src/store/summary.ts imports ../ingest/scan.js; store may import model, knowledge, extract, checks (and shared)',
      'src/checks/corpus/people.ts imports ../../store/db.js; checks may import model, knowledge (and shared)',
      'src/api/host.ts imports electron',
      'src/report/html.ts imports ../../renderer/app.js outside src/',
    ]);
  });
});

describe('electron/', () => {
  it('may not import the engine beyond api, model and shared, nor npm packages', () => {
    expect(
      electronProblems(
        ROOT,
        files({
          'electron/main.ts':
            "import { runScan } from '../src/ingest/scan.js';\nimport Database from 'better-sqlite3';\nimport { App } from '../renderer/app/App.js';",
        }),
      ),
    ).toEqual([
      'electron/main.ts imports ../src/ingest/scan.js; electron may import src/api/, src/model/, src/shared/ only',
      'electron/main.ts imports the package better-sqlite3',
      'electron/main.ts imports ../renderer/app/App.js; electron may import src/api/, src/model/, src/shared/ only',
    ]);
  });

  it('passes what the shell really needs: electron, node, its own files, the api and model', () => {
    expect(
      electronProblems(
        ROOT,
        files({
          'electron/main.ts':
            "import { app, utilityProcess } from 'electron';\nimport { join } from 'node:path';\nimport { readFileSync } from 'fs';\nimport { hardenSession } from './security.js';\nimport type { ApiResult } from '../src/model/api.js';\nimport { dispatch } from '../src/api/dispatch.js';",
        }),
      ),
    ).toEqual([]);
  });
});

describe('renderer/', () => {
  it('takes only types from src/model', () => {
    const problems = rendererProblems(
      ROOT,
      files({
        'renderer/api/types.ts': [
          "export type { ApiResult } from '../../src/model/api.js';",
          "import type { Finding } from '../../src/model/finding.js';",
          "import { type Severity } from '../../src/model/document.js';",
          "import { SEVERITIES } from '../../src/model/document.js';",
          "export { scoreOf } from '../../src/checks/score.js';",
          "import type { Db } from '../../src/store/db.js';",
          "const m = await import('../../src/model/api.js');",
          "import { ipcRenderer } from 'electron';",
          "import { readFileSync } from 'node:fs';",
        ].join('\n'),
        'renderer/vite.config.ts': "import { fileURLToPath } from 'node:url';",
      }),
    );
    expect(problems).toEqual([
      'renderer/api/types.ts:4 imports ../../src/model/document.js (only types from src/model)',
      'renderer/api/types.ts:5 imports ../../src/checks/score.js (only types from src/model)',
      'renderer/api/types.ts:6 imports ../../src/store/db.js (only types from src/model)',
      'renderer/api/types.ts:7 imports ../../src/model/api.js (only types from src/model)',
      'renderer/api/types.ts:8 imports electron',
      'renderer/api/types.ts:9 imports node:fs',
    ]);
  });
});
