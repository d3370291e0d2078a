export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export const ACCESS_LEVELS: readonly AccessLevel[] = Object.freeze([
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
]);

const KNOWN = new Set<string>(ACCESS_LEVELS);

/**
 * The service data writes combined levels as one string: `"Tagging, Write"`,
 * `"Permissions management, Write"`. Split them into known levels, in data order.
 * Unknown parts are dropped; an empty result means the string named no known level.
 */
export function parseAccessLevels(raw: string): AccessLevel[] {
  const levels: AccessLevel[] = [];
  for (const part of raw.split(',')) {
    const level = part.trim();
    if (KNOWN.has(level) && !levels.includes(level as AccessLevel)) levels.push(level as AccessLevel);
  }
  return levels;
}

/**
 * The level that characterises the action: a "Tagging, Write" action is a Tagging action and a
 * "Permissions management, Write" action a Permissions-management one (the Write part only
 * says they mutate something). Falls back to 'Write' for a string with no known level, the
 * cautious choice for rules that flag mutating actions.
 */
export function primaryAccessLevel(raw: string): AccessLevel {
  const levels = parseAccessLevels(raw);
  if (levels.includes('Permissions management')) return 'Permissions management';
  if (levels.includes('Tagging')) return 'Tagging';
  return levels[0] ?? 'Write';
}
