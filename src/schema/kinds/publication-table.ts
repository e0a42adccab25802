// PLACEHOLDER until its reader and DDL land (issue 12): reads nothing.
import type { KindHandler } from '../types.js';

export const publicationTableKind: KindHandler = {
  kind: 'publication-table',
  read: async () => [],
  create: () => [],
  drop: () => [],
};
