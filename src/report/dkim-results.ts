// The report's per-signature DKIM results (DESIGN.md's `dkim`), read from the email.dkim findings'
// evidence: the check's verdicts mapped onto the contract's five results (docs/report.md).

import type { DkimResult, ReportDkimSignature, ReportFlag } from '../model/report.js';
import type { CarriedDkimSignature } from '../store/queries/dkim-signatures.js';
import { dkimKeyName } from '../checks/dkim-keys.js';

const DKIM_CHECK = 'email.dkim';
/** The sender model's findings: a message unlike the account's own mail (a hijacked account among the causes). */
const SENDER_MODEL_CHECK = 'email.sender-habits';

/** Reasons the DKIM check gives when the key record is at fault rather than the signature. */
const KEY_PROBLEM = /^(unusable key:|signature algorithm \S+ does not match the \S+ key|key accepts h=|the key has \d+ bits)/;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Where a stored key came from, by key name (store/dkim-keys.ts dkimKeySources). */
export type KeySourceOf = (name: string) => string | undefined;

interface Judged {
  result: DkimResult;
  reason: string;
}

/** The contract's result for one signature, from the evidence the DKIM check recorded. */
function judge(ev: Record<string, unknown>): Judged {
  const verdict = str(ev.verdict);
  const reason = str(ev.reason) || (verdict === 'nokey' ? 'no key for it was imported' : '');
  if (verdict === 'pass') {
    const published = str(ev.keyPrivatePublished);
    return {
      result: 'pass',
      reason: published
        ? `the signature verifies, but proves nothing: the key's private half is published (${published}), so anyone could have signed`
        : 'the signature verifies with the imported key',
    };
  }
  if (ev.bodyHash === 'fail' && ev.draft !== true) {
    const changed = 'body hash mismatch: the body was changed after signing';
    const added = ev.bodyHashWithoutAdditions === 'pass' ? '; it matches once the text a server added to the body is removed' : '';
    const why =
      verdict === 'fail'
        ? `${reason || changed}${ev.headerSignature === 'pass' ? '; the signature over the headers still verifies' : ''}`
        : verdict === 'nokey'
          ? `${changed} (found without the key: ${reason})`
          : `${changed}; the signature cannot be accepted either: ${reason}`;
    return { result: 'body-hash-mismatch', reason: `${why}${added}${inTransit(ev)}` };
  }
  if (verdict === 'nokey') {
    const body = ev.bodyHash === 'pass' ? 'its body hash matches the body' : 'its body hash could not be computed';
    return { result: 'no-key', reason: `${reason}; ${body}` };
  }
  if (verdict === 'invalid' && KEY_PROBLEM.test(reason)) return { result: 'bad-key', reason };
  return { result: 'fail', reason: `${reason || 'the signature does not verify'}${verdict === 'fail' ? inTransit(ev) : ''}` };
}

/** A forwarder's ARC seal that recorded this signature passing on arrival: it broke in transit. */
function inTransit(ev: Record<string, unknown>): string {
  const hop = ev.arcArrival as { instance?: number; sealer?: string; authservId?: string } | undefined;
  return hop
    ? `; ${hop.authservId ?? hop.sealer} found it passing on arrival (valid ARC chain, i=${hop.instance}): it broke in transit, at or after that forwarder`
    : '';
}

/** Whether the check read a key for this signature (its source then says which). */
function keyWasRead(ev: Record<string, unknown>): boolean {
  return ev.verdict === 'pass' || ev.verdict === 'fail' || typeof ev.keyBits === 'number' || /^unusable key:/.test(str(ev.reason) ?? '');
}

/** One entry per DKIM-Signature the email carries (the extracted headers and the signatures the
 *  check judged), in header order. */
export function dkimResults(
  flags: readonly ReportFlag[],
  carried: readonly CarriedDkimSignature[],
  keySource: KeySourceOf,
): ReportDkimSignature[] {
  const judged = new Map<number, Record<string, unknown>>();
  let unverifiable: string | undefined;
  const senderOutlier = flags.some((f) => f.check === SENDER_MODEL_CHECK && f.severity !== 'info');
  const context = new Map<number, string[]>();
  for (const f of flags) {
    // Further notes on a signature (archive dates set against the mail's): context kept with its result.
    const dates = str(f.evidence.keyDates);
    if (f.check === DKIM_CHECK && typeof f.evidence.signature === 'number' && dates)
      context.set(f.evidence.signature, [...(context.get(f.evidence.signature) ?? []), dates]);
    if (f.check !== DKIM_CHECK) continue;
    const i = f.evidence.signature;
    if (typeof i === 'number') {
      if (!judged.has(i)) judged.set(i, f.evidence);
    } else if (Array.isArray(f.evidence.signatures)) {
      // An Outlook store item: its bytes are a rendering, not what the domain signed.
      unverifiable = "the message's original bytes are not in the dump (Outlook store item), so the signature cannot be checked";
    }
  }
  const byIndex = new Map(carried.map((c) => [c.index, c]));
  const indexes = [...new Set([...byIndex.keys(), ...judged.keys()])].sort((a, b) => a - b);
  return indexes.map((i) => {
    const ev = judged.get(i);
    const domain = str(ev?.d) ?? byIndex.get(i)?.domain ?? '';
    const selector = str(ev?.s) ?? byIndex.get(i)?.selector ?? '';
    if (!ev)
      return {
        domain,
        selector,
        result: 'fail',
        keySource: null,
        keyBits: null,
        reason: unverifiable ?? 'not verified: the DKIM check recorded no result for this signature',
      };
    const verdict = judge(ev);
    const { result } = verdict;
    let reason = verdict.reason;
    if (result === 'pass') {
      for (const note of context.get(i) ?? []) reason += `; ${note.replace(/\.$/, '')}`;
      if (senderOutlier)
        reason +=
          "; the sender model finds this message unlike the account's own mail: DKIM proves the server that sent it, not the author (a hijacked account's mail verifies too)";
    }
    // The key the check read says where it came from; older findings name none, and the case's key table then answers.
    const source = keyWasRead(ev) && domain && selector ? (str(ev.keySource) ?? keySource(dkimKeyName(selector, domain))) : undefined;
    return {
      domain,
      selector,
      result,
      keySource: source ?? null,
      keyBits: typeof ev.keyBits === 'number' ? ev.keyBits : null,
      reason,
    };
  });
}

/** One signature's result in words, as the HTML and CSV reports show it: all six fields of the JSON's entry. */
export function dkimLine(s: ReportDkimSignature): string {
  const who = `${s.domain || 'unknown domain'}${s.selector ? ` (selector ${s.selector})` : ''}`;
  const key = s.keySource === null ? '' : `; key${s.keyBits ? ` of ${s.keyBits} bits` : ''} from ${s.keySource}`;
  return `${who}: ${s.result} (${s.reason})${key}`;
}
