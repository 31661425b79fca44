/**
 * An analog in-memory compute (IMAC) unit for fully connected layers, after TPU-IMAC (Elbtity et
 * al.): crossbars of resistive devices hold a layer's weights, and one crossbar operation applies
 * an input vector to the rows and reads every column's dot product at once. Weights stay
 * resident: they are written once, never streamed. Plain, JSON-serializable data; the defaults
 * and their sources are in `defaultImacAccelerator` and docs/heterogeneous.md.
 *
 * @example
 * const unit: ImacAccelerator = { ...defaultImacAccelerator, crossbarCount: 64 }
 */
export interface ImacAccelerator {
  readonly kind: "imac"
  readonly name: string
  /** Rows of a crossbar: input elements one operation reduces over. */
  readonly crossbarRows: number
  /**
   * Columns of a crossbar: output neurons one operation produces. A column is a differential pair
   * of device columns, so a signed weight takes one column per magnitude bit.
   */
  readonly crossbarColumns: number
  /** Crossbars on the unit; every layer's weights must stay resident in them. */
  readonly crossbarCount: number
  /**
   * Magnitude bits of a signed weight. 1 is a ternary weight {-1, 0, +1} (the default, as in
   * TPU-IMAC) or a binary one; b > 1 bit-slices a weight over b crossbars whose outputs are
   * shifted and added.
   */
  readonly weightBits: number
  /**
   * Bits of an input element. 1 is a binary input (the default, as in TPU-IMAC); b > 1 applies
   * the bits one after another, b crossbar operations per input vector.
   */
  readonly inputBits: number
  /** Energy of one crossbar operation (drivers, array read, column currents), pJ. */
  readonly crossbarOpEnergyPj: number
  /** Time of one crossbar operation, seconds. */
  readonly crossbarOpLatencySeconds: number
  /** Energy to sense and convert the columns of one crossbar operation (ADC or sense amplifiers), pJ. */
  readonly adcEnergyPj: number
  /** Time to sense and convert the columns of one crossbar operation, seconds (not overlapped). */
  readonly adcLatencySeconds: number
  /** Clock of the digital control, hertz: converts `layerOverheadCycles` to time. */
  readonly clockHz: number
  /** Fixed control cycles a layer costs (configuration, hand-off to the next layer). */
  readonly layerOverheadCycles: number
  /** Area of one resistive device, µm². */
  readonly deviceAreaUm2: number
  /** Area of one crossbar's ADC / sense periphery, µm². */
  readonly adcAreaUm2: number
}
