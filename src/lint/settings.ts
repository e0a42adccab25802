// Lint settings and which rules run at which severity, from defaults and `.kodo/config.json` `lint.rules`.
import type { LintSettings, Rule, Severity, SeveritySetting } from './types.js';

export const DEFAULT_SETTINGS: LintSettings = {
  assumeInTransaction: true,
  pgVersion: 15,
  exposedSchemas: ['public', 'graphql_public'],
  apiRoles: ['anon', 'authenticated'],
};

/** Rule ids and aliases → canonical id. */
export function ruleNames(rules: readonly Rule[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const rule of rules) {
    names.set(rule.id, rule.id);
    for (const alias of rule.aliases ?? []) names.set(alias, rule.id);
  }
  return names;
}

/** The severity a rule runs at, or `off`. A config entry under an alias counts for the rule. */
export function effectiveSeverity(rule: Rule, configured: Record<string, SeveritySetting>): SeveritySetting {
  for (const name of [rule.id, ...(rule.aliases ?? [])]) {
    const setting = configured[name];
    if (setting) return setting;
  }
  return rule.enabledByDefault === false ? 'off' : rule.severity;
}

/** A configured severity replaces the rule's (and the report's) default. */
export function configuredSeverity(
  rule: Rule,
  configured: Record<string, SeveritySetting>,
): Severity | undefined {
  for (const name of [rule.id, ...(rule.aliases ?? [])]) {
    const setting = configured[name];
    if (setting && setting !== 'off') return setting;
  }
  return undefined;
}
