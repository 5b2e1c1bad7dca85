import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { TEST_ONLY_CAMPAGNE_KEY_PEM } from '../src/demo/keys/demo-dkim-keys.js';
const r = await dkimSign(Buffer.from('From: a@b.c\r\nTo: d@e.f\r\nSubject: x\r\n\r\nhello\r\n'), { canonicalization: 'relaxed/relaxed', algorithm: 'rsa-sha256', signTime: new Date(1489483320000), headerList: ['From','To','Subject'], signingDomain: 'b.c', selector: 's', privateKey: TEST_ONLY_CAMPAGNE_KEY_PEM });
console.log(r);
