// IPTC-IIM records and the Photoshop resource blocks that carry them (JPEG APP13, PSD, TIFF); read
// here because exifr decodes IPTC as Latin-1 and reads no PSD. Every read is bounds-checked.

export interface IptcRecord {
  /** Dataset name as in the IPTC IIM 4.2 specification (and ExifTool): 'By-line', 'DateCreated'... */
  key: string;
  value: string;
}

/** Application record (2:xx) dataset numbers → names. Unknown datasets are keyed '2:NNN'. */
const APPLICATION: Record<number, string> = {
  0: 'ApplicationRecordVersion',
  5: 'ObjectName',
  7: 'EditStatus',
  10: 'Urgency',
  15: 'Category',
  20: 'SupplementalCategories',
  25: 'Keywords',
  26: 'ContentLocationCode',
  27: 'ContentLocationName',
  30: 'ReleaseDate',
  35: 'ReleaseTime',
  40: 'SpecialInstructions',
  55: 'DateCreated',
  60: 'TimeCreated',
  62: 'DigitalCreationDate',
  63: 'DigitalCreationTime',
  65: 'OriginatingProgram',
  70: 'ProgramVersion',
  80: 'By-line',
  85: 'By-lineTitle',
  90: 'City',
  92: 'Sub-location',
  95: 'Province-State',
  100: 'Country-PrimaryLocationCode',
  101: 'Country-PrimaryLocationName',
  103: 'OriginalTransmissionReference',
  105: 'Headline',
  110: 'Credit',
  115: 'Source',
  116: 'CopyrightNotice',
  118: 'Contact',
  120: 'Caption-Abstract',
  122: 'Writer-Editor',
  130: 'ImageType',
  131: 'ImageOrientation',
  135: 'LanguageIdentifier',
};

const MAX_RECORDS = 2000;

/**
 * Parse IIM datasets. Record 1:90 (CodedCharacterSet) = ESC % G declares UTF-8; without it we decode
 * as UTF-8 when the bytes are valid UTF-8 and Latin-1 otherwise (what writers did in practice).
 * Only application records (2:xx) are returned; envelope records are structural.
 */
export function parseIptcIim(bytes: Uint8Array): IptcRecord[] {
  const raw: { ds: number; data: Uint8Array }[] = [];
  let utf8Declared = false;
  let i = 0;
  while (i + 5 <= bytes.length && raw.length < MAX_RECORDS) {
    if (bytes[i] !== 0x1c) {
      // Padding between resource blocks is common; skip stray bytes but stop at garbage runs.
      i++;
      continue;
    }
    const rec = bytes[i + 1];
    const ds = bytes[i + 2];
    let len = (bytes[i + 3] << 8) | bytes[i + 4];
    let at = i + 5;
    if (len & 0x8000) {
      // Extended dataset: the low 15 bits give the number of length bytes that follow.
      const n = len & 0x7fff;
      if (n > 4 || at + n > bytes.length) break;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + bytes[at + k];
      at += n;
    }
    if (at + len > bytes.length) break;
    const data = bytes.subarray(at, at + len);
    if (rec === 1 && ds === 90 && data.length >= 3 && data[0] === 0x1b && data[1] === 0x25 && data[2] === 0x47) utf8Declared = true;
    if (rec === 2) raw.push({ ds, data });
    i = at + len;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (b: Uint8Array): string => {
    if (utf8Declared) return new TextDecoder('utf-8').decode(b);
    try {
      return decoder.decode(b);
    } catch {
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
    }
  };
  return raw.map(({ ds, data }) => ({
    key: APPLICATION[ds] ?? `2:${String(ds).padStart(3, '0')}`,
    // ApplicationRecordVersion is a binary 2-byte number; everything we name is text.
    value: ds === 0 && data.length === 2 ? String((data[0] << 8) | data[1]) : decode(data).replace(/\0+$/, ''),
  }));
}

/** Photoshop image resource ids we read. */
export const PS_RESOURCE = { iptc: 0x0404, thumbnail: 0x040c, exif: 0x0422, xmp: 0x0424 } as const;

/**
 * Photoshop image resource blocks ('8BIM' id name data), as in a PSD's resources section, the
 * APP13 'Photoshop 3.0' segment of a JPEG, or TIFF tag 34377. Returns id → first block's data.
 */
export function parsePhotoshopResources(bytes: Uint8Array): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  let i = 0;
  let count = 0;
  while (i + 12 <= bytes.length && count++ < 10_000) {
    const sig = String.fromCharCode(bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]);
    if (sig !== '8BIM' && sig !== 'MeSa' && sig !== 'PHUT' && sig !== 'AgHg' && sig !== 'DCSR') break;
    const id = (bytes[i + 4] << 8) | bytes[i + 5];
    const nameLen = bytes[i + 6];
    let at = i + 6 + 1 + nameLen;
    if ((1 + nameLen) % 2 === 1) at++; // Pascal name padded to even length
    if (at + 4 > bytes.length) break;
    const size = ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
    at += 4;
    if (at + size > bytes.length) break;
    if (!out.has(id)) out.set(id, bytes.subarray(at, at + size));
    i = at + size + (size % 2);
  }
  return out;
}
