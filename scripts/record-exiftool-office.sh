#!/usr/bin/env bash
# Record ExifTool's reading of every corpus Office file (OOXML, legacy OLE, ODF), once, as the
# reference the office extractors are compared with (test/unit/extract/office/office-exiftool.test.ts).
# Re-run only when the corpus changes.
#
# Flags: -G1 names the family-1 group (XML = OOXML core/app/custom parts, XMP-dc / XMP-meta = ODF
# meta.xml and the OOXML dc: elements, FlashPix = OLE property sets) so sources stay apart; -a keeps
# duplicate tags; -n turns off print conversion (TotalEditTime stays a number; dates still come
# in ExifTool's own 'YYYY:MM:DD HH:MM:SS[Z]' form — the test compares instants). TZ=UTC because
# ExifTool prints OLE FILETIMEs (which are UTC) in the local zone. Warning/Error say when ExifTool
# gave up on a file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${VERITY_CORPUS:-$here/../../shared/corpus}"
out="$here/../test/fixtures/expected/exiftool-office.json"
tmp="$(mktemp)"
trap 'rm -f "$tmp" "$tmp.list"' EXIT
cd "$corpus"
find office/docx office/xlsx office/pptx office/xlsb office/doc office/xls office/ppt office/odf -type f | LC_ALL=C sort > "$tmp.list"
# -@ reads the file list; exit status 1 just means some files had errors (kept in the output).
TZ=UTC exiftool -j -G1 -a -n -XML:all -XMP:all -FlashPix:all -File:FileType -ExifTool:Warning -ExifTool:Error -@ "$tmp.list" > "$tmp" 2>/dev/null || true
version="$(exiftool -ver)"
node -e '
const fs = require("fs");
const [tmp, out, version, count] = process.argv.slice(1);
const rows = JSON.parse(fs.readFileSync(tmp, "utf8"));
const files = {};
for (const r of rows) {
  const { SourceFile, ...rest } = r;
  // Binary blobs (thumbnails, preview images) are placeholders, not metadata.
  for (const [k, v] of Object.entries(rest)) if (typeof v === "string" && v.startsWith("(Binary data")) delete rest[k];
  files[SourceFile] = rest;
}
const doc = {
  tool: "exiftool", version,
  command: "TZ=UTC exiftool -j -G1 -a -n -XML:all -XMP:all -FlashPix:all -File:FileType -ExifTool:Warning -ExifTool:Error",
  recordedAt: new Date().toISOString().slice(0, 10),
  files,
};
fs.writeFileSync(out, JSON.stringify(doc, null, 1) + "\n");
console.log(`recorded ${Object.keys(files).length} of ${count} files with exiftool ${version}`);
' "$tmp" "$out" "$version" "$(wc -l < "$tmp.list")"
