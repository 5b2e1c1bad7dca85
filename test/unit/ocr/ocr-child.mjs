// Run in a child process with the network blocked (block-network.cjs): OCR one rendered line, or
// start an engine for the languages given, and print the outcome as JSON on stdout.
import { createCanvas } from '@napi-rs/canvas';
import { createOcrEngine } from '../../../src/extract/ocr/engine.js';

const langs = (process.argv[2] ?? 'eng+fra').split('+');
try {
  const canvas = createCanvas(1000, 200);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, 1000, 200);
  g.fillStyle = '#000000';
  g.font = '40px DejaVu Sans, sans-serif';
  g.fillText('Réunion secrète Kowalski 4821', 30, 110);
  const engine = await createOcrEngine({ langs });
  const result = await engine.recognize(await canvas.encode('png'));
  await engine.close();
  process.stdout.write(JSON.stringify({ ok: true, langs: engine.langs, version: engine.version, ...result }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: e.message }));
}
