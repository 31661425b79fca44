import { existsSync, mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"

/** Debian's Chromium, which the browser tests drive (`apt-get install -y chromium`; .ci/run installs it). */
export const chromiumPath = "/usr/bin/chromium"

/** Where the browser tests keep their screenshots: `test-artifacts/` at the repository root (gitignored). */
export const artifactsFolder = resolve(import.meta.dirname, "../../../../test-artifacts")

/**
 * Chromium's flags on this machine's closed network: no GPU, no QUIC, no first-run, background
 * networking, component updates nor sync (their connections would be refused). Playwright adds
 * `--headless`, `--no-sandbox` and a fresh `--user-data-dir` of its own.
 */
const flags = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

/**
 * Launches headless Debian Chromium with playwright-core; fails (never skips) when it is not
 * installed, saying how to install it.
 *
 * @example
 * const browser = await launchChromium()
 */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `the browser tests need Debian's Chromium at ${chromiumPath}: install it with "apt-get install -y chromium" (.ci/run does)`,
    )
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, chromiumSandbox: false, args: flags })
}

/**
 * A page and the errors it reported: console messages of type error and uncaught page errors.
 *
 * @example
 * const { page, errors } = await watchedPage(browser)
 */
export interface WatchedPage {
  readonly page: Page
  readonly errors: string[]
}

/**
 * A new page (1200 x 900) in its own context, collecting its console errors and page errors.
 *
 * @example
 * const { page, errors } = await watchedPage(browser)
 * await page.goto(url)
 * expect(errors).toEqual([])
 */
export const watchedPage = async (browser: Browser): Promise<WatchedPage> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()} (${message.location().url})`)
  })
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`))
  return { page, errors }
}

/**
 * Saves a full-page screenshot as `test-artifacts/<name>.png`; returns its path.
 *
 * @example
 * await screenshot(page, "report-pareto")
 */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(artifactsFolder, { recursive: true })
  const path = join(artifactsFolder, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/**
 * The number of points each series of a chart draws, read from its ECharts instance on the page
 * (`window.cosearch.charts[id]`), by series name.
 *
 * @example
 * await drawnPoints(page, "pareto") // { "quickstart: front": 7, "quickstart: feasible": 180, ... }
 */
export const drawnPoints = (page: Page, chartId: string): Promise<Record<string, number>> =>
  page.evaluate((id) => {
    type Instance = { getOption: () => { series: { name: string; data: unknown[] }[] } }
    const charts = (globalThis as unknown as { cosearch: { charts: Record<string, Instance> } }).cosearch.charts
    const chart = charts[id]
    if (chart === undefined) throw new Error(`no chart "${id}" on the page`)
    return Object.fromEntries(chart.getOption().series.map((series) => [series.name, series.data.length]))
  }, chartId)
