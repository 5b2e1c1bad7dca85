// Types for mailauth's DKIM body hasher (the package ships no declaration for this module).
declare module 'mailauth/lib/dkim/body/index.js' {
  interface DkimBodyHasher {
    update(chunk: Buffer | null, final?: boolean): void;
    digest(encoding: 'base64'): string;
  }
  /** canonicalization 'simple' | 'relaxed' (or 'x/y': the body part is taken), algorithm 'sha256' | 'sha1',
   *  maxBodyLength the l= value ('' for none). */
  export function dkimBody(canonicalization: string, algorithm: string, maxBodyLength: number | ''): DkimBodyHasher;
}
