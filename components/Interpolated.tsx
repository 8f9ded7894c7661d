import type { Translate } from './types';

// Private-use markers: they cannot occur in a translation, so splitting on them is safe.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\d)\uE001/;

interface InterpolatedProps {
  t: Translate;
  /** Message name; its $1..$9 are filled with `values`. */
  k: string;
  values: string[];
}

/**
 * A translated sentence with page-provided values ("Never show $1") where each value is its own
 * `<bdi dir="auto">` text node: a Hebrew name keeps its direction inside an English sentence,
 * an address keeps its dots in place inside a Hebrew one, and nothing is parsed as HTML.
 */
export function Interpolated({ t, k, values }: InterpolatedProps) {
  const template = t(
    k,
    values.map((_, i) => `${OPEN}${i}${CLOSE}`),
  );
  const parts = template.split(MARKER);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const value = values[Number(part)] ?? '';
        return (
          <bdi key={i} dir="auto">
            {value}
          </bdi>
        );
      })}
    </>
  );
}
