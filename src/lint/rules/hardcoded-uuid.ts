// hardcoded-uuid: a literal UUID in a migration, which ties it to the rows of one particular database.
import type { Rule } from '../types.js';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** The nil and max UUIDs are sentinels, not references to a row. */
const SENTINELS = new Set(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);

export const hardcodedUuid = {
  id: 'hardcoded-uuid',
  severity: 'warning',
  description: 'A UUID literal in a migration (in SQL, a policy, a function body or a DO block).',
  help: "Find rows by a natural key (`where email = '…'`, `where slug = '…'`) or keep environment-specific ids in seed data; a UUID from one database does not exist in the others.",
  create: ({ report }) => ({
    fileStart(file) {
      const comments = file.statements.filter((s) => s.kind === 'CommentStmt');
      for (const lit of file.literals) {
        // Too short to hold a UUID (36 characters): most literals, so this check comes first.
        if (lit.contentEnd - lit.contentStart < 36) continue;
        // COMMENT ON text is documentation, not data.
        if (comments.some((s) => lit.start >= s.start && lit.end <= s.end + 1)) continue;
        const text = file.text.slice(lit.contentStart, lit.contentEnd);
        UUID.lastIndex = 0;
        for (let m = UUID.exec(text); m; m = UUID.exec(text)) {
          if (SENTINELS.has(m[0].toLowerCase())) continue;
          report({
            at: { file, offset: lit.contentStart + m.index },
            message: `Hardcoded UUID ${m[0]} only exists in the database it was copied from; look the row up by a natural key instead.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
