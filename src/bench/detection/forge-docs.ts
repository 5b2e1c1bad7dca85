// Document forgeries, as a forger with the leaked files and ordinary tools makes them (written before
// and without looking at any check): a document re-saved by the forger's own Office account (an
// outsider's name, odd revision counters), old documents re-saved together on the forger's machine
// and backdated (clock set back, LibreOffice, 7-Zip + Notepad), PDF text changed by an editor's
// incremental save (Acrobat "Edit PDF", an overlay editor, PDF-XChange), PDF metadata changed with a
// metadata tool (exiftool edits Info or XMP alone; PyPDF2 rewrites Info), documents claiming a date
// before the software or font that made them existed, and doctored copies of genuine documents.

import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import type { Prng } from '../../demo/prng.js';
import { DAY, isoDate, MINUTE, offsetAt, pdfDate, SECOND } from './clock.js';
import { libreOfficeAt, LIBREOFFICE_RELEASES, makeOfficeDoc, makePdfDoc, safeName, type Doc } from './documents.js';
import { pickChange } from './forge-mail.js';
import type { Person } from './mail-model.js';
import { OUTSIDERS } from './names.js';
import { dosTime, officeFile, type OfficeSpec } from './office.js';
import { infoDict, makePdf, producerStrings, xmpPacket, type PdfSpec, type Producer } from './pdf.js';
import { CAMERAS, shoot } from './photos.js';
import { appendUpdate, combine, infoEdit, overlayTextEdit, replaceTextEdit, xmpEdit } from './pdf-update.js';
import { folders } from './population.js';
import type { Lang } from './text.js';
import type { DumpFile, World } from './world.js';

export const DOC_FAMILY = {
  foreignEditor: 'office-foreign-editor',
  backdatedBurst: 'office-backdated-burst',
  pdfTextEdited: 'pdf-text-edited-update',
  infoXmpMismatch: 'pdf-info-xmp-mismatch',
  softwareAnachronism: 'software-anachronism',
  fontAnachronism: 'font-anachronism',
  nearDuplicate: 'near-duplicate-doctored',
} as const;

type Entry = { doc: Doc; file: DumpFile };

function looseDocs(world: World, ok: (d: Doc) => boolean): Entry[] {
  return world.docs.filter((e): e is Entry => !!e.file && !e.file.label && ok(e.doc));
}

function markForged(file: DumpFile, family: string, note: string): void {
  file.label = { label: 'forged', family, note };
}

/** When the forger works: weeks after the last mail of the leak. */
function forgingTime(world: World, prng: Prng): number {
  return world.org.end + prng.int(30, 120) * DAY + prng.int(0, 86_399) * SECOND;
}

/** A claimed date inside the dump period, in `p`'s working hours. */
function claimed(world: World, p: Person, prng: Prng, from = 0.15, to = 0.85): number {
  const t = world.org.start + Math.floor((world.org.end - world.org.start) * (from + prng.next() * (to - from)));
  return world.nextTime(p, t, prng, false).at;
}

async function resaveOffice(entry: Entry, change: Partial<OfficeSpec>): Promise<OfficeSpec> {
  const spec = { ...entry.doc.office!, ...change };
  entry.file.data = await officeFile(spec);
  return spec;
}

// ---------------------------------------------------------------------------------------------

