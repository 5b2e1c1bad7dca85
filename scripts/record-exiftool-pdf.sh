#!/usr/bin/env bash
# Record ExifTool's reading of every corpus PDF, once, as the reference the PDF extractor is
# compared with (test/integration/pdf-corpus.test.ts). Re-run only when the corpus changes.
#
# Flags: -G1 names the family-1 group (PDF, XMP-xmp, XMP-pdf, XMP-dc, XMP-xmpMM...) so Info and
# XMP values stay apart; -a keeps duplicate tags; -n turns off print conversion so values are as
# stored (ExifTool still rewrites dates into its own 'YYYY:MM:DD HH:MM:SS+hh:mm' form — the test
# converts Verity's raw dates to that form before comparing). -PDF:all -XMP:all limits the output
# to the metadata we compare; Warning/Error say when ExifTool gave up on a file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${VERITY_CORPUS:-$here/../../shared/corpus}"
out="$here/../test/fixtures/expected/exiftool-pdf.json"
tmp="$(mktemp)"
trap 'rm -f "$tmp" "$tmp.list"' EXIT
cd "$corpus"
find pdf -type f -name '*.pdf' | LC_ALL=C sort > "$tmp.list"
# -@ reads the file list; exit status 1 just means some files had errors (kept in the output).
exiftool -j -G1 -a -n -PDF:all -XMP:all -ExifTool:Warning -ExifTool:Error -@ "$tmp.list" > "$tmp" 2>/dev/null || true
version="$(exiftool -ver)"
node -e '
const fs = require("fs");
const [tmp, out, version, count] = process.argv.slice(1);
const rows = JSON.parse(fs.readFileSync(tmp, "utf8"));
const files = {};
for (const r of rows) { const { SourceFile, ...rest } = r; files[SourceFile] = rest; }
const doc = {
  tool: "exiftool", version,
  command: "exiftool -j -G1 -a -n -PDF:all -XMP:all -ExifTool:Warning -ExifTool:Error",
  recordedAt: new Date().toISOString().slice(0, 10),
  files,
};
fs.writeFileSync(out, JSON.stringify(doc, null, 1) + "\n");
console.log(`recorded ${Object.keys(files).length} of ${count} files with exiftool ${version}`);
' "$tmp" "$out" "$version" "$(wc -l < "$tmp.list")"
