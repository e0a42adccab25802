// PLACEHOLDER until its reader and DDL land (issue 12): reads nothing.
import type { KindHandler } from '../types.js';

export const policyKind: KindHandler = {
  kind: 'policy',
  read: async () => [],
  create: () => [],
  drop: () => [],
};
