// The one place that hides passwords in text kodo did not write itself (pg's errors, unexpected failures).
//
// Every password kodo reads from a connection string (and PGPASSWORD) is remembered for the life of the process,
// so an error raised later, anywhere, can be scrubbed of it in every spelling it may take there.

const secrets = new Set<string>();

/** Remembers a password so redactSecrets hides it from now on. */
export function rememberSecret(secret: string | undefined): void {
  if (!secret) return;
  for (const form of [secret, encodeURIComponent(secret), encodeURI(secret)]) secrets.add(form);
}

/**
 * `text` with every remembered password replaced by `***` where it stands as a token of its own (not inside a
 * longer word, so the password `postgres` leaves `postgresql` alone), and with `password=…` and the password of
 * any `scheme://user:password@` replaced too, remembered or not.
 */
export function redactSecrets(text: string): string {
  let out = text
    .replace(/(password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&]+)/gi, '$1***')
    // The lookbehind lets a scheme start only where a word starts: without it, every position of a long run of
    // letters is tried as a scheme, which is quadratic (a 100 KB argument quoted in an error took seconds).
    // The password part is bounded for the same reason (a remembered password of any length is replaced below).
    .replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)\S{0,256}@/gi, '$1***@');
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = replaceToken(out, secret);
  return out;
}

function replaceToken(text: string, token: string): string {
  const word = /[A-Za-z0-9]/;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    if (at < from) continue;
    const before = text[at - 1];
    const after = text[at + token.length];
    const joinsBefore = before !== undefined && word.test(before) && word.test(token[0]!);
    const joinsAfter = after !== undefined && word.test(after) && word.test(token.at(-1)!);
    if (joinsBefore || joinsAfter) continue;
    out += `${text.slice(from, at)}***`;
    from = at + token.length;
  }
  return out + text.slice(from);
}

/**
 * `message` with every double-quoted value over 200 characters cut to its first 80: errors quote what they were
 * given (a workspace, a path, a name), and a megabyte-long argument must not come back whole.
 */
export function shortenLongQuotes(message: string): string {
  return message.replace(/"[^"\n]{200,}"/g, (m) => `"${m.slice(1, 81)}…"`);
}
