import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { threadsCheck, threadsCheckWith } from '../../../../src/checks/email/threads.js';
import { quotedBlocks, sentLineFits, subjectKey } from '../../../../src/checks/email/quotes.js';
import { compareTexts, tokens } from '../../../../src/checks/email/quote-diff.js';
import { msgExtractor } from '../../../../src/extract/email/msg.js';
import { pstExtractor } from '../../../../src/extract/email/pst.js';
import { MIME } from '../../../../src/extract/mime.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';
import { factsOf } from '../document/harness.js';
import { NO_KEYS, asCorpusDoc, emailDoc, plainMessage } from './support.js';

// The parent is a real Enron message (allen-p-inbox-003: Greg's draw request); replies quote it as
// Thunderbird/Gmail do ("On ... wrote:" and "> " lines).
const PARENT = 'email/enron/eml/allen-p-inbox-003.eml';

function quoteLines(text: string, width = 0, marker = '> '): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const l of lines) {
    if (!width || l.length <= width) {
      out.push(`${marker}${l}`);
      continue;
    }
    // Reflow long lines as a client does when quoting.
    let cur = '';
    for (const w of l.split(' ')) {
      if ((cur + ' ' + w).trim().length > width) {
        out.push(`${marker}${cur.trim()}`);
        cur = w;
      } else cur += ' ' + w;
    }
    if (cur.trim()) out.push(`${marker}${cur.trim()}`);
  }
  return out.join('\n');
}

/** A message written as UTF-8 bytes (its Content-Type says utf-8), CRLF line ends. */
const utf8 = (raw: string) => Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8');

const results = (docs: CorpusDocument[]) => [...threadsCheck.run(() => docs, NO_KEYS)];
const strong = (docs: CorpusDocument[]) =>
  results(docs)
    .filter((r) => r.finding.severity === 'medium' || r.finding.severity === 'high')
    .map((r) => [r.documentId, r.finding.severity]);

describe.skipIf(corpusMissing())('email.threads: a reply against its parent', () => {
  let parent: CorpusDocument;
  let parentId: string;
  let parentText: string;

  beforeAll(async () => {
    parent = asCorpusDoc(await emailDoc(readFileSync(corpusPath(PARENT)), PARENT), 'parent');
    parentId = parent.facts.email!.messageId!;
    parentText = parent.facts.email!.text!;
  });

  async function reply(id: string, body: string, date = 'Fri, 26 Oct 2001 09:40:00 -0700', extra?: string): Promise<CorpusDocument> {
    const msg = plainMessage({
      from: 'Phillip Allen <phillip.allen@enron.com>',
      to: 'greg@enron.com',
      subject: 'RE: draw request',
      date,
      id: `${id}@enron.com`,
      body,
      extra: [`In-Reply-To: <${parentId}>`, `References: <${parentId}>`, ...(extra ? [extra] : [])].join('\r\n'),
    });
    return asCorpusDoc(await emailDoc(msg, `${id}.eml`), id);
  }

  it('innocent: a faithful, reflowed and truncated quote with inline comments raises nothing', async () => {
    const kept = parentText.split('\n').slice(0, 8).join('\n');
    const body = `Greg,\n\nLet's wire the money.\n\nOn Fri, 26 Oct 2001, Greg wrote:\n${quoteLines(kept, 60)}\n\nPhillip\n`;
    expect(results([parent, await reply('r-ok', body)])).toEqual([]);
  });

  it('innocent: re-wrapped at 38 columns with ">>" markers, a gateway banner above and a disclaimer below the quote', async () => {
    const body = [
      'Fine.',
      '',
      'On Fri, 26 Oct 2001, Greg wrote:',
      '> [EXTERNAL] This message came from outside the organisation.',
      quoteLines(parentText, 38, '>'),
      '> This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, delete it.',
    ].join('\n');
    expect(results([parent, await reply('r-wrap', body)])).toEqual([]);
  });

  it("a quote in which the parent's words were changed is flagged with the changed passage, its context and the original's path", async () => {
    const doctored = parentText.replace(
      'I will need some of these funds immediately',
      'I will need $250,000 of these funds wired to my personal account immediately',
    );
    expect(doctored).not.toBe(parentText);
    const out = results([parent, await reply('r-bad', `Agreed.\n\nOn Fri, 26 Oct 2001, Greg wrote:\n${quoteLines(doctored, 72)}\n`)]);
    expect(out.map((r) => [r.documentId, r.finding.severity])).toEqual([['r-bad', 'medium']]);
    const ev = out[0].finding.evidence as {
      original: { path: string; foundBy: string };
      passages: { before: string; original: string; changedTo: string; after: string }[];
    };
    expect(ev.original).toMatchObject({ path: PARENT, foundBy: 'In-Reply-To' });
    expect(ev.passages.some((p) => p.changedTo.includes('$250,000') && p.original === 'some' && p.before.endsWith('i will need'))).toBe(
      true,
    );
  });

  it('a reply dated before the message it answers is flagged', async () => {
    const r = await reply(
      'r-early',
      `Yes.\n\n${quoteLines(parentText.split('\n').slice(0, 3).join('\n'))}\n`,
      'Mon, 22 Oct 2001 09:00:00 -0700',
    );
    const out = results([parent, r]);
    expect(out.map((x) => [x.documentId, x.finding.severity])).toEqual([['r-early', 'medium']]);
    expect(out[0].finding.message).toMatch(/before the message it answers/);
  });

  it('reads the Outlook "Original Message" quote of a real Enron reply, header and all', async () => {
    const doc = await emailDoc(readFileSync(corpusPath('email/enron/eml/allen-p-inbox-006.eml')));
    const [b] = quotedBlocks(doc.facts.email!.text!);
    expect(b.style).toBe('outlook');
    expect(b.text).toMatch(/^Greg,/);
    expect(b.header).toMatchObject({ from: 'Allen, Phillip K.', subject: 'FW:' });
    expect(b.header!.sent).toMatch(/November 16, 2001 8:38 AM/);
  });
});