async function foreignEditor(world: World, prng: Prng): Promise<void> {
  const now = forgingTime(world, prng);
  const docx = prng.shuffle(looseDocs(world, (d) => d.kind === 'docx' && d.office!.app.family === 'word'));
  // 1. A genuine report re-saved under the forger's own Word account (a name in Cyrillic).
  const a = docx[0];
  if (a) {
    const name = prng.pick(OUTSIDERS.cyrillic);
    const s = a.doc.office!;
    await resaveOffice(a, {
      lastModifiedBy: name,
      revision: s.revision + 1,
      totalTime: s.totalTime + prng.int(1, 4),
      modified: now,
      rsids: [...s.rsids, `00${prng.hex(6).toUpperCase()}`],
    });
    markForged(a.file, DOC_FAMILY.foreignEditor, `re-saved by ${name}, a person never seen in the organisation`);
  }
  // 2. A new memo made from scratch by an outsider (Latin name), one save, no editing time, a span of weeks.
  {
    const author = prng.pick(world.org.staff);
    const name = prng.pick(OUTSIDERS.latin);
    const created = claimed(world, author, prng);
    const modified = created + prng.int(15, 40) * DAY;
    const topic = world.org.writer.topic(prng);
    const doc = await makeOfficeDoc(
      world.org,
      {
        kind: 'docx',
        author: { ...author, name },
        created,
        modified,
        topic,
        revision: 1,
        totalTime: 0,
        app: { family: 'word', version: '16' },
        company: '',
      },
      prng,
    );
    const f = world.addFile(
      `${folders(world).projects}/${safeName(topic.replace(/^(the|les|le|la|l’)\s+/i, '')).replace(/^./, (c) => c.toUpperCase())}/${doc.filename}`,
      doc.data,
      modified,
    );
    markForged(
      f,
      DOC_FAMILY.foreignEditor,
      `created and last saved by ${name} (outsider), revision 1 with 0 minutes of editing over ${Math.round((modified - created) / DAY)} days`,
    );
  }
  // 3. A genuine document edited by someone writing in Chinese script: revision jumps, no editing time.
  const c = docx[1] ?? looseDocs(world, (d) => d.kind === 'docx')[0];
  if (c) {
    const name = prng.pick(OUTSIDERS.han);
    const s = c.doc.office!;
    await resaveOffice(c, {
      lastModifiedBy: name,
      revision: s.revision + prng.int(30, 60),
      totalTime: s.totalTime + 1,
      modified: s.modified + prng.int(20, 60) * DAY,
    });
    markForged(c.file, DOC_FAMILY.foreignEditor, `last saved by ${name}; revision counter jumped by tens with one more minute of editing`);
  }
}

async function backdatedBurst(world: World, prng: Prng): Promise<void> {
  const used = new Set<DumpFile>();
  const take = (ok: (d: Doc) => boolean, n: number) => {
    const list = prng
      .shuffle(looseDocs(world, (d) => ok(d) && !!d.office))
      .filter((e) => !used.has(e.file))
      .slice(0, n);
    list.forEach((e) => used.add(e.file));
    return list;
  };
  // 1. Three Word documents re-saved in LibreOffice on the forger's Linux machine one night; the core
  //    dates set back afterwards with a metadata editor. LibreOffice stamps the real save time in the zip.
  {
    const night = forgingTime(world, prng);
    let t = night;
    for (const e of take((d) => d.kind === 'docx' && d.office!.app.family === 'word', 3)) {
      t += prng.int(2, 6) * MINUTE;
      const s = e.doc.office!;
      await resaveOffice(e, {
        app: { family: 'libreoffice', version: libreOfficeAt(night), platform: 'Linux_X86_64' },
        revision: s.revision + 1,
        totalTime: s.totalTime + prng.int(2, 9),
        savedAt: t,
        zone: 'Europe/Berlin',
      });
      markForged(
        e.file,
        DOC_FAMILY.backdatedBurst,
        'one of three documents re-saved together in LibreOffice by the forger, core dates set back to their old values',
      );
    }
  }
  // 2. Word with the computer clock set back: three documents saved within fifteen minutes on a Sunday night.
  {
    const anyone = world.org.staff[0];
    let t = claimed(world, anyone, prng, 0.4, 0.9);
    const zone = anyone.zone;
    // move to the next Sunday 23:00 local
    while (new Date(t + offsetAt(zone, t) * MINUTE).getUTCDay() !== 0) t += DAY;
    const w = new Date(t + offsetAt(zone, t) * MINUTE);
    t = Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), 23, prng.int(0, 20)) - offsetAt(zone, t) * MINUTE;
    for (const e of take((d) => d.kind === 'docx', 3)) {
      t += prng.int(3, 6) * MINUTE;
      const s = e.doc.office!;
      await resaveOffice(e, {
        modified: t,
        revision: s.revision + 1,
        totalTime: s.totalTime + prng.int(1, 3),
        app: { family: 'word', version: '16' },
      });
      markForged(
        e.file,
        DOC_FAMILY.backdatedBurst,
        'one of three documents re-saved within minutes on a Sunday night with the clock set back',
      );
    }
  }
  // 3. Two documents and a spreadsheet whose docProps/core.xml was rewritten by hand (7-Zip + Notepad):
  //    older dates with seconds, and 7-Zip's member times of the editing session.
  {
    const edit = forgingTime(world, prng);
    let t = edit;
    const files = [...take((d) => d.kind === 'docx', 2), ...take((d) => d.kind === 'xlsx', 1)];
    for (const e of files) {
      t += prng.int(1, 4) * MINUTE;
      const s = e.doc.office!;
      const created = s.created - prng.int(120, 300) * DAY;
      await resaveOffice(e, {
        created,
        modified: created + prng.int(1, 20) * DAY + prng.int(1, 59) * SECOND,
        memberTime: dosTime(t, 'Europe/Berlin'),
      });
      markForged(
        e.file,
        DOC_FAMILY.backdatedBurst,
        'core.xml dates rewritten by hand in one session (7-Zip keeps the edit times in the zip)',
      );
    }
  }
}

