import { type ChildProcess, spawn } from "node:child_process"
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

/** The name `$0` of the wrapper shell, which starts its error messages. */
const wrapperName = "cosearch-command"

/**
 * The wrapper every program runs under, as `/bin/sh -c WRAPPER cosearch-command PROGRAM ARGS...`,
 * the leader of its own process group (`detached`). It starts a lifeline watcher in the
 * background, then `exec`s the program in its place (same pid, same group, its own exit code or
 * signal). The watcher blocks reading fd 3, one end of a socket pair whose other end only this
 * process (the thread that spawned it) holds; when that end closes, whichever way (the process
 * exits, is SIGKILLed, the worker thread is terminated), the read ends and the watcher SIGKILLs
 * the whole group: the program and everything it started. Linux has no portable "die with my
 * parent" for a group from Node (PR_SET_PDEATHSIG is per process and per thread), hence the pipe.
 */
const wrapper = `{ read _ <&3; kill -9 0; } </dev/null >/dev/null 2>&1 & exec "$@" 3<&-`

/** Process groups of running programs (started from this thread), killed when it exits. */
const liveGroups = new Set<number>()
let exitHookInstalled = false

/** SIGKILLs a process group, ignoring one that is already gone. */
const killGroup = (group: number): void => {
  try {
    process.kill(-group, "SIGKILL")
  } catch {
    // ESRCH: nothing left in the group
  }
}

const trackGroup = (child: ChildProcess): void => {
  const group = child.pid
  if (group === undefined) return
  if (!exitHookInstalled) {
    exitHookInstalled = true
    // Synchronous, so it also runs on process.exit(); the lifeline covers what cannot run it (SIGKILL).
    process.on("exit", () => {
      for (const live of liveGroups) killGroup(live)
    })
  }
  liveGroups.add(group)
  // When the program ends, whatever it left running in its group ends with it.
  child.once("exit", () => {
    liveGroups.delete(group)
    killGroup(group)
  })
}

/**
 * Runs a program once: the candidate as JSON on stdin, the metrics JSON from stdout. The program
 * runs in its own process group (see `wrapper`), killed whole when the program ends, on the
 * timeout, when this process or thread exits and when it dies.
 */
const runProgram = (settings: CommandSettings, cwd: string, input: string): Promise<unknown> =>
  new Promise((done, fail) => {
    const [program = "", ...args] = settings.command
    const timeoutMs = (settings.timeoutSeconds ?? 600) * 1000
    const child = spawn("/bin/sh", ["-c", wrapper, wrapperName, program, ...args], {
      cwd,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      detached: true,
    })
    trackGroup(child)
    let stdout = ""
    let stderr = ""
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) killGroup(child.pid)
    }, timeoutMs)
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
    })
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8")
    })
    child.stdin?.on("error", () => {}) // a program that exits without reading its input is judged by its exit
    child.stdio[3]?.on("error", () => {})
    child.on("error", (error) => {
      clearTimeout(timer)
      fail(new Error(`cannot run "${program}": ${error.message}`))
    })
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      if (timedOut) return fail(new Error(`the command timed out after ${timeoutMs / 1000} s and was killed`))
      const notRun = (code === 126 || code === 127) && stderr.startsWith(`${wrapperName}: `) ? stderr.trim() : undefined
      if (notRun !== undefined) return fail(new Error(`cannot run "${program}": ${notRun.replace(/^[^:]*: \d+: (exec: )?/, "")}`))
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
    child.stdin?.end(input)
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
