import type { World } from './world.js';
export async function forgePhotos(world: World): Promise<void> {
  void world;
}
