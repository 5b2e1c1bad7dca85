#!/usr/bin/env bash
# Record ExifTool's reading of the corpus images ONCE, as the reference that
# test/unit/extract/image/image.test.ts compares Verity's image extractor with.
# Re-run only when the corpus or the field list changes; commit the JSON it writes.
#
#   scripts/record-exiftool-image.sh [corpus-root]   (default: ../shared/corpus)
#
# -n: numbers as stored (GPS in signed decimal degrees via the Composite tags, Orientation as 1-8);
# -G1: each value keyed by where ExifTool found it (IFD0:Make, ExifIFD:DateTimeOriginal,
#      GPS:..., IFD1:ThumbnailLength, XMP-xmp:CreatorTool, IPTC:By-line, PNG:Make, File:ImageWidth);
# -a: keep a tag found in several places (EXIF Make and PNG text Make, for instance).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
corpus="${1:-${VERITY_CORPUS:-$repo/../shared/corpus}}"
out="$repo/test/fixtures/expected/exiftool-image.json"
command -v exiftool >/dev/null || { echo "exiftool not found (apt-get install libimage-exiftool-perl)" >&2; exit 1; }

tags=(-Make -Model -Software -SerialNumber -DateTimeOriginal -CreateDate -ModifyDate
  -OffsetTime -OffsetTimeOriginal -OffsetTimeDigitized
  -GPSLatitude -GPSLongitude -GPSAltitude -GPSDateStamp -GPSTimeStamp
  -Orientation -ImageWidth -ImageHeight -ThumbnailLength
  -CreatorTool -XMPToolkit -By-line -Artist -Creator)

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
# Paths relative to the corpus root, as in MANIFEST.tsv; sorted for a stable file.
(cd "$corpus" && find image/jpeg image/heic image/tiff image/png image/raw image/other -type f ! -name '*.svg' | LC_ALL=C sort \
  | exiftool -j -n -a -G1 -charset filename=utf8 "${tags[@]}" -@ - >"$tmp") || true  # exit 1 = some file had no tags

EXIFTOOL_VERSION="$(exiftool -ver)" node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const [tmp, out] = process.argv.slice(1);
// ExifTool leaves number-looking values unquoted (Software 1.00 would parse as 1): quote them so
// the file keeps the text ExifTool printed; the test converts GPS values with Number().
const raw = readFileSync(tmp, "utf8").replace(/^(\s*"[^"]+": )(-?[0-9][0-9.eE+-]*)(,?)$/gm, "$1\"$2\"$3");
const rows = JSON.parse(raw);
const files = {};
for (const r of rows) { const { SourceFile, ...tags } = r; files[SourceFile] = tags; }
const doc = { tool: "exiftool", version: process.env.EXIFTOOL_VERSION, recorded: new Date().toISOString().slice(0, 10),
  command: "exiftool -j -n -a -G1 <tags> (scripts/record-exiftool-image.sh); numeric values kept as printed, quoted", files };
writeFileSync(out, JSON.stringify(doc, null, 1) + "\n");
console.log(`${Object.keys(files).length} files -> ${out}`);
' "$tmp" "$out"
