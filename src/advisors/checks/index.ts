// The registry of catalog advisors: one file per check, listed here explicitly in splinter's order.
import type { Advisor } from '../types.js';
import { anonSecurityDefinerFunctionExecutable } from './anon-security-definer-function-executable.js';
import { authRlsInitplan } from './auth-rls-initplan.js';
import { authUsersExposed } from './auth-users-exposed.js';
import { authenticatedSecurityDefinerFunctionExecutable } from './authenticated-security-definer-function-executable.js';
import { duplicateIndex } from './duplicate-index.js';
import { extensionInPublic } from './extension-in-public.js';
import { extensionVersionsOutdated } from './extension-versions-outdated.js';
import { fkeyToAuthUnique } from './fkey-to-auth-unique.js';
import { foreignTableInApi } from './foreign-table-in-api.js';
import { functionSearchPathMutable } from './function-search-path-mutable.js';
import { insecureQueueExposedInApi } from './insecure-queue-exposed-in-api.js';
import { materializedViewInApi } from './materialized-view-in-api.js';
import { multiplePermissivePolicies } from './multiple-permissive-policies.js';
import { noPrimaryKey } from './no-primary-key.js';
import { pgGraphqlAnonTableExposed } from './pg-graphql-anon-table-exposed.js';
import { pgGraphqlAuthenticatedTableExposed } from './pg-graphql-authenticated-table-exposed.js';
import { policyExistsRlsDisabled } from './policy-exists-rls-disabled.js';
import { publicBucketAllowsListing } from './public-bucket-allows-listing.js';
import { rlsDisabledInPublic } from './rls-disabled-in-public.js';
import { rlsEnabledNoPolicy } from './rls-enabled-no-policy.js';
import { rlsPolicyAlwaysTrue } from './rls-policy-always-true.js';
import { rlsReferencesUserMetadata } from './rls-references-user-metadata.js';
import { securityDefinerView } from './security-definer-view.js';
import { sensitiveColumnsExposed } from './sensitive-columns-exposed.js';
import { tableBloat } from './table-bloat.js';
import { unindexedForeignKeys } from './unindexed-foreign-keys.js';
import { unsupportedRegTypes } from './unsupported-reg-types.js';
import { unusedIndex } from './unused-index.js';

export const ADVISORS: readonly Advisor[] = [
  unindexedForeignKeys,
  authUsersExposed,
  authRlsInitplan,
  noPrimaryKey,
  unusedIndex,
  multiplePermissivePolicies,
  policyExistsRlsDisabled,
  rlsEnabledNoPolicy,
  duplicateIndex,
  securityDefinerView,
  functionSearchPathMutable,
  rlsDisabledInPublic,
  extensionInPublic,
  rlsReferencesUserMetadata,
  materializedViewInApi,
  foreignTableInApi,
  unsupportedRegTypes,
  insecureQueueExposedInApi,
  tableBloat,
  fkeyToAuthUnique,
  extensionVersionsOutdated,
  sensitiveColumnsExposed,
  rlsPolicyAlwaysTrue,
  publicBucketAllowsListing,
  pgGraphqlAnonTableExposed,
  pgGraphqlAuthenticatedTableExposed,
  anonSecurityDefinerFunctionExecutable,
  authenticatedSecurityDefinerFunctionExecutable,
];
