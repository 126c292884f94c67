/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: it throws on any line the
 * format does not allow, on a sample whose family has no HELP or TYPE before it, on a family
 * split in two, and on a repeated series; it undoes the escaping of HELP text and label values.
 */
export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  help: string | undefined;
  type: string | undefined;
  readonly samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
// Go's ParseFloat, as Prometheus reads values: decimal or exponent forms, NaN and ±Inf in any case.
const VALUE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?[iI][nN][fF]|[nN][aA][nN])$/;

function unescapeHelp(text: string): string {
  return text.replace(/\\(.)/g, (whole, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    throw new Error(`HELP text has an escape the format does not allow: ${whole}`);
  });
}

/** Reads `{name="value",...}` from `text` at `start` (the `{`); returns the labels and the index after `}`. */
function readLabels(text: string, start: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`label without '=' in: ${text}`);
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name)) throw new Error(`bad label name ${JSON.stringify(name)} in: ${text}`);
    if (name in labels) throw new Error(`label ${name} repeated in: ${text}`);
    if (text[eq + 1] !== '"') throw new Error(`label value not quoted in: ${text}`);
    let value = '';
    for (i = eq + 2; text[i] !== '"'; i++) {
      const c = text[i];
      if (c === undefined || c === '\n') throw new Error(`unterminated label value in: ${text}`);
      if (c !== '\\') {
        value += c;
        continue;
      }
      const next = text[++i];
      if (next === '\\' || next === '"') value += next;
      else if (next === 'n') value += '\n';
      else throw new Error(`label value has an escape the format does not allow: \\${next} in: ${text}`);
    }
    labels[name] = value;
    i++;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`expected ',' or '}' after label ${name} in: ${text}`);
  }
  return [labels, i + 1];
}

export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, Family>();
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) {
      f = { help: undefined, type: undefined, samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const closed = new Set<string>(); // families whose samples have ended: they may not start again
  const seen = new Set<string>();
  let current: string | undefined;
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, keyword, name = '', rest = ''] = meta;
      if (!METRIC_NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      const f = family(name);
      if (f.samples.length > 0) throw new Error(`${keyword} after the samples of ${name}`);
      if (keyword === 'HELP') {
        if (f.help !== undefined) throw new Error(`second HELP for ${name}`);
        f.help = unescapeHelp(rest);
      } else {
        if (f.type !== undefined) throw new Error(`second TYPE for ${name}`);
        if (!TYPES.has(rest)) throw new Error(`bad type in: ${line}`);
        f.type = rest;
      }
      continue;
    }
    if (line.startsWith('#')) continue; // a comment
    const name = /^[^{\s]*/.exec(line)?.[0] ?? '';
    if (!METRIC_NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
    let [labels, rest]: [Record<string, string>, number] = [{}, name.length];
    if (line[rest] === '{') [labels, rest] = readLabels(line, rest);
    const fields = line.slice(rest).split(' ');
    if (fields[0] !== '' || fields.length < 2 || fields.length > 3)
      throw new Error(`bad sample line: ${line}`);
    const value = fields[1] ?? '';
    if (!VALUE.test(value)) throw new Error(`bad value in: ${line}`);
    if (fields[2] !== undefined && !/^-?\d+$/.test(fields[2])) throw new Error(`bad timestamp in: ${line}`);
    const f = families.get(name);
    if (f?.help === undefined || f.type === undefined)
      throw new Error(`${name} has no HELP or TYPE before: ${line}`);
    if (current !== name) {
      if (current !== undefined) closed.add(current);
      if (closed.has(name)) throw new Error(`the samples of ${name} are split: ${line}`);
      current = name;
    }
    const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(series)) throw new Error(`series repeated: ${line}`);
    seen.add(series);
    f.samples.push({ labels, value: Number(value.replace(/^([+-]?)inf$/i, '$1Infinity')) });
  }
  return families;
}
