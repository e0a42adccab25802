// Fills the `{{slot}}` placeholders of the .sql templates, and formats the header every template shares.
import headerSql from './sql/header.sql';

/**
 * Replaces every `{{slot}}` in one pass (a value containing `{{x}}` is never expanded again). A slot without
 * a value, or a value without a slot, is a bug in kodo, not in the user's input.
 */
export function fill(template: string, values: Record<string, string>): string {
  const used = new Set<string>();
  const out = template.replace(/\{\{([a-z_]+)\}\}/g, (_, slot: string) => {
    const value = values[slot];
    if (value === undefined) throw new Error(`Template slot {{${slot}}} has no value.`);
    used.add(slot);
    return value;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`Template has no slot for ${unused.join(', ')}.`);
  return out;
}

/** A fragment file without its final newline, so templates control the blank lines around it. */
export function fragment(text: string): string {
  return text.replace(/\n+$/, '');
}

/** Text for a `--` comment: a line break would end the comment and turn the rest into SQL. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

export interface HeaderInput {
  name: string;
  created: Date;
  purpose: string;
  /** Extra `-- ` lines after the purpose. */
  notes?: string[];
}

export function header(input: HeaderInput): string {
  return fragment(
    fill(headerSql, {
      name: oneLine(input.name),
      created: input.created.toISOString().slice(0, 10),
      purpose: oneLine(input.purpose),
      notes: (input.notes ?? []).map((n) => `\n-- ${oneLine(n)}`).join(''),
    }),
  );
}
