// The template names, apart from the templates themselves so that the CLI can list them without loading them.
export const TEMPLATE_NAMES = ['empty', 'table', 'extensions', 'core_functions'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
