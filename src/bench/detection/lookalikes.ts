// Innocent lookalikes: genuine items that a naive check would take for the forgery of a family,
// because real organisations produce them every day (a trip abroad, a new phone, webmail, the
// intranet sending as a user, the scanner's unsigned mail, sent copies, inline replies, list
// footers and gateway banners, a phone that was offline, greylisting, a post received twice, zone-less
// scanner dates, a laptop clock running fast, letterboxed thumbnails, portrait phone shots, the photo
// viewer's rotation, colleagues' and partners' edits, a month-end spreadsheet session, a reviewer's
// sticky note, a PDF/A conversion, recent software and unusual fonts, a v2 of a document).
// They are labelled genuine with the family they resemble; they are made before the forgeries, which
// never pick a labelled item.

import type { Prng } from '../../demo/prng.js';
import { DAY, HOUR, MINUTE, offsetAt, pdfDate } from './clock.js';
import { newMessageId } from './clients.js';
import { replyBody, replySubject } from './quoting.js';
import { LIBREOFFICE_RELEASES, makeOfficeDoc, makePdfDoc, safeName, type Doc } from './documents.js';
import { FAMILY, historyOf, someWorkTime } from './forge-mail.js';
import { DOC_FAMILY } from './forge-docs.js';
import { PHOTO_FAMILY } from './forge-photos.js';
import type { MailCopy, Person } from './mail-model.js';
import { externalSend } from './mta.js';
import { officeFile } from './office.js';
import { appendUpdate, stickyNote } from './pdf-update.js';
import { resave, shoot, CAMERAS } from './photos.js';
import { attachmentOf, folders } from './population.js';
import type { DumpFile, MailRecord, World } from './world.js';

function innocent(copy: MailCopy | DumpFile, family: string, note: string): void {
  if (!copy.label) copy.label = { label: 'genuine', family, note };
}

function labelRecord(rec: MailRecord, family: string, note: string): number {
  let n = 0;
  for (const c of rec.copies)
    if (!c.label) {
      innocent(c, family, note);
      n++;
    }
  return n;
}

function leaked(world: World, not: Person[] = []): Person[] {
  return world.org.leaked.map((l) => l.person).filter((p) => !not.includes(p));
}

async function mailFrom(
  world: World,
  prng: Prng,
  from: Person,
  at: number,
  client = from.client,
  to = prng.pick(leaked(world, [from])),
  extra: Parameters<World['send']>[2] = {},
): Promise<MailRecord> {
  const w = world.org.writer;
  const topic = w.topic(prng);
  const letter = world.letter(from, [to], [], w.subject(prng, topic), w.mail(prng, topic, to.first, from.first), at, client, prng);
  return world.send(letter, prng, extra);
}

