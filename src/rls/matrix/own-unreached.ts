// A table where user A cannot read even its own row proves nothing by showing that A cannot read B's: the owner
// kodo found (a column named like a tenant, a foreign key to auth.users) is then not what the policies grant
// access by, often a membership checked inside a function kodo does not read. Such a table is listed as not
// proven, with the owner kodo tried and the functions its policies call, rather than passed as isolated. A table
// no SELECT policy opens to signed-in users is closed to them by design and stays a pass.

import type { Ownership } from './owners.js';
import type { Unproven } from './run.js';

interface SelectCell {
  persona: string;
  operation: string;
  own: boolean | null;
  others: boolean;
  detail: string;
}

export function ownRowUnreached(
  table: string,
  cells: SelectCell[],
  ownership: Ownership,
  /** authenticated holds the SELECT privilege and some permissive SELECT policy applies to it. */
  opened: boolean,
): Unproven | null {
  if (!opened) return null;
  const read = cells.find((c) => c.persona === 'authenticated' && c.operation === 'select');
  if (read?.own !== false || read.others) return null;
  const tried = ownership.evidence.join('; ');
  const opaque =
    ownership.opaque.length > 0
      ? `; its policies call ${ownership.opaque.join(', ')}, which kodo does not read`
      : '';
  return {
    table,
    reason: `user A could not read its own row either, so the owner kodo tried (${tried}) is not what the policies grant access by${opaque}`,
  };
}
