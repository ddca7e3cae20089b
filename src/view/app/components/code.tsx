// Python (or plain) text with highlight.js's colours; very long text is shown plain so a huge
// value never stalls the page.
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import { useMemo } from 'preact/hooks';

hljs.registerLanguage('python', python);

const MAX_HIGHLIGHT = 200_000;

export function Code({ code, lang = 'python', label }: { code: string; lang?: 'python' | 'plain'; label?: string }) {
  const html = useMemo(() => (lang === 'python' && code.length <= MAX_HIGHLIGHT ? hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value : null), [code, lang]);
  return (
    <pre class="code" aria-label={label} tabIndex={0}>
      {html !== null ? <code class="hljs language-python" dangerouslySetInnerHTML={{ __html: html }} /> : <code class="hljs">{code}</code>}
    </pre>
  );
}
