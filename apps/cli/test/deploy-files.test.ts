import { readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { stripVTControlCharacters } from "node:util"
import { describe, expect, it } from "vitest"
import { parseAllDocuments } from "yaml"
import { runInProcess } from "./run-cli.js"

/**
 * The deployment files of deploy/ (no Docker engine or cluster here): each parses as YAML, they
 * are wired as deploy/README.md says, and every `cosearch` command line in them names a command of
 * this CLI and only options that command has.
 */
const deploy = resolve(import.meta.dirname, "../../../deploy")

type Node = Record<string, unknown>

/** Every document of a YAML file, as plain data (Compose's `<<` merge keys resolved). */
const documents = (path: string): Node[] => {
  const parsed = parseAllDocuments(readFileSync(path, "utf8"), { merge: true })
  const list = Array.isArray(parsed) ? parsed : [parsed]
  for (const document of list) expect(document.errors.map((error) => `${path}: ${error.message}`)).toEqual([])
  return list.map((document) => document.toJS() as Node)
}

const compose = documents(join(deploy, "compose.yaml"))[0] as { services: Record<string, Node> }
const kubernetes = readdirSync(join(deploy, "kubernetes"))
  .filter((name) => name.endsWith(".yaml"))
  .flatMap((name) => documents(join(deploy, "kubernetes", name)))
const jobs = kubernetes.filter((document) => document.kind === "Job") as {
  metadata: { name: string }
  spec: { parallelism?: number; completions?: number; template: { spec: { containers: { command: string[]; env?: Node[] }[] } } }
}[]

/** The image's entrypoint, from the Dockerfile's last `ENTRYPOINT ["..."]`. */
const entrypoint = (): string[] => {
  const lines = readFileSync(join(deploy, "Dockerfile"), "utf8").match(/^ENTRYPOINT (\[.*\])$/gm) ?? []
  return JSON.parse((lines.at(-1) ?? "ENTRYPOINT []").slice("ENTRYPOINT ".length)) as string[]
}

/** Every cosearch command line: the Compose services' commands after the image's entrypoint, the Jobs' containers' commands. */
const commandLines = (): { where: string; argv: string[] }[] => [
  ...Object.entries(compose.services)
    .filter(([, service]) => service.command !== undefined)
    .map(([name, service]) => ({ where: `compose.yaml service ${name}`, argv: [...entrypoint(), ...(service.command as string[])] })),
  ...jobs.flatMap((job) =>
    job.spec.template.spec.containers.map((container) => ({ where: `Job ${job.metadata.name}`, argv: container.command })),
  ),
]

/** The usage line of `cosearch <path> --help`: it names the last command of the path, or the root for one the CLI lacks. */
const helpOf = async (path: readonly string[]): Promise<{ command: string; text: string }> => {
  const { stdout } = await runInProcess([...path, "--help"])
  const text = stripVTControlCharacters(stdout)
  const usage = text.split("\n").find((line) => line.startsWith("$ ")) ?? ""
  return { command: usage.slice(2).split(" ")[0] ?? "", text }
}

/** The longest run of leading words that `--help` takes for a command path (later words are arguments). */
const commandPath = async (words: readonly string[]): Promise<{ path: string[]; help: string } | undefined> => {
  for (let length = words.length; length > 0; length--) {
    const path = words.slice(0, length)
    const help = await helpOf(path)
    if (help.command === path.at(-1)) return { path, help: help.text }
  }
  return undefined
}

/** What is wrong with one cosearch command line: a command the CLI lacks, options its command lacks. */
const problemsOf = async ({ where, argv }: { where: string; argv: string[] }): Promise<string[]> => {
  if (argv[0] !== "cosearch") return [`${where}: runs ${argv[0]}, not cosearch`]
  const args = argv.slice(1)
  const firstOption = args.findIndex((arg) => arg.startsWith("-"))
  const words = firstOption < 0 ? args : args.slice(0, firstOption)
  const found = await commandPath(words)
  if (found === undefined) return [`${where}: no command "${words.join(" ")}"`]
  return args
    .filter((arg) => arg.startsWith("--"))
    .filter((option) => !new RegExp(`(^|[^\\w-])${option}(?![\\w-])`).test(found.help))
    .map((option) => `${where}: cosearch ${found.path.join(" ")} has no ${option}`)
}

describe("deploy/", () => {
  it("has PostgreSQL 16 with a health check that init waits for, and four worker replicas after init", () => {
    const { postgres, init, worker } = compose.services as Record<string, Node & { depends_on: Record<string, { condition: string }> }>
    expect(postgres?.image).toBe("postgres:16")
    expect(postgres?.healthcheck).toBeDefined()
    expect(init?.depends_on.postgres?.condition).toBe("service_healthy")
    expect(worker?.depends_on.init?.condition).toBe("service_completed_successfully")
    expect((worker?.deploy as { replicas?: number } | undefined)?.replicas).toBe(4)
  })

  it("runs four worker pods in parallel, reading the database URL from the Secret's key", () => {
    const workers = jobs.find((job) => job.spec.template.spec.containers.some((container) => container.command.includes("worker")))
    expect(workers?.spec.parallelism).toBe(4)
    expect(workers?.spec.completions).toBe(4)
    const secrets = kubernetes.filter((document) => document.kind === "Secret") as { metadata: { name: string }; stringData: Node }[]
    const references = jobs.flatMap((job) =>
      job.spec.template.spec.containers.flatMap((container) =>
        (container.env ?? []).map((variable) => (variable.valueFrom as { secretKeyRef: { name: string; key: string } }).secretKeyRef),
      ),
    )
    expect(references.length).toBe(jobs.length)
    for (const { name, key } of references)
      expect(secrets.find((secret) => secret.metadata.name === name)?.stringData[key], `${name}.${key}`).toMatch(/^postgresql:\/\//)
  })

  it("names commands and options of this CLI in every cosearch command line", async () => {
    const lines = commandLines()
    expect(lines.length).toBeGreaterThanOrEqual(4)
    const problems: string[] = []
    for (const line of lines) problems.push(...(await problemsOf(line)))
    expect(problems).toEqual([])
  })

  it("tells a command line with an unknown command or option from a good one", async () => {
    expect(
      await problemsOf({ where: "good", argv: ["cosearch", "run", "--storage", "postgresql://h/db", "--workers", "2", "experiment.json"] }),
    ).toEqual([])
    expect(await problemsOf({ where: "good", argv: ["cosearch", "study", "delete", "--storage", "x.db", "--yes", "old"] })).toEqual([])
    expect(await problemsOf({ where: "bad", argv: ["cosearch", "run", "--threads", "2", "experiment.json"] })).toEqual([
      "bad: cosearch run has no --threads",
    ])
    expect(await problemsOf({ where: "bad", argv: ["cosearch", "launch", "experiment.json"] })).toEqual([
      'bad: no command "launch experiment.json"',
    ])
  })
})
