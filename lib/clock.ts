/** The one source of "now" for server code, replaceable in tests. */
let nowFn: () => Date = () => new Date();

export function now(): Date {
  return nowFn();
}

export function setClock(fn: () => Date): () => void {
  const previous = nowFn;
  nowFn = fn;
  return () => {
    nowFn = previous;
  };
}