/** A phrase on the first page that an editor would change (a number, a day, a place). */
function phraseToChange(doc: Doc, prng: Prng, lang: Lang): [string, string] | null {
  const firstPage = doc.paragraphs.slice(0, 3).join('\n');
  const c = pickChange(firstPage, prng, lang);
  if (!c || c[0].length > 30 || /[^\x20-\x7e\u00a0-\u00ff]/.test(c[0] + c[1])) return null;
  return c;
}

async function pdfTextEdited(world: World, prng: Prng): Promise<void> {
  const lang = world.org.params.language;
  const pdfs = prng.shuffle(looseDocs(world, (d) => d.kind === 'pdf' && !!d.pdf && d.pdf.producer.kind !== 'scanner'));
  const now = forgingTime(world, prng);
  const editors = [
    { name: 'Acrobat', note: 'text replaced with Acrobat "Edit PDF"; Info ModDate and XMP updated in the same incremental save' },
    { name: 'overlay', note: 'old text whited out and new text typed over it in an appended content stream (overlay editor)' },
    { name: 'PDF-XChange', note: 'text replaced and saved incrementally by PDF-XChange Editor, which writes its Producer' },
  ];
  let v = 0;
  for (const e of pdfs) {
    if (v >= 3) break;
    const change = phraseToChange(e.doc, prng, lang);
    if (!change) continue;
    const spec = e.doc.pdf!;
    const off = offsetAt(spec.zone, now);
    try {
      if (v === 0) {
        const hasXmp = producerStrings(spec.producer).toolkit !== undefined;
        const edits = [replaceTextEdit(0, [change]), infoEdit({ ModDate: pdfDate(now, off) })];
        if (hasXmp)
          edits.push(
            xmpEdit(
              xmpPacket({
                toolkit: 'Adobe XMP Core 5.6-c017 91.164464, 2020/06/15-10:20:05        ',
                producer: producerStrings(spec.producer).producer,
                creatorTool: producerStrings(spec.producer).creator,
                creator: spec.author,
                title: spec.title,
                createDate: isoDate(spec.created, offsetAt(spec.zone, spec.created)),
                modifyDate: isoDate(now, off),
                metadataDate: isoDate(now, off),
                documentId: `uuid:${prng.uuid()}`,
                instanceId: `uuid:${prng.uuid()}`,
              }),
            ),
          );
        e.file.data = await appendUpdate(e.doc.data, combine(...edits));
      } else if (v === 1) {
        e.file.data = await appendUpdate(
          e.doc.data,
          combine(overlayTextEdit(0, change[0], change[1]), infoEdit({ ModDate: pdfDate(now, off) })),
        );
      } else {
        e.file.data = await appendUpdate(
          e.doc.data,
          combine(replaceTextEdit(0, [change]), infoEdit({ ModDate: pdfDate(now, off), Producer: 'PDF-XChange Editor 9.2.359.0' })),
        );
      }
    } catch {
      continue;
    }
    markForged(e.file, DOC_FAMILY.pdfTextEdited, `${editors[v].note}: "${change[0]}" became "${change[1]}"`);
    v++;
  }
}

