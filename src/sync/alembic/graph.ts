// The revision graph of an Alembic project, checked as Alembic checks it, and one stable order to apply it in.
import { KodoError } from '../../core/errors.js';
import type { AlembicRevision } from './revision-file.js';

export interface RevisionGraph {
  /** Parents first; see orderRevisions. */
  ordered: AlembicRevision[];
  /** Revisions nothing descends from: more than one means unmerged branches. */
  heads: string[];
  /** About the shape of the graph (unmerged heads, several bases), for the workspace's notes. */
  notes: string[];
}

export function buildGraph(revisions: AlembicRevision[]): RevisionGraph {
  const byId = new Map<string, AlembicRevision>();
  for (const r of revisions) {
    const other = byId.get(r.id);
    if (other) {
      throw new KodoError(
        'alembic-duplicate-revision',
        `${other.source} and ${r.source} both declare revision "${r.id}"; give one of them a new id (Alembic refuses this too).`,
      );
    }
    byId.set(r.id, r);
  }
  const parents = new Map<string, string[]>();
  for (const r of revisions) {
    for (const down of r.downRevisions) {
      if (!byId.has(down)) throw missingParent(r, down, 'down_revision');
    }
    const deps = r.dependsOn.map((d) => resolveDependency(d, r, revisions, byId));
    parents.set(r.id, [...new Set([...r.downRevisions, ...deps])]);
  }
  const ordered = orderRevisions(revisions, parents);
  const isParent = new Set(revisions.flatMap((r) => r.downRevisions));
  const heads = ordered.filter((r) => !isParent.has(r.id)).map((r) => r.id);
  const bases = ordered.filter((r) => r.downRevisions.length === 0).map((r) => r.id);
  const notes: string[] = [];
  if (heads.length > 1) {
    notes.push(
      `${heads.length} heads (${heads.join(', ')}): branches not merged yet; each revision is synced after its parents, as alembic upgrade heads runs them.`,
    );
  }
  if (bases.length > 1) notes.push(`${bases.length} base revisions (${bases.join(', ')}).`);
  return { ordered, heads, notes };
}

/**
 * Kahn's topological sort. Among the revisions whose parents are all placed, the one created first goes first (its
 * `Create Date:` header, then its path): the order people wrote the branches in, the same on every machine, and a
 * merge always after all its parents. Alembic's own order for siblings is an internal detail that may change between
 * its versions, so it is not copied; any order that respects the graph applies the same, since siblings are
 * independent by construction.
 */
function orderRevisions(revisions: AlembicRevision[], parents: Map<string, string[]>): AlembicRevision[] {
  const key = (r: AlembicRevision) => `${r.createDate ?? '~'}\0${r.source}`;
  const waiting = new Map(revisions.map((r) => [r.id, new Set(parents.get(r.id))]));
  const children = new Map<string, AlembicRevision[]>();
  for (const r of revisions) {
    for (const p of parents.get(r.id)!) children.set(p, [...(children.get(p) ?? []), r]);
  }
  const ready = revisions.filter((r) => waiting.get(r.id)!.size === 0);
  const out: AlembicRevision[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const next = ready.shift()!;
    out.push(next);
    for (const child of children.get(next.id) ?? []) {
      const w = waiting.get(child.id)!;
      w.delete(next.id);
      if (w.size === 0) ready.push(child);
    }
  }
  if (out.length < revisions.length) {
    const placed = new Set(out);
    const stuck = revisions.filter((r) => !placed.has(r)).map((r) => r.source);
    throw new KodoError(
      'alembic-revision-cycle',
      `The Alembic revisions ${stuck.join(', ')} form a cycle through down_revision/depends_on; fix their parents so the graph has a base.`,
    );
  }
  return out;
}

/** depends_on names a revision id or a branch label (the revision declaring it), as Alembic's `_add_depends_on` maps it. */
function resolveDependency(
  ref: string,
  from: AlembicRevision,
  revisions: AlembicRevision[],
  byId: Map<string, AlembicRevision>,
): string {
  if (byId.has(ref)) return ref;
  const labelled = revisions.filter((r) => r.branchLabels.includes(ref));
  if (labelled.length === 1) return labelled[0]!.id;
  throw missingParent(from, ref, 'depends_on');
}

function missingParent(r: AlembicRevision, ref: string, variable: string): KodoError {
  return new KodoError(
    'alembic-missing-revision',
    `${r.source}: its ${variable} "${ref}" is not a revision in this folder; add the missing revision file or fix ${variable} (Alembic refuses this graph too).`,
  );
}
