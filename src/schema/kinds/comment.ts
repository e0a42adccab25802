// PLACEHOLDER until its reader and DDL land (issue 12): reads nothing.
import type { KindHandler } from '../types.js';

export const commentKind: KindHandler = {
  kind: 'comment',
  read: async () => [],
  create: () => [],
  drop: () => [],
};
