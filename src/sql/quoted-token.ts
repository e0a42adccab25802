// Postgres quotes the token an error is "at or near"; for an unterminated string, dollar quote, identifier or
// comment that token is the whole rest of the file. A message may name the token, never print the file.

/** Characters of a quoted token kept in a message: enough to recognise it, too few to carry a file. */
const MAX_TOKEN = 40;

/** `message` with its `at or near "…"` token cut to its first line and MAX_TOKEN characters. */
export function shortenQuotedToken(message: string): string {
  const at = message.indexOf(' at or near "');
  if (at < 0 || !message.endsWith('"')) return message;
  const open = at + ' at or near "'.length;
  const token = message.slice(open, -1);
  const firstLine = token.split(/\r?\n/, 1)[0] ?? '';
  const chars = [...firstLine];
  if (chars.length <= MAX_TOKEN && firstLine.length === token.length) return message;
  return `${message.slice(0, open)}${chars.slice(0, MAX_TOKEN).join('')}…"`;
}
