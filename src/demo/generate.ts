// The test-dump generator behind `verity demo` and the benchmark: a fictional French campaign's mail
// and documents with planted fakes and innocent lookalikes, and the ground truth that lists them.
// Deterministic: one seed and one set of options give a byte-identical dump (seeded PRNG, fixed
// keys, fixed dates; nothing reads the clock or Math.random). Writes only inside `dir` (and the key
// file, only where the caller asks for it).
//
// Layout of a dump (scale 1, ~140 files, ~370 documents counting messages, attachments and members):
//   mail/eml/<login>/Boite de reception/*.eml    three Outlook users' exports (CRLF)
//   mail/mbox/<login>/{Inbox,Sent}.mbox          three more mailboxes (mboxrd, LF)
//   archives/export-boites-2017.zip              export/<login>/Inbox.mbox (CRLF) for two more people
//   archives/sauvegarde-avril.zip                sauvegarde/mail/boites-anciennes.zip (a zip in the zip,
//                                                holding the travelling staff member's mbox) + documents
//   archives/compta-xls.zip                      spreadsheets, among them the edit burst
//   documents/{notes,pdf,budget,scans,archivage,archives-anciennes}/, photos/<event>/, notes/*.txt, web/*.html
//   lots/lot-NNN/...                             further batches (scale > 1, or until targetBytes)

import { writeFileSync } from 'node:fs';
import { Prng } from './prng.js';
import { DumpWriter } from './dump-writer.js';
import { Batch, TRIP, count } from './batch.js';
import { Planter } from './plant.js';
import { ORG, PARTNER, STAFF, TOWN_HALL, TRAVELLER_LOGIN, personByLogin } from './org.js';
import { dkimKeyFileText, dkimRecords } from './mailflow.js';
import { mailBody } from './text.js';
import { DAY, HOUR } from './time.js';
import type { GroundTruth, Lookalike } from './truth.js';
import type { PhotoPoolEntry } from './documents.js';

export interface GenerateOptions {
  seed?: number;
  /** 1 = about 300 documents; each further unit adds a batch of the same activity. */
  scale?: number;
  /** Keep adding batches (with long PDFs and large photos) until the dump holds about this many bytes. */
  targetBytes?: number;
  onProgress?: (files: number, bytes: number) => void;
  /** Where to write the DKIM key file (outside the dump); not written when absent. */
  keyFile?: string;
}

/** Bumped whenever the output for a given seed and options changes (the benchmark caches dumps by it). */
export const GENERATOR_VERSION = 2;

/** Messages and documents of one batch at scale 1. */
const BASE = { messages: 150, partner: 10, townHall: 5, listPosts: 6, docx: 18, pdf: 14, xlsx: 8, photos: 12, text: 6, html: 3 };

async function mailActivity(b: Batch, f: number, listPosts: number): Promise<void> {
  const n = (x: number) => Math.max(1, Math.round(x * f));
  const inbound: (() => Promise<void>)[] = [];
  for (let i = 0; i < n(BASE.partner); i++) inbound.push(() => b.inbound(PARTNER));
  for (let i = 0; i < n(BASE.townHall); i++) inbound.push(() => b.inbound(TOWN_HALL));
  for (let i = 0; i < listPosts; i++) inbound.push(() => b.listPost(i + 1));
  const total = n(BASE.messages);
  for (let i = 0; i < total; i++) {
    await b.genuineMessage();
    if (inbound.length && b.prng.chance(inbound.length / (total - i))) await inbound.shift()!();
  }
  for (const task of inbound) await task();
}

/** The travelling staff member's mail from Montreal (innocent timezone change, with DST). */
async function tripMail(b: Batch): Promise<void> {
  const emilie = personByLogin(TRAVELLER_LOGIN);
  const readers = ['claire.dumont', 'sophie.lefebvre', 'thomas.girard'].map(personByLogin);
  for (let i = 0; i < 4; i++) {
    const day = TRIP.start + (1 + 2 * i) * DAY + 12 * HOUR;
    const at = b.nextWorkTime(emilie, day);
    const topic = b.prng.pick(['Accueil des délégations', 'Planning des déplacements', 'Relations avec la presse régionale']);
    await b.internal(emilie, [readers[i % readers.length]], at, `Montréal : ${topic.toLowerCase()}`, mailBody(b.prng, topic, 'Émilie'));
  }
}

export async function generateDump(dir: string, opts: GenerateOptions = {}): Promise<GroundTruth> {
  const seed = opts.seed ?? 2017;
  const scale = opts.scale ?? 1;
  if (!(scale > 0)) throw new Error(`generateDump: scale must be positive (got ${scale})`);
  const writer = new DumpWriter(dir, opts.onProgress);
  const root = new Prng(seed);
  const counts: Record<string, number> = {};
  const lookalikes: Lookalike[] = [];

  // Main batch: genuine activity, lookalikes, then the fakes planted among them.
  const main = new Batch({ writer, prng: root.fork(1), counts, lookalikes, recordLookalikes: true }, '');
  const f = Math.min(scale, 1);
  await mailActivity(main, f, BASE.listPosts);
  await tripMail(main);
  const n = (x: number) => Math.max(1, Math.round(x * f));
  await main.looseDocuments({
    docx: n(BASE.docx),
    pdf: n(BASE.pdf),
    xlsx: n(BASE.xlsx),
    photos: n(BASE.photos),
    text: n(BASE.text),
    html: n(BASE.html),
  });
  await main.pdfLookalikes();
  const planter = new Planter(main);
  await planter.plantAll();
  await main.writeArchives();

  // Further batches: the same organisation's activity, for volume.
  const photoPool: PhotoPoolEntry[] = [];
  const extraByScale = Math.max(0, Math.ceil(scale) - 1);
  for (let k = 1; k <= extraByScale || (opts.targetBytes !== undefined && writer.bytes < opts.targetBytes); k++) {
    const b = new Batch(
      { writer, prng: root.fork(100 + k), counts, lookalikes, recordLookalikes: false },
      `lots/lot-${String(k).padStart(3, '0')}/`,
    );
    if (opts.targetBytes !== undefined) {
      // Benchmark volume: long PDFs and full-size photos, as real dumps have.
      b.docs.pdfMinPages = 40;
      b.docs.photoSize = [1600, 1200];
      b.docs.reusePixels = true;
      b.docs.pool = photoPool;
    }
    await mailActivity(b, 1, 2);
    await b.looseDocuments({ docx: BASE.docx, pdf: BASE.pdf, xlsx: BASE.xlsx, photos: BASE.photos, text: BASE.text, html: BASE.html });
    await b.writeArchives();
  }
  writer.finish();

  const records = dkimRecords();
  const keyFileText = dkimKeyFileText();
  if (opts.keyFile) writeFileSync(opts.keyFile, keyFileText);
  count(
    counts,
    'documents',
    Object.entries(counts)
      .filter(([k]) => k !== 'attachment' && k !== 'documents')
      .reduce((s, [, v]) => s + v, 0),
  );
  return {
    generator: 'verity-demo',
    version: GENERATOR_VERSION,
    seed,
    scale,
    organisation: { name: ORG.name, domain: ORG.domain, staff: STAFF.map((s) => ({ name: s.name, email: s.email, client: s.client })) },
    files: writer.files,
    bytes: writer.bytes,
    counts,
    fakes: planter.fakes,
    lookalikes,
    dkim: { records, keyFileText },
  };
}