describe('quoted blocks in the styles and languages of clients', () => {
  const body =
    'Bonjour Paul,\n\nLa salle de Lyon coûte 12 000 euros, sonorisation comprise.\nMerci de ne pas diffuser ce chiffre.\n\nClaire';

  it.each([
    [
      'Outlook (fr)',
      `-----Message d'origine-----\nDe : Claire Martin\nEnvoyé : mardi 5 mars 2024 10:12\nÀ : Paul Durand\nObjet : Salle\n\n${body}`,
      'Claire Martin',
      'Salle',
    ],
    [
      'Outlook (de)',
      `Von: Claire Martin <claire.martin@example.org>\nGesendet: Dienstag, 5. März 2024 10:12\nAn: Paul Durand\nBetreff: AW: Salle\n\n${body}`,
      'Claire Martin <claire.martin@example.org>',
      'AW: Salle',
    ],
    [
      'Outlook (es)',
      `________________________________\nDe: Claire Martin\nEnviado: martes, 5 de marzo de 2024 10:12\nPara: Paul Durand\nAsunto: Salle\n${body}`,
      'Claire Martin',
      'Salle',
    ],
    [
      'Gmail forward',
      `---------- Forwarded message ---------\nFrom: Claire Martin <claire.martin@example.org>\nDate: Tue, Mar 5, 2024 at 10:12 AM\nSubject: Salle\nTo: Paul Durand <paul@example.net>\n\n${body}`,
      'Claire Martin <claire.martin@example.org>',
      'Salle',
    ],
    [
      'Lotus Notes',
      `Claire Martin\n03/05/2024 10:12 AM\nTo:\tPaul Durand/ORG@ORG\ncc:\nSubject:\tSalle\n\n${body}`,
      'Claire Martin',
      'Salle',
    ],
    ['Thunderbird (de)', `Am 05.03.2024 um 10:12 schrieb Claire Martin:\n${quoteLines(body)}`, 'Claire Martin', undefined],
    [
      'Gmail (fr)',
      `Le mar. 5 mars 2024 à 10:12, Claire Martin <claire.martin@example.org> a écrit :\n${quoteLines(body)}`,
      'claire.martin@example.org',
      undefined,
    ],
    [
      'Apple Mail',
      `${quoteLines(`On 5 Mar 2024, at 10:12, Claire Martin <claire.martin@example.org> wrote:\n\n${body}`)}`,
      'claire.martin@example.org',
      undefined,
    ],
  ])('%s', (_, quoted, from, subject) => {
    const [b] = quotedBlocks(`D'accord.\n\nPaul\n\n${quoted}\n`);
    expect(b.depth).toBe(1);
    expect(b.header?.from).toBe(from);
    if (subject) expect(b.header?.subject).toBe(subject);
    expect(tokens(b.text)).toEqual(tokens(body));
    expect(sentLineFits(b.header?.sent, '2024-03-05T09:12:00.000Z', [60])).toBe(true);
    expect(sentLineFits(b.header?.sent, '2024-03-05T09:47:00.000Z', [60])).toBe(false);
  });

  it('nests: an Outlook quote inside a ">" quote, and "> >" levels', () => {
    const text = `Ok.\n\nOn Wed, 6 Mar 2024, Paul Durand wrote:\n> Seen.\n>\n> -----Original Message-----\n> From: Claire Martin\n> Sent: Tuesday, March 5, 2024 10:12 AM\n> Subject: Salle\n>\n${quoteLines(body)}\n`;
    const [one, two] = quotedBlocks(text);
    expect([one.depth, one.style, one.header?.from]).toEqual([1, 'prefixed', 'Paul Durand']);
    expect([two.depth, two.style, two.header?.from]).toEqual([2, 'outlook', 'Claire Martin']);
    expect(tokens(two.text)).toEqual(tokens(body));
    const prefixed = quotedBlocks(`Ok.\n> Seen.\n> > ${body.split('\n').join('\n> > ')}\n`);
    expect(prefixed.map((b) => b.depth)).toEqual([1, 2]);
    expect(tokens(prefixed[1].text)).toEqual(tokens(body));
  });

  it('reads HTML-only replies: <blockquote> levels and Outlook header blocks without a blank line', async () => {
    const html = `<html><body><div>Fine by me.</div><div class="gmail_quote">On Tue, Mar 5, 2024 at 10:12 AM Claire Martin &lt;claire.martin@example.org&gt; wrote:<br><blockquote class="gmail_quote">${body.replace(/\n/g, '<br>')}</blockquote></div></body></html>`;
    const doc = await emailDoc(utf8(plainMessage({ body: html }).replace('text/plain', 'text/html')));
    const [b] = quotedBlocks(doc.facts.email!.text!);
    expect(b.header?.from).toBe('claire.martin@example.org');
    expect(tokens(b.text)).toEqual(tokens(body));
    const outlook = `<div>Ok</div><div id="divRplyFwdMsg"><hr><b>From:</b> Claire Martin<br><b>Sent:</b> Tuesday, March 5, 2024 10:12 AM<br><b>To:</b> Paul<br><b>Subject:</b> Salle</div><div>${body.replace(/\n/g, '<br>')}</div>`;
    const doc2 = await emailDoc(utf8(plainMessage({ body: outlook }).replace('text/plain', 'text/html')));
    const [o] = quotedBlocks(doc2.facts.email!.text!);
    expect([o.style, o.header?.subject]).toEqual(['outlook', 'Salle']);
    expect(tokens(o.text)).toEqual(tokens(body));
  });

  it('keys threads by subject without reply and forward prefixes, in several languages', () => {
    for (const s of [
      'RE: Salle',
      'AW: Re: salle',
      'TR : Salle',
      'Fwd: [asso] Salle',
      'SV: Salle',
      'Réf. : Salle'.replace('Réf. : ', 'Ref: '),
    ])
      expect(subjectKey(s)).toBe('salle');
  });

  it('places changes: at the edges (banners, footers, truncation) or inside the text', () => {
    const orig = tokens('one two three four five six seven eight nine ten');
    const inside = compareTexts(orig, tokens('one two three four FIVE HUNDRED six seven eight nine ten'))!;
    expect(inside.hunks.map((h) => h.at)).toEqual(['interior']);
    const edges = compareTexts(orig, tokens('BANNER one two three four five six seven eight nine ten FOOTER'))!;
    expect(edges.hunks.map((h) => h.at)).toEqual(['start', 'end']);
  });
});