async function mailLookalikes(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  // A traveller: the laptop's clock follows the local zone abroad.
  const t = org.traveller;
  if (t?.travel?.length) {
    const trip = t.travel[0];
    for (let k = 0; k < 2; k++) {
      const at = world.nextTime(t, trip.from + (k + 1) * DAY, prng, false).at;
      const rec = await mailFrom(world, prng, t, Math.min(at, trip.to - HOUR));
      labelRecord(rec, FAMILY.dateOffset, `sent during a trip (${trip.zone}); the Date carries the local offset there`);
    }
    for (const r of world.records.filter((r) => r.letter.from === t && r.letter.date >= trip.from && r.letter.date < trip.to))
      labelRecord(r, FAMILY.dateOffset, `sent during a trip (${trip.zone})`);
  }
  // The intranet's room-booking system sends as the user through the org's server (PHPMailer).
  const booker = [...org.staff].sort((a, b) => historyOf(world, b).length - historyOf(world, a).length)[1];
  if (booker) {
    for (let k = 0; k < 2; k++) {
      const at = someWorkTime(world, booker, prng);
      const to = prng.pick(leaked(world, [booker]));
      const fr = org.params.language === 'fr';
      const letter = world.letter(
        booker,
        [to],
        [],
        fr ? 'Réservation de salle confirmée' : 'Room booking confirmed',
        fr
          ? `Bonjour,\n\nLa salle de réunion est réservée par ${booker.name}.\n\n-- Intranet ${org.params.name}`
          : `Hello,\n\nThe meeting room has been booked by ${booker.name}.\n\n-- ${org.params.name} intranet`,
        at,
        'phpmailer',
        prng,
      );
      letter.messageId = newMessageId('phpmailer', booker, at, prng, { host: `intranet.${booker.email.split('@')[1]}` });
      const rec = await world.send(letter, prng, { noSentCopy: true, origin: { ip: `${org.infra.lanPrefix}.10` } });
      labelRecord(rec, FAMILY.messageIdSyntax, 'sent as the user by the intranet (PHPMailer): its Message-ID form matches its X-Mailer');
    }
  }
  // A new phone, and webmail from home.
  const np = org.newPhone;
  if (np?.phoneSwitch) {
    for (let k = 0; k < 2; k++) {
      const at = np.phoneSwitch + (k + 1) * 2 * DAY + prng.int(0, 600) * MINUTE;
      const rec = await mailFrom(world, prng, np, at, 'iphone');
      labelRecord(rec, FAMILY.client, 'written on the new phone the sender started using that month');
    }
  }
  const wm = org.webmailUser;
  if (wm?.webmail) {
    const rec = await mailFrom(world, prng, wm, someWorkTime(world, wm, prng) + 4 * HOUR, wm.webmail);
    labelRecord(rec, FAMILY.client, `sent from ${wm.webmail}, which the sender uses now and then away from the desk`);
    for (const r of world.records.filter((r) => r.letter.from === wm && r.letter.client === wm.webmail))
      labelRecord(r, FAMILY.client, 'sent from webmail');
  }
  // Unsigned internal mail: the scanner's scan-to-mail, and Sent copies (never signed).
  const scans = world.records.filter((r) => r.letter.client === 'scanner');
  scans
    .slice(0, 2)
    .forEach((r) => labelRecord(r, FAMILY.missingSignature, 'scan-to-mail from the office printer, relayed without the signing milter'));
  const sent = prng.shuffle(world.copies.filter((c) => c.kind === 'sent' && !c.label)).slice(0, 3);
  sent.forEach((c) => innocent(c, FAMILY.missingSignature, 'a Sent-folder copy: it never crossed a server'));
  // Replies whose quote is not the original verbatim: answers between the quoted lines, and a quote
  // re-wrapped by a plain-text client.
  const originals = prng.shuffle(
    world.records.filter(
      (r) =>
        r.copies.length &&
        !r.letter.inReplyTo &&
        !r.letter.from.external &&
        r.letter.to[0] &&
        !r.letter.to[0].external &&
        r.letter.client !== 'scanner' &&
        r.letter.client !== 'phpmailer',
    ),
  );
  for (let k = 0; k < 2 && k < originals.length; k++) {
    const orig = originals[k];
    const replier = orig.letter.to[0];
    const step = world.nextTime(replier, orig.letter.date + prng.int(20, 300) * MINUTE, prng, false);
    const lines = orig.letter.text.split('\n');
    let text: string;
    if (k === 0) {
      const keep = lines.filter((l) => l.trim()).slice(0, 3);
      const answer =
        org.params.language === 'fr' ? ['Oui, je m’en occupe.', 'D’accord pour jeudi.'] : ['Yes, I will handle it.', 'Thursday works.'];
      text = `${keep.map((l, i) => `> ${l}\n\n${answer[i % 2]}`).join('\n\n')}\n\n> [...]\n\n${replier.first}`;
      text = `${org.params.language === 'fr' ? `Le ${new Date(orig.letter.date).toISOString().slice(0, 10)}, ${orig.letter.from.name} a écrit :` : `On ${new Date(orig.letter.date).toISOString().slice(0, 10)}, ${orig.letter.from.name} wrote:`}\n${text}`;
    } else {
      const rewrapped = orig.letter.text.replace(/(.{1,60})(\s+|$)/g, '$1\n').replace(/\n+$/, '');
      text = replyBody(
        'thunderbird',
        replier,
        org.writer.shortReply(prng, orig.letter.from.first, replier.first),
        { ...orig.quoted, text: rewrapped },
        offsetAt(world.zoneAt(replier, step.at), step.at),
      );
    }
    const letter = world.letter(
      replier,
      [orig.letter.from],
      [],
      replySubject(replier.client, orig.letter.subject),
      text,
      step.at,
      replier.client,
      prng,
      { inReplyTo: orig.letter.messageId, references: [orig.letter.messageId] },
    );
    const rec = await world.send(letter, prng);
    labelRecord(
      rec,
      FAMILY.quoteAltered,
      k === 0 ? 'inline answers between quoted lines, part of the quote trimmed' : 'quote re-wrapped at 60 columns by the replier',
    );
  }
  // Mailing-list copies (footer added after the poster signed) and the gateway's banner.
  for (const r of world.records.filter((r) => r.copies.some((c) => /^List-Id:/im.test(c.raw.toString('latin1').slice(0, 8000)))))
    labelRecord(r, FAMILY.bodyAltered, 'mailing-list copy: Mailman added its footer after the poster signed');
  for (const c of world.copies.filter((c) => !c.label && /^CAUTION: This email originated/m.test(c.raw.toString('latin1'))))
    innocent(c, FAMILY.bodyAltered, 'the gateway stamped its external-mail banner after the sender signed');
  // A phone that was offline (on a flight) and a greylisted external mail.
  const phoneUser = org.staff.find((p) => p.mobile && !p.phoneSwitch && p.client !== 'outlook-exchange');
  if (phoneUser) {
    const rec = await mailFrom(world, prng, phoneUser, someWorkTime(world, phoneUser, prng), 'iphone', undefined, {
      delayMs: prng.int(4, 7) * HOUR,
    });
    labelRecord(rec, FAMILY.dateVsReceived, 'written on a phone without network; the Date is when it was written, the hops when it left');
  }
  const ext = prng.pick(org.externals.filter((e) => e.ext.kind !== 'gmail'));
  {
    const from = prng.pick(ext.people);
    const rec = await mailFrom(world, prng, from, someWorkTime(world, prng.pick(leaked(world)), prng), from.client, undefined, {
      delayMs: prng.int(15, 25) * MINUTE,
    });
    labelRecord(rec, FAMILY.dateVsReceived, 'greylisted by the receiving server for a quarter of an hour');
  }
  // A list post also sent directly to a subscriber: two copies, one Message-ID, different bytes.
  const sub = org.listSubscribers.find((p) => world.isLeaked(p));
  if (sub) {
    const { person, ext: pext } = org.listPosters[0];
    const at = someWorkTime(world, sub, prng);
    const w = org.writer;
    const topic = w.topic(prng);
    const letter = world.letter(
      person,
      [{ ...person, name: org.list.description, email: org.list.address, first: '' }],
      [sub],
      w.subject(prng, topic),
      w.mail(prng, topic, '', person.first),
      at,
      person.client,
      prng,
    );
    const rec = await world.listPost(letter, pext, prng, [sub]);
    const out = await externalSend(pext, rec.composed, person, at, prng);
    const direct = world.addCopy(await world.inboundCopy(out.raw, out.at, pext, person.email, sub, letter, prng));
    rec.copies.push(direct);
    for (const c of rec.copies) {
      c.label = undefined;
      innocent(c, FAMILY.duplicateMessageId, 'the same post received directly (Cc) and through the list, with the list footer');
    }
  }
  // Scanner PDFs carry their local time without a zone; a laptop clock running a few minutes fast.
  for (const r of scans.slice(2, 4))
    labelRecord(r, FAMILY.attachmentAfter, 'the scanner writes its local time without a zone in the attached PDF');
  const skew = org.staff.find((p) => !world.isLeaked(p) && p.client !== 'scanner') ?? org.staff[0];
  {
    const at = someWorkTime(world, skew, prng);
    const to = prng.pick(leaked(world, [skew]));
    const w = org.writer;
    const topic = w.topic(prng);
    const doc = await makeOfficeDoc(
      org,
      { kind: 'docx', author: skew, created: at - 2 * HOUR, modified: at + prng.int(3, 6) * MINUTE, topic },
      prng,
    );
    const letter = world.letter(skew, [to], [], w.subject(prng, topic), w.mail(prng, topic, to.first, skew.first), at, skew.client, prng);
    letter.attachments.push(attachmentOf(doc));
    const rec = await world.send(letter, prng);
    labelRecord(
      rec,
      FAMILY.attachmentAfter,
      "the author's laptop clock runs a few minutes fast: the document's save time is minutes after the mail",
    );
  }
}

