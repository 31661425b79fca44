import type { EdgeTpuConstants } from "./accelerator.js"

/**
 * The Coral calibration: the template's constants fitted to the Coral Edge TPU latencies of
 * NAS-Bench-201 (BRP-NAS LatBench, CIFAR-10 networks, rows with index % 5 != 0) by
 * `cosearch calibrate`, written by packages/cost/data/coral/write-preset.ts (see its header).
 * Held out (index % 5 == 0): Kendall tau 0.8772, Spearman 0.9773, MAPE 4.95 %.
 * NAS-Bench-201 has no depthwise layer, so the depthwise constants, like those the fit does not
 * touch, keep their defaults. packages/cost/test/edgetpu-calibration.test.ts refits and fails
 * when these values are stale.
 *
 * @example
 * coralCalibration.efficiency.conv
 */
export const coralCalibration: EdgeTpuConstants = {
  layerOverheadCycles: {
    conv: 953.0786280092188,
    depthwise: 100,
    fc: 0,
    pool: 0,
    eltwise: 0,
  },
  efficiency: {
    conv: 0.47205220805175935,
    depthwise: 0.25,
    fc: 1,
    pool: 0.007319437080305189,
    eltwise: 0.002401096748741274,
  },
  inferenceOverheadSeconds: 0.0004938476805943701,
  peMemoryBytesPerCycle: 64,
  ioEfficiency: 0.8,
  instructionsPerLayer: 32,
}
