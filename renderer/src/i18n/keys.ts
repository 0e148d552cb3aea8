/**
 * Marks a string as a catalogue key that is stored now and translated later
 * (the catalogue test finds the keys of literal t and tk calls).
 */
export function tk<K extends string>(key: K): K {
  return key;
}