/** A message between the staff of a small association, as the real extractor reads it. */
async function message(
  doc: string,
  o: {
    id: string;
    from?: string;
    to?: string;
    subject?: string;
    date?: string;
    body: string;
    irt?: string;
    refs?: string[];
    html?: boolean;
    path?: string;
  },
): Promise<CorpusDocument> {
  const extra = [
    ...(o.irt ? [`In-Reply-To: <${o.irt}>`] : []),
    ...(o.refs?.length ? [`References: ${o.refs.map((r) => `<${r}>`).join(' ')}`] : []),
  ].join('\r\n');
  let raw = plainMessage({
    id: o.id,
    from: o.from ?? 'Claire Martin <claire.martin@example.org>',
    to: o.to ?? 'Paul Durand <paul.durand@example.org>',
    subject: o.subject ?? 'Salle de Lyon',
    date: o.date ?? 'Tue, 5 Mar 2024 10:12:03 +0100',
    body: o.body,
    extra: extra || undefined,
  });
  if (o.html) raw = raw.replace('Content-Type: text/plain', 'Content-Type: text/html');
  return asCorpusDoc(await emailDoc(utf8(raw), o.path ?? `${doc}.eml`), doc);
}

/** Paul's reply to <irt>, quoting `text` with "> " markers. */
const quotingReply = (irt: string, text: string) =>
  message('r', {
    id: 'r@example.org',
    from: 'Paul Durand <paul.durand@example.org>',
    date: 'Tue, 5 Mar 2024 11:00:00 +0100',
    irt,
    body: `Vu.\n\n${quoteLines(text)}\n`,
  });

