// Internal to @cosearch/cost: a cache of what was computed from the last few objects, by object
// identity. Not a WeakMap: a search makes new accelerators and mappings by the million, and a
// WeakMap holding millions of dead keys makes every garbage collection slow; an object that has
// left the ring is computed again.

/** The last `size` (key, value) pairs stored, looked up by key identity. */
export interface IdentityRing<K extends object, V> {
  readonly get: (key: K) => V | undefined
  readonly set: (key: K, value: V) => void
}

/** An empty ring of `size` entries. */
export const identityRing = <K extends object, V>(size: number): IdentityRing<K, V> => {
  const keys: (K | undefined)[] = new Array(size).fill(undefined)
  const values: (V | undefined)[] = new Array(size).fill(undefined)
  let next = 0
  return {
    get: (key) => {
      for (let i = 0; i < size; i++) if (keys[i] === key) return values[i]
      return undefined
    },
    set: (key, value) => {
      keys[next] = key
      values[next] = value
      next = (next + 1) % size
    },
  }
}
