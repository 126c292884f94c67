import { readFileSync } from 'node:fs';
import { launchChromium } from '@steady/runtime/testing/chromium';
import { startStaticHost } from './test/static-host.ts';
import { DIST_DIR } from './src/node/serve.ts';
const host = await startStaticHost(DIST_DIR);
const browser = await launchChromium();
const context = await browser.newContext();
const page = await context.newPage();
const P = 'window.steadyPlayground';
async function targets() { const c = await context.newCDPSession(page); const r: any = await c.send('Target.getTargets'); await c.detach(); return r.targetInfos.filter((t: any) => t.url.includes('/steady/') && t.type === 'worker').map((t: any) => t.url.replace(/^http:..[^/]+/, '')).join(', '); }
await page.goto(`${host.url}lessons/01-minimum`);
await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: 180_000 });
const orig = readFileSync('../lessons/01-minimum/src/actor/heartbeat.ts', 'utf8');
await page.evaluate(([p, c]) => (window as any).steadyPlayground.monaco.editor.getModels().find((m: any) => m.uri.path.endsWith('/' + p)).setValue(c), ['src/actor/heartbeat.ts', orig.replace('count -= 1;', 'count -= 1; for (;;) {}')]);
await page.fill('[data-testid=args]', '--rate 100 --beats 5');
await page.click('[data-testid=run]');
await page.waitForFunction(`/Heartbeat 5 /.test(${P}.terminalText())`, undefined, { timeout: 60000 });
await page.click('[data-testid=stop]');
for (let i = 0; i < 15; i++) { console.log(i, await page.locator('[data-testid=status]').textContent(), '|', await targets()); await page.waitForTimeout(1000); }
console.log(await page.evaluate(`${P}.terminalText()`));
await browser.close(); await host.close();
