/**
 * `node:url` for code that runs in a browser: in the browser the program's files are URLs
 * (served to the page), so a path that is already an absolute URL stays that URL. That keeps
 * the lessons' `import.meta.url === pathToFileURL(process.argv[1]).href` check true for the
 * entry the host runs (process.argv[1] is its URL) and false for every other module.
 */
const ABSOLUTE_URL = /^(https?|file|blob):/;

export function pathToFileURL(path: string): URL {
  if (typeof path !== 'string') throw new TypeError(`pathToFileURL needs a string, got ${typeof path}`);
  if (ABSOLUTE_URL.test(path)) return new URL(path);
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return new URL(`file://${absolute.split('/').map(encodeURIComponent).join('/')}`);
}

export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') return parsed.href; // an http(s) module: its URL is its path here
  return decodeURIComponent(parsed.pathname);
}

const WebURL = globalThis.URL;
const WebURLSearchParams = globalThis.URLSearchParams;

export { WebURL as URL, WebURLSearchParams as URLSearchParams };
export default { pathToFileURL, fileURLToPath, URL: WebURL, URLSearchParams: WebURLSearchParams };