async function photoLookalikes(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const letterboxed = world.photos.find((p) => !p.file.label && p.photo.camera.letterbox);
  if (letterboxed)
    innocent(letterboxed.file, PHOTO_FAMILY.splice, 'a 3:2 picture: the camera fits it into its 4:3 thumbnail with black bars');
  let portrait = world.photos.find(
    (p) => !p.file.label && p.photo.tags.ifd0.some(([t, v]) => t === 0x0112 && 'short' in v && v.short[0] === 6),
  );
  if (!portrait) {
    const cam = CAMERAS[org.params.cameras.find((c) => c.startsWith('iphone')) ?? 'iphone-12'];
    const owner = prng.pick(org.staff);
    const at = someWorkTime(world, owner, prng);
    const photo = shoot(cam, at, owner.zone, prng.int(1000, 9000), prng, { portrait: true });
    portrait = { photo, file: world.addFile(`Photos/${new Date(at).toISOString().slice(0, 10)}/${photo.fileName}`, photo.jpeg, at) };
    world.photos.push(portrait);
  }
  innocent(portrait.file, PHOTO_FAMILY.splice, 'a portrait phone shot: pixels and thumbnail stored landscape, Orientation 6');
  const rotate = world.photos.find((p) => !p.file.label);
  if (rotate) {
    rotate.file.data = resave(rotate.photo, { kind: 'windows-photo-viewer' }, rotate.photo.takenAt + prng.int(1, 6) * DAY, prng);
    innocent(rotate.file, PHOTO_FAMILY.resaved, 'rotated in the Windows photo viewer by its owner, which re-saves the JPEG');
  }
}

