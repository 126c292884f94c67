/** The telemetry HTTP server: `/` dashboard, `/graph.dot`, `/metrics`. GET/HEAD only. */
import { createServer, type Server } from 'node:http';
import { createLogger } from '../log/logger.ts';
import { DASHBOARD_HTML } from './dashboard.ts';

export interface Routes {
  dot(): string;
  metrics(): string;
}

const log = createLogger('telemetry');

export interface RunningServer {
  readonly server: Server;
  readonly address: string;
  close(): Promise<void>;
}

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

export async function serve(routes: Routes, ip: string, port: number, tries = 20): Promise<RunningServer> {
  const server = createServer((req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
        return;
      }
      const path = (req.url ?? '/').split('?')[0];
      let body: string;
      let type: string;
      if (path === '/' || path === '/index.html') [body, type] = [DASHBOARD_HTML, 'text/html; charset=utf-8'];
      else if (path === '/graph.dot') [body, type] = [routes.dot(), 'text/vnd.graphviz; charset=utf-8'];
      else if (path === '/metrics')
        [body, type] = [routes.metrics(), 'text/plain; version=0.0.4; charset=utf-8'];
      else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
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
    server,
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
