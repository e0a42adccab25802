// An organization's key in a column of any type. Personas carry a uuid org id, but many projects key their
// organizations by an integer identity (`organization_id bigint references organization (id)`): pinning the uuid
// there makes Postgres refuse the cast and the run stop. Integer columns get a number derived from the uuid
// instead (stable for the run, different per organization, inside the column's range), which the row generator
// then makes the referenced organization row with; uuid and text columns keep the uuid.
const RANGES: Record<string, number> = { smallint: 30_000, integer: 2_000_000_000, bigint: 2_000_000_000 };

export function orgKey(orgId: string | null, type: string): string | number | null {
  if (orgId === null) return null;
  const range = RANGES[type];
  if (range === undefined) return orgId;
  const digits = Number.parseInt(orgId.replace(/-/g, '').slice(0, 12), 16);
  return (digits % (range - 1)) + 1;
}
