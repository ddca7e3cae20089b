// Expected against got, side by side; when the values are long, a character diff under them marks
// where they part (jsdiff's diffChars, the word diff for long texts).
import { diffChars, diffWordsWithSpace } from 'diff';
import { useMemo } from 'preact/hooks';

const LONG = 60;

export function ExpectedGot({ expected, got, where }: { expected: string; got: string; where?: string | null }) {
  const parts = useMemo(() => {
    if (expected.length < LONG && got.length < LONG) return null;
    const n = expected.length + got.length;
    return n > 20_000 ? diffWordsWithSpace(expected, got) : diffChars(expected, got);
  }, [expected, got]);
  return (
    <div class="expected-got">
      {where ? <div class="where">{where}</div> : null}
      <div class="side-by-side">
        <div><h4>expected</h4><pre class="value expected" data-testid="expected">{expected}</pre></div>
        <div><h4>got</h4><pre class="value got" data-testid="got">{got}</pre></div>
      </div>
      {parts ? (
        <div class="diff"><h4>diff</h4><pre class="value">{parts.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}</pre></div>
      ) : null}
    </div>
  );
}
