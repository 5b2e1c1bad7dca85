// The planted fakes: each starts from genuine material made by the organisation's own pipeline and is
// then altered the way a forger would (edit a signed body or header, forge a sender from outside,
// append an Acrobat-style revision, re-save documents under a foreign account...). See truth.ts for
// the checks each kind must trigger.

import { type Batch, count, offsetOf } from './batch.js';
import { base64Lines } from './mime.js';
import { replaceHeader, type MessageSpec } from './email.js';
import { CLIENTS } from './mail-clients.js';
import { FORGER_NAMES, ORG, personByLogin } from './org.js';
import { sendForged } from './mailflow.js';
import { makePdf, xmpPacket } from './pdf.js';
import { appendTextEditRevision } from './pdf-incremental.js';
import { makeDocx, makeXlsx } from './ooxml.js';
import { CAMERAS, parisOffset, pdfSoftware } from './documents.js';
import { memo } from './text.js';
import { DAY, HOUR, MINUTE, fromLocal, pdfDate, rfc2822 } from './time.js';
import { zipBuffer, type ZipEntry } from './zip.js';
import { EXPECTED_CHECKS, target, type FakeKind, type PlantedFake, type TruthTarget } from './truth.js';

function replaceOnce(raw: Buffer, from: string, to: string, what: string): Buffer {
  const s = raw.toString('latin1');
  if (!s.includes(from)) throw new Error(`plant: '${from}' not found in ${what}`);
  return Buffer.from(s.split(from).join(to), 'latin1');
}

export class Planter {
  readonly fakes: PlantedFake[] = [];
  private seq = 0;

  constructor(private readonly b: Batch) {}

  private add(kind: FakeKind, t: TruthTarget, description: string, opts: { alsoPlausible?: string[]; original?: TruthTarget } = {}): void {
    this.fakes.push({
      id: `fake-${String(++this.seq).padStart(3, '0')}`,
      kind,
      target: t,
      expectedChecks: EXPECTED_CHECKS[kind],
      alsoPlausible: opts.alsoPlausible ?? [],
      description,
      original: opts.original,
    });
  }

  private get w() {
    return this.b.ctx.writer;
  }

  async plantAll(): Promise<void> {
    await this.dkimBodyAltered();
    await this.dateChanged();
    await this.forgedSender();
    await this.quoteAltered();
    await this.duplicateMessageId();
    await this.attachmentAfterEmail();
    await this.pdfRevision();
    await this.pdfInfoXmp();
    await this.officeForeignAuthor();
    await this.editBurst();
    await this.editedPhoto();
    await this.softwareAnachronism();
    await this.fontAnachronism();
    await this.nearDuplicate();
  }

  /** A genuine signed mail whose amount the forger changed: the DKIM body hash breaks. */
  async dkimBodyAltered(): Promise<void> {
    const julien = personByLogin('julien.marchand'),
      claire = personByLogin('claire.dumont');
    const at = fromLocal('Europe/Paris', 2017, 3, 15, 11, 42, 17);
    const text =
      "Bonjour Claire,\n\nLe devis final du meeting de Lyon :\n18 400 euros TTC.\nJe le signe demain si tu es d'accord.\n\nJulien";
    const lucie = personByLogin('lucie.bernard');
    const { rec, delivered } = await this.b.internalUnstored(julien, [claire, lucie], at, 'Devis meeting de Lyon', text);
    const original = this.b.storeOne(lucie.login, 'Inbox', delivered.raw, rec, []);
    const raw = replaceOnce(delivered.raw, '18 400 euros', '48 400 euros', 'dkim-body-altered message');
    const t = this.b.storeOne(claire.login, 'Inbox', raw, rec, []);
    this.add(
      'dkim-body-altered',
      t,
      "The amount in a signed mail (plain and HTML parts) was changed from 18 400 to 48 400 euros in Claire Dumont's copy; the DKIM body hash no longer matches. Lucie Bernard's copy is untouched.",
      { original },
    );
  }

