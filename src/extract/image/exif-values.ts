// exifr, one pass per segment family, and its tag values turned back into text as written
// (EXIF strings cut at NUL, GPS coordinates and times, IPTC dates).

import exifr from 'exifr';

export type Tags = Record<string, unknown>;

/** Every segment off; each pass turns on what it reads. Module constants: exifr caches options by identity. */
const OFF = {
  chunked: false,
  mergeOutput: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  silentErrors: true,
  makerNote: false,
  userComment: false,
  multiSegment: false,
  jfif: false,
  icc: false,
  xmp: false,
  iptc: false,
  ihdr: false,
  tiff: false,
  ifd0: false,
  ifd1: false,
  exif: false,
  gps: false,
  interop: false,
} as const;
export const TIFF_PASS = { ...OFF, tiff: true, ifd0: true, ifd1: true, exif: true, gps: true, interop: true };
export const XMP_PASS = { ...OFF, xmp: { parse: false } };
export const PNG_TEXT_PASS = { ...OFF, ihdr: true };

/** A tag value as text, as close as exifr lets us get to what the file holds. */
export function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  // EXIF ASCII values end at the first NUL (TIFF 6.0 §2); bytes after it are padding or junk.
  if (typeof v === 'string') return v.includes('\0') ? v.slice(0, v.indexOf('\0')) : v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) {
    // UNDEFINED-typed tags: ExifVersion '0230', FlashpixVersion... are ASCII digits; blobs are skipped.
    if (v.length <= 64 && v.every((c) => c >= 0x20 && c < 0x7f)) return Buffer.from(v).toString('latin1');
    // Short BYTE arrays (GPSVersionID, GPSAltitudeRef) as decimal numbers, as ExifTool -n prints them.
    return v.length <= 32 ? Array.from(v).join(' ') : undefined;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    const parts = v.map(asText);
    return parts.every((p) => p !== undefined) ? parts.join(' ') : undefined;
  }
  return undefined;
}

export function str(v: unknown): string | undefined {
  const t = asText(v)?.trim();
  return t ? t : undefined;
}

export function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export async function exifrPass(data: Uint8Array, options: object, label: string, errors: string[]): Promise<Record<string, Tags>> {
  try {
    const out = (await exifr.parse(data, options)) as Record<string, unknown> | undefined;
    if (!out) return {};
    if (Array.isArray(out.errors)) for (const e of out.errors) errors.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    return out as Record<string, Tags>;
  } catch (e) {
    errors.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
}

/** Degrees/minutes/seconds array and N/S/E/W reference → signed decimal degrees. */
export function gpsCoordinate(dms: unknown, ref: unknown, limit: number): number | undefined {
  let deg: number | undefined;
  if (Array.isArray(dms) && dms.length >= 1 && dms.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    deg = dms[0] + (dms[1] ?? 0) / 60 + (dms[2] ?? 0) / 3600;
  } else deg = finite(dms);
  if (deg === undefined || Math.abs(deg) > limit) return undefined;
  const r = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  return r === 'S' || r === 'W' ? -deg : deg;
}

/** GPSTimeStamp [h, m, s] → 'HH:MM:SS' (fraction kept: '14:27:07.24'). */
export function gpsTime(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length < 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) return undefined;
  const [h, m, s] = v as number[];
  const whole = Math.floor(s);
  const frac = Math.round((s - whole) * 100);
  const two = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(whole)}${frac ? `.${String(frac).padStart(2, '0')}` : ''}`;
}

/** IPTC date 'CCYYMMDD' + time 'HHMMSS±HHMM' → ISO 8601 for parseIsoDate. */
export function iptcIso(date: string, time?: string): string | undefined {
  const d = date.trim().match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!d) return undefined;
  const t = time?.trim().match(/^(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})(\d{2}))?$/);
  if (!t) return `${d[1]}-${d[2]}-${d[3]}`;
  return `${d[1]}-${d[2]}-${d[3]}T${t[1]}:${t[2]}:${t[3]}${t[4] ? `${t[4]}${t[5]}:${t[6]}` : ''}`;
}
