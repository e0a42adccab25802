// The names a spec defines (personas, fixtures) and what a reference to each may say, checked without a database.
import { formatJsonPath } from '../../config/json.js';
import type { Persona } from '../personas.js';
import { type FixtureSpec, type PersonaSpec, type TableRef, type Target, tableLabel } from './model.js';
import { type Path, SpecProblem } from './problem.js';
import { isName, type Ref, showRef } from './refs.js';

/** Personas every spec has: the API keys' roles. */
export const BUILTIN_PERSONAS = ['anon', 'service_role'] as const;

/** What `$alice.<field>` may name, and its value (`$alice` alone is the id). */
export const PERSONA_FIELDS: Readonly<Record<string, (p: Persona) => string>> = {
  id: (p) => p.id,
  email: (p) => p.email,
  phone: (p) => p.phone,
  role: (p) => p.role,
  aal: (p) => p.aal,
  session_id: (p) => p.sessionId,
};

const API_KEY_ROLES = new Set<string>(BUILTIN_PERSONAS);

/** A persona is a user (has an id and auth rows) unless it acts as an API key's role. */
export const isUser = (p: PersonaSpec): boolean => !API_KEY_ROLES.has(p.input.role ?? 'authenticated');

/** `documents` → public.documents; `app.documents` → app.documents. */
function tableRef(text: string, at: Path): TableRef {
  const parts = text.split('.');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) {
    throw new SpecProblem(at, `"${text}" is not a table name; write name or schema.name`);
  }
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { schema: 'public', name: parts[0]! };
}

export function tableTarget(text: string, at: Path): Target {
  const table = tableRef(text, at);
  return { table, bucket: undefined, label: tableLabel(table) };
}

export function bucketTarget(bucket: string): Target {
  return { table: { schema: 'storage', name: 'objects' }, bucket, label: `storage.objects (${bucket})` };
}

export function checkName(name: string, at: Path, what: string): void {
  if (!isName(name)) {
    throw new SpecProblem(
      at,
      `"${name}" cannot name a ${what}; use letters, digits and underscores (not starting with a digit), as a $reference needs`,
    );
  }
}

/** What a spec's names refer to: its personas (and anon, service_role) and its named fixtures. */
export class Scope {
  constructor(
    readonly personas: ReadonlyMap<string, PersonaSpec>,
    readonly fixtures: ReadonlyMap<string, FixtureSpec>,
  ) {}

  /** A persona a case may act as: a spec's own, or anon / service_role. */
  persona(name: string, at: Path): void {
    if (this.personas.has(name) || API_KEY_ROLES.has(name)) return;
    const known = [...BUILTIN_PERSONAS, ...this.personas.keys()].join(', ');
    throw new SpecProblem(at, `${name} is not a persona of this spec; its personas are ${known}`);
  }

  /** A persona that is a user (an object's owner). */
  user(name: string, at: Path): void {
    this.persona(name, at);
    const p = this.personas.get(name);
    if (!p || !isUser(p))
      throw new SpecProblem(at, `${name} is not a user (it acts as an API key), so it owns nothing`);
  }

  /** A reference; from a fixture's values (`before` its index), only to the fixtures before it. */
  ref(ref: Ref, at: Path, before = Number.POSITIVE_INFINITY): void {
    const shown = showRef(ref);
    const p = this.personas.get(ref.name);
    if (p || API_KEY_ROLES.has(ref.name)) {
      if (!p || !isUser(p))
        throw new SpecProblem(at, `${shown}: ${ref.name} is not a user, so it has no id or email`);
      if (ref.field !== undefined && !Object.hasOwn(PERSONA_FIELDS, ref.field)) {
        throw new SpecProblem(
          at,
          `${shown}: a persona has ${Object.keys(PERSONA_FIELDS).join(', ')}, not ${ref.field}`,
        );
      }
      return;
    }
    const f = this.fixtures.get(ref.name);
    if (!f)
      throw new SpecProblem(at, `${shown}: there is no persona or fixture named ${ref.name} in this spec`);
    if (f.index >= before) {
      throw new SpecProblem(
        at,
        `${shown} refers to ${f.index === before ? 'its own fixture' : `a later fixture (${formatJsonPath(f.at)})`}; a fixture can refer only to personas and the fixtures before it`,
      );
    }
  }
}
