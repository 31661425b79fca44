import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

describe("numeric options are finite and within their range", () => {
  it.each([
    ["--resolution", "1e308", "is out of range (expected an integer from 1 to 4096)"],
    ["--resolution", "4097", "is out of range (expected an integer from 1 to 4096)"],
    ["--resolution", "Infinity", "is not finite (expected an integer from 1 to 4096)"],
    ["--resolution", "NaN", "is not a positive integer (expected an integer from 1 to 4096)"],
    ["--width", "1e308", "is out of range (expected a number from 0.01 to 16)"],
    ["--width", "0.001", "is out of range (expected a number from 0.01 to 16)"],
    ["--width", "-Infinity", "is not finite (expected a number from 0.01 to 16)"],
    ["--classes", "1e6", "is out of range (expected an integer from 1 to 100000)"],
    ["--batch", "1e9", "is out of range (expected an integer from 1 to 65536)"],
    ["--batch", "0", "is not a positive integer (expected an integer from 1 to 65536)"],
  ])("network summary %s %s: exit 2 naming the flag, the value and the range", async (flag, value, problem) => {
    const run = await runInProcess(["network", "summary", "mobilenet_v2", flag, value])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${flag} "${value}" ${problem}`)
    expect(run.stdout).not.toContain("Infinity")
  })

  it("accepts the ends of a range", async () => {
    const run = await runInProcess(["network", "summary", "mobilenet_v2", "--resolution", "32", "--width", "16", "--classes", "100000"])
    expect(run.code).toBe(0)
  })

  it.each([
    [["space", "sample", "nb201", "--n", "1e308"], '--n "1e308" is out of range (expected an integer from 1 to 10000000)'],
    [["surrogate", "sample", "--n", "1e999"], '--n "1e999" is not finite (expected an integer from 1 to 1000000000)'],
  ])("%j: exit 2", async (args, message) => {
    const run = await runInProcess(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
  })
})