  /** A signed mail whose Date header was moved nine days back: the signature breaks, Received disagrees. */
  async dateChanged(): Promise<void> {
    const lucie = personByLogin('lucie.bernard'),
      karim = personByLogin('karim.benali');
    const at = fromLocal('Europe/Paris', 2017, 4, 20, 15, 5, 44);
    const text =
      'Bonjour Karim,\n\nComme convenu, la conférence de presse est confirmée pour jeudi à 11h.\nMerci de prévenir les rédactions régionales.\n\nLucie';
    const { delivered, rec } = await this.b.internalUnstored(lucie, [karim], at, 'Conférence de presse', text);
    const raw = replaceHeader(delivered.raw, 'Date', rfc2822(at - 9 * DAY, offsetOf(lucie, at - 9 * DAY)));
    const t = this.b.storeOne(karim.login, 'Inbox', raw, rec, []);
    this.add(
      'email-date-vs-received',
      t,
      'The Date header of a signed mail was moved nine days earlier (20 to 11 April 2017); the DKIM signature covers Date and fails, and the Received hops still say 20 April.',
      { alsoPlausible: ['email.dkim.t-vs-date', 'email.hidden-timestamp'] },
    );
  }

  /** A mail in Claire Dumont's name from another client, unsigned, sent from a rented server. */
  async forgedSender(): Promise<void> {
    const claire = personByLogin('claire.dumont'),
      thomas = personByLogin('thomas.girard');
    const at = fromLocal('Europe/Paris', 2017, 4, 24, 19, 12, 5);
    const spec: MessageSpec = {
      client: 'thunderbird',
      from: { name: claire.name, email: claire.email },
      to: [{ name: thomas.name, email: thomas.email }],
      subject: 'Virement urgent - confidentiel',
      epochMs: at,
      offsetMin: offsetOf(claire, at),
      messageId: CLIENTS.thunderbird.newMessageId(this.b.prng, ORG.domain, at),
      text: "Thomas,\n\nPeux-tu faire partir ce soir le virement de 35 000 euros vers le compte\nque je t'ai indiqué par téléphone ? Ne mets personne en copie.\n\nClaire",
    };
    const d = sendForged(this.b.prng, spec);
    const t = this.b.storeOne(thomas.login, 'Inbox', d.raw, { spec, sender: claire, recipients: [thomas] }, []);
    this.add(
      'email-sender-habit-client',
      t,
      "Claire Dumont always writes with Outlook 2016 through the organisation's server (DKIM-signed); this message uses Thunderbird, carries no DKIM signature and entered the MX directly from a rented server.",
      { alsoPlausible: ['email.sender.message-id', 'email.received.route'] },
    );
  }

  /** A genuine reply whose quote of the earlier message was altered. */
  async quoteAltered(): Promise<void> {
    const julien = personByLogin('julien.marchand'),
      sophie = personByLogin('sophie.lefebvre');
    const at = fromLocal('Europe/Paris', 2017, 2, 21, 10, 8, 31);
    const text =
      'Bonjour Sophie,\n\nPour la salle de Lyon, le montant est arrete :\n12 000 euros, sonorisation comprise.\nMerci de ne pas communiquer ce chiffre.\n\nJulien';
    const first = await this.b.internal(julien, [sophie], at, 'Salle de Lyon', text);
    const replyAt = at + 47 * MINUTE;
    const replyText = this.b.replyText(
      sophie,
      first.rec,
      'Bonjour Julien,\n\nBien noté, merci. Je ne le mets pas dans le communiqué.\n\nSophie',
    );
    const reply = await this.b.internalUnstored(sophie, [julien], replyAt, 'Re: Salle de Lyon', replyText, first.rec);
    const raw = replaceOnce(
      reply.delivered.raw,
      '> 12 000 euros, sonorisation comprise.',
      '> 120 000 euros, hors sonorisation.',
      'quoted reply',
    );
    const t = this.b.storeOne(julien.login, 'Inbox', raw, reply.rec, []);
    this.add(
      'email-thread-quote-altered',
      t,
      'In Sophie Lefèvre\'s reply, the quoted line of Julien Marchand\'s message was changed from "12 000 euros, sonorisation comprise" to "120 000 euros, hors sonorisation"; the original message in the dump says 12 000.',
      { original: first.stored[0] },
    );
  }

