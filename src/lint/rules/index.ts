// The registry of lint rules: one file per rule, listed here explicitly (a test checks docs and tests).
import type { Rule } from '../types.js';
import { addingFieldWithDefault } from './adding-field-with-default.js';
import { addingForeignKeyConstraint } from './adding-foreign-key-constraint.js';
import { addingNotNullableField } from './adding-not-nullable-field.js';
import { addingSerialPrimaryKeyField } from './adding-serial-primary-key-field.js';
import { authRlsInitplan } from './auth-rls-initplan.js';
import { authUsersExposed } from './auth-users-exposed.js';
import { banCharField } from './ban-char-field.js';
import { banConcurrentIndexCreationInTransaction } from './ban-concurrent-index-creation-in-transaction.js';
import { banDeleteWithoutWhere } from './ban-delete-without-where.js';
import { banDropColumn } from './ban-drop-column.js';
import { banDropDatabase } from './ban-drop-database.js';
import { banDropNotNull } from './ban-drop-not-null.js';
import { banDropTable } from './ban-drop-table.js';
import { banTruncateCascade } from './ban-truncate-cascade.js';
import { banUpdateWithoutWhere } from './ban-update-without-where.js';
import { changingColumnType } from './changing-column-type.js';
import { constraintMissingNotValid } from './constraint-missing-not-valid.js';
import { disallowedUniqueConstraint } from './disallowed-unique-constraint.js';
import { duplicateIndex } from './duplicate-index.js';
import { duplicateVersion } from './duplicate-version.js';
import { enumValueUsedInSameTransaction } from './enum-value-used-in-same-transaction.js';
import { extensionInPublic } from './extension-in-public.js';
import { fkeyToAuthUnique } from './fkey-to-auth-unique.js';
import { foreignKeyMissingOnDelete } from './foreign-key-missing-on-delete.js';
import { functionSearchPathMutable } from './function-search-path-mutable.js';
import { hardcodedSecret } from './hardcoded-secret.js';
import { hardcodedUuid } from './hardcoded-uuid.js';
import { identifierTooLong } from './identifier-too-long.js';
import { migrationFilename } from './migration-filename.js';
import { mixedVersionWidths } from './mixed-version-widths.js';
import { multiplePermissivePolicies } from './multiple-permissive-policies.js';
import { noPrimaryKey } from './no-primary-key.js';
import { nonTransactionalStatement } from './non-transactional-statement.js';
import { policyExistsRlsDisabled } from './policy-exists-rls-disabled.js';
import { preferBigintOverInt } from './prefer-bigint-over-int.js';
import { preferBigintOverSmallint } from './prefer-bigint-over-smallint.js';
import { preferIdentity } from './prefer-identity.js';
import { preferRobustStmts } from './prefer-robust-stmts.js';
import { preferTextField } from './prefer-text-field.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { renamingColumn } from './renaming-column.js';
import { renamingTable } from './renaming-table.js';
import { replayOrderDependency } from './replay-order-dependency.js';
import { requireConcurrentIndexCreation } from './require-concurrent-index-creation.js';
import { requireConcurrentIndexDeletion } from './require-concurrent-index-deletion.js';
import { requireServiceRolePolicy } from './require-service-role-policy.js';
import { requireTableComment } from './require-table-comment.js';
import { requireTimestamps } from './require-timestamps.js';
import { rlsDisabledInPublic } from './rls-disabled-in-public.js';
import { rlsEnabledNoPolicy } from './rls-enabled-no-policy.js';
import { rlsMissingCommandPolicy } from './rls-missing-command-policy.js';
import { rlsPolicyAlwaysTrue } from './rls-policy-always-true.js';
import { rlsReferencesUserMetadata } from './rls-references-user-metadata.js';
import { securityDefinerView } from './security-definer-view.js';
import { sensitiveColumnsExposed } from './sensitive-columns-exposed.js';
import { syntaxError } from './syntax-error.js';
import { transactionNesting } from './transaction-nesting.js';
import { unindexedForeignKeys } from './unindexed-foreign-keys.js';
import { unknownRule } from './unknown-rule.js';
import { versionOutOfRange } from './version-out-of-range.js';

/** Rules the engine reports itself; they run whatever rule list a caller passes. */
export const ENGINE_RULES: readonly Rule[] = [syntaxError, unknownRule];

export const rules: readonly Rule[] = [
  ...ENGINE_RULES,
  // seed checklist
  migrationFilename,
  duplicateVersion,
  mixedVersionWidths,
  noPrimaryKey,
  requireTimestamps,
  foreignKeyMissingOnDelete,
  rlsDisabledInPublic,
  rlsEnabledNoPolicy,
  rlsMissingCommandPolicy,
  unindexedForeignKeys,
  requireTableComment,
  hardcodedSecret,
  hardcodedUuid,
  requireServiceRolePolicy,
  // splinter
  authRlsInitplan,
  policyExistsRlsDisabled,
  multiplePermissivePolicies,
  duplicateIndex,
  securityDefinerView,
  functionSearchPathMutable,
  extensionInPublic,
  rlsReferencesUserMetadata,
  authUsersExposed,
  rlsPolicyAlwaysTrue,
  sensitiveColumnsExposed,
  fkeyToAuthUnique,
  // hybrid ranges
  replayOrderDependency,
  versionOutOfRange,
  // squawk: lock safety (part 1)
  addingFieldWithDefault,
  addingForeignKeyConstraint,
  constraintMissingNotValid,
  addingNotNullableField,
  addingSerialPrimaryKeyField,
  disallowedUniqueConstraint,
  changingColumnType,
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  banConcurrentIndexCreationInTransaction,
  banDropColumn,
  banDropTable,
  banDropDatabase,
  // squawk: schema changes and types (part 2)
  banDropNotNull,
  renamingColumn,
  renamingTable,
  banTruncateCascade,
  preferBigintOverInt,
  preferBigintOverSmallint,
  preferIdentity,
  preferTextField,
  preferTimestamptz,
  banCharField,
  preferRobustStmts,
  transactionNesting,
  identifierTooLong,
  // Supabase execution traps
  nonTransactionalStatement,
  enumValueUsedInSameTransaction,
  banDeleteWithoutWhere,
  banUpdateWithoutWhere,
] satisfies readonly Rule[];
