import {
  conditionGaussianProcess,
  defaultHyperparameters,
  expectedImprovement,
  fitHyperparameters,
  type GpData,
  logMarginalLikelihood,
  matern52,
  normalCdf,
  normalQuantile,
  predict,
  transformTargets,
} from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const sampleData = (n: number, d: number, seed: number, f: (x: Float64Array) => number): GpData => {
  const rng = createRandom(seed)
  const x = new Float64Array(n * d)
  for (let i = 0; i < x.length; i++) x[i] = rng()
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) y[i] = f(x.subarray(i * d, i * d + d))
  return { x, y, n, d }
}

describe("normal distribution", () => {
  it("matches tabulated values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7)
  })
})

describe("Matern-5/2 and the marginal likelihood", () => {
  it("has the closed form at r = 1: (1 + sqrt5 + 5/3) e^-sqrt5", () => {
    expect(matern52(1)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 14)
  })

  it("has the gradient of its finite differences", () => {
    const data = sampleData(12, 3, 1, (x) => Math.sin(6 * (x[0] as number)) + (x[1] as number) ** 2)
    const theta = Float64Array.of(-0.7, 0.3, 1.1, 0.2, Math.log(0.01))
    const gradient = new Float64Array(theta.length)
    logMarginalLikelihood(data, theta, gradient)
    for (let i = 0; i < theta.length; i++) {
      const h = 1e-5
      const up = theta.slice()
      const down = theta.slice()
      up[i] = (up[i] as number) + h
      down[i] = (down[i] as number) - h
      const numeric = (logMarginalLikelihood(data, up) - logMarginalLikelihood(data, down)) / (2 * h)
      expect(gradient[i]).toBeCloseTo(numeric, 4)
    }
  })

  it("fitting raises the likelihood and learns that an irrelevant coordinate has a long lengthscale", () => {
    const data = sampleData(30, 2, 2, (x) => Math.sin(5 * (x[0] as number)))
    const start = defaultHyperparameters(2)
    const fitted = fitHyperparameters(data, start, { steps: 150 })
    expect(fitted.logLikelihood).toBeGreaterThan(logMarginalLikelihood(data, start))
    expect(Math.exp(fitted.theta[1] as number)).toBeGreaterThan(3 * Math.exp(fitted.theta[0] as number))
  })

  it("interpolates its data and reverts to the prior far away", () => {
    const data = sampleData(10, 1, 3, (x) => Math.cos(4 * (x[0] as number)))
    const theta = Float64Array.of(Math.log(0.3), 0, Math.log(1e-6))
    const result = conditionGaussianProcess(data, theta)
    if (!result.ok) throw new Error(result.message)
    const out = { mean: 0, variance: 0 }
    for (let i = 0; i < data.n; i++) {
      predict(result.process, data.x, i, out)
      expect(out.mean).toBeCloseTo(data.y[i] as number, 3)
      expect(out.variance).toBeLessThan(1e-4)
    }
    predict(result.process, Float64Array.of(50), 0, out)
    expect(out.mean).toBeCloseTo(0, 10)
    expect(out.variance).toBeCloseTo(1, 10)
  })
})

describe("expected improvement and output transforms", () => {
  it("equals the integral of max(0, best - y) under the prediction", () => {
    const mean = 0.3
    const variance = 0.49
    const best = 0.1
    let integral = 0
    const step = 1e-4
    for (let y = mean - 10; y < best; y += step) {
      const density = Math.exp(-((y - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance)
      integral += (best - y) * density * step
    }
    expect(expectedImprovement(mean, variance, best)).toBeCloseTo(integral, 5)
  })

  it("standardizes to mean 0 and deviation 1, and ranks to normal scores with shared ties", () => {
    const standard = transformTargets(Float64Array.of(1, 2, 3), "standardize")
    expect(standard.offset).toBe(2)
    expect(standard.scale).toBeCloseTo(Math.sqrt(2 / 3), 14)
    const ranked = transformTargets(Float64Array.of(10, 5, 5, 99), "rank").values
    expect(ranked[1]).toBe(ranked[2])
    expect(ranked[1]).toBeCloseTo(normalQuantile(1 / 4), 12) // mean rank 0.5 of ranks 0 and 1: (0.5 + 0.5) / 4
    expect(ranked[3]).toBeCloseTo(normalQuantile(3.5 / 4), 12)
  })
})
