// Every kind the engine models, in the order a snapshot reads them. One file per kind: its reader and its DDL.
import type { KindHandler, ObjectKind } from '../types.js';
import { aclKind } from './acl.js';
import { columnKind } from './column.js';
import { commentKind } from './comment.js';
import { compositeKind } from './composite.js';
import { constraintKind } from './constraint.js';
import { defaultAclKind } from './default-acl.js';
import { domainKind } from './domain.js';
import { enumKind } from './enum.js';
import { extensionKind } from './extension.js';
import { functionKind } from './function.js';
import { policyKind } from './policy.js';
import { publicationKind } from './publication.js';
import { publicationTableKind } from './publication-table.js';
import { schemaKind } from './schema.js';
import { sequenceKind } from './sequence.js';
import { sequenceOwnerKind } from './sequence-owner.js';
import { tableKind } from './table.js';
import { indexKind } from './table-index.js';
import { triggerKind } from './trigger.js';
import { viewKind } from './view.js';

export const HANDLERS: KindHandler[] = [
  schemaKind,
  extensionKind,
  enumKind,
  domainKind,
  compositeKind,
  sequenceKind,
  tableKind,
  columnKind,
  sequenceOwnerKind,
  constraintKind,
  indexKind,
  functionKind,
  viewKind,
  triggerKind,
  policyKind,
  publicationKind,
  publicationTableKind,
  defaultAclKind,
  aclKind,
  commentKind,
];

const BY_KIND = new Map<ObjectKind, KindHandler>(HANDLERS.map((h) => [h.kind, h]));

export function handlerFor(kind: ObjectKind): KindHandler {
  const h = BY_KIND.get(kind);
  if (!h) throw new Error(`no handler for ${kind}`);
  return h;
}
