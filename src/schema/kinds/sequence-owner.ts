// PLACEHOLDER until its reader and DDL land (issue 12): reads nothing.
import type { KindHandler } from '../types.js';

export const sequenceOwnerKind: KindHandler = {
  kind: 'sequence-owner',
  read: async () => [],
  create: () => [],
  drop: () => [],
};
