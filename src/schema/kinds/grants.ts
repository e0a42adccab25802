// Privileges as the acl and default-acl kinds compare them, and the GRANT/REVOKE statements between two sets.
// A def holds one field per grantee (`anon: 'SELECT, UPDATE*'`, `*` = with grant option, `PUBLIC` for everyone), so
// a summary names the grantee whose privileges changed. Grantors are not compared: a migration runs as one role.

/** Privileges by grantee, as a def: `{ anon: 'SELECT', authenticated: 'INSERT*, SELECT' }`. */
export type Grants = Record<string, string>;

/** grantee → privilege → with grant option. */
type Privileges = Map<string, Map<string, boolean>>;

/**
 * SQL: the entries of the aclitem[] `acl` as `grantee:PRIVILEGE[*]` text[], the role `exclude` (an oid expression)
 * left out. Grantees are quote_ident'ed (a DDL-ready name); an entry granted by several grantors repeats.
 */
export function explodedSql(acl: string, exclude?: string): string {
  return `coalesce((select pg_catalog.array_agg(case when x.grantee = 0 then 'PUBLIC' else quote_ident(r.rolname) end
                          || ':' || x.privilege_type || case when x.is_grantable then '*' else '' end)
                      from pg_catalog.aclexplode(${acl}) x
                      left join pg_catalog.pg_roles r on r.oid = x.grantee
                     ${exclude ? `where x.grantee <> ${exclude}` : ''}), '{}')`;
}

/** `grantee:PRIVILEGE[*]` entries → a def; repeats (other grantors) merge, a grant option wins. */
export function toGrants(entries: string[]): Grants {
  const out: Privileges = new Map();
  for (const e of entries) {
    const at = e.lastIndexOf(':');
    const privilege = e.slice(at + 1);
    const option = privilege.endsWith('*');
    add(out, e.slice(0, at), option ? privilege.slice(0, -1) : privilege, option);
  }
  return format(out);
}

/** Everything any of `sets` grants (as Postgres merges a default ACL into another). */
export function mergeGrants(...sets: Grants[]): Grants {
  const out: Privileges = new Map();
  for (const g of sets)
    for (const [grantee, privs] of parse(g)) for (const [p, o] of privs) add(out, grantee, p, o);
  return format(out);
}

/** `g` without the grants to `role` (quoted as in a def). */
export function withoutGrantee(g: Grants, role: string): Grants {
  return Object.fromEntries(Object.entries(g).filter(([grantee]) => grantee !== role));
}

export interface GrantSyntax {
  /** `privileges` are lower-case privilege names; `grantee` is SQL (`public`, `anon`, `"Weird"`). */
  grant(privileges: string[], grantee: string, withOption: boolean): string;
  revoke(privileges: string[], grantee: string, optionOnly: boolean): string;
}

export interface GrantChange {
  grantee: string;
  /** Upper-case privilege names taken away (entirely, or their grant option only). */
  revoked: string[];
}

/**
 * The statements that turn `from` into `to`, revokes first (a later REVOKE on a table would take back a column
 * GRANT made before it), then grants, one statement per grantee (and grant option).
 */
export function grantStatements(from: Grants, to: Grants, s: GrantSyntax): string[] {
  const [a, b] = [parse(from), parse(to)];
  const revokes: string[] = [];
  const grants: string[] = [];
  for (const grantee of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [was, now] = [
      a.get(grantee) ?? new Map<string, boolean>(),
      b.get(grantee) ?? new Map<string, boolean>(),
    ];
    const gone = [...was.keys()].filter((p) => !now.has(p));
    const optionGone = [...was].filter(([p, o]) => o && now.get(p) === false).map(([p]) => p);
    const plain = [...now].filter(([p, o]) => !o && !was.has(p)).map(([p]) => p);
    const withOption = [...now].filter(([p, o]) => o && !was.get(p)).map(([p]) => p);
    const sql = granteeSql(grantee);
    if (gone.length > 0) revokes.push(s.revoke(lower(gone), sql, false));
    if (optionGone.length > 0) revokes.push(s.revoke(lower(optionGone), sql, true));
    if (plain.length > 0) grants.push(s.grant(lower(plain), sql, false));
    if (withOption.length > 0) grants.push(s.grant(lower(withOption), sql, true));
  }
  return [...revokes, ...grants];
}

/** Per grantee, the privileges `to` takes away from `from` (entirely or their grant option). */
export function revokedBetween(from: Grants, to: Grants): GrantChange[] {
  const b = parse(to);
  const out: GrantChange[] = [];
  for (const [grantee, was] of parse(from)) {
    const now = b.get(grantee);
    const revoked = [...was].filter(([p, o]) => !now?.has(p) || (o && !now.get(p))).map(([p]) => p);
    if (revoked.length > 0) out.push({ grantee, revoked });
  }
  return out;
}

/** The privileges `g` gives `grantee`: privilege → with grant option. */
export function privilegesOf(g: Grants, grantee: string): Map<string, boolean> {
  return parse(g).get(grantee) ?? new Map();
}

/** A GRANT/REVOKE statement's grantee, from a def's key. */
export function granteeSql(grantee: string): string {
  return grantee === 'PUBLIC' ? 'public' : grantee;
}

function add(out: Privileges, grantee: string, privilege: string, option: boolean): void {
  const privs = out.get(grantee) ?? new Map<string, boolean>();
  privs.set(privilege, option || (privs.get(privilege) ?? false));
  out.set(grantee, privs);
}

function parse(g: Grants): Privileges {
  const out: Privileges = new Map();
  for (const [grantee, list] of Object.entries(g)) {
    for (const item of list.split(', ')) {
      const option = item.endsWith('*');
      add(out, grantee, option ? item.slice(0, -1) : item, option);
    }
  }
  return out;
}

function format(p: Privileges): Grants {
  const out: Grants = {};
  for (const grantee of [...p.keys()].sort()) {
    const privs = [...p.get(grantee)!].sort(([x], [y]) => (x < y ? -1 : 1));
    out[grantee] = privs.map(([name, o]) => (o ? `${name}*` : name)).join(', ');
  }
  return out;
}

function lower(privileges: string[]): string[] {
  return [...privileges].sort().map((p) => p.toLowerCase());
}
