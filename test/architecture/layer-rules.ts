// The import rules of DESIGN.md as functions over source texts, so layers.test.ts applies them to
// the tree and layer-rules.test.ts shows on small examples that each one fails and passes rightly.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { specifiers } from './import-graph.js';

/** Absolute path → source text. */
export type Sources = ReadonlyMap<string, string>;

const LAYERS = ['model', 'shared', 'knowledge', 'extract', 'checks', 'store', 'ingest', 'report', 'api', 'cli', 'demo', 'bench'];

// DESIGN.md: model <- extract, checks, knowledge <- store <- ingest, report <- api <- cli, electron.
// src/shared (pure helpers) and src/version.ts may be imported by any layer.
const ALLOWED: Record<string, string[]> = {
  model: [],
  shared: ['model'],
  knowledge: ['model'],
  extract: ['model', 'knowledge'],
  checks: ['model', 'knowledge'],
  store: ['model', 'knowledge', 'extract', 'checks'],
  ingest: ['model', 'knowledge', 'extract', 'checks', 'store'],
  report: ['model', 'store', 'checks', 'knowledge'],
  api: ['model', 'store', 'ingest', 'report', 'checks', 'extract', 'knowledge'],
  cli: ['model', 'api', 'demo'],
  demo: ['model'],
  // The bench measures every layer, so it may import any; like every layer but store, it runs no SQL.
  bench: LAYERS,
};
const ANY_LAYER_MAY_IMPORT = ['src/shared/', 'src/version.'];
// The Electron shell binds the api service to IPC: it reaches src/ through these and nothing else
// (the engine itself, dist/api/host.js, is spawned as a utility process, not imported).
const ELECTRON_MAY_IMPORT = ['src/api/', 'src/model/', 'src/shared/'];
const NODE_BUILTINS = new Set(builtinModules);

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);

/** Repository-relative path of what a relative specifier names (folders are what the rules look at). */
function target(root: string, file: string, spec: string): string {
  return relative(root, resolve(dirname(file), spec));
}

/** src/ layers import only what DESIGN.md allows, and never electron or react. */
export function srcLayerProblems(root: string, sources: Sources): string[] {
  const problems: string[] = [];
  for (const [file, text] of sources) {
    const path = relative(root, file);
    const layer = path.split('/')[1];
    for (const spec of specifiers(text)) {
      if (/^(electron|react|react-dom)(\/|$)/.test(spec)) problems.push(`${path} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const to = target(root, file, spec);
      // src/version.ts reads the version from package.json; nothing else in src/ reaches outside it.
      if (to === 'package.json' && path === 'src/version.ts') continue;
      if (!to.startsWith('src/')) {
        problems.push(`${path} imports ${spec} outside src/`);
        continue;
      }
      const toLayer = to.split('/')[1];
      if (toLayer === layer || ANY_LAYER_MAY_IMPORT.some((p) => to.startsWith(p))) continue;
      if (!ALLOWED[layer]) problems.push(`${path} imports ${spec} from src/${layer}, a place DESIGN.md does not give a layer`);
      else if (!ALLOWED[layer].includes(toLayer))
        problems.push(`${path} imports ${spec}; ${layer} may import ${ALLOWED[layer].join(', ') || 'nothing'} (and shared)`);
    }
  }
  return problems;
}

/** electron/ imports only electron, node built-ins, its own files and src/api, src/model, src/shared. */
export function electronProblems(root: string, sources: Sources): string[] {
  const problems: string[] = [];
  for (const [file, text] of sources) {
    const path = relative(root, file);
    for (const spec of specifiers(text)) {
      if (!spec.startsWith('.')) {
        if (spec !== 'electron' && !isNodeBuiltin(spec)) problems.push(`${path} imports the package ${spec}`);
        continue;
      }
      const to = target(root, file, spec);
      if (to.startsWith('electron/')) continue;
      if (!ELECTRON_MAY_IMPORT.some((allowed) => to.startsWith(allowed)))
        problems.push(`${path} imports ${spec}; electron may import ${ELECTRON_MAY_IMPORT.join(', ')} only`);
    }
  }
  return problems;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a bare `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((e) => e.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** The renderer reaches src/ only through type imports from src/model, and never electron or node. */
export function rendererProblems(root: string, sources: Sources): string[] {
  const problems: string[] = [];
  for (const [file, text] of sources) {
    const path = relative(root, file);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      let spec: string | undefined;
      let typeOnly = false;
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        spec = node.moduleSpecifier.text;
        typeOnly = isTypeOnlyImport(node);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        spec = node.moduleSpecifier.text;
        typeOnly = isTypeOnlyExport(node);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0) {
        const arg = node.arguments[0];
        spec = ts.isStringLiteral(arg) ? arg.text : arg.getText(source);
      }
      if (spec !== undefined) {
        const where = `${path}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
        if (spec.startsWith('.')) {
          const to = target(root, file, spec);
          if (to.startsWith('src/') && !(typeOnly && to.startsWith('src/model/')))
            problems.push(`${where} imports ${spec} (only types from src/model)`);
          if (to.startsWith('electron/')) problems.push(`${where} imports ${spec} from the Electron shell`);
        } else if (spec === 'electron' || (isNodeBuiltin(spec) && path !== 'renderer/vite.config.ts')) {
          problems.push(`${where} imports ${spec}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}
