// The SARIF output checked against the parts of the SARIF 2.1.0 JSON schema it uses. No npm package ships that
// schema (it cannot be downloaded here), so this is a focused structural copy: required properties, enums,
// ranges, and `additionalProperties: false` (zod strict) for every object kind kodo writes.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lint } from '../../src/lint/engine.js';
import { toSarif } from '../../src/lint/report/sarif.js';
import { rules } from '../../src/lint/rules/index.js';

const message = z.object({ text: z.string().min(1) }).strict();
const level = z.enum(['none', 'note', 'warning', 'error']);
const uri = z.string().refine((u) => {
  try {
    new URL(u, 'file:///root/');
    return true;
  } catch {
    return false;
  }
}, 'a URI reference');

const reportingDescriptor = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    shortDescription: message.optional(),
    fullDescription: message.optional(),
    help: message.optional(),
    helpUri: z.url().optional(),
    defaultConfiguration: z
      .object({
        level: level.optional(),
        enabled: z.boolean().optional(),
        rank: z.number().min(-1).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const artifactLocation = z
  .object({ uri: uri.optional(), uriBaseId: z.string().optional(), description: message.optional() })
  .strict();

const result = z
  .object({
    ruleId: z.string().optional(),
    ruleIndex: z.number().int().min(-1).optional(),
    level: level.optional(),
    message,
    locations: z
      .array(
        z
          .object({
            physicalLocation: z
              .object({
                artifactLocation,
                region: z
                  .object({ startLine: z.number().int().min(1), startColumn: z.number().int().min(1) })
                  .strict(),
              })
              .strict(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const sarifLog = z
  .object({
    $schema: z.url().optional(),
    version: z.literal('2.1.0'),
    runs: z.array(
      z
        .object({
          tool: z
            .object({
              driver: z
                .object({
                  name: z.string().min(1),
                  version: z.string().optional(),
                  informationUri: z.url().optional(),
                  rules: z.array(reportingDescriptor).optional(),
                })
                .strict(),
            })
            .strict(),
          columnKind: z.enum(['utf16CodeUnits', 'unicodeCodePoints']).optional(),
          originalUriBaseIds: z.record(z.string(), artifactLocation).optional(),
          results: z.array(result).optional(),
        })
        .strict(),
    ),
  })
  .strict();

describe('sarif', () => {
  it('is a valid SARIF 2.1.0 log with rule metadata and 1-based locations', async () => {
    const run = await lint([
      {
        path: 'supabase/migrations/00001 a é.sql',
        text: "select 'é😀';\ncreate tabel x ();\ncreate table t (x int);",
      },
    ]);
    const log = toSarif(run);
    expect(sarifLog.parse(JSON.parse(JSON.stringify(log)))).toBeTruthy();
    const driver = log.runs[0]!.tool.driver;
    expect(driver.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    expect(new Set(driver.rules.map((r) => r.id)).size).toBe(driver.rules.length);
    const results = log.runs[0]!.results;
    expect(results.length).toBe(run.findings.length);
    const syntax = results.find((r) => r.ruleId === 'syntax-error')!;
    expect(syntax.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'supabase/migrations/00001%20a%20%C3%A9.sql', uriBaseId: 'SRCROOT' },
      region: { startLine: 2, startColumn: 8 },
    });
    for (const r of results) expect(driver.rules[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('is valid with no findings', () => {
    const log = toSarif({
      findings: [],
      summary: { files: 0, statements: 0, errors: 0, warnings: 0, infos: 0 },
    });
    expect(sarifLog.parse(JSON.parse(JSON.stringify(log))).runs[0]!.results).toEqual([]);
  });
});
