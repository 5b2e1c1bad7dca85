// Which metadata the HTML report shows for each document, in a fixed order (who made it, with what,
// when), and the email headers that matter with the DKIM result.

import type { ReportDkimSignature, ReportMetadataEntry } from '../model/report.js';
import { dkimLine } from './dkim-results.js';

/** source -> keys, in display order. Keys match case-insensitively (Message-Id vs Message-ID). */
const KEY_FIELDS: readonly [string, readonly string[]][] = [
  ['pdf', ['Version', 'Pages', 'Revisions', 'Signatures', 'Encrypted', 'JavaScript', 'EmbeddedFiles']],
  ['pdf.info', ['Title', 'Author', 'Creator', 'Producer', 'CreationDate', 'ModDate']],
  [
    'pdf.xmp',
    [
      'dc:creator',
      'xmp:CreatorTool',
      'pdf:Producer',
      'xmp:CreateDate',
      'xmp:ModifyDate',
      'xmp:MetadataDate',
      'xmpMM:DocumentID',
      'pdfaid:part',
    ],
  ],
  ['ooxml.core', ['dc:title', 'dc:creator', 'cp:lastModifiedBy', 'cp:revision', 'dcterms:created', 'dcterms:modified', 'cp:lastPrinted']],
  ['ooxml.app', ['Application', 'AppVersion', 'Company', 'Template', 'TotalTime']],
  [
    'odf.meta',
    [
      'meta:initial-creator',
      'dc:creator',
      'meta:creation-date',
      'dc:date',
      'meta:generator',
      'meta:editing-duration',
      'meta:editing-cycles',
    ],
  ],
  ['ole.summary', ['Title', 'Author', 'LastAuthor', 'AppName', 'CreateTime', 'LastSaveTime', 'LastPrinted', 'RevNumber', 'TotalEditTime']],
  ['ole.docsummary', ['Company', 'Manager']],
  [
    'exif',
    [
      'Make',
      'Model',
      'SerialNumber',
      'BodySerialNumber',
      'LensModel',
      'Software',
      'DateTimeOriginal',
      'CreateDate',
      'ModifyDate',
      'OffsetTimeOriginal',
      'OffsetTime',
      'Artist',
      'OwnerName',
    ],
  ],
  ['gps', ['GPSLatitude', 'GPSLongitude', 'GPSAltitude', 'GPSDateStamp', 'GPSTimeStamp', 'latitude', 'longitude']],
  ['xmp', ['CreatorTool', 'xmp:CreatorTool', 'photoshop:DateCreated', 'xmp:ModifyDate']],
  ['image', ['format', 'width', 'height']],
  ['email.header', ['X-Mailer', 'User-Agent', 'In-Reply-To', 'Reply-To', 'Sender', 'Return-Path', 'List-Id']],
  ['msg', ['PidTagClientSubmitTime', 'PidTagMessageDeliveryTime', 'PidTagCreationTime', 'PidTagLastModificationTime']],
  ['html', ['title', 'generator']],
  ['text', ['charset']],
];

const KEY_INDEX = new Map<string, number>();
KEY_FIELDS.forEach(([source, keys], si) => keys.forEach((k, ki) => KEY_INDEX.set(`${source}\u0000${k.toLowerCase()}`, si * 100 + ki)));

/** Sources that describe this occurrence (zip member time, mbox envelope): always shown whole. */
const OCCURRENCE_SOURCES = new Set(['zip', 'mbox', 'fs', 'file']);

export function keyMetadata(entries: readonly ReportMetadataEntry[]): ReportMetadataEntry[] {
  const picked: { rank: number; seq: number; e: ReportMetadataEntry }[] = [];
  entries.forEach((e, seq) => {
    const rank = KEY_INDEX.get(`${e.source}\u0000${e.key.toLowerCase()}`);
    if (rank !== undefined) picked.push({ rank, seq, e });
    else if (OCCURRENCE_SOURCES.has(e.source)) picked.push({ rank: 1_000_000, seq, e });
  });
  return picked.sort((a, b) => a.rank - b.rank || a.seq - b.seq).map((p) => p.e);
}

export const EMAIL_HEADER_ROWS = ['From', 'To', 'Cc', 'Date', 'Subject', 'Message-ID'] as const;

/** Values of one header (all occurrences, in order). */
export function headerValues(entries: readonly ReportMetadataEntry[], name: string): string[] {
  const n = name.toLowerCase();
  return entries.filter((e) => e.source === 'email.header' && e.key.toLowerCase() === n).map((e) => e.value);
}

/** The Received chain, newest hop first as written. */
export function receivedChain(entries: readonly ReportMetadataEntry[]): string[] {
  return headerValues(entries, 'Received');
}

/** One line per DKIM signature: the report's DKIM results (the JSON report's `dkim`). */
export function dkimSummary(signatures: readonly ReportDkimSignature[], entries: readonly ReportMetadataEntry[]): string[] {
  const lines = signatures.map(dkimLine);
  if (lines.length === 0) {
    lines.push(
      headerValues(entries, 'DKIM-Signature').length ? 'signed, but no DKIM result was recorded' : 'not signed (no DKIM-Signature header)',
    );
  }
  return lines;
}
