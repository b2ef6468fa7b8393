/** Text taken from a request and echoed in an answer is clipped, so that no answer grows with its input. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