  /** A second message reusing a genuine Message-ID, with a different body. */
  async duplicateMessageId(): Promise<void> {
    const claire = personByLogin('claire.dumont'),
      karim = personByLogin('karim.benali'),
      nadia = personByLogin('nadia.haddad');
    const at = fromLocal('Europe/Paris', 2017, 3, 30, 9, 51, 2);
    const text = 'Bonjour Karim,\n\nRendez-vous vendredi a 15h salle B.\nOrdre du jour : plan media de mai.\n\nClaire';
    const g = await this.b.internal(claire, [karim], at, 'Point presse vendredi', text);
    const raw = replaceOnce(
      g.delivered.raw,
      'Rendez-vous vendredi a 15h salle B.',
      'Merci de regler le traiteur en especes.',
      'duplicate message',
    );
    const t = this.b.storeOne(nadia.login, 'Inbox', raw, { ...g.rec, recipients: [nadia] }, []);
    this.add(
      'email-duplicate-message-id',
      t,
      "A copy of a genuine signed message (same headers and Message-ID) whose body line was replaced, placed in another mailbox export; the genuine one is in Karim Benali's mailbox.",
      { original: g.stored[0], alsoPlausible: ['email.received.recipient'] },
    );
  }

  /** A signed mail whose attachment was replaced by a file created days after the mail. */
  async attachmentAfterEmail(): Promise<void> {
    const antoine = personByLogin('antoine.petit'),
      julien = personByLogin('julien.marchand');
    const at = fromLocal('Europe/Paris', 2017, 3, 8, 16, 20, 9);
    const genuine = await this.b.docs.budgetXlsx(antoine, antoine, at - 3 * HOUR, 'Meeting de Marseille');
    const lateAt = at + 3 * DAY + 2 * HOUR;
    // The forger's file: made from scratch three days later (created and saved after the mail).
    const forgedMeta = this.b.docs.officeMeta(antoine, antoine, lateAt - 38 * MINUTE, lateAt, 'Budget - Meeting de Marseille', 'xlsx');
    const forged = { ...genuine, data: await makeXlsx(forgedMeta, this.b.docs.budgetRows('Meeting de Marseille', 18)) };
    const text = 'Bonjour Julien,\n\nCi-joint le budget du meeting de Marseille.\n\nAntoine';
    const g = await this.b.internalUnstored(antoine, [julien], at, 'Budget meeting de Marseille', text, undefined, [genuine]);
    const raw = replaceOnce(g.delivered.raw, base64Lines(genuine.data), base64Lines(forged.data), 'attachment');
    const t = this.b.storeOne(julien.login, 'Inbox', raw, g.rec, ['xlsx']);
    this.add(
      'attachment-after-email',
      { ...t, attachment: genuine.filename },
      'The spreadsheet attached to this 8 March 2017 mail says it was created and last saved on 11 March: the attachment was swapped after the mail was sent (which also breaks the DKIM body hash).',
      { alsoPlausible: ['email.dkim.body-hash'] },
    );
  }

