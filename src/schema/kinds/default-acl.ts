// PLACEHOLDER until its reader and DDL land (issue 12): reads nothing.
import type { KindHandler } from '../types.js';

export const defaultAclKind: KindHandler = {
  kind: 'default-acl',
  read: async () => [],
  create: () => [],
  drop: () => [],
};
