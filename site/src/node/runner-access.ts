/**
 * Who may use the native runner. The secret never appears in a page: `npm start` prints a login URL
 * (`/__steady/login/<code>`) that the learner opens; the server answers with an HttpOnly,
 * SameSite=Strict cookie and sends the browser on to the site. The runner's WebSocket then needs
 * that cookie, the site's own Origin and its own Host. Another local user who fetches `GET /` gets
 * nothing that opens the runner.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieName, LOGIN_PATH, RUNNER_PROTOCOL } from '../shared/protocol.ts';

export interface Refusal {
  readonly status: number;
  readonly reason: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of one cookie in a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export class RunnerAccess {
  /** What the printed URL carries; good for as long as this server runs. */
  readonly loginCode: string;
  /** What the cookie carries: a second secret, so the cookie never equals anything printed. */
  private readonly cookieSecret: string;

  constructor(
    /** `host:port` names this server answers to (127.0.0.1 and localhost, once the port is known). */
    readonly hosts: () => readonly string[],
    secrets: { loginCode?: string; cookieSecret?: string } = {},
  ) {
    this.loginCode = secrets.loginCode ?? randomBytes(24).toString('hex');
    this.cookieSecret = secrets.cookieSecret ?? randomBytes(32).toString('hex');
  }

  private get port(): string {
    return this.hosts()[0]?.split(':').pop() ?? '0';
  }

  /** The URL `npm start` prints. */
  loginUrl(siteUrl: string): string {
    return `${siteUrl.replace(/\/$/, '')}${LOGIN_PATH}${this.loginCode}`;
  }

  /** Whether a request comes from a browser holding the runner's cookie. */
  hasCookie(req: IncomingMessage): boolean {
    const value = readCookie(req.headers.cookie, cookieName(this.port));
    return value !== undefined && sameSecret(value, this.cookieSecret);
  }

  /**
   * Answers `GET /__steady/login/<code>`: the right code sets the cookie and redirects to the site;
   * a wrong one says what to do, and sets nothing.
   */
  login(path: string, res: ServerResponse): void {
    const code = path.slice(LOGIN_PATH.length);
    if (!sameSecret(code, this.loginCode)) {
      res
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(
          'This link does not open the local runner (the course may have been restarted).\n' +
            'Open the link that `npm start` printed last in your terminal.\n',
        );
      return;
    }
    res
      .writeHead(303, {
        'Set-Cookie': `${cookieName(this.port)}=${this.cookieSecret}; Path=/; HttpOnly; SameSite=Strict`,
        Location: '/',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      })
      .end();
  }

  /** Why a WebSocket upgrade to the runner is refused, or undefined when it may connect. */
  checkUpgrade(req: IncomingMessage, origins: readonly string[]): Refusal | undefined {
    if (!this.hosts().includes(req.headers.host ?? '')) return { status: 421, reason: 'Misdirected Request' };
    const origin = req.headers.origin;
    if (!origin || !origins.includes(origin)) return { status: 403, reason: 'Forbidden origin' };
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(RUNNER_PROTOCOL)) return { status: 400, reason: 'Bad protocol' };
    if (!this.hasCookie(req)) return { status: 401, reason: 'Unauthorized' };
    return undefined;
  }
}