function loose(world: World, ok: (d: Doc) => boolean): { doc: Doc; file: DumpFile }[] {
  return world.docs.filter((e): e is { doc: Doc; file: DumpFile } => !!e.file && !e.file.label && ok(e.doc));
}

async function documentLookalikes(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const f = folders(world);
  // A colleague re-saves a report; a partner's document arrives by mail.
  const doc = prng.shuffle(loose(world, (d) => d.kind === 'docx' && d.office!.app.family === 'word'))[0];
  if (doc) {
    const s = doc.doc.office!;
    const colleague = prng.pick(org.staff.filter((p) => p !== doc.doc.author));
    doc.file.data = await officeFile({
      ...s,
      lastModifiedBy: colleague.name,
      revision: s.revision + 2,
      totalTime: s.totalTime + 14,
      modified: s.modified + 3 * DAY,
    });
    innocent(doc.file, DOC_FAMILY.foreignEditor, `re-saved by ${colleague.name}, a colleague`);
  }
  const partner = world.records.find(
    (r) =>
      r.letter.from.external && r.letter.attachments.some((a) => /officedocument/.test(a.contentType)) && r.copies.some((c) => !c.label),
  );
  if (partner) labelRecord(partner, DOC_FAMILY.foreignEditor, "a partner organisation's document, by a person who writes to the staff");
  // Month-end: the finance person updates four spreadsheets in one sitting.
  {
    const fin = prng.pick(org.staff);
    let t = someWorkTime(world, fin, prng);
    for (let k = 0; k < 4; k++) {
      t += prng.int(6, 12) * MINUTE;
      const d = await makeOfficeDoc(
        org,
        {
          kind: 'xlsx',
          author: fin,
          created: t - prng.int(60, 200) * DAY,
          modified: t,
          topic: org.writer.topic(prng),
          title: `${org.params.language === 'fr' ? 'Suivi mensuel' : 'Monthly tracking'} ${k + 1}`,
        },
        prng,
      );
      innocent(
        world.addFile(`${f.finance}/${d.filename}`, d.data, t),
        DOC_FAMILY.backdatedBurst,
        'one of four spreadsheets updated by their owner in one month-end session',
      );
    }
  }
  // A reviewer's sticky note, saved incrementally by Reader.
  const pdf = prng.shuffle(loose(world, (d) => d.kind === 'pdf' && d.pdf?.producer.kind !== 'scanner'))[0];
  if (pdf) {
    const reviewer = prng.pick(org.staff);
    const when = pdf.doc.created + prng.int(1, 5) * DAY;
    pdf.file.data = await appendUpdate(
      pdf.doc.data,
      stickyNote(
        0,
        org.params.language === 'fr' ? 'À vérifier avec le client' : 'Check with the client',
        reviewer.name,
        pdfDate(when, offsetAt(reviewer.zone, when)),
      ),
    );
    innocent(
      pdf.file,
      DOC_FAMILY.pdfTextEdited,
      'a reviewer added a sticky note in Acrobat Reader (incremental update, page content unchanged)',
    );
  }
  // A PDF/A copy made by the archiving job (Ghostscript): both Info and XMP name Ghostscript.
  {
    const a = prng.pick(org.staff);
    const at = someWorkTime(world, a, prng);
    const d = await makePdfDoc(
      org,
      {
        author: a,
        created: at,
        topic: org.writer.topic(prng),
        producer: {
          kind: 'ghostscript',
          version: ghostscriptAt(at),
          creatorTool: 'Microsoft® Word 2016',
        },
      },
      prng,
    );
    innocent(
      world.addFile(`${f.reports}/PDF-A/${d.filename}`, d.data, at),
      DOC_FAMILY.infoXmpMismatch,
      'converted to PDF/A by Ghostscript for the archive',
    );
  }
  // Software a few days old on the document's date; a document created long ago and re-saved with a newer version.
  {
    const lo = org.staff.find((p) => p.client === 'thunderbird') ?? prng.pick(org.staff);
    const rel = LIBREOFFICE_RELEASES.filter(([r]) => Date.parse(r) > org.start + 20 * DAY && Date.parse(r) < org.end - 30 * DAY)[0];
    if (rel) {
      const at = world.nextTime(lo, Date.parse(rel[0]) + prng.int(10, 14) * DAY, prng, false).at;
      const d = await makeOfficeDoc(
        org,
        {
          kind: 'docx',
          author: lo,
          created: at - HOUR,
          modified: at,
          topic: org.writer.topic(prng),
          app: { family: 'libreoffice', version: rel[1], platform: 'Windows_X86_64' },
        },
        prng,
      );
      innocent(
        world.addFile(`${f.projects}/${d.filename}`, d.data, at),
        DOC_FAMILY.softwareAnachronism,
        `written with LibreOffice ${rel[1]} two weeks after its release`,
      );
      const created = org.start - prng.int(200, 400) * DAY;
      const d2 = await makeOfficeDoc(
        org,
        {
          kind: 'docx',
          author: lo,
          created,
          modified: at + 2 * DAY,
          topic: org.writer.topic(prng),
          app: { family: 'libreoffice', version: rel[1], platform: 'Windows_X86_64' },
          revision: 12,
        },
        prng,
      );
      innocent(
        world.addFile(`${f.projects}/${d2.filename}`, d2.data, at + 2 * DAY),
        DOC_FAMILY.softwareAnachronism,
        'an old document re-saved with the current LibreOffice',
      );
    }
  }
  // Unusual but old fonts.
  {
    const a = prng.pick(org.staff.filter((p) => p.client !== 'thunderbird'));
    const at = someWorkTime(world, a, prng);
    // Bahnschrift came with Windows 10 1709 (October 2017): a dump older than that gets Gabriola (2009).
    const early = at < Date.parse('2017-12-01');
    const fonts = early ? ['Gabriola', 'Sitka Text'] : ['Bahnschrift', 'Sitka Text'];
    const d = await makePdfDoc(org, { author: a, created: at, topic: org.writer.topic(prng), fonts }, prng);
    innocent(
      world.addFile(`${f.reports}/${d.filename}`, d.data, at),
      DOC_FAMILY.fontAnachronism,
      early
        ? 'Gabriola (2009) and Sitka (2013): unusual fonts, older than the document'
        : 'Bahnschrift (2017) and Sitka (2013): unusual fonts, older than the document',
    );
  }
  // A genuine second version of a report, next to the first.
  const v1 = prng.shuffle(loose(world, (d) => d.kind === 'docx' && d.paragraphs.length > 3))[0];
  if (v1) {
    const s = v1.doc.office!;
    const paragraphs = [...s.paragraphs];
    paragraphs[2] = org.writer.reportSentence(prng);
    const modified = s.modified + prng.int(4, 12) * DAY;
    const data = await officeFile({ ...s, paragraphs, revision: s.revision + 1, modified, totalTime: s.totalTime + 20 });
    innocent(
      world.addFile(v1.file.path.replace(/\.docx$/, ' v2.docx'), data, modified),
      DOC_FAMILY.nearDuplicate,
      `its author's second version of ${safeName(s.title)}`,
    );
  }
}

