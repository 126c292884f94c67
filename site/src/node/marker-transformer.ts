/**
 * A shiki transformer: lines carrying the course's key-idea marker `//#!#//` are highlighted, and the
 * marker itself reads as an ordinary comment.
 */
import type { ShikiTransformer } from 'shiki';

import { KEY_MARKER } from '../shared/markers.ts';

export { KEY_MARKER };

export function keyLineTransformer(): ShikiTransformer {
  let marked = new Set<number>();
  return {
    name: 'steady:key-lines',
    preprocess(code) {
      marked = new Set<number>();
      if (!code.includes(KEY_MARKER)) return code;
      return code
        .split('\n')
        .map((line, i) => {
          if (!line.includes(KEY_MARKER)) return line;
          marked.add(i + 1);
          return line.replace(/\s*\/\/#!#\/\/\s*$/, '').replace(/\/\/#!#\/\/\s*/, '// ');
        })
        .join('\n');
    },
    line(node, line) {
      if (marked.has(line)) this.addClassToHast(node, ['highlighted', 'key-line']);
    },
    pre(node) {
      if (marked.size) this.addClassToHast(node, 'has-highlighted');
    },
  };
}
