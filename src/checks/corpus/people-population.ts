// The dump's people, learned in one pass: every correspondent of the mail (From/To/Cc/Sender/
// Reply-To, names and addresses), the creators of its documents, the applications its documents
// were saved with, the scripts its names are written in, and which mail carried which attachment.
// Memory is per person, per application and per attachment-carrying mail, never per document text.

import type { CorpusDocument } from '../types.js';
import { GrowableF64, hash48 } from '../compact-state.js';
import { countOf, indexOf, sortedUnique } from '../sorted-hashes.js';
import { isGenericAccount } from '../../knowledge/generic-accounts.js';
import { lookupKeys, normName, personKeys, scriptOf } from './people-names.js';

/** Roles whose name is the account that created a document (OOXML dc:creator, ODF initial-creator, OLE Author, PDF Author). */
const CREATOR_ROLES = new Set(['author', 'initial-creator']);
/** The account that last saved the file. */
const EDITOR_ROLE = 'last-modified-by';
/** Mail roles that name a correspondent. */
const MAIL_ROLES = new Set(['sender', 'recipient', 'reply-to']);

export interface NamedPerson {
  name: string;
  role: string;
  source: string;
}

/** The people a document names as its creator(s) and last editor, generic accounts left out. */
export function documentPeople(doc: CorpusDocument): { creators: NamedPerson[]; editor: NamedPerson | undefined } {
  const named = (doc.facts.people ?? []).filter((p) => p.name.trim() !== '' && !isGenericAccount(p.name));
  return {
    creators: named.filter((p) => CREATOR_ROLES.has(p.role)),
    editor: named.find((p) => p.role === EDITOR_ROLE),
  };
}

/** "LibreOffice/7.3.5.2$Windows_X86_64 ..." -> "libreoffice 7"; "Microsoft Office Word" + "16.0000" -> "microsoft office word 16". */
export function applicationKey(doc: CorpusDocument): { key: string; display: string } | undefined {
  const app = doc.facts.software?.find((s) => s.role === 'application');
  const value = app?.value ?? doc.facts.office?.app.Application;
  if (!value?.trim()) return undefined;
  const version = app?.version ?? doc.facts.office?.app.AppVersion;
  const family = value
    .toLowerCase()
    .split(/[/$_]/)[0]
    .replace(/[\d.\s]+$/, '')
    .trim();
  const major = (version ?? value.match(/[/ _](\d+)[.\d]*/)?.[1] ?? '').match(/^\d+/)?.[0] ?? '';
  return { key: `${family} ${major}`.trim(), display: `${value.split('$')[0].trim()}${version ? ` ${version}` : ''}` };
}

/** '!'-separated ancestors of a report path, nearest first ('a.mbox!message-3!x.zip!y.docx' -> 'a.mbox!message-3!x.zip', 'a.mbox!message-3', 'a.mbox'). */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf('!'); i > 0; i = path.lastIndexOf('!', i - 1)) out.push(path.slice(0, i));
  return out;
}

/** Office and PDF file names: a document below one of these in a report path is an embedded object. */
const HOST_DOCUMENT = /\.(?:doc[xm]?|dot[xm]?|xls[xmb]?|xlt[xm]?|ppt[xm]?|pot[xm]?|od[tspg]|ot[tsp]|rtf|pdf)$/i;

/** True when the report path lies inside an office or PDF document ('a.docx!word/embeddings/oleObject1.bin'). */
export function isEmbedded(path: string): boolean {
  return ancestors(path).some((a) => HOST_DOCUMENT.test(a.slice(a.lastIndexOf('!') + 1)));
}

export interface Carrier {
  /** Report path of the mail that carried the document. */
  path: string;
  from: string;
  address: string;
  /** The sender's domain is not one of the organisation's own. */
  external: boolean;
}

export class Population {
  /** Correspondents seen in the mail (distinct name/address pairs). */
  correspondents = 0;
  messages = 0;
  /** Top-level (not embedded) office and PDF documents seen. */
  documents = 0;
  private mailKeys: Float64Array = new Float64Array(0);
  private creatorKeys: Float64Array = new Float64Array(0);
  private carrierPaths: Float64Array = new Float64Array(0);
  private carrierSender: number[] = [];
  private senders: { name: string; address: string; keys: Set<string> }[] = [];
  readonly applications = new Map<string, { count: number; display: string }>();
  readonly namesByScript = new Map<string, number>();
  namesCounted = 0;
  readonly orgDomains = new Set<string>();
  readonly domainMessages = new Map<string, number>();