/** A PDF with XMP to work on: a genuine one from the dump, or one more genuine-looking Word export. */
async function pdfWithXmp(world: World, prng: Prng, used: Set<DumpFile>): Promise<Entry> {
  const found = prng
    .shuffle(looseDocs(world, (d) => d.kind === 'pdf' && !!d.pdf && ['word', 'acrobat'].includes(d.pdf.producer.kind)))
    .find((e) => !used.has(e.file));
  if (found) {
    used.add(found.file);
    return found;
  }
  const author = prng.pick(world.org.staff);
  const created = claimed(world, author, prng);
  const doc = await makePdfDoc(
    world.org,
    { author, created, topic: world.org.writer.topic(prng), producer: { kind: 'word', product: 'Microsoft® Word 2016' } },
    prng,
  );
  const file = world.addFile(`${folders(world).reports}/${doc.filename}`, doc.data, created);
  world.docs.push({ doc, file });
  used.add(file);
  return { doc, file };
}

async function infoXmpMismatch(world: World, prng: Prng): Promise<void> {
  const used = new Set<DumpFile>();
  const others = world.org.staff;
  // 1. exiftool -PDF:CreateDate=… -PDF:Author=…: an incremental update of the Info dictionary only.
  {
    const e = await pdfWithXmp(world, prng, used);
    const spec = e.doc.pdf!;
    const author = prng.pick(others.filter((p) => p.name !== spec.author)).name;
    const created = spec.created - prng.int(30, 90) * DAY;
    e.file.data = await appendUpdate(
      e.doc.data,
      infoEdit({ Author: author, CreationDate: pdfDate(created, offsetAt(spec.zone, created)) }),
    );
    markForged(
      e.file,
      DOC_FAMILY.infoXmpMismatch,
      'Info Author and CreationDate changed with exiftool (incremental update); XMP left as it was',
    );
  }
  // 2. PyPDF2's add_metadata() and write(): the whole file rewritten, Info changed, XMP copied unchanged.
  {
    const e = await pdfWithXmp(world, prng, used);
    const spec = e.doc.pdf!;
    const doc = await PDFDocument.load(e.doc.data, { updateMetadata: false });
    const info = infoDict(doc);
    info.set(PDFName.of('Author'), PDFHexString.fromText(prng.pick(others.filter((p) => p.name !== spec.author)).name));
    info.set(
      PDFName.of('Title'),
      PDFHexString.fromText(`${spec.title} - ${world.org.params.language === 'fr' ? 'version validée' : 'approved version'}`),
    );
    info.set(PDFName.of('Producer'), PDFHexString.fromText('PyPDF2'));
    e.file.data = Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
    markForged(
      e.file,
      DOC_FAMILY.infoXmpMismatch,
      'rewritten by PyPDF2 with a new Info Author and Title; the XMP packet still names the old ones',
    );
  }
  // 3. The reverse: exiftool -XMP-dc:Creator=… -XMP-xmp:CreateDate=…, Info untouched.
  {
    const e = await pdfWithXmp(world, prng, used);
    const spec = e.doc.pdf!;
    const strings = producerStrings(spec.producer);
    const created = spec.created - prng.int(20, 60) * DAY;
    const off = offsetAt(spec.zone, created);
    const packet = xmpPacket({
      toolkit: 'Image::ExifTool 12.16',
      producer: strings.producer,
      creatorTool: strings.creator,
      creator: prng.pick(others.filter((p) => p.name !== spec.author)).name,
      title: spec.title,
      createDate: isoDate(created, off),
      modifyDate: isoDate(spec.modified, offsetAt(spec.zone, spec.modified)),
      documentId: `uuid:${prng.uuid()}`,
      instanceId: `uuid:${prng.uuid()}`,
    });
    e.file.data = await appendUpdate(e.doc.data, xmpEdit(packet));
    markForged(
      e.file,
      DOC_FAMILY.infoXmpMismatch,
      'XMP creator and CreateDate rewritten with exiftool (incremental update); Info dictionary unchanged',
    );
  }
}