describe('email.threads: variants of quote forgery and their innocent lookalikes', () => {
  const grand =
    'Bonjour Paul,\n\nLe devis du traiteur est de 3 400 euros pour 120 personnes, boissons comprises.\nIl faut confirmer avant vendredi.\n\nClaire';
  const parentBody = (g: string) =>
    `Claire,\n\nJe confirme, on garde ce traiteur et on paie par virement.\n\nPaul\n\nOn Tue, 5 Mar 2024 at 10:12, Claire Martin wrote:\n${quoteLines(g)}\n`;
  const doctor = (s: string) =>
    s.replace('3 400 euros pour 120 personnes, boissons comprises', '34 000 euros pour 120 personnes, paiement en especes');

  it('depth 2: the grandparent changed inside a "> >" quote, against the parent; and against the grandparent when the parent is missing', async () => {
    const g = await message('grand', { id: 'g@example.org', body: grand });
    const p = await message('parent', {
      id: 'p@example.org',
      from: 'Paul Durand <paul.durand@example.org>',
      date: 'Tue, 5 Mar 2024 11:00:00 +0100',
      body: parentBody(grand),
      irt: 'g@example.org',
      refs: ['g@example.org'],
    });
    const replyBody = (pb: string) => `Parfait.\n\nKarim\n\nOn Tue, 5 Mar 2024 at 11:00, Paul Durand wrote:\n${quoteLines(pb)}\n`;
    const r = (body: string) =>
      message('reply', {
        id: 'r@example.org',
        from: 'Karim Benali <karim.benali@example.org>',
        date: 'Tue, 5 Mar 2024 12:00:00 +0100',
        body,
        irt: 'p@example.org',
        refs: ['g@example.org', 'p@example.org'],
      });
    expect(results([g, p, await r(replyBody(parentBody(grand)))])).toEqual([]);
    const forged = await r(replyBody(parentBody(doctor(grand))));
    expect(strong([g, p, forged])).toEqual([['reply', 'medium']]);
    // The parent is not in the dump: the quote inside the quote is checked against the grandparent.
    const out = results([g, forged]);
    expect(out.map((x) => [x.documentId, x.finding.severity])).toEqual([['reply', 'medium']]);
    expect(out[0].finding.evidence).toMatchObject({ quote: { depth: 2 }, original: { documentId: 'grand', foundBy: 'References' } });
  });

  it('no In-Reply-To: an Outlook quote in French, German or Spanish finds its original by subject, sender and time', async () => {
    const g = await message('orig', { id: 'o@example.org', body: grand, subject: 'Traiteur' });
    const headers = [
      `-----Message d'origine-----\nDe : Claire Martin\nEnvoyé : mardi 5 mars 2024 10:12\nÀ : Paul Durand\nObjet : Traiteur\n\n`,
      `Von: Claire Martin <claire.martin@example.org>\nGesendet: Dienstag, 5. März 2024 10:12\nAn: Paul Durand\nBetreff: Traiteur\n\n`,
      `________________________________\nDe: Claire Martin\nEnviado: martes, 5 de marzo de 2024 10:12\nPara: Paul Durand\nAsunto: Traiteur\n`,
    ];
    for (const [i, h] of headers.entries()) {
      const reply = (text: string) =>
        message(`r${i}`, {
          id: `r${i}@example.org`,
          from: 'Paul Durand <paul.durand@example.org>',
          subject: 'RE: Traiteur',
          date: 'Tue, 5 Mar 2024 11:30:00 +0100',
          body: `Vu.\n\nPaul\n\n${h}${text}\n`,
        });
      expect(results([g, await reply(grand)]), h).toEqual([]);
      const out = results([g, await reply(doctor(grand))]);
      expect(
        out.map((x) => [x.documentId, x.finding.severity]),
        h,
      ).toEqual([[`r${i}`, 'medium']]);
      expect(out[0].finding.evidence).toMatchObject({ original: { documentId: 'orig', foundBy: 'subject and quoted header' } });
    }
  });

  it('one figure changed ("3 400" -> "5 400") is enough; a typo fixed or curly quotes rendered straight are not', async () => {
    const g = await message('orig', { id: 'o@example.org', body: grand.replace('Il faut', 'Il n’y a qu’à') });
    const reply = (text: string) => quotingReply('o@example.org', text);
    const straight = grand.replace('Il faut', "Il n'y a qu'à");
    expect(results([g, await reply(straight)])).toEqual([]);
    expect(results([g, await reply(straight.replace('traiteur', 'traitteur'))])).toEqual([]);
    const out = results([g, await reply(straight.replace('3 400', '5 400'))]);
    expect(out.map((x) => [x.documentId, x.finding.severity])).toEqual([['r', 'medium']]);
    expect(out[0].finding.evidence.passages).toEqual([
      { before: 'le devis du traiteur est de', original: '3', changedTo: '5', after: '400 euros pour 120 personnes boissons' },
    ]);
  });

  it('no In-Reply-To, a Lotus Notes header with the date on the From line: found by subject, sender and time', async () => {
    const g = await message('orig', {
      id: 'o@example.org',
      from: 'sally.beck@enron.com',
      subject: 'Congratulations',
      date: 'Fri, 12 Jan 2001 22:08:00 -0600',
      body: grand,
    });
    const reply = (text: string) =>
      message('r', {
        id: 'r@example.org',
        from: 'rob.milnthorp@enron.com',
        subject: 'Re: Congratulations',
        date: 'Sat, 13 Jan 2001 09:00:00 -0600',
        body: `Thanks Sally.\n\n\tFrom:  Sally Beck                           01/12/2001 10:08 PM\n\t\n\nTo: Rob Milnthorp/CAL/ECT@ECT\ncc:  \nSubject: Congratulations\n\n${text}\n`,
      });
    expect(results([g, await reply(grand)])).toEqual([]);
    expect(strong([g, await reply(doctor(grand))])).toEqual([['r', 'medium']]);
  });

  it('innocent: by subject, a sibling from another sender or a message at another time is not taken for the original', async () => {
    const other = await message('sibling', {
      id: 's@example.org',
      from: 'Nadia Haddad <nadia.haddad@example.org>',
      body: doctor(grand),
      subject: 'Traiteur',
    });
    const later = await message('later', {
      id: 'l@example.org',
      body: doctor(grand),
      subject: 'Traiteur',
      date: 'Tue, 5 Mar 2024 10:52:00 +0100',
    });
    const reply = await message('r', {
      id: 'r@example.org',
      from: 'Paul Durand <paul.durand@example.org>',
      subject: 'RE: Traiteur',
      date: 'Tue, 5 Mar 2024 11:30:00 +0100',
      body: `Vu.\n\n-----Original Message-----\nFrom: Claire Martin\nSent: Tuesday, March 5, 2024 10:12 AM\nSubject: Traiteur\n\n${grand}\n`,
    });
    expect(results([other, later, reply])).toEqual([]);
  });

  it('HTML-only replies: a <blockquote> quote with a changed figure is flagged, a faithful one is not', async () => {
    const g = await message('orig', { id: 'o@example.org', body: grand });
    const html = (text: string) =>
      `<div>Parfait, merci.</div><div class="gmail_quote">Le mar. 5 mars 2024 à 10:12, Claire Martin &lt;claire.martin@example.org&gt; a écrit :<blockquote>${text.replace(/\n/g, '<br>')}</blockquote></div>`;
    const reply = (text: string) =>
      message('r', {
        id: 'r@example.org',
        from: 'Paul Durand <paul.durand@example.org>',
        date: 'Tue, 5 Mar 2024 11:00:00 +0100',
        body: html(text),
        irt: 'o@example.org',
        html: true,
      });
    expect(results([g, await reply(grand)])).toEqual([]);
    expect(strong([g, await reply(doctor(grand))])).toEqual([['r', 'medium']]);
  });

  it('innocent: a reply that announces inline comments is only low', async () => {
    const g = await message('orig', { id: 'o@example.org', body: grand });
    const r = await message('r', {
      id: 'r@example.org',
      from: 'Paul Durand <paul.durand@example.org>',
      date: 'Tue, 5 Mar 2024 11:00:00 +0100',
      irt: 'o@example.org',
      body: `Voir mes commentaires ci-dessous.\n\n-----Original Message-----\nFrom: Claire Martin\nSent: Tuesday, March 5, 2024 10:12 AM\nSubject: Salle de Lyon\n\n${grand.replace('boissons comprises.', 'boissons comprises. [PD: trop cher, demander un autre devis]')}\n`,
    });
    expect(results([g, r]).map((x) => [x.documentId, x.finding.severity])).toEqual([['r', 'low']]);
  });

  it('a forwarded message attached to another (message/rfc822 part) is an original like any other', async () => {
    const attached = await message('fwd!message-1', { id: 'o@example.org', body: grand, path: 'mail/paul/Inbox.mbox!message-7!message-1' });
    const reply = (text: string) => quotingReply('o@example.org', text);
    expect(results([attached, await reply(grand)])).toEqual([]);
    const out = results([attached, await reply(doctor(grand))]);
    expect(out.map((x) => [x.documentId, x.finding.severity])).toEqual([['r', 'medium']]);
    expect((out[0].finding.evidence.original as { path: string }).path).toBe('mail/paul/Inbox.mbox!message-7!message-1');
  });
});

