// Lookups in plain objects used as maps, by own keys only: a name from a user's file ("constructor", "toString")
// must never find a property of Object.prototype.

export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
