import { writeScannedDump } from '../test/support/scanned-dump.ts';
const d = await writeScannedDump('/tmp/ocrint/sd/dump');
console.log(JSON.stringify(d.map(x=>x.path)));