describe.skipIf(corpusMissing())('email.threads: originals that exist only as .msg or inside a .pst', () => {
  it('a reply quoting a real .msg (tika-testMSG.msg) with changed words is flagged against the .msg', async () => {
    const msg = { ...(await factsOf(msgExtractor, corpusPath('email/msg/tika-testMSG.msg'), 'email')), kind: 'email' as const };
    const orig = asCorpusDoc({ ...msg, name: 'email/msg/tika-testMSG.msg' }, 'msg');
    const e = orig.facts.email!;
    const text = e.text!.trim();
    const words = text.split(/\s+/);
    const changed = [...words.slice(0, 20), 'NOT', 'APPROVED', 'BY', 'LEGAL', ...words.slice(20)].join(' ');
    const reply = (body: string) =>
      message('r', {
        id: 'r@example.org',
        date: 'Fri, 30 Jan 2009 10:00:00 +0000',
        subject: `Re: ${e.subject}`,
        irt: e.messageId,
        body: `Thanks.\n\n${quoteLines(body, 70)}\n`,
      });
    expect(results([orig, await reply(text)])).toEqual([]);
    const out = results([orig, await reply(changed)]);
    expect(out.map((x) => [x.documentId, x.finding.severity])).toEqual([['r', 'medium']]);
    expect(out[0].finding.evidence).toMatchObject({
      original: { path: 'email/msg/tika-testMSG.msg' },
      passages: [{ changedTo: 'not approved by legal' }],
    });
  });

  it('the real thread inside tika-testPST.pst is consistent; a forged reply to its first message is not', async () => {
    const r = await run(pstExtractor, readFileSync(corpusPath('email/pst/tika-testPST.pst')), 'tika-testPST.pst', { mime: MIME.pst });
    const items: CorpusDocument[] = [];
    for (const [i, c] of r.children.entries()) {
      if (!/Feature Generators/.test(c.name)) continue;
      items.push(asCorpusDoc(await emailDoc(await c.source.readAll(), `tika-testPST.pst!${c.name}`), `pst-${i}`));
    }
    expect(items.length).toBe(2);
    expect(results(items)).toEqual([]);
    const first = items.find((d) => d.facts.email!.subject === 'Feature Generators')!;
    const forged = await message('forged', {
      id: 'forged@example.org',
      from: 'Jorn <joern@apache.org>',
      subject: 'Re: Feature Generators',
      date: 'Tue, 25 Feb 2014 12:00:00 +0100',
      irt: first.facts.email!.messageId,
      body: `Hello,\n\nOn 02/25/2014 11:17 AM, Kenig Ma wrote:\n${quoteLines(first.facts.email!.text!.replace('documentation on the existing features generators', 'a budget for the existing features generators'))}\n`,
    });
    const out = results([...items, forged]);
    expect(out.map((x) => [x.documentId, x.finding.severity])).toEqual([['forged', 'medium']]);
    expect((out[0].finding.evidence.original as { path: string }).path).toMatch(/^tika-testPST\.pst!.*Feature Generators/);
  });
});

