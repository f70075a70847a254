/** A DNS resolver (mailauth's shape) that knows only the TXT records given: no network in tests. */
export function localResolver(records: Record<string, string[][]>) {
  return async (name: string, type: string): Promise<string[][]> => {
    const answer = type === 'TXT' ? records[name.toLowerCase()] : undefined;
    if (answer) return answer;
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}
