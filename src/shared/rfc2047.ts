// RFC 2047 encoded-words for header text that is not printable ASCII, in UTF-8, split on character
// boundaries so that no encoded-word exceeds 75 characters (§2). Deterministic: same text, same bytes.

/** Longest encoded text of one word: 75 characters less the 12 of `=?UTF-8?X?` and `?=`. */
const MAX_PAYLOAD = 75 - 12;

/** Q encoding of one character (§4.2, the rules for a phrase): letters, digits and !*+-/ as is, space as '_'. */
function qEncode(ch: string): string {
  if (/[A-Za-z0-9!*+\-/]/.test(ch)) return ch;
  if (ch === ' ') return '_';
  let out = '';
  for (const b of Buffer.from(ch, 'utf8')) out += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** The header text as is when it is printable ASCII, else as folded 'B' (base64) or 'Q' encoded-words. */
export function encodeWords(text: string, encoding: 'B' | 'Q'): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  // B: 4 base64 characters per 3 UTF-8 bytes, so a word's payload is measured on its bytes.
  const payload = encoding === 'B' ? (s: string) => Math.ceil(Buffer.byteLength(s, 'utf8') / 3) * 4 : (s: string) => s.length;
  const words: string[] = [];
  let word = '';
  for (const ch of text) {
    const piece = encoding === 'B' ? ch : qEncode(ch);
    if (payload(word + piece) > MAX_PAYLOAD) {
      words.push(word);
      word = '';
    }
    word += piece;
  }
  if (word !== '') words.push(word);
  const wrap = (w: string) => (encoding === 'B' ? Buffer.from(w, 'utf8').toString('base64') : w);
  return words.map((w) => `=?UTF-8?${encoding}?${wrap(w)}?=`).join('\r\n ');
}
