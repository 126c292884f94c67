/**
 * Readable syntax colours: a few token colours of the GitHub themes fall below WCAG AA's 4.5:1 on
 * the editor's background (the light theme's orange, 3.5:1). Each such colour is moved towards
 * black (on a light background) or white (on a dark one) just until it reaches 4.5:1.
 */

type Rgb = [number, number, number];

const parse = (text: string): Rgb | undefined => {
  // #rgb is #rrggbb; an alpha part is ignored (the GitHub themes use none on token colours).
  const hex = /^#[0-9a-f]{3}$/i.test(text) ? `#${[...text.slice(1)].map((c) => c + c).join('')}` : text;
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!m) return undefined;
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
const toHex = (rgb: Rgb): string =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const la = luminance(parse(a)!);
  const lb = luminance(parse(b)!);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `colour`, or the nearest colour towards black/white that has at least `ratio` against `background`. */
export function readableOn(colour: string, background: string, ratio = 4.5): string {
  const fg = parse(colour);
  const bg = parse(background);
  if (!fg || !bg || contrast(toHex(fg), background) >= ratio) return colour;
  const target = luminance(bg) > 0.5 ? 0 : 255;
  for (let step = 1; step <= 20; step++) {
    const mixed = fg.map((c) => c + ((target - c) * step) / 20) as Rgb;
    if (contrast(toHex(mixed), background) >= ratio) return toHex(mixed);
  }
  return toHex([target, target, target]);
}

interface ShikiTheme {
  colors?: Record<string, string>;
  tokenColors?: { settings?: { foreground?: string } }[];
}

/**
 * A copy of a shiki theme whose token colours all reach `ratio` on its editor background. The
 * default leaves room for the tinted key-idea lines (a 12 % brand tint over the background), where
 * 4.5:1 must hold too: 5.3:1 on the plain background is 4.5:1 or more on the tint.
 */
export function withReadableTokens<T extends ShikiTheme>(theme: T, ratio = 5.3): T {
  const background = theme.colors?.['editor.background'] ?? '#ffffff';
  return {
    ...theme,
    tokenColors: theme.tokenColors?.map((rule) =>
      rule.settings?.foreground
        ? {
            ...rule,
            settings: {
              ...rule.settings,
              foreground: readableOn(rule.settings.foreground, background, ratio),
            },
          }
        : rule,
    ),
  };
}
