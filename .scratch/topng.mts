import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
const img = await loadImage(readFileSync(process.argv[2]));
const w = 800, h = Math.round(img.height * 800 / img.width);
const c = createCanvas(w, h); c.getContext('2d').drawImage(img, 0, 0, w, h);
writeFileSync(process.argv[3], c.encodeSync('png'));
