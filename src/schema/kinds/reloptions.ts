// Storage and view options (`pg_class.reloptions`, `key=value` texts) as ALTER … SET / RESET clauses: the keys no
// longer set are reset, the pairs new or changed are set, so an option-only change never re-creates the relation.

export interface OptionChanges {
  /** Keys to `reset (…)`. */
  reset: string[];
  /** `key=value` pairs to `set (…)`. */
  set: string[];
}

export function optionChanges(before: string[], after: string[]): OptionChanges {
  const key = (kv: string) => kv.slice(0, kv.indexOf('='));
  const kept = new Set(after.map(key));
  return {
    reset: before.map(key).filter((k) => !kept.has(k)),
    set: after.filter((kv) => !before.includes(kv)),
  };
}
