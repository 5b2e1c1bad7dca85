// A message written in a webmail the sender does not usually use: it names no client (or a webmail)
// and carries a Message-ID a webmail or a server assigns. Its Date offset is the webmail server's
// or the browser's, not the sender's device: a one-off offset there is the program's doing.

import { clientFamilyOf } from '../../../knowledge/mail-clients.js';
import type { MessageFeatures } from './features.js';
import type { SenderModel, SenderProfile } from './model.js';
import { leaveOneOut } from './novelty.js';

/** Why the message looks written in another webmail than the sender's usual program, or null. */
export function looksLikeOtherWebmail(model: SenderModel, f: MessageFeatures, p: SenderProfile): string | null {
  const family = clientFamilyOf(f.clientRaw);
  if (f.client !== '(none)' && !family?.webmail) return null;
  const form = f.messageIdClass.forms.find((x) => x.writer === 'webmail' || x.writer === 'server');
  if (!form) return null;
  const clientNew = leaveOneOut(p.client, model.clientCode(f.client)).same === 0;
  const formNew = leaveOneOut(p.messageId, model.messageIdCode(f.messageIdKey)).same === 0;
  if (!clientNew && !formNew) return null;
  return `the message names ${family ? family.label : 'no client'} and carries a Message-ID in the form of ${form.label}, unlike the sender's other messages`;
}