export async function plantLookalikes(world: World): Promise<void> {
  const prng = world.prng.fork(200);
  await mailLookalikes(world, prng.fork(1));
  await photoLookalikes(world, prng.fork(2));
  await documentLookalikes(world, prng.fork(3));
}

/** Ghostscript releases (hold-out presets): the version an archiving job ran on a day. */
const GHOSTSCRIPT: [string, string][] = [
  ['2016-09-26', '9.20'],
  ['2017-03-16', '9.21'],
  ['2017-09-26', '9.22'],
  ['2018-03-21', '9.23'],
  ['2018-09-13', '9.25'],
  ['2018-11-20', '9.26'],
  ['2021-03-31', '9.54.0'],
  ['2022-04-04', '9.56.1'],
  ['2023-03-27', '10.01.1'],
  ['2023-09-13', '10.02.0'],
];

function ghostscriptAt(at: number): string {
  return GHOSTSCRIPT.filter(([d]) => Date.parse(d) + 30 * DAY <= at).pop()?.[1] ?? GHOSTSCRIPT[0][1];
}

/** Bodies the organisation's own servers changed after the sender signed (Microsoft 365's banner on every
 *  external mail, Mimecast's rewritten links) are labelled after the forgers have taken their copies:
 *  the ones left are innocent lookalikes of an altered body. */
export function labelServerEditedCopies(world: World): void {
  for (const c of world.copies) if (c.serverEdited && !c.label) innocent(c, FAMILY.bodyAltered, c.serverEdited);
}
