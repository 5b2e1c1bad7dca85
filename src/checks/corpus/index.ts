// Corpus checks over documents (not email habits): people, edit bursts, container dates, near-duplicates.

import type { CorpusCheck } from '../types.js';
import { peopleOutsider, peopleScript } from './people.js';
import { editBurst } from './edit-burst.js';
import { attachmentAfterEmail, memberTimeCheck } from './containment-dates.js';
import { nearDuplicate } from './near-duplicate.js';
import { afterDump } from './dump-horizon.js';

export const DOCUMENT_CORPUS_CHECKS: readonly CorpusCheck[] = [
  peopleOutsider,
  peopleScript,
  editBurst,
  attachmentAfterEmail,
  memberTimeCheck,
  afterDump,
  nearDuplicate,
];
