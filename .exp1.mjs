import exifr from 'exifr';
import { readFileSync } from 'node:fs';
const f = process.argv[2];
const buf = readFileSync(f);
const opts = { tiff: true, ifd0: true, ifd1: true, exif: true, gps: true, interop: true, xmp: true, iptc: true, icc: false, jfif: true, ihdr: true, makerNote: false, userComment: false, translateValues: false, reviveValues: false, sanitize: false, mergeOutput: false, silentErrors: true, chunked: false, multiSegment: true };
const out = await exifr.parse(buf, opts);
console.log(JSON.stringify(out, (k, v) => (v instanceof Uint8Array ? `<bytes ${v.length}>` : v), 1).slice(0, 6000));
const th = await exifr.thumbnail(buf);
console.log('thumb', th?.length);
