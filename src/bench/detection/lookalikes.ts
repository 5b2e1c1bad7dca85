import type { World } from './world.js';
export async function plantLookalikes(world: World): Promise<void> {
  void world;
}
