// Every planted forgery family, in the order they are planted (each family draws from its own
// Prng stream, so adding variants to one family does not move the others).

import { forgeDocuments } from './forge-docs.js';
import { forgeMail } from './forge-mail.js';
import { forgePhotos } from './forge-photos.js';
import type { World } from './world.js';

export async function plantForgeries(world: World): Promise<void> {
  await forgeMail(world);
  await forgeDocuments(world);
  await forgePhotos(world);
}
