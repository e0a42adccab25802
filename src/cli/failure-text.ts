// A failed migration as text: where (file:line:column), then Postgres's message, detail and hint.
import type { ApplyFailure } from '../apply/failure.js';

export function failureText(f: ApplyFailure): string {
  const where = f.statement === null ? 'recording its history row' : `statement ${f.statement}`;
  return [
    `${f.file}:${f.line}:${f.column}: migration failed at ${where}`,
    `ERROR: ${f.message}${f.sqlstate ? ` (SQLSTATE ${f.sqlstate})` : ''}`,
    ...(f.detail ? [`DETAIL: ${f.detail}`] : []),
    ...(f.hint ? [`HINT: ${f.hint}`] : []),
  ].join('\n');
}
