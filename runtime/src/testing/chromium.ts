/**
 * The browser of the browser tests and screenshots: the system's Chromium (Debian's `chromium`;
 * `CHROMIUM_PATH` overrides), driven by playwright-core, which downloads no browser of its own.
 * Kept out of `@steady/runtime/testing`, so lessons' tests never load playwright.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Features Playwright turns off (its own `--disable-features`, playwright-core 1.65). Chromium keeps
 * only the last `--disable-features` it is given, so ours names these again;
 * `test/browser/chromium.test.ts` reads the switches Chromium got and fails when Playwright's
 * name one that ours does not.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * The address bar's two popups, which headless Chromium still builds as WebUI pages for every
 * browser context (a window each): about 1.3 s of a core per context on a two-core machine, while
 * the pages under test load. Nothing here shows an address bar.
 */
const OMNIBOX_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] as const;

/** Starts headless Chromium; a clear error (how to install it) when it is not there. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_FEATURES].join(',')}`,
    ],
  });
}