describe('email.threads: copies of one Message-ID', () => {
  const base = {
    id: 'f00d-0001@example.org',
    body: 'Hello Paul,\n\nThe budget for 2024 is 120,000 euros, as agreed on Monday with the board.\n\nClaire\n',
  };

  it('innocent: the sent and the received copy (other transport headers, same body) are not flagged', async () => {
    const sent = asCorpusDoc(await emailDoc(plainMessage(base)), 'sent');
    const received = asCorpusDoc(
      await emailDoc('Received: from mail.example.org by mx.example.net; Tue, 5 Mar 2024 10:12:09 +0100\r\n' + plainMessage(base)),
      'received',
    );
    expect(sent.sha256).not.toBe(received.sha256);
    expect(results([sent, received])).toEqual([]);
  });

  it('a third copy edited inside its text is the odd one out (medium), with the passage; a list or gateway footer is low', async () => {
    const a = asCorpusDoc(await emailDoc(plainMessage(base)), 'a');
    const b = asCorpusDoc(await emailDoc('Received: from x by y; Tue, 5 Mar 2024 10:12:09 +0100\r\n' + plainMessage(base)), 'b');
    const c = asCorpusDoc(
      await emailDoc(plainMessage({ ...base, body: base.body.replace('120,000', '920,000') }), 'mail/nadia/Inbox.mbox!message-4'),
      'c',
    );
    const out = results([a, b, c]);
    expect(out.map((r) => [r.documentId, r.finding.severity])).toEqual([['c', 'medium']]);
    expect(out[0].finding.evidence).toMatchObject({
      difference: 'inside',
      passages: [{ original: '120,000', changedTo: '920,000' }],
      comparedWith: { copiesWithThatBody: 2 },
    });

    const list = asCorpusDoc(
      await emailDoc(plainMessage({ ...base, extra: 'List-Id: <finance.example.org>', body: base.body + '\n--\nfinance mailing list\n' })),
      'list',
    );
    expect(results([a, b, list]).map((r) => [r.documentId, r.finding.severity])).toEqual([['list', 'low']]);
    const footer = asCorpusDoc(
      await emailDoc(plainMessage({ ...base, body: base.body + '\nThis email was scanned for viruses by the gateway.\n' })),
      'footer',
    );
    expect(results([a, b, footer]).map((r) => [r.documentId, r.finding.severity, r.finding.evidence.difference])).toEqual([
      ['footer', 'low', 'edges'],
    ]);
  });

  it('innocent: a Message-ID reused for another text (a template, a test fixture) is low', async () => {
    const a = asCorpusDoc(await emailDoc(plainMessage(base)), 'a');
    const other = asCorpusDoc(
      await emailDoc(plainMessage({ ...base, body: 'Totally unrelated words about a garden party next summer in the park.\n' })),
      'other',
    );
    expect(results([a, other]).map((r) => [r.documentId, r.finding.severity, r.finding.evidence.difference])).toEqual([
      ['a', 'low', 'other-text'],
      ['other', 'low', 'other-text'],
    ]);
  });
});

