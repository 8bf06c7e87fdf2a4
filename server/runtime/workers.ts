import type { Services } from '../services';

/** Every queue's handler, registered on worker processes. Each concept adds its handler here. */
export async function registerWorkers(services: Services): Promise<void> {
  void services;
  await Promise.resolve();
}
