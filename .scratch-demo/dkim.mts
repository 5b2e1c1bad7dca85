import { writeFileSync, readFileSync } from 'node:fs';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { Prng } from '/work/main/src/demo/prng.js';
import { sendInternal, sendViaList, dkimRecords, dkimKeyFileText } from '/work/main/src/demo/mailflow.js';
import { crlfToLf } from '/work/main/src/demo/email.js';
const prng = new Prng(3);
const recs = new Map(dkimRecords().map((r) => [r.name, r.txt]));
const resolver = async (name: string, rr: string) => { const t = recs.get(name); if (!t) { const e: any = new Error('ENOTFOUND'); e.code = 'ENOTFOUND'; throw e; } return [[t]]; };
const spec = { client: 'outlook2016' as const, from: { name: 'Claire Dumont', email: 'claire.dumont@campagne-exemple.fr' }, to: [{ name: 'Sophie Lefèvre', email: 'sophie.lefebvre@campagne-exemple.fr' }], subject: 'Réunion publique à Lyon', epochMs: Date.UTC(2017, 2, 14, 9, 22), offsetMin: 60, messageId: 'abc@campagne-exemple.fr', text: 'Bonjour,\n\nLe devis est de 12 500 euros TTC. Très bien.\n\nClaire' };
const d = await sendInternal(prng, spec, 'office');
writeFileSync('/tmp/demo-scratch/m1.eml', d.raw);
writeFileSync('/tmp/demo-scratch/m1lf.eml', crlfToLf(d.raw));
const l = await sendViaList(prng, { ...spec, client: 'thunderbird', from: { name: 'Hélène Vasseur', email: 'h.vasseur@partenaire-exemple.org' }, to: [{ name: '', email: 'reseau-asso@lists.reseau-exemple.org' }], messageId: 'x1@partenaire-exemple.org' }, 1, 'sophie.lefebvre@campagne-exemple.fr');
writeFileSync('/tmp/demo-scratch/m2.eml', l.raw);
for (const f of ['m1', 'm1lf', 'm2']) {
  const r = await dkimVerify(readFileSync(`/tmp/demo-scratch/${f}.eml`), { resolver });
  console.log(f, r.results.map((x: any) => `${x.signingDomain} ${x.status.result} ${x.status.comment ?? ''} bh=${x.status.aligned}`));
}
writeFileSync('/tmp/demo-scratch/keys.txt', dkimKeyFileText());
