import type { ImacAccelerator } from "./accelerator.js"

/**
 * The default IMAC unit. Ternary weights and binary inputs follow TPU-IMAC (M. Elbtity et al.,
 * "TPU-IMAC: a heterogeneous architecture of TPU and analog in-memory computing", 2023). The
 * 128 x 128 crossbar, its 100 ns read and its energy and area figures are ISAAC's (A. Shafiee et
 * al., "ISAAC: A Convolutional Neural Network Accelerator with In-Situ Analog Arithmetic in
 * Crossbars", ISCA 2016, 32 nm): 8 crossbars take 2.4 mW and their 8 x 128 one-bit DACs 4 mW,
 * so one 100 ns operation costs (0.3 + 0.5) mW x 100 ns = 80 pJ; 8 ADCs take 16 mW and 0.0096 mm², so one ADC converting a crossbar's
 * 128 columns in 100 ns costs 2 mW x 100 ns = 200 pJ and 1,200 µm². With binary inputs and ternary
 * weights a sense stage could be cheaper than ISAAC's 8-bit ADC: these are upper figures. The
 * device area is 4F² at 45 nm (4 x 0.045² µm², a crosspoint cell). 64 crossbars, a 1 GHz control
 * clock and 10 cycles per layer are our choices.
 *
 * @example
 * defaultImacAccelerator.crossbarRows // 128
 */
export const defaultImacAccelerator: ImacAccelerator = {
  kind: "imac",
  name: "imac",
  crossbarRows: 128,
  crossbarColumns: 128,
  crossbarCount: 64,
  weightBits: 1,
  inputBits: 1,
  crossbarOpEnergyPj: 80,
  crossbarOpLatencySeconds: 100e-9,
  adcEnergyPj: 200,
  adcLatencySeconds: 100e-9,
  clockHz: 1e9,
  layerOverheadCycles: 10,
  deviceAreaUm2: 4 * 0.045 * 0.045,
  adcAreaUm2: 1200,
}
