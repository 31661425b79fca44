/**
 * An integer with thousands separators.
 *
 * @example
 * groupDigits(300774272) // "300,774,272"
 */
export const groupDigits = (value: number): string => Math.round(value).toLocaleString("en-US")

/** A number with separators and exactly `digits` decimals. */
const fixed = (value: number, digits: number): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })

/**
 * A count in millions and billions, for MAC totals.
 *
 * @example
 * inMillionsAndBillions(1814073344) // "1,814.07 M, 1.814 G"
 */
export const inMillionsAndBillions = (value: number): string => `${fixed(value / 1e6, 2)} M, ${fixed(value / 1e9, 3)} G`

/**
 * A byte count in decimal units (kB, MB, GB).
 *
 * @example
 * humanBytes(3504872) // "3.50 MB"
 */
export const humanBytes = (bytes: number): string => {
  const units = ["B", "kB", "MB", "GB", "TB"]
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${units[unit]}`
}
