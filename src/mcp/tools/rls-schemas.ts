// Output shapes test_rls and check_migrations (with rls) share: one access change of the RLS access diff.
import { z } from 'zod';

export const accessChangeSchema = z.object({
  file: z.string(),
  table: z.string(),
  persona: z.string(),
  operation: z.string(),
  before: z.string(),
  after: z.string(),
  policy: z.string().nullable(),
  leak: z.boolean(),
  closedBy: z.string().nullable().describe('For a leak: the later file that closed it again (not a failure)'),
  message: z.string(),
});
