/** Config `variables` substituted into documentation placeholders: `{X}`, `<X>` and `${X}`. */

export function makeSubstituter(variables: Readonly<Record<string, string>>): (value: string) => string {
  const names = Object.keys(variables);
  if (names.length === 0) return (value) => value;
  // Longest first so `REGION_NAME` wins over `REGION`; names are escaped literals, so no backtracking.
  const alternatives = names
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  const pattern = new RegExp(`\\$\\{(${alternatives})\\}|\\{(${alternatives})\\}|<(${alternatives})>`, 'g');
  return (value) => {
    if (!value.includes('{') && !value.includes('<')) return value;
    return value.replace(pattern, (_m, a?: string, b?: string, c?: string) => variables[(a ?? b ?? c) as string]);
  };
}