describe('email.threads: the genuine copies of a doctored message stay unflagged', () => {
  const base = {
    id: 'f00d-0002@example.org',
    body: 'Hello Paul,\n\nThe hall costs 12 000 euros, sound system included, to be paid by the end of March.\n\nClaire\n',
  };
  const dkim = (bodyHash: 'pass' | 'fail') => [
    { check: 'email.dkim', severity: bodyHash === 'pass' ? ('info' as const) : ('high' as const), message: '', evidence: { bodyHash } },
  ];

  it('innocent: with two copies, the one whose DKIM body hash verifies is not flagged; the other is (medium)', async () => {
    const genuine = { ...asCorpusDoc(await emailDoc(plainMessage(base)), 'genuine'), findings: dkim('pass') };
    const altered = {
      ...asCorpusDoc(await emailDoc(plainMessage({ ...base, body: base.body.replace('12 000', '120 000') })), 'altered'),
      findings: dkim('fail'),
    };
    const out = results([genuine, altered]);
    expect(out.map((r) => [r.documentId, r.finding.severity])).toEqual([['altered', 'medium']]);
    expect(out[0].finding.message).toMatch(/the DKIM body hash verifies on it and fails on the other/);
    // Without DKIM verdicts a tie cannot be judged: both copies are flagged.
    const unsigned = results([
      { ...asCorpusDoc(genuine, 'g2'), findings: undefined },
      { ...asCorpusDoc(altered, 'a2'), findings: undefined },
    ]);
    expect(unsigned.map((r) => r.documentId).sort()).toEqual(['a2', 'g2']);
  });

  it('a body hash that verifies with a key whose private half is published vouches for nothing: both copies are flagged', async () => {
    const genuine = asCorpusDoc(await emailDoc(plainMessage(base)), 'genuine');
    const resigned = {
      ...asCorpusDoc(await emailDoc(plainMessage({ ...base, body: base.body.replace('12 000', '120 000') })), 'resigned'),
      // The forger re-signed the doctored copy with a rotated-out key whose private half the domain published.
      findings: [
        {
          check: 'email.dkim',
          severity: 'info' as const,
          message: '',
          evidence: { bodyHash: 'pass', verdict: 'pass', keyPrivatePublished: true },
        },
      ],
    };
    expect(
      results([genuine, resigned])
        .map((r) => r.documentId)
        .sort(),
    ).toEqual(['genuine', 'resigned']);
    // The same pass with a key nobody else holds settles the tie for the signed copy.
    const signed = { ...resigned, findings: [{ ...resigned.findings[0], evidence: { bodyHash: 'pass', verdict: 'pass' } }] };
    expect(results([genuine, signed]).map((r) => r.documentId)).toEqual(['genuine']);
  });

  it('innocent: a reply quoting the genuine parent is not flagged although a doctored copy of the parent comes first', async () => {
    const altered = asCorpusDoc(
      await emailDoc(
        plainMessage({ ...base, body: base.body.replace('12 000 euros, sound system included', '120 000 euros, paid in cash') }),
      ),
      'altered',
    );
    const genuine = asCorpusDoc(await emailDoc(plainMessage(base)), 'genuine');
    const reply = asCorpusDoc(
      await emailDoc(
        plainMessage({
          id: 'r-0002@example.net',
          from: 'Paul Durand <paul.durand@example.net>',
          date: 'Tue, 5 Mar 2024 11:00:00 +0100',
          body: `Fine by me.\n\n${quoteLines(base.body.trim())}\n`,
          extra: `In-Reply-To: <${base.id}>`,
        }),
      ),
      'reply',
    );
    expect(results([altered, genuine, reply]).filter((r) => r.documentId === 'reply')).toEqual([]);
    // With only the doctored copy in the dump, the reply's quote contradicts it.
    expect(results([altered, reply]).map((r) => [r.documentId, r.finding.severity])).toEqual([['reply', 'medium']]);
  });

  it('innocent: an Apple Mail attribution line inside the quote ("> On ... wrote:") is not counted as added words', async () => {
    const parent = asCorpusDoc(await emailDoc(plainMessage(base)), 'parent');
    const quote = quoteLines(`On 5 Mar 2024, at 10:12, Claire Martin <claire.martin@example.org> wrote:\n\n${base.body.trim()}`);
    const reply = asCorpusDoc(
      await emailDoc(
        plainMessage({
          id: 'r-0003@example.net',
          from: 'Paul Durand <paul.durand@example.net>',
          date: 'Tue, 5 Mar 2024 11:00:00 +0100',
          body: `D'accord.\n\n${quote}\n`,
          extra: `In-Reply-To: <${base.id}>`,
        }),
      ),
      'reply',
    );
    expect(results([parent, reply])).toEqual([]);
    expect(tokens(quotedBlocks(quote)[0].text)).toEqual(tokens(base.body));
  });
});

