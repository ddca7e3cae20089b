// A prompt or a reply as the model sees it: plain text, with its code highlighted: fenced blocks,
// CRUXEval-style [PYTHON] ... [/PYTHON] blocks, and notebook prompts (`# In[ ]:` cells) whole.
import { Code } from './code.js';

const BLOCK = /^```[ \t]*([\w+-]*)[ \t]*\n([\s\S]*?)^```[ \t]*$|\[PYTHON\]\n?([\s\S]*?)\n?\[\/PYTHON\]/gm;

export function Prose({ text }: { text: string }) {
  if (/^# In\[[ \d]*\]:/.test(text)) return <div class="prose-block"><Code code={text} /></div>;
  const out = [];
  let at = 0;
  const plain = (to: number) => { const t = text.slice(at, to).replace(/^\n+|\n+$/g, ''); if (t) out.push(<pre key={`p${at}`} class="prose">{t}</pre>); };
  for (const m of text.matchAll(BLOCK)) {
    plain(m.index!);
    const fenced = m[2] !== undefined;
    const lang = !fenced || !m[1] || /py/.test(m[1]) ? 'python' : 'plain';
    out.push(<Code key={`c${m.index}`} code={(fenced ? m[2] : m[3]).replace(/\n$/, '')} lang={lang} />);
    at = m.index! + m[0].length;
  }
  plain(text.length);
  return <div class="prose-block">{out}</div>;
}

export function Messages({ messages }: { messages: unknown }) {
  if (!Array.isArray(messages)) return null;
  return (
    <div class="messages">
      {messages.map((m, i) => {
        const role = String((m as { role?: unknown })?.role ?? '?');
        const content = String((m as { content?: unknown })?.content ?? '');
        return (
          <section key={i} class={`message role-${role}`} aria-label={`${role} message`}>
            <h4>{role}</h4>
            {role === 'assistant' && !content.includes('```') && !content.includes('[PYTHON]') ? <Code code={content} /> : <Prose text={content} />}
          </section>
        );
      })}
    </div>
  );
}
