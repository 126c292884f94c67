/** The telemetry HTTP server on Node: serves a table of paths, GET/HEAD only; knows nothing of telemetry. */
import { createServer, type Server } from 'node:http';
import type { Routes, RunningServer, ServerLog } from '../types.ts';

function listenOnce(server: Server, ip: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, ip);
  });
}

/** Listens on `port` (0: any free one); if it is taken, tries the next ones, `tries` in all. */
export async function serveHttp(
  routes: Routes,
  ip: string,
  port: number,
  log: ServerLog,
  tries = 20,
): Promise<RunningServer> {
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
        return;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const resource = Object.hasOwn(routes, path) ? routes[path] : undefined;
      if (!resource) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      const body = await resource.content();
      res.writeHead(200, {
        'content-type': resource.contentType,
        'content-length': Buffer.byteLength(body),
        'cache-control': resource.cacheControl ?? 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      log.warn(`request failed: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  let taken = port;
  for (let i = 0; ; i++) {
    try {
      taken = await listenOnce(server, ip, port === 0 ? 0 : port + i);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || i + 1 >= tries) throw e;
    }
  }
  server.unref();
  const address = `http://${ip}:${taken}`;
  log.info(`telemetry at ${address}`);
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