  /** A genuine memo PDF edited in Acrobat: one amount changed, saved as an incremental update. */
  async pdfRevision(): Promise<void> {
    const claire = personByLogin('claire.dumont');
    const topic = 'Accord de partenariat';
    const created = fromLocal('Europe/Paris', 2017, 2, 6, 14, 10, 0);
    const modified = created + 25 * MINUTE;
    const sw = pdfSoftware(claire);
    const paragraphs = [...memo(this.b.prng, topic, 2), "Contribution de l'association : 25 000 euros.", ...memo(this.b.prng, topic, 2)];
    const docId = this.b.prng.uuid();
    const xmpBase = {
      producer: sw.producer,
      creatorTool: sw.creator,
      author: claire.name,
      title: topic,
      created: { epochMs: created, offsetMin: parisOffset(created) },
      modified: { epochMs: modified, offsetMin: parisOffset(modified) },
      documentId: docId,
      instanceId: this.b.prng.uuid(),
    };
    const original = await makePdf(
      {
        title: topic,
        author: claire.name,
        creator: sw.creator,
        producer: sw.producer,
        created: xmpBase.created,
        modified: xmpBase.modified,
        heading: topic,
        paragraphs,
        font: sw.font,
        xmp: { documentId: docId, instanceId: xmpBase.instanceId },
      },
      this.b.prng,
    );
    const editAt = fromLocal('Europe/Paris', 2017, 4, 27, 22, 41, 13);
    const acrobat = 'Adobe Acrobat Pro DC 15.23.20070';
    const edited = await appendTextEditRevision(original, {
      pageIndex: 0,
      replace: [['25 000 euros', '250 000 euros']],
      info: { ModDate: pdfDate(editAt, parisOffset(editAt)), Producer: acrobat },
      xmp: xmpPacket({
        ...xmpBase,
        producer: acrobat,
        modified: { epochMs: editAt, offsetMin: parisOffset(editAt) },
        instanceId: this.b.prng.uuid(),
      }),
      newInstanceId: this.b.prng.hex(32).toUpperCase(),
    });
    const rel = 'documents/pdf/accord-de-partenariat.pdf';
    this.w.write(rel, edited, editAt);
    count(this.b.ctx.counts, 'pdf');
    this.add(
      'pdf-incremental-text-edit',
      target(rel),
      'A Word-exported memo was edited in Acrobat and saved incrementally: the appended revision replaces the page content, changing "25 000 euros" to "250 000 euros"; the first revision still holds the original text.',
    );
  }

  /** A PDF whose Info dictionary was edited by a metadata tool that left the XMP packet alone. */
  async pdfInfoXmp(): Promise<void> {
    const nadia = personByLogin('nadia.haddad');
    const topic = 'Avis sur les dons en nature';
    const created = fromLocal('Europe/Paris', 2017, 3, 2, 10, 4, 0);
    const modified = created + 52 * MINUTE;
    const backdated = created - 400 * DAY;
    const sw = pdfSoftware(nadia);
    const off = (t: number) => parisOffset(t);
    const data = await makePdf(
      {
        title: topic,
        author: 'Claire Dumont',
        creator: sw.creator,
        producer: sw.producer,
        created: { epochMs: backdated, offsetMin: off(backdated) },
        modified: { epochMs: modified, offsetMin: off(modified) },
        heading: topic,
        paragraphs: memo(this.b.prng, topic, 4),
        font: sw.font,
        xmp: {
          author: nadia.name,
          created: { epochMs: created, offsetMin: off(created) },
          modified: { epochMs: modified, offsetMin: off(modified) },
        },
      },
      this.b.prng,
    );
    const rel = 'documents/pdf/avis-sur-les-dons-en-nature.pdf';
    this.w.write(rel, data, modified);
    count(this.b.ctx.counts, 'pdf');
    this.add(
      'pdf-info-xmp-mismatch',
      target(rel),
      'The Info dictionary was rewritten to backdate the memo by 400 days and credit it to Claire Dumont; the XMP packet still says created 2 March 2017 by Nadia Haddad.',
    );
  }

  async officeForeignAuthor(): Promise<void> {
    const olivier = personByLogin('olivier.chevalier');
    const created = fromLocal('Europe/Paris', 2017, 2, 13, 9, 30, 0);
    const modified = fromLocal('Europe/Paris', 2017, 4, 28, 23, 48, 0);
    const meta = {
      ...this.b.docs.officeMeta(olivier, olivier, created, modified, 'Éléments de langage - financement', 'docx'),
      lastModifiedBy: FORGER_NAMES.cyrillic,
    };
    const data = await makeDocx(meta, 'Éléments de langage - financement', memo(this.b.prng, 'Dons et reçus fiscaux', 5));
    const rel = 'documents/notes/elements-de-langage-financement.docx';
    this.w.write(rel, data, modified);
    count(this.b.ctx.counts, 'docx');
    this.add(
      'office-foreign-author',
      target(rel),
      `Last saved by "${FORGER_NAMES.cyrillic}", a Cyrillic name nobody in the organisation uses (the MacronLeaks pattern).`,
      { alsoPlausible: ['people.unknown-author'] },
    );
  }

