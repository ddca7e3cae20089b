// The options pattern every module follows (src/exec/options.ts is the model): a DEFAULTS object and
// one normalising function, where a key given as `undefined` means "the default", so a caller can
// pass through what it parsed without deleting the keys it did not get.

/** The entries of `o` whose value is not `undefined` (none when `o` itself is undefined). */
export function defined<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