/** PDF producers with the day they were released (Microsoft's "Word for Microsoft 365" naming dates
 *  from the 21 April 2020 rename; Office 2021 from 5 October 2021). */
const PRODUCER_RELEASES: [string, Producer][] = [
  ['2020-04-21', { kind: 'word', product: 'Microsoft® Word for Microsoft 365' }],
  ['2021-10-05', { kind: 'word', product: 'Microsoft® Word 2021' }],
  ['2023-02-02', { kind: 'libreoffice', version: '7.5', app: 'Writer' }],
  ['2023-08-21', { kind: 'libreoffice', version: '7.6', app: 'Writer' }],
  ['2024-01-31', { kind: 'libreoffice', version: '24.2', app: 'Writer' }],
];

/** Phones with their release day and the iOS they shipped with. */
const PHONES: { model: string; released: string; ios: string; lens: string }[] = [
  { model: 'iPhone 11', released: '2019-09-20', ios: '13.1', lens: 'iPhone 11 back dual wide camera 4.25mm f/1.8' },
  { model: 'iPhone 13', released: '2021-09-24', ios: '15.0', lens: 'iPhone 13 back dual wide camera 5.1mm f/1.6' },
  { model: 'iPhone 14', released: '2022-09-16', ios: '16.0.2', lens: 'iPhone 14 back dual wide camera 5.7mm f/1.5' },
  { model: 'iPhone 15', released: '2023-09-22', ios: '17.0', lens: 'iPhone 15 back dual wide camera 6.06mm f/1.6' },
  { model: 'iPhone 16', released: '2024-09-20', ios: '18.0', lens: 'iPhone 16 back dual wide camera 5.96mm f/1.6' },
];

async function softwareAnachronism(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  // 1. A .docx written by LibreOffice of a version released after the document's own dates.
  {
    const author = org.staff.find((p) => p.client === 'thunderbird') ?? prng.pick(org.staff);
    const d = claimed(world, author, prng, 0.1, 0.6);
    const later = LIBREOFFICE_RELEASES.find(([r]) => Date.parse(r) > d + 45 * DAY) ?? LIBREOFFICE_RELEASES[LIBREOFFICE_RELEASES.length - 1];
    const doc = await makeOfficeDoc(
      org,
      {
        kind: 'docx',
        author,
        created: d - prng.int(1, 5) * DAY,
        modified: d,
        topic: org.writer.topic(prng),
        app: { family: 'libreoffice', version: later[1], platform: 'Windows_X86_64' },
      },
      prng,
    );
    const f = world.addFile(`${folders(world).projects}/${doc.filename.replace(/\.docx$/, ' v2.docx')}`, doc.data, d);
    markForged(
      f,
      DOC_FAMILY.softwareAnachronism,
      `dated ${new Date(d).toISOString().slice(0, 10)} but written by LibreOffice ${later[1]}, released ${later[0]}`,
    );
  }
  // 2. A PDF whose producer string did not exist yet on its CreationDate.
  {
    const author = prng.pick(org.staff);
    const first = PRODUCER_RELEASES.find(([r]) => Date.parse(r) > org.start + 60 * DAY)!;
    const d = Math.min(Date.parse(first[0]) - prng.int(60, 150) * DAY, org.end - 20 * DAY);
    const at = world.nextTime(author, Math.max(d, org.start + 10 * DAY), prng, false).at;
    const doc = await makePdfDoc(org, { author, created: at, topic: org.writer.topic(prng), producer: first[1] }, prng);
    const f = world.addFile(`${folders(world).reports}/${doc.filename}`, doc.data, at);
    markForged(
      f,
      DOC_FAMILY.softwareAnachronism,
      `CreationDate ${new Date(at).toISOString().slice(0, 10)} with Producer "${producerStrings(first[1]).producer}", released ${first[0]}`,
    );
  }
  // 3. A photo "taken" by a phone model (and iOS) released after its DateTimeOriginal.
  {
    const phone = PHONES.find((p) => Date.parse(p.released) > org.start + 90 * DAY) ?? PHONES[PHONES.length - 1];
    const owner = prng.pick(org.staff);
    const at = Math.min(claimed(world, owner, prng, 0.2, 0.7), Date.parse(phone.released) - 60 * DAY);
    const cam = {
      ...CAMERAS['iphone-12'],
      id: 'forged-phone',
      model: phone.model,
      software: () => phone.ios,
      lens: phone.lens,
      released: phone.released,
    };
    const photo = shoot(cam, at, owner.zone, prng.int(1000, 9999), prng);
    const f = world.addFile(`Photos/${new Date(at).toISOString().slice(0, 10)}/${photo.fileName}`, photo.jpeg, at);
    markForged(
      f,
      DOC_FAMILY.softwareAnachronism,
      `EXIF claims a ${phone.model} (iOS ${phone.ios}) on ${new Date(at).toISOString().slice(0, 10)}; released ${phone.released}`,
    );
  }
}

