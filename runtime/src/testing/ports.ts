/** Ports for tests that open sockets: fresh ones, so parallel runs and leftovers never collide. */
import { createSocket } from 'node:dgram';

/** A UDP port free right now on 127.0.0.1 (bound, read and released). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
