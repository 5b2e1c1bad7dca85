// The report's per-signature DKIM results (DESIGN.md's `dkim`), read from the email.dkim findings'
// evidence: the check's verdicts mapped onto the contract's five results (docs/report.md).

import type { DkimResult, ReportDkimSignature, ReportFlag } from '../model/report.js';
import type { CarriedDkimSignature } from '../store/queries/dkim-signatures.js';
import { dkimKeyName } from '../checks/dkim-keys.js';

const DKIM_CHECK = 'email.dkim';

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
  if (verdict === 'pass') return { result: 'pass', reason: 'the signature verifies with the imported key' };
  if (ev.bodyHash === 'fail' && ev.draft !== true) {
    const changed = 'body hash mismatch: the body was changed after signing';
    const added = ev.bodyHashWithoutAdditions === 'pass' ? '; it matches once the text a server added to the body is removed' : '';
    const why =
      verdict === 'fail'
        ? `${reason || changed}${ev.headerSignature === 'pass' ? '; the signature over the headers still verifies' : ''}`
        : verdict === 'nokey'
          ? `${changed} (found without the key: ${reason})`
          : `${changed}; the signature cannot be accepted either: ${reason}`;
    return { result: 'body-hash-mismatch', reason: `${why}${added}` };
  }
  if (verdict === 'nokey') {
    const body = ev.bodyHash === 'pass' ? 'its body hash matches the body' : 'its body hash could not be computed';
    return { result: 'no-key', reason: `${reason}; ${body}` };
  }
  if (verdict === 'invalid' && KEY_PROBLEM.test(reason)) return { result: 'bad-key', reason };
  return { result: 'fail', reason: reason || 'the signature does not verify' };
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
  for (const f of flags) {
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
    const { result, reason } = judge(ev);
    const source = keyWasRead(ev) && domain && selector ? keySource(dkimKeyName(selector, domain)) : undefined;
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
