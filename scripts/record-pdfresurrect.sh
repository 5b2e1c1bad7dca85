#!/usr/bin/env bash
# Record pdfresurrect's version count ('pdfresurrect -q file' prints "name: N") for every corpus
# PDF, once, as the reference for the structure reader's revision count
# (test/integration/pdf-corpus.test.ts). A file on which pdfresurrect fails is recorded as null
# with its message. Re-run only when the corpus changes.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${VERITY_CORPUS:-$here/../../shared/corpus}"
out="$here/../test/fixtures/expected/pdfresurrect.json"
cd "$corpus"
version="$(pdfresurrect 2>&1 | sed -n 's/^-- pdfresurrect \(v[0-9.]*\) --$/\1/p' | head -1)"
tsv="$(mktemp)"
trap 'rm -f "$tsv"' EXIT
find pdf -type f -name '*.pdf' | LC_ALL=C sort | while IFS= read -r f; do
  res="$(timeout 20 pdfresurrect -q "$f" 2>&1)"
  rc=$?
  # one line per file: path, exit code, output with newlines folded
  printf '%s\t%s\t%s\n' "$f" "$rc" "$(printf '%s' "$res" | tr '\n\t' '  ')"
done > "$tsv"
node -e '
const fs = require("fs");
const [tsv, out, version] = process.argv.slice(1);
const files = {};
for (const line of fs.readFileSync(tsv, "utf8").split("\n")) {
  if (!line) continue;
  const [path, rc, output] = line.split("\t");
  const base = path.split("/").pop();
  const m = output.match(new RegExp(": (\\d+)\\s*$"));
  files[path] = m && rc === "0" ? { versions: Number(m[1]) } : { versions: null, exitCode: Number(rc), output: output.trim().slice(0, 300) };
}
const doc = { tool: "pdfresurrect", version, command: "pdfresurrect -q <file>", recordedAt: new Date().toISOString().slice(0, 10), files };
fs.writeFileSync(out, JSON.stringify(doc, null, 1) + "\n");
const ok = Object.values(files).filter((f) => f.versions !== null).length;
console.log(`recorded ${Object.keys(files).length} files (${ok} with a count) with pdfresurrect ${version}`);
' "$tsv" "$out" "$version"