describe('email.threads: parents read in rounds', () => {
  // Five threads: a faithful reply, a reply quoting changed figures, a reply dated two hours before
  // its parent, and a Message-ID shared by two different bodies. With a budget of one character,
  // each round reads one parent: the check must reach the same findings in five rounds as in one.
  async function dump(): Promise<CorpusDocument[]> {
    const docs: CorpusDocument[] = [];
    for (let i = 0; i < 5; i++) {
      const id = `p-${i}@example.org`;
      const body = `Hello Paul,\n\nThe hall number ${i} costs ${i + 1}2 000 euros, sound system included, paid by the end of March.\n\nClaire\n`;
      docs.push(asCorpusDoc(await emailDoc(plainMessage({ id, body })), `parent-${i}`));
      const quoted = i === 1 ? body.replace(`${i + 1}2 000 euros`, '95 000 euros, to be paid in cash into my own account') : body;
      const date = i === 2 ? 'Tue, 5 Mar 2024 08:00:00 +0100' : 'Tue, 5 Mar 2024 11:00:00 +0100';
      const reply = plainMessage({
        id: `r-${i}@example.net`,
        from: 'Paul Durand <paul.durand@example.net>',
        date,
        body: `Fine by me.\n\n${quoteLines(quoted.trim())}\n`,
        extra: `In-Reply-To: <${id}>`,
      });
      docs.push(asCorpusDoc(await emailDoc(reply), `reply-${i}`));
    }
    docs.push(
      asCorpusDoc(
        await emailDoc(plainMessage({ id: 'p-3@example.org', body: 'Hello Paul,\n\nSomething else entirely, written later.\n\nClaire\n' })),
        'parent-3-other',
      ),
    );
    return docs;
  }
  const key = (r: { documentId: string; finding: { severity: string; message: string } }) =>
    `${r.documentId} ${r.finding.severity} ${r.finding.message}`;

  it('finds the same in one round and in one round per parent', async () => {
    const docs = await dump();
    let passes = 0;
    const counted = () => {
      passes++;
      return docs;
    };
    const oneRound = [...threadsCheck.run(counted, NO_KEYS)].map(key);
    expect(passes).toBe(3);
    passes = 0;
    const rounds = [...threadsCheckWith(1).run(counted, NO_KEYS)].map(key);
    // Pass 1, then a read and a judging pass per parent (five parents: p-3 has two copies).
    expect(passes).toBe(1 + 2 * 5);
    expect(rounds.sort()).toEqual([...oneRound].sort());
    expect(oneRound.filter((k) => k.startsWith('reply-1 medium')).length).toBe(1);
    expect(oneRound.some((k) => k.startsWith('reply-2 medium') && k.includes('before the message it answers'))).toBe(true);
    expect(oneRound.filter((k) => k.includes('share the Message-ID <p-3@example.org>')).length).toBe(2);
    expect(oneRound.some((k) => k.startsWith('reply-0') || k.startsWith('reply-4'))).toBe(false);
  });
});
