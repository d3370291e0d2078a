/**
 * Looking up a key from a policy in a table written as an object literal: `TABLE[key]` answers
 * `Object.prototype`'s members for keys such as `constructor` or `toString` (a CloudFormation
 * resource of `Type: toString` crashed the linter). `own(TABLE, key)` answers only the table's own entries.
 */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