async function fontAnachronism(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const author = () => prng.pick(org.staff.filter((p) => p.client !== 'thunderbird'));
  // 1. A Word export embedding Aptos, Microsoft's default font since 2023.
  {
    const a = author();
    const at = claimed(world, a, prng);
    const doc = await makePdfDoc(
      org,
      {
        author: a,
        created: at,
        topic: org.writer.topic(prng),
        producer: {
          kind: 'word',
          product: org.start < Date.parse('2020-04-21') ? 'Microsoft® Word 2016' : 'Microsoft® Word for Microsoft 365',
        },
        fonts: ['Aptos', 'Aptos Display'],
      },
      prng,
    );
    markForged(
      world.addFile(`${folders(world).reports}/${doc.filename}`, doc.data, at),
      DOC_FAMILY.fontAnachronism,
      'PDF dated inside the leak embeds Aptos (released by Microsoft in 2023)',
    );
  }
  // 2. A .docx whose font table and styles use Aptos.
  {
    const a = author();
    const at = claimed(world, a, prng);
    const doc = await makeOfficeDoc(
      org,
      {
        kind: 'docx',
        author: a,
        created: at - prng.int(1, 4) * DAY,
        modified: at,
        topic: org.writer.topic(prng),
        fonts: ['Aptos', 'Aptos Display', 'Times New Roman'],
      },
      prng,
    );
    markForged(
      world.addFile(`${folders(world).projects}/${doc.filename}`, doc.data, at),
      DOC_FAMILY.fontAnachronism,
      '.docx dated inside the leak uses Aptos (2023) as its body font',
    );
  }
  // 3. A PDF embedding Segoe UI Variable (Windows 11, 5 October 2021) dated before it shipped.
  {
    const a = author();
    const before = Date.parse('2021-10-05');
    const at = claimed(world, a, prng, 0.1, Math.min(0.9, Math.max(0.2, (before - 40 * DAY - org.start) / (org.end - org.start))));
    const doc = await makePdfDoc(
      org,
      {
        author: a,
        created: Math.min(at, before - 30 * DAY),
        topic: org.writer.topic(prng),
        fonts: ['Segoe UI Variable Text', 'Segoe UI Variable Display'],
      },
      prng,
    );
    markForged(
      world.addFile(`${folders(world).reports}/${doc.filename}`, doc.data, at),
      DOC_FAMILY.fontAnachronism,
      'PDF embeds Segoe UI Variable (Windows 11, October 2021) before its release',
    );
  }
}

