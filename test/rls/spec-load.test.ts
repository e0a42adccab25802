// Loading RLS spec files: which files, in which order, and one exact sentence for each kind of mistake, naming the
// file and the path inside it (line and column for a syntax error).
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs, parseSpec } from '../../src/rls/spec/index.js';
import { projectWith } from './spec-helpers.js';

const FILE = 'supabase/tests/rls/docs.yaml';

const HEAD = `
personas:
  alice: { org: acme }
  bob: {}
fixtures:
  - { name: acme, table: organizations, values: { name: Acme, slug: acme } }
  - { name: alice_doc, table: documents, values: { owner_id: $alice, org_id: $acme, title: A } }
`;

/** The message loading `text` fails with. */
function problem(text: string, file = FILE): string {
  try {
    parseSpec(text, file);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the spec loaded');
}

describe('RLS spec loading', () => {
  it('reads a spec into personas, fixtures and cases', () => {
    const spec = parseSpec(
      `${HEAD}expect:
  - table: documents
    select: { alice: [alice_doc], bob: 0, anon: false }
    insert: [{ as: [bob, anon], values: { owner_id: $alice, title: x }, allow: false }]
    update: { alice: [alice_doc] }
    delete: [{ as: bob, row: alice_doc, allow: false }]
  - bucket: avatars
    select: { bob: true }
`,
      FILE,
    );
    expect(spec.personas.map((p) => [p.name, p.input])).toEqual([
      ['alice', { org: 'acme' }],
      ['bob', {}],
    ]);
    expect(spec.fixtures.map((f) => [f.name, f.target.label])).toEqual([
      ['acme', 'public.organizations'],
      ['alice_doc', 'public.documents'],
    ]);
    const [docs, avatars] = spec.expectations;
    expect(docs!.select.map((c) => [c.persona, c.expected])).toEqual([
      ['alice', { fixtures: ['alice_doc'] }],
      ['bob', { count: 0 }],
      ['anon', { any: false }],
    ]);
    expect(docs!.insert.map((c) => [c.persona, c.allow, c.at])).toEqual([
      ['bob', false, ['expect', 0, 'insert', 0]],
      ['anon', false, ['expect', 0, 'insert', 0]],
    ]);
    expect(docs!.update).toEqual({
      rows: [
        { at: ['expect', 0, 'update', 'alice'], persona: 'alice', expected: { fixtures: ['alice_doc'] } },
      ],
    });
    expect(docs!.delete).toEqual({
      each: [
        { at: ['expect', 0, 'delete', 0], persona: 'bob', row: 'alice_doc', set: undefined, allow: false },
      ],
    });
    expect(avatars!.target).toEqual({
      table: { schema: 'storage', name: 'objects' },
      bucket: 'avatars',
      label: 'storage.objects (avatars)',
    });
  });

  it('names the line and column of a YAML syntax error', () => {
    expect(problem('personas:\n  alice: {}\nexpect:\n  - table: documents\n   select: { alice: 0 }\n')).toBe(
      `${FILE} is not valid YAML: sequence item without - indicator at line 5, column 1; fix the syntax.`,
    );
    expect(problem('personas:\n  alice: {}\n  alice: {}\nexpect: []\n')).toBe(
      `${FILE} is not valid YAML: map keys must be unique at line 3, column 3; fix the syntax.`,
    );
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(problem('{"expect": [\n  {"table": "t",, }\n]}', 'supabase/tests/rls/docs.json')).toBe(
      'supabase/tests/rls/docs.json is not valid JSON: expected a property name in double quotes but found "," at line 2, column 17; fix the syntax.',
    );
  });

  it('refuses a reference to an unknown persona', () => {
    expect(problem(`${HEAD}expect:\n  - { table: documents, select: { alise: 0 } }\n`)).toBe(
      `${FILE}: expect[0].select.alise: alise is not a persona of this spec; its personas are anon, service_role, alice, bob.`,
    );
    expect(
      problem(`${HEAD}  - { table: documents, values: { owner_id: $alise, title: B } }
expect:\n  - { table: documents, select: { alice: 0 } }\n`),
    ).toBe(
      `${FILE}: fixtures[2].values.owner_id: $alise: there is no persona or fixture named alise in this spec.`,
    );
    expect(
      problem(`${HEAD}expect:\n  - { table: documents, insert: [{ as: [bob, carol], allow: false }] }\n`),
    ).toBe(
      `${FILE}: expect[0].insert[0].as[1]: carol is not a persona of this spec; its personas are anon, service_role, alice, bob.`,
    );
  });

  it('refuses an unknown fixture, a later one, and one of another table', () => {
    expect(
      problem(`${HEAD}expect:\n  - { table: documents, select: { alice: [alice_doc, bob_doc] } }\n`),
    ).toBe(`${FILE}: expect[0].select.alice[1]: bob_doc is not a fixture of this spec.`);
    expect(problem(`${HEAD}expect:\n  - { table: documents, select: { alice: [acme] } }\n`)).toBe(
      `${FILE}: expect[0].select.alice[0]: acme is a fixture of public.organizations, not of public.documents.`,
    );
    expect(
      problem(`personas: { bob: {} }
fixtures:
  - { name: doc, table: documents, values: { org_id: $org } }
  - { name: org, table: organizations }
expect:\n  - { table: documents, select: { bob: 0 } }\n`),
    ).toBe(
      `${FILE}: fixtures[0].values.org_id: $org refers to a later fixture (fixtures[1]); a fixture can refer only to personas and the fixtures before it.`,
    );
    expect(problem(`personas: { al: { org: acme } }\nexpect:\n  - { table: t, select: { al: 0 } }\n`)).toBe(
      `${FILE}: personas.al.org: acme is not a fixture of this spec (org names the fixture whose key becomes the org_id claim).`,
    );
  });

  it('refuses values of the wrong type, naming what it expected', () => {
    const cases: [string, string][] = [
      [
        'select: { bob: "all" }',
        'expect[0].select.bob: expected a row count, a list of fixture names, or true/false',
      ],
      ['select: { bob: -1 }', 'expect[0].select.bob: expected a count of 0 or more'],
      ['select: [bob]', 'expect[0].select: expected a map of persona names to rows'],
      ['insert: [{ as: bob, allow: yes }]', 'expect[0].insert[0].allow: expected true or false'],
      ['insert: [{ as: bob }]', 'expect[0].insert[0].allow: is missing'],
      [
        'insert: [{ as: bob, values: [1], allow: true }]',
        'expect[0].insert[0].values: expected a map of column names to values',
      ],
      [
        'update: { bob: "x" }',
        'expect[0].update.bob: expected a row count, a list of fixture names, or true/false',
      ],
      [
        'update: [{ as: bob, row: alice_doc, allow: true, sett: {} }]',
        'expect[0].update[0]: unknown key "sett" (expected as, row, set, allow)',
      ],
      [
        'delete: [{ as: bob, row: alice_doc, set: {}, allow: true }]',
        'expect[0].delete[0]: unknown key "set" (expected as, row, allow)',
      ],
      ['delete: 3', 'expect[0].delete: expected a map of persona names to rows, or a list of cases'],
      [
        'selct: { bob: 0 }',
        'expect[0]: unknown key "selct" (expected table, bucket, select, insert, update, delete)',
      ],
    ];
    for (const [body, message] of cases) {
      expect(problem(`${HEAD}expect:\n  - { table: documents, ${body} }\n`)).toBe(`${FILE}: ${message}.`);
    }
    expect(
      problem(`personas: { al: { aal: aal4, id: 12 } }\nexpect: [{ table: t, select: { al: 0 } }]`),
    ).toBe(`${FILE}: personas.al.id: expected a user id (uuid).`);
    expect(problem('personas: { al: { aal: aal4 } }\nexpect: [{ table: t, select: { al: 0 } }]')).toBe(
      `${FILE}: personas.al.aal: expected aal1, aal2 or aal3.`,
    );
    expect(problem('')).toBe(`${FILE}: expect: is missing; a spec needs at least one expectation.`);
  });

  it('refuses names that clash or cannot be referred to, and stray dollars', () => {
    expect(problem('personas: { anon: {} }\nexpect: [{ table: t, select: { anon: 0 } }]')).toBe(
      `${FILE}: personas.anon: anon always exists and cannot be redefined; give this persona another name.`,
    );
    expect(problem(`${HEAD}  - { name: alice, table: t }\nexpect: [{ table: t, select: { anon: 0 } }]`)).toBe(
      `${FILE}: fixtures[2].name: alice is already a persona; give the fixture another name.`,
    );
    expect(problem(`${HEAD}  - { name: acme, table: t }\nexpect: [{ table: t, select: { anon: 0 } }]`)).toBe(
      `${FILE}: fixtures[2].name: acme already names fixtures[0].`,
    );
    expect(
      problem(
        `${HEAD}  - { table: t, values: { price: "$5" } }\nexpect: [{ table: t, select: { anon: 0 } }]`,
      ),
    ).toBe(
      `${FILE}: fixtures[2].values.price: "$5" has a "$" that starts no reference; write $name or $name.column to refer to a persona or fixture, or $$ for a literal $.`,
    );
    expect(
      problem(`${HEAD}  - { table: t, values: { x: $anon } }\nexpect: [{ table: t, select: { anon: 0 } }]`),
    ).toBe(`${FILE}: fixtures[2].values.x: $anon: anon is not a user, so it has no id or email.`);
    expect(
      problem(
        `${HEAD}  - { table: t, values: { x: $bob.mail } }\nexpect: [{ table: t, select: { anon: 0 } }]`,
      ),
    ).toBe(
      `${FILE}: fixtures[2].values.x: $bob.mail: a persona has id, email, phone, role, aal, session_id, not mail.`,
    );
  });

  it('refuses two personas with one user id, whatever its case', () => {
    const id = '6a1f3c3e-7d2b-4f4e-9a51-2b7f0c8d9e10';
    expect(
      problem(
        `personas:\n  alice: { id: ${id} }\n  bob: { id: ${id.toUpperCase()} }\nexpect: [{ table: t, select: { bob: 0 } }]`,
      ),
    ).toBe(`${FILE}: personas.bob.id: alice already has this id; each persona is its own user.`);
  });

  it('reads supabase/tests/rls sorted, or the files and folders given', async () => {
    const spec = 'expect: [{ table: t, select: { anon: 0 } }]\n';
    const root = await projectWith({
      'supabase/tests/rls/b.yml': spec,
      'supabase/tests/rls/a.json': JSON.stringify({ expect: [{ table: 't', select: { anon: 0 } }] }),
      'supabase/tests/rls/c.yaml': spec,
      'supabase/tests/rls/notes.md': '# not a spec',
      'other/x.yaml': spec,
    });
    expect(loadSpecs(root).map((s) => s.file)).toEqual([
      'supabase/tests/rls/a.json',
      'supabase/tests/rls/b.yml',
      'supabase/tests/rls/c.yaml',
    ]);
    expect(
      loadSpecs(root, ['other/x.yaml', 'supabase/tests/rls', 'other/x.yaml']).map((s) => s.file),
    ).toEqual([
      'other/x.yaml',
      'supabase/tests/rls/a.json',
      'supabase/tests/rls/b.yml',
      'supabase/tests/rls/c.yaml',
    ]);
    expect(() => loadSpecs(root, ['nope.yaml'])).toThrow(
      'nope.yaml does not exist; name a spec file or a folder of them (paths are relative to the project root).',
    );
    expect(loadSpecs(await projectWith({}))).toEqual([]);
  });

  it('refuses a spec linked in from outside the project', async () => {
    const outside = await projectWith({ 'x.yaml': 'expect: [{ table: t, select: { anon: 0 } }]\n' });
    const root = await projectWith({});
    await fs.mkdir(path.join(root, 'supabase/tests/rls'), { recursive: true });
    await fs.symlink(path.join(outside, 'x.yaml'), path.join(root, 'supabase/tests/rls/x.yaml'));
    expect(() => loadSpecs(root)).toThrow(
      'supabase/tests/rls/x.yaml is a link that leads outside the project; copy the spec into the project instead.',
    );
  });
});
