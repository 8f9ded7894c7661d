import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The sidebar's own files (components/options and components/popup have their own owners).
const files = readdirSync(__dirname).filter(
  (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !/^(preview|test-helpers)\.tsx$/.test(f),
);
const read = (f: string) => readFileSync(join(__dirname, f), 'utf8');

describe('sidebar component conventions', () => {
  it('puts one exported PascalCase component in each .tsx file, named like the file', () => {
    for (const file of files.filter((f) => f.endsWith('.tsx'))) {
      const exported = [...read(file).matchAll(/export function ([A-Z]\w*)/g)].map((m) => m[1]);
      expect(exported, file).toEqual([file.replace(/\.tsx$/, '')]);
    }
  });

  it('keeps zod out of the content script: values come only from zod-free model files', () => {
    for (const file of files) {
      const valueImports = [...read(file).matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map(
        (m) => m[1]!,
      );
      const bad = valueImports.filter(
        (path) =>
          path === 'zod' ||
          (path.startsWith('../lib/') && !/^\.\.\/lib\/model\/(constants|views)$/.test(path)),
      );
      expect(bad, file).toEqual([]);
    }
  });

  it('never injects HTML or reaches for the browser APIs', () => {
    for (const file of files) {
      const source = read(file).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|innerHTML|\bbrowser\.|\bchrome\./);
    }
  });
});
