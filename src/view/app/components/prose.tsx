// A prompt or a reply as the model sees it: plain text, with its fenced code blocks highlighted.
import { Code } from './code.js';

export function Prose({ text }: { text: string }) {
  const parts = text.split(/^```[ \t]*([\w+-]*)[ \t]*\n([\s\S]*?)^```[ \t]*$/m);
  const out = [];
  for (let i = 0; i < parts.length; i += 3) {
    if (parts[i]) out.push(<pre key={i} class="prose">{parts[i].replace(/^\n+|\n+$/g, '')}</pre>);
    if (i + 2 < parts.length) out.push(<Code key={`c${i}`} code={parts[i + 2].replace(/\n$/, '')} lang={!parts[i + 1] || /py/.test(parts[i + 1]) ? 'python' : 'plain'} />);
  }
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
            {role === 'assistant' && !content.includes('```') ? <Code code={content} /> : <Prose text={content} />}
          </section>
        );
      })}
    </div>
  );
}