  /** Eight spreadsheets created months apart, all last saved within three minutes by one account. */
  async editBurst(): Promise<void> {
    const julien = personByLogin('julien.marchand');
    const entries: ZipEntry[] = [];
    const zipRel = 'archives/compta-xls.zip';
    const burstStart = fromLocal('Europe/Paris', 2017, 3, 27, 16, 10, 4);
    const names = [
      'dons-janvier',
      'dons-fevrier',
      'frais-deplacement',
      'remboursements',
      'fournisseurs',
      'location-salles',
      'impression',
      'recapitulatif',
    ];
    const targets: { name: string; t: number }[] = [];
    for (let i = 0; i < names.length; i++) {
      const created = fromLocal('Europe/Paris', 2016, 5 + (i % 8), 3 + 3 * i, 10, 15, 0);
      const modified = burstStart + Math.floor((i * 170) / names.length) * 1000 + this.b.prng.int(0, 9) * 1000;
      const meta = {
        ...this.b.docs.officeMeta(julien, julien, created, modified, names[i], 'xlsx'),
        lastModifiedBy: FORGER_NAMES.burstAccount,
        app: { application: 'Microsoft Excel', appVersion: '12.0000' },
        company: '',
      };
      const data = await makeXlsx(meta, this.b.docs.budgetRows(names[i], this.b.prng.int(10, 30)));
      entries.push({ name: `xls_julien/${names[i]}.xlsx`, data, epochMs: modified });
      targets.push({ name: `xls_julien/${names[i]}.xlsx`, t: modified });
    }
    // Genuine spreadsheets beside them in the same archive.
    for (let i = 0; i < 4; i++) {
      const d = await this.b.docs.budgetXlsx(julien, julien, this.b.randomWorkTime(julien), `Suivi budgetaire ${i + 1}`);
      entries.push({ name: `budget/${d.filename}`, data: d.data, epochMs: d.modified });
    }
    count(this.b.ctx.counts, 'xlsx', entries.length);
    count(this.b.ctx.counts, 'zip');
    this.w.write(zipRel, await zipBuffer(entries), burstStart + 10 * MINUTE);
    for (const x of targets) {
      this.add(
        'office-edit-burst',
        target(zipRel, { members: [x.name] }),
        'One of eight spreadsheets Julien Marchand created between May and December 2016, all last saved on 27 March 2017 between 16:10 and 16:13 by the account "Utilisateur" with Excel 2007 (the organisation uses Office 2016).',
        { alsoPlausible: ['people.unknown-author', 'office.application-habit'] },
      );
    }
  }

  async editedPhoto(): Promise<void> {
    const taken = fromLocal('Europe/Paris', 2017, 3, 4, 15, 27, 40);
    const orig = this.b.docs.photo(CAMERAS.canon, taken, 412);
    const doctored = this.b.docs.doctoredPhoto(orig.scene, CAMERAS.canon, taken);
    const rel = 'photos/meeting-de-lyon/IMG_0412.JPG';
    this.w.write(rel, doctored.data, taken + 40 * DAY);
    count(this.b.ctx.counts, 'jpeg');
    this.add(
      'image-edited-thumbnail',
      target(rel),
      "The picture was cropped and a figure painted out, but the camera's EXIF block was copied over unchanged: its embedded thumbnail still shows the full, original scene.",
    );
  }

