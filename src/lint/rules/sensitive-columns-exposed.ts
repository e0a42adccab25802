// sensitive-columns-exposed: an API-readable table without RLS holding a password, token, SSN… column (splinter 0023).
import { display, ident } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { isUserObject } from './support/splinter.js';

/** splinter's column names (compared lower-cased, `-` read as `_`). */
export const SENSITIVE_COLUMNS: ReadonlySet<string> = new Set([
  // credentials
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secret_key',
  'private_key',
  'api_key',
  'apikey',
  'auth_key',
  'token',
  'jwt',
  'access_token',
  'refresh_token',
  'oauth_token',
  'session_token',
  'bearer_token',
  'auth_code',
  'session_id',
  'session_key',
  'session_secret',
  'recovery_code',
  'backup_code',
  'verification_code',
  'otp',
  'two_factor',
  '2fa_secret',
  '2fa_code',
  // personal identifiers
  'ssn',
  'social_security',
  'social_security_number',
  'driver_license',
  'drivers_license',
  'license_number',
  'passport_number',
  'passport_id',
  'national_id',
  'tax_id',
  // financial
  'credit_card',
  'card_number',
  'cvv',
  'cvc',
  'cvn',
  'bank_account',
  'account_number',
  'routing_number',
  'iban',
  'swift_code',
  'bic',
  // health
  'health_record',
  'medical_record',
  'patient_id',
  'insurance_number',
  'health_insurance',
  'medical_insurance',
  'treatment',
  // devices
  'mac_address',
  'macaddr',
  'imei',
  'device_uuid',
  // keys and certificates
  'pgp_key',
  'gpg_key',
  'ssh_key',
  'certificate',
  'license_key',
  'activation_key',
  // biometrics
  'facial_recognition',
]);

export const sensitiveColumnsExposed = {
  id: 'sensitive-columns-exposed',
  severity: 'error',
  description:
    'A table readable through the Data API without row level security that has a column named like a credential or personal data (password, token, ssn, credit_card, …).',
  help: 'Enable row level security on the table and add policies, keep the column in a schema the API does not expose, or revoke select on the table from anon and authenticated.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (!isUserObject(table) || table.temporary || table.rls.enabled || !model.isExposed(table)) continue;
        const columns = [...table.columns.values()].filter((c) =>
          SENSITIVE_COLUMNS.has(c.name.toLowerCase().replace(/-/g, '_')),
        );
        if (columns.length === 0) continue;
        const names = columns.map((c) => ident(c.name)).join(', ');
        report({
          at: columns[0]!.origin,
          message: `Table ${display(table)} is readable through the Data API without row level security and has sensitive ${columns.length > 1 ? 'columns' : 'column'} ${names}; enable row level security with policies or move ${columns.length > 1 ? 'them' : 'it'} out of the exposed schema.`,
        });
      }
    },
  }),
} satisfies Rule;
