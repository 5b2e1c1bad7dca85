import type { World } from './world.js';
export async function forgeDocuments(world: World): Promise<void> {
  void world;
}