  async softwareAnachronism(): Promise<void> {
    const claire = personByLogin('claire.dumont');
    const created = fromLocal('Europe/Paris', 2012, 5, 14, 10, 2, 0);
    const modified = created + 34 * MINUTE;
    const data = await makePdf(
      {
        title: 'Convention de mise à disposition de salle',
        author: claire.name,
        creator: 'Microsoft® Word 2019',
        producer: 'Microsoft® Word 2019',
        created: { epochMs: created, offsetMin: parisOffset(created) },
        modified: { epochMs: modified, offsetMin: parisOffset(modified) },
        heading: 'Convention de mise à disposition de salle',
        paragraphs: memo(this.b.prng, 'Location de la salle', 4),
        xmp: 'same',
      },
      this.b.prng,
    );
    const rel = 'documents/archives-anciennes/convention-salle-2012.pdf';
    this.w.write(rel, data, modified);
    count(this.b.ctx.counts, 'pdf');
    this.add('software-anachronism', target(rel), 'Dated 14 May 2012 but produced by "Microsoft® Word 2019", released in September 2018.');
  }

  async fontAnachronism(): Promise<void> {
    const claire = personByLogin('claire.dumont');
    const created = fromLocal('Europe/Paris', 2004, 6, 15, 11, 0, 0);
    const modified = fromLocal('Europe/Paris', 2004, 6, 16, 17, 25, 0);
    const meta = {
      ...this.b.docs.officeMeta(claire, claire, created, modified, "Statuts de l'association", 'docx'),
      app: { application: 'Microsoft Office Word', appVersion: '12.0000' },
      fonts: ['Calibri', 'Cambria', 'Times New Roman'],
    };
    const data = await makeDocx(meta, "Statuts de l'association En Avant Ensemble", memo(this.b.prng, 'Convention des adhérents', 6));
    const rel = 'documents/archives-anciennes/statuts-association-2004.docx';
    this.w.write(rel, data, modified);
    count(this.b.ctx.counts, 'docx');
    this.add(
      'font-anachronism',
      target(rel),
      'Claims to have been written in June 2004 but is set in Calibri (and Cambria), fonts first released with Office 2007 (public January 2007); its AppVersion 12.0000 is Word 2007 too.',
      { alsoPlausible: ['anachronism.software'] },
    );
  }

  async nearDuplicate(): Promise<void> {
    const lucie = personByLogin('lucie.bernard');
    const topic = 'Comité de pilotage';
    const paragraphs = memo(this.b.prng, topic, 5);
    paragraphs.splice(2, 0, 'Le comité valide un budget de 40 000 euros pour les meetings de mai, financé par les dons déclarés.');
    const modified = fromLocal('Europe/Paris', 2017, 3, 20, 18, 5, 0);
    const created = modified - 3 * HOUR;
    const meta = this.b.docs.officeMeta(lucie, lucie, created, modified, 'Compte rendu du comité de pilotage', 'docx');
    const genuine = await makeDocx(meta, 'Compte rendu du comité de pilotage', paragraphs);
    const origRel = 'documents/notes/compte-rendu-comite-de-pilotage.docx';
    this.w.write(origRel, genuine, modified);
    count(this.b.ctx.counts, 'docx');
    const doctoredParas = paragraphs.slice();
    doctoredParas[2] = 'Le comité valide un budget de 400 000 euros pour les meetings de mai, financé par des dons non déclarés.';
    const later = modified + 2 * DAY + 5 * HOUR;
    const data = await makeDocx(
      { ...meta, modified: later, revision: meta.revision + 1 },
      'Compte rendu du comité de pilotage',
      doctoredParas,
    );
    this.b.backupDocs.push({ name: 'sauvegarde/documents/compte-rendu-comite-de-pilotage-final.docx', data, epochMs: later });
    count(this.b.ctx.counts, 'docx');
    this.add(
      'near-duplicate-doctored',
      target('archives/sauvegarde-avril.zip', { members: ['sauvegarde/documents/compte-rendu-comite-de-pilotage-final.docx'] }),
      'A copy of the steering-committee minutes in which one sentence was doctored ("40 000 euros ... dons déclarés" became "400 000 euros ... dons non déclarés"); the rest of the text is identical to the genuine minutes.',
      { original: target(origRel) },
    );
  }
}