  /** One pass over the dump (email, office and pdf documents). */
  static learn(docs: Iterable<CorpusDocument>): Population {
    const p = new Population();
    const seenIdentities = new Set<string>();
    const seenNames = new Set<string>();
    const mailKeys = new GrowableF64();
    const creatorKeys = new GrowableF64();
    const carrierPaths = new GrowableF64();
    const senderIndex = new Map<string, number>();
    const countName = (name: string) => {
      const n = normName(name);
      if (seenNames.has(n)) return;
      seenNames.add(n);
      const s = scriptOf(name);
      if (!s) return;
      p.namesByScript.set(s, (p.namesByScript.get(s) ?? 0) + 1);
      p.namesCounted++;
    };
    for (const d of docs) {
      if (d.kind === 'email') {
        const e = d.facts.email;
        p.messages++;
        const domain = e?.from?.address.split('@')[1]?.toLowerCase();
        if (domain) p.domainMessages.set(domain, (p.domainMessages.get(domain) ?? 0) + 1);
        for (const c of d.facts.people ?? []) {
          if (!MAIL_ROLES.has(c.role)) continue;
          const id = `${c.name}\u0000${c.email ?? ''}`.toLowerCase();
          if (seenIdentities.has(id)) continue;
          seenIdentities.add(id);
          p.correspondents++;
          for (const k of personKeys(c.name, c.email)) mailKeys.push(hash48(k));
          if (c.name.trim() && !c.name.includes('@')) countName(c.name);
        }
        if (e && e.attachments.length > 0 && e.from) {
          const key = `${e.from.name}\u0000${e.from.address}`;
          let i = senderIndex.get(key);
          if (i === undefined) {
            i = p.senders.length;
            senderIndex.set(key, i);
            p.senders.push({ name: e.from.name, address: e.from.address, keys: personKeys(e.from.name, e.from.address) });
          }
          const h = hash48(d.path);
          carrierPaths.push(h);
          p.carrierSender.push(i);
        }
        continue;
      }
      // Embedded objects belong to their host document: their people and applications are not counted apart.
      if (isEmbedded(d.path)) continue;
      p.documents++;
      const { creators, editor } = documentPeople(d);
      for (const c of creators) countName(c.name);
      if (editor) countName(editor.name);
      for (const k of new Set(creators.flatMap((c) => lookupKeys(c.name)))) creatorKeys.push(hash48(k));
      const app = d.kind === 'office' ? applicationKey(d) : undefined;
      if (app) {
        const a = p.applications.get(app.key) ?? { count: 0, display: app.display };
        a.count++;
        p.applications.set(app.key, a);
      }
    }
    p.mailKeys = sortedUnique(mailKeys.view());
    // Carrier lookups by path hash: keep the sender index aligned with the sorted hashes.
    const order = [...carrierPaths.view().keys()].sort((a, b) => carrierPaths.at1(a) - carrierPaths.at1(b));
    p.carrierPaths = Float64Array.from(order, (i) => carrierPaths.at1(i));
    p.carrierSender = order.map((i) => p.carrierSender[i]);
    p.creatorKeys = Float64Array.from(creatorKeys.view()).sort();
    // The organisation's domains: those that send at least a tenth of the mail (the top one always).
    const domains = [...p.domainMessages.entries()].sort((a, b) => b[1] - a[1]);
    for (const [dom, n] of domains) if (n >= 0.1 * p.messages || p.orgDomains.size === 0) p.orgDomains.add(dom);
    return p;
  }

  /** The name matches a correspondent of the mail (any name form). */
  inMail(name: string): boolean {
    return lookupKeys(name).some((k) => countOf(this.mailKeys, hash48(k)) > 0);
  }

  /** The name matches the creator of another top-level document (`own`: this document's creators, left out). */
  createsOtherDocuments(name: string, own: readonly string[]): boolean {
    const ownKeys = new Set(own.flatMap(lookupKeys));
    return lookupKeys(name).some((k) => countOf(this.creatorKeys, hash48(k)) > (ownKeys.has(k) ? 1 : 0));
  }

  /** The nearest mail that carried the document as an attachment (at any depth), if any. */
  carrierOf(path: string): Carrier | undefined {
    for (const a of ancestors(path)) {
      const h = hash48(a);
      const i = indexOf(this.carrierPaths, h);
      if (i >= 0) {
        const s = this.senders[this.carrierSender[i]];
        const domain = s.address.split('@')[1]?.toLowerCase() ?? '';
        return { path: a, from: s.name, address: s.address, external: !this.orgDomains.has(domain) };
      }
    }
    return undefined;
  }

  /** The carrying mail's sender is this person (name forms, or the address's local part). */
  sentBy(carrier: Carrier, name: string): boolean {
    const s = this.senders.find((x) => x.address === carrier.address && x.name === carrier.from);
    return !!s && lookupKeys(name).some((k) => s.keys.has(k));
  }
}
