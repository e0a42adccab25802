// insert: one row inserted as a persona, as PostgREST's POST with return=minimal (no RETURNING, so no SELECT
// policy is involved); into a bucket, a storage.objects row owned by the persona, as storage-api writes it.
import type { Queryable } from '../../../db/database.js';
import { asPersona } from '../../identity.js';
import type { Case, Expectation, InsertCase } from '../model.js';
import { resolveRefs } from '../refs.js';
import type { Values } from '../schema.js';
import { insertStatement } from '../values.js';
import type { World } from '../world.js';
import { caseOf, deniedText, errorText, failedText, isRefusal, notAccess } from './outcome.js';

export async function insertCase(tx: Queryable, world: World, e: Expectation, c: InsertCase): Promise<Case> {
  const persona = world.persona(c.persona);
  let values = resolveRefs(c.values, [...c.at, 'values'], world.lookup) as Values;
  if (e.target.bucket !== undefined) {
    const owner = persona.user ? persona.id : null;
    const name = resolveRefs(c.path, [...c.at, 'path'], world.lookup);
    values = { bucket_id: e.target.bucket, name, owner, owner_id: owner, ...values };
  }
  const { sql, params } = insertStatement(world.table(e.target), values);
  const outcome = await asPersona(tx, persona, 'POST', (q) => q.query(sql, params));
  const expected = c.allow ? 'allowed' : 'denied';
  const into = `${c.persona}'s insert into ${e.target.label}`;
  let verdict: { actual: string; pass: boolean; detail: string };
  if (outcome.ok) {
    verdict = {
      actual: 'allowed',
      pass: c.allow,
      detail: `${into} was allowed; the spec says it is refused`,
    };
  } else if (isRefusal(outcome.error)) {
    verdict = {
      actual: deniedText(outcome.error),
      pass: !c.allow,
      detail: `${into} was refused: ${errorText(outcome.error)}`,
    };
  } else {
    verdict = { actual: failedText(outcome.error), pass: false, detail: notAccess(`${into}`, outcome.error) };
  }
  return caseOf(world.spec.file, e.target, c.persona, 'insert', { expected, ...verdict });
}
