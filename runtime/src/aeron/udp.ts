/** Opening UDP sockets for the transport: resolve the endpoint, bind, size the buffers. */
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIPv4 } from 'node:net';

export interface UdpAddress {
  address: string;
  port: number;
}

/** Resolves a host name to an IPv4 address (literals pass straight through). */
export async function resolveHost(host: string): Promise<string> {
  if (isIPv4(host)) return host;
  const { address } = await lookup(host, { family: 4 });
  return address;
}

/** The kernel buffers asked for when the channel names none: large, for bursts (the kernel may cap them). */
const DEFAULT_SOCKET_BUFFER = 4 * 1024 * 1024;

/**
 * Binds a UDP socket and asks for kernel buffers of `receiveBuffer` bytes (`so-rcvbuf`) and
 * 4 MiB to send (the kernel may grant less). With `peer`, the socket is also connected to it:
 * sends need no address, and only the peer's datagrams arrive.
 */
export function bindSocket(
  address: string,
  port: number,
  peer?: UdpAddress,
  receiveBuffer = DEFAULT_SOCKET_BUFFER,
): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    const onError = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      try {
        socket.setRecvBufferSize(receiveBuffer);
        socket.setSendBufferSize(DEFAULT_SOCKET_BUFFER);
      } catch {
        // The kernel refused the size: the default buffers still work, only with more loss under bursts.
      }
      if (peer === undefined) resolve(socket);
      else {
        socket.once('error', onError);
        socket.connect(peer.port, peer.address, () => {
          socket.off('error', onError);
          resolve(socket);
        });
      }
    });
  });
}

/** A random int32, for session ids. */
export function randomInt32(): number {
  return crypto.getRandomValues(new Int32Array(1))[0]!;
}

/** A random int64, for receiver ids. */
export function randomInt64(): bigint {
  return crypto.getRandomValues(new BigInt64Array(1))[0]!;
}
