import type { EdgeTpuConstants } from "./accelerator.js"

/**
 * Defaults of the template's free constants, before any calibration: no per-layer overhead
 * beyond 100 cycles, every class at full efficiency but depthwise and pooling (a lane reads its
 * own input channel, so the input broadcast that feeds a convolution's lanes is lost: a quarter
 * of the lanes' throughput) and element-wise layers (one operation per element, bound by the
 * activation memory: a half). One microsecond per inference. 64 bytes per cycle from each PE
 * memory, I/O at 80% of nominal, 32 instruction entries per layer. All are choices, stated in
 * docs/edgetpu.md; `cosearch calibrate` replaces the fitted ones with measured values.
 *
 * @example
 * defaultEdgeTpuConstants.efficiency.depthwise // 0.25
 */
export const defaultEdgeTpuConstants: EdgeTpuConstants = {
  layerOverheadCycles: { conv: 100, depthwise: 100, fc: 100, pool: 100, eltwise: 100 },
  efficiency: { conv: 1, depthwise: 0.25, fc: 1, pool: 0.25, eltwise: 0.5 },
  inferenceOverheadSeconds: 1e-6,
  peMemoryBytesPerCycle: 64,
  ioEfficiency: 0.8,
  instructionsPerLayer: 32,
}
