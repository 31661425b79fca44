import { spawn } from "node:child_process"
import { isAbsolute, resolve } from "node:path"
import type { EvaluatorEntry } from "../evaluator.js"
import { type EvaluatorKind, evaluationOf } from "../evaluator.js"
import { type CommandSettings, CommandSettingsSchema } from "./schema.js"

const tail = (text: string): string => {
  const trimmed = text.trim()
  return trimmed.length > 400 ? `...${trimmed.slice(-400)}` : trimmed
}

/** The metrics JSON in a program's output: all of it, or failing that its last non-empty line. */
const parseOutput = (stdout: string): unknown => {
  try {
    return JSON.parse(stdout)
  } catch {
    const last = stdout.trim().split("\n").at(-1) ?? ""
    try {
      return JSON.parse(last)
    } catch {
      throw new Error(`the command printed no metrics JSON; its output ends with: ${tail(stdout) || "(nothing)"}`)
    }
  }
}

/**
 * Runs a program once: the candidate as JSON on stdin, the metrics JSON from stdout. A timeout
 * kills the program's whole process group.
 */
const runProgram = (settings: CommandSettings, cwd: string, input: string): Promise<unknown> =>
  new Promise((done, fail) => {
    const [program = "", ...args] = settings.command
    const timeoutMs = (settings.timeoutSeconds ?? 600) * 1000
    const child = spawn(program, args, { cwd, stdio: ["pipe", "pipe", "pipe"], detached: true })
    let stdout = ""
    let stderr = ""
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL")
    }, timeoutMs)
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8")
    })
    child.stdin.on("error", () => {}) // a program that exits without reading its input is judged by its exit
    child.on("error", (error) => {
      clearTimeout(timer)
      fail(new Error(`cannot run "${program}": ${error.message}`))
    })
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      if (timedOut) return fail(new Error(`the command timed out after ${timeoutMs / 1000} s and was killed`))
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`
        return fail(new Error(`the command ${how}${stderr.trim() === "" ? "" : `: ${tail(stderr)}`}`))
      }
      try {
        done(parseOutput(stdout))
      } catch (error) {
        fail(error)
      }
    })
    child.stdin.end(input)
  })

/**
 * The `command` evaluator: how users plug in their own training runs or simulators. The program
 * gets `{"study", "number", "configuration"}` as JSON on stdin and prints a JSON object of metrics
 * (see `evaluationOf`). A timeout, a non-zero exit and output that is not JSON fail the trial,
 * with the error kept.
 *
 * @example
 * const evaluate = commandEvaluator.create({ kind: "command", command: ["node", "score.mjs"] }, context)
 */
export const commandEvaluator: EvaluatorKind<CommandSettings> = {
  check: () => [],
  create: (settings, { baseDirectory }) => {
    const cwd = settings.cwd === undefined ? baseDirectory : isAbsolute(settings.cwd) ? settings.cwd : resolve(baseDirectory, settings.cwd)
    return async (candidate) => evaluationOf(await runProgram(settings, cwd, JSON.stringify(candidate)))
  },
}

/**
 * The `command` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * commandEntry.schema // decodes { "kind": "command", ... }
 */
export const commandEntry: EvaluatorEntry<CommandSettings> = { kind: "command", schema: CommandSettingsSchema, evaluator: commandEvaluator }
