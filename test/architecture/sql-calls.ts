// Finds the places a source file speaks SQL: better-sqlite3's prepare, pragma, exec and transaction
// calls, and imports of better-sqlite3 itself. Only src/store may do either (DESIGN.md, store/).
import ts from 'typescript';

export interface SqlCall {
  line: number;
  /** The call as written, e.g. `db.prepare(` or `import 'better-sqlite3'`. */
  what: string;
}

/** Methods that exist on a better-sqlite3 Database only. */
const DATABASE_ONLY = new Set(['prepare', 'pragma', 'transaction']);
const SQL_TEXT =
  /^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|WITH|ATTACH|DETACH|VACUUM|ANALYZE|REINDEX)\b/i;
const DATABASE_NAME = /^(db|database|sqlite|conn|connection)$|(Db|Database|Sqlite|Conn|Connection)$/;

function receiverName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

function isRegExp(expr: ts.Expression): boolean {
  const e = ts.isParenthesizedExpression(expr) ? expr.expression : expr;
  return ts.isRegularExpressionLiteral(e) || (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp');
}

function literalText(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isTemplateExpression(expr)) return expr.head.text;
  return undefined;
}

/**
 * `x.exec(...)` runs SQL when x is a database, and a regular expression otherwise: it counts when
 * its argument is SQL text or its receiver is named like a database (`db`, `this.db`, `caseDb`).
 */
function isDatabaseExec(call: ts.CallExpression, receiver: ts.Expression): boolean {
  if (isRegExp(receiver)) return false;
  const sql = literalText(call.arguments[0]);
  if (sql !== undefined && SQL_TEXT.test(sql)) return true;
  const name = receiverName(receiver);
  return name !== undefined && DATABASE_NAME.test(name);
}

/** The SQL calls and better-sqlite3 imports of one source text. */
export function sqlCalls(text: string, fileName = 'source.ts'): SqlCall[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: SqlCall[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression;
      if (DATABASE_ONLY.has(method) || (method === 'exec' && isDatabaseExec(node, receiver)))
        found.push({ line: at(node), what: `${receiver.getText(source)}.${method}(` });
    }
    const moduleName =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) && isLoader(node.expression)
          ? node.arguments[0].text
          : undefined;
    if (moduleName === 'better-sqlite3') found.push({ line: at(node), what: `import 'better-sqlite3'` });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isLoader(callee: ts.Expression): boolean {
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}