function doctorParagraphs(paragraphs: string[], prng: Prng, world: World, sentences: number): string[] {
  const out = [...paragraphs];
  const body = out.map((_, i) => i).filter((i) => i > 0 && out[i].includes('. '));
  for (const i of prng.shuffle(body).slice(0, sentences)) {
    const parts = out[i].split(/(?<=\.)\s+/);
    parts[prng.int(0, parts.length - 1)] = world.org.writer.reportSentence(prng);
    out[i] = parts.join(' ');
  }
  if (sentences > 0 && out.join('') === paragraphs.join('')) out[out.length - 1] = world.org.writer.reportSentence(prng);
  return out;
}

async function nearDuplicate(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const f = folders(world);
  const misc = org.params.language === 'fr' ? 'Partage/Divers' : 'Shared/Misc';
  const docx = prng.shuffle(looseDocs(world, (d) => d.kind === 'docx' && d.paragraphs.length > 3));
  // 1. A copy of a genuine report with two sentences changed, saved by Word, left in another folder.
  const a = docx[0];
  if (a) {
    const s = a.doc.office!;
    const paragraphs = doctorParagraphs(s.paragraphs, prng, world, 2);
    const data = await officeFile({
      ...s,
      paragraphs,
      revision: s.revision + 1,
      modified: s.modified + prng.int(2, 30) * DAY,
      totalTime: s.totalTime + prng.int(2, 8),
    });
    markForged(
      world.addFile(`${misc}/${a.doc.filename}`, data, s.modified),
      DOC_FAMILY.nearDuplicate,
      `copy of ${a.file.path} with two sentences changed`,
    );
  }
  // 2. The same report "exported" to PDF again after a sentence was changed, dated like the original.
  const b = docx[1];
  if (b) {
    const s = b.doc.office!;
    const paragraphs = doctorParagraphs(s.paragraphs, prng, world, 1);
    const producer: Producer =
      org.start < Date.parse('2020-04-21')
        ? { kind: 'word', product: 'Microsoft® Word 2016' }
        : { kind: 'word', product: 'Microsoft® Word for Microsoft 365' };
    const spec: PdfSpec = {
      producer,
      title: s.title,
      author: s.creator,
      created: s.modified,
      modified: s.modified,
      zone: s.zone,
      heading: paragraphs[0],
      paragraphs: paragraphs.slice(1),
      fonts: ['Calibri', 'Calibri Light'],
    };
    const data = await makePdf(spec, prng);
    markForged(
      world.addFile(`${f.reports}/${safeName(s.title)} (final).pdf`, data, s.modified),
      DOC_FAMILY.nearDuplicate,
      `PDF of ${b.file.path} with one sentence changed`,
    );
  }
  // 3. A doctored copy slipped into the zipped project archive.
  const c = docx[2];
  const archive = world.files.find((x) => x.path.includes('.zip!'));
  if (c && archive) {
    const s = c.doc.office!;
    const paragraphs = doctorParagraphs(s.paragraphs, prng, world, 3);
    const data = await officeFile({ ...s, paragraphs, revision: s.revision + 2, modified: s.modified + prng.int(1, 10) * DAY });
    const dir = archive.path.slice(0, archive.path.lastIndexOf('/'));
    markForged(
      world.addFile(`${dir}/${c.doc.filename}`, data, s.modified),
      DOC_FAMILY.nearDuplicate,
      `copy of ${c.file.path} with three sentences changed, inside the project archive`,
    );
  }
}

export async function forgeDocuments(world: World): Promise<void> {
  const prng = world.prng.fork(400);
  // Copies first (they need untouched sources), then the families that edit documents in place.
  await nearDuplicate(world, prng.fork(7));
  await foreignEditor(world, prng.fork(1));
  await pdfTextEdited(world, prng.fork(3));
  await infoXmpMismatch(world, prng.fork(4));
  await backdatedBurst(world, prng.fork(2));
  await softwareAnachronism(world, prng.fork(5));
  await fontAnachronism(world, prng.fork(6));
}
