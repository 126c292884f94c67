/**
 * The site's Vite plugin: the lessons and the runtime sources as virtual modules (read from where
 * they live, at build time), and cross-origin isolation headers on every response of the dev server
 * (VitePress serves its HTML outside `server.headers`, so a middleware sets them).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { UserConfig } from 'vitepress';
import { ISOLATION_HEADERS } from '../shared/isolation.ts';
import { LOGIN_PATH, RUNNER_META, SESSION_PATH } from '../shared/protocol.ts';
import { LESSON_ASSETS, resolveLessonAsset } from './lesson-assets.ts';
import {
  LESSONS_DIR,
  listLessonIds,
  REPO_ROOT,
  readLessonBundle,
  readLessonInfo,
  readSupportFiles,
} from './lessons.ts';
import { recordPlaygroundChunks } from './playground-preload.ts';
import { killChildrenOnExit } from './processes.ts';
import { withProgramModules } from './program-modules.ts';
import { attachRunner } from './runner.ts';
import { RunnerAccess } from './runner-access.ts';

export function setIsolationHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
}

/** Vite's Plugin type as VitePress (which brings its own Vite) sees it. */
export type Plugin = Extract<
  NonNullable<NonNullable<UserConfig['vite']>['plugins']>[number],
  { name: string }
>;

const INDEX = 'virtual:steady/lessons';
const LESSON = 'virtual:steady/lesson/';
const SUPPORT = 'virtual:steady/support';

export function steadySitePlugin(): Plugin {
  /** Set only by the dev server with STEADY_NATIVE=1: never baked into a build. */
  let devNative = false;
  return {
    name: 'steady-site',
    transformIndexHtml(html) {
      return devNative ? html.replace('<head>', `<head><meta name="${RUNNER_META}" content="native">`) : html;
    },
    resolveId(id) {
      if (id === INDEX || id === SUPPORT || id.startsWith(LESSON)) return `\0${id}`;
      // A lesson page's picture (the page imports it): the file in the lesson folder, which Vite
      // then serves in dev and bundles into the build like any imported asset.
      if (id.startsWith(LESSON_ASSETS)) {
        const file = resolveLessonAsset(id, LESSONS_DIR);
        if (!file) this.error(`${id}: no such picture in the lessons (png, jpg, gif, svg or webp)`);
        return file;
      }
      return undefined;
    },
    async load(id) {
      if (!id.startsWith('\0virtual:steady/')) return undefined;
      const name = id.slice(1);
      if (name === INDEX) {
        const ids = listLessonIds();
        for (const lesson of ids) this.addWatchFile(join(LESSONS_DIR, lesson, 'package.json'));
        const infos = ids.map((lesson) => readLessonInfo(lesson));
        const loaders = ids.map(
          (lesson) => `${JSON.stringify(lesson)}: () => import(${JSON.stringify(LESSON + lesson)})`,
        );
        return `export const lessons = ${JSON.stringify(infos)};\nexport const loaders = {${loaders.join(',')}};\n`;
      }
      if (name === SUPPORT) return `export default ${JSON.stringify(readSupportFiles())};\n`;
      const lesson = name.slice(LESSON.length);
      if (!listLessonIds().includes(lesson)) throw new Error(`unknown lesson ${lesson}`);
      const bundle = readLessonBundle(lesson);
      for (const file of bundle.files) this.addWatchFile(join(LESSONS_DIR, lesson, file.path));
      return `export default ${JSON.stringify(await withProgramModules(bundle))};\n`;
    },
    generateBundle(_options, bundle) {
      recordPlaygroundChunks(bundle, LESSON);
    },
    configureServer(server) {
      // `STEADY_NATIVE=1 npm run dev -w site`: the native runner on the dev server too.
      if (process.env.STEADY_NATIVE === '1' && server.httpServer) {
        const http = server.httpServer as Server;
        devNative = true;
        const port = () => (http.address() as AddressInfo | null)?.port;
        const access = new RunnerAccess(() => [`localhost:${port()}`, `127.0.0.1:${port()}`]);
        attachRunner(http, {
          access,
          origins: () => [`http://localhost:${port()}`, `http://127.0.0.1:${port()}`],
          lessonsDir: LESSONS_DIR,
          workRoot: join(REPO_ROOT, '.work'),
          refuseOtherUpgrades: false,
        });
        // The login route and the session probe, before VitePress answers the request.
        server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
          const path = (req.url ?? '').split('?')[0] ?? '';
          if (path.startsWith(LOGIN_PATH)) access.login(path, res);
          else if (path === SESSION_PATH)
            res.writeHead(access.hasCookie(req) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
          else next();
        });
        http.once('listening', () =>
          console.log(`\n  native runner: open ${access.loginUrl(`http://localhost:${port()}`)}\n`),
        );
        killChildrenOnExit();
      }
      server.middlewares.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
        setIsolationHeaders(res);
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
        setIsolationHeaders(res);
        next();
      });
    },
  };
}

export { REPO_ROOT };
