// Where a rule's documentation lives: one page per rule id.
export const DOCS_BASE = 'https://github.com/kodo-dev/kodo/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
