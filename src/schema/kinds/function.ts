// PLACEHOLDER until its reader and DDL land (issue 12): reads nothing.
import type { KindHandler } from '../types.js';

export const functionKind: KindHandler = {
  kind: 'function',
  read: async () => [],
  create: () => [],
  drop: () => [],
};
