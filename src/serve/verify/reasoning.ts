// Reasoning models (R1-style) write their thinking before the answer, closed by `</think>` (the
// opening tag is often part of the prompt). The benchmark harnesses' answer cutting looks for the
// first code block or [ANSWER] tag, which may sit inside the reasoning; the answer is what follows it.
const CLOSE = '</think>';

/** The text after the last `</think>`, or the whole completion when it has none. */
export function stripReasoning(completion: string): string {
  const at = completion.lastIndexOf(CLOSE);
  return at < 0 ? completion : completion.slice(at + CLOSE.length);
}
