/**
 * IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${saml:sub}`, …) are
 * replaced by request values at evaluation time. For static "can this match?" questions each
 * one becomes `*`.
 *
 * The escapes `${*}`, `${?}` and `${$}` stand for the literal characters `*`, `?` and `$`.
 * They are mapped to `*`, `?` and `$`; for `*`/`?` that turns a literal into a wildcard,
 * which over-approximates what the pattern matches. That is sound for "can match"
 * (intersection) questions and for reporting resource mismatches, but a caller asking
 * "does this pattern cover that one" must not treat the result as exact.
 *
 * Text in `${...}` that is neither an escape nor a variable (a template placeholder such as
 * `${BucketName}`, or the CloudFormation pseudo parameter `${AWS::Region}`) is left untouched:
 * IAM does not substitute it, and the placeholder rule reports it.
 */
export function policyVariableToWildcard(s: string): string {
  if (!s.includes('${')) return s;
  let out = '';
  let pos = 0;
  while (pos < s.length) {
    const open = s.indexOf('${', pos);
    if (open < 0) break;
    const close = s.indexOf('}', open + 2);
    if (close < 0) break;
    const name = s.slice(open + 2, close);
    out += s.slice(pos, open);
    if (name === '*' || name === '?' || name === '$') {
      out += name;
    } else if (isPolicyVariable(name)) {
      out += '*';
    } else {
      out += s.slice(open, close + 1);
    }
    pos = close + 1;
  }
  return out + s.slice(pos);
}

/**
 * Is the text between `${` and `}` an IAM policy variable name? A variable is `prefix:key`
 * (`aws:username`, `saml:sub`, `www.amazon.com:user_id`) or a key with a path
 * (`aws:PrincipalTag/team`); the three escapes `*`, `?`, `$` count too. A default value
 * (`${aws:username, 'guest'}`) is accepted.
 */
export function isPolicyVariable(name: string): boolean {
  if (name === '*' || name === '?' || name === '$') return true;
  const comma = name.indexOf(',');
  const key = (comma >= 0 ? name.slice(0, comma) : name).trim();
  if (key.length === 0 || /\s/.test(key)) return false;
  if (!key.includes(':') && !key.includes('/')) return false;
  // `AWS::Region` (CloudFormation pseudo parameter) has an empty middle part: not a variable.
  if (key.includes('::')) return false;
  const colon = key.indexOf(':');
  return colon !== 0 && colon !== key.length - 1;
}
