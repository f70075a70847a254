/**
 * Label maps keyed by a schema enum are declared `satisfies Record<Enum, string>`, so a value
 * added to the enum without a label fails `tsc`. Where the key is only known at run time (an
 * audit action, a reason stored as free text), read the map through `labelOf`.
 */

/** The label for `key`, or undefined when the map has none (own keys only, never `toString` and the like). */
export function labelOf<K extends string>(labels: Readonly<Record<K, string>>, key: string | null | undefined): string | undefined {
  return key != null && hasLabel(labels, key) ? labels[key] : undefined;
}

function hasLabel<K extends string>(labels: Readonly<Record<K, string>>, key: string): key is K {
  return Object.hasOwn(labels, key);
}

/**
 * For option lists (radio buttons in a fixed order) keyed by an enum: `true satisfies
 * NamesEvery<Enum, typeof options>` fails tsc, naming the value, when an option is missing.
 */
export type NamesEvery<E extends string, O extends readonly { value: string }[]> =
  [Exclude<E, O[number]['value']>] extends [never] ? true : { missing: Exclude<E, O[number]['value']> };
