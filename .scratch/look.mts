import { readFileSync } from 'node:fs';
import { decodeImage, lookAtImage } from '../src/extract/ocr/document-image.ts';
for (const f of process.argv.slice(2)) {
  const img = await decodeImage(readFileSync(f));
  const { ...l } = lookAtImage(img!);
  console.log(f.split('/').pop(), JSON.stringify(l));
}
