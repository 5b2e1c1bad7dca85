// Link-protection gateways rewrite every link of inbound mail after the sender signed it, which
// breaks a DKIM body hash exactly as an edit does. Their rewritten links and their own hops name them.

import type { RawHeaderBlock } from './raw-headers.js';

interface Rewriter {
  name: string;
  /** A link as the gateway rewrites it (documented formats of each vendor). */
  link: RegExp;
  /** A Received hop or header the gateway adds on the way in. */
  hop: RegExp;
}

const REWRITERS: Rewriter[] = [
  // Mimecast URL Protect: https://protect-eu.mimecast.com/s/<code>?domain=...
  {
    name: 'Mimecast URL Protect',
    link: /https?:\/\/protect(?:-[a-z]+)?\.mimecast\.com\/s\/[\w-]+/gi,
    hop: /\bmimecast\.com\b|^x-mc-unique$/i,
  },
  // Microsoft Defender for Office 365 Safe Links: https://<region>.safelinks.protection.outlook.com/?url=...
  {
    name: 'Microsoft Safe Links',
    link: /https?:\/\/[a-z0-9.-]*safelinks\.protection\.outlook\.com\/\?url=[^\s"'<>]+/gi,
    hop: /\.protection\.outlook\.com\b|\.prod\.outlook\.com\b|^x-ms-exchange-/i,
  },
  // Proofpoint URL Defense: urldefense.proofpoint.com/v2/url?u=... and urldefense.com/v3/__...
  {
    name: 'Proofpoint URL Defense',
    link: /https?:\/\/urldefense(?:\.proofpoint)?\.com\/v\d\/[^\s"'<>]+/gi,
    hop: /\bpphosted\.com\b|\bproofpoint\.com\b|^x-proofpoint-/i,
  },
  // Barracuda Link Protection: https://linkprotect.cudasvc.com/url?a=...
  {
    name: 'Barracuda Link Protection',
    link: /https?:\/\/linkprotect\.cudasvc\.com\/url\?[^\s"'<>]+/gi,
    hop: /\bbarracuda|\bcudasvc\.com\b/i,
  },
];

export interface LinkRewriting {
  gateway: string;
  links: number;
  example: string;
  /** The hop or header that names the gateway on this message's way in. */
  seenIn: string;
}

/** The gateway that rewrote this message's links on its way in, if its links and its hop are both there. */
export function linkRewriting(block: RawHeaderBlock, bodies: readonly string[]): LinkRewriting | null {
  for (const r of REWRITERS) {
    const links = bodies.flatMap((b) => b.match(r.link) ?? []);
    if (links.length === 0) continue;
    const hop = block.fields.find((f) => (f.key === 'received' && r.hop.test(f.value)) || r.hop.test(f.key));
    if (!hop) continue;
    return {
      gateway: r.name,
      links: links.length,
      example: links[0].slice(0, 120),
      seenIn: `${hop.name}: ${hop.value.trim().slice(0, 120)}`,
    };
  }
  return null;
}
