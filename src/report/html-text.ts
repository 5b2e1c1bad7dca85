// The fixed prose of the HTML report: how Verity works and where its limits are, for readers outside
// forensics. Nothing here comes from the dump.

import { SEVERITY_WEIGHT } from '../checks/score.js';

const pct = (w: number) => Math.round(w * 100);

const SEVERITY_MEANING: Record<'high' | 'medium' | 'low' | 'info', string> = {
  high: 'a strong inconsistency that is hard to explain innocently, though innocent explanations are listed where known',
  medium: 'an inconsistency with plausible innocent explanations; worth checking against other sources',
  low: 'a weak or common signal, useful mainly together with others',
  info: 'a recorded observation that is not evidence either way (for example a signature that could not be checked)',
};

export function methodHtml(redacted: boolean): string {
  const one = (s: keyof typeof SEVERITY_WEIGHT) => pct(SEVERITY_WEIGHT[s]);
  const twoHigh = pct(1 - (1 - SEVERITY_WEIGHT.high) ** 2);
  return `
<section class="method" id="method">
<h2>Method and limits</h2>
<h3>What Verity does</h3>
<p>Verity reads every file of the dump without changing it. It opens archives, mailboxes and email
attachments, so that each message, attachment and archive member is examined as a document of its own.
For each document it records where it was found (the path, and the chain of archives, messages and
attachments that leads to it), a SHA-256 fingerprint of its bytes, and the metadata the software that
made it wrote into it: authors, dates, programs, email headers, signatures.</p>
<p>It then runs a set of checks, listed in the summary with what each one looks for. Some compare a
document with itself and with known facts: dates that contradict each other, software or fonts that
did not exist yet at the date the document claims, an email whose body no longer matches its
cryptographic (DKIM) signature, a PDF that was edited after it was first written. Others compare a
document with the rest of the dump: a message that does not match its sender's usual habits, an
author nobody else in the organisation uses, two copies of one email that differ. Forgeries mixed into
a genuine dump tend to stand out against it.</p>

<h3>What a finding means — and what it does not</h3>
<p>A finding is an observation: something in the document is inconsistent or unusual, and the data
it rests on is shown beside it. It is a reason to look more closely, <strong>not proof that a document
is forged</strong>. Each finding comes with the innocent explanations known to produce the same trace
(a mailing list that rewrites messages, a scanner that stamps its own name, a file converted to
PDF/A, a sender travelling across time zones).</p>
<p>The absence of findings does not prove that a document is authentic either. A careful forger can
produce consistent metadata, many checks apply only to some kinds of files, and metadata that was
stripped cannot be checked at all.</p>

<h3>No single signal makes a verdict</h3>
<p>The score from 0 to 100 combines a document's findings so that documents can be reviewed in a
sensible order. One low finding gives about ${one('low')}, one medium about ${one('medium')}, one high
about ${one('high')}; two independent high findings give about ${twoHigh}. Findings that observe the same
underlying fact count once, and attribution clues (an unusual name) weigh less, because names are
easy to plant. The score is not a probability that a document is fake.</p>
<p>The <strong>verdict</strong>, the tags and the note of each document are the analyst's own
conclusions, reached with the findings and with reporting outside Verity (sources, other copies,
the people concerned). "Unresolved" means the analyst has not decided.</p>

<h3>Metadata can be forged both ways</h3>
<p>Metadata is written by software and can be edited by anyone with the right tool. A forger can make
a fake look consistent, and someone who wants to discredit a genuine leak can plant inconsistencies
in genuine documents. A name in metadata tells which account a program was set up with, not who
wrote the text. Dates are shown as written in the files; where the file gives a time zone, they are
also converted to UTC.</p>

<h3>How to verify this report</h3>
<p>Every document is identified by the SHA-256 fingerprint of its own bytes: anyone holding the same
dump can compute it and confirm they are looking at the same file. DKIM signatures are verified
offline, with keys imported from archived records; a body-hash comparison needs no key at all. The
same case and selection always produce the same report, apart from its generation time.</p>

<h3>Severity</h3>
<table class="legend"><tbody>
${(['high', 'medium', 'low', 'info'] as const).map((s) => `<tr><td><span class="sev sev-${s}">${s}</span></td><td>${SEVERITY_MEANING[s]}.</td></tr>`).join('\n')}
</tbody></table>
${
  redacted
    ? `<h3>Redaction</h3>
<p>This report has been redacted to protect sources and uninvolved people. Names of authors, editors
and correspondents, email addresses, device serial numbers, GPS positions and scanner or printer
identifiers have been replaced everywhere, including in paths, by tokens such as
<code>[redacted person 1]</code>. The same value always gets the same token, so connections between
documents remain visible. Fingerprints (SHA-256) and document ids are not redacted.</p>`
    : ''
}
</section>`;
}
