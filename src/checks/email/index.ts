// The email family of forensic checks, in the order the registry runs them.

import type { CorpusCheck, DocumentCheck } from '../types.js';
import { dkimCheck } from './dkim.js';
import { hiddenTimeCheck } from './hidden-time.js';
import { receivedCheck } from './received.js';
import { senderHabitsCheck } from './sender-habits.js';
import { threadsCheck } from './threads.js';

export const EMAIL_DOCUMENT_CHECKS: readonly DocumentCheck[] = [dkimCheck, receivedCheck, hiddenTimeCheck];
export const EMAIL_CORPUS_CHECKS: readonly CorpusCheck[] = [senderHabitsCheck, threadsCheck];
export { reverifyDkim } from './dkim.js';
