import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import type { StudyStore } from "@cosearch/store"
import { reportPage } from "../page/report-page.js"
import { chartsPath, notFoundPage, studiesPage } from "./pages.js"
import { type StudyFeed, type StudyView, studyFeed } from "./study-feed.js"

/**
 * How `startDashboard` serves.
 *
 * @example
 * const options: DashboardOptions = { store: openStore("runs.db", { readOnly: true }), port: 0 }
 */
export interface DashboardOptions {
  /** The store to read; open it read-only (`openStore(location, { readOnly: true })`): the dashboard never writes. */
  readonly store: StudyStore
  /** The TCP port (default 0: any free port; `url` tells which). */
  readonly port?: number
  /** The address to listen on (default 127.0.0.1: this machine only). */
  readonly host?: string
  /** How often a live page polls (default 1000 ms). */
  readonly intervalMs?: number
  /** Told of each request that failed (a store error, say); the request is answered 503. */
  readonly onError?: (error: unknown) => void
}

/**
 * A running dashboard: its address, and `close` (stops serving; the store stays open, the caller's).
 *
 * @example
 * const dashboard = await startDashboard({ store })
 * console.log(dashboard.url) // http://127.0.0.1:43567/
 * await dashboard.close()
 */
export interface Dashboard {
  readonly url: string
  readonly close: () => Promise<void>
}

/** How long a study page waits for the study's read before it is sent with empty charts. */
const firstReadWaitMs = 300

/** A response body made once per study version. */
interface Cached {
  readonly version: number
  api?: Buffer
  page?: Buffer
}

const send = (
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void => {
  response.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  })
  response.end(body)
}

/** The decoded segments of a URL path (undefined when one is badly encoded). */
const pathSegments = (url: string): string[] | undefined => {
  try {
    return new URL(url, "http://dashboard").pathname
      .split("/")
      .filter((segment) => segment !== "")
      .map(decodeURIComponent)
  } catch {
    return undefined
  }
}

/**
 * Starts the dashboard's web server on a store: `/` lists the studies (name, trial counts, a link),
 * `/study/<name>` is the study's live report page, which polls `/api/study/<name>/charts` for
 * `{ charts, status, counts }` every `intervalMs`; `/api/studies` lists the studies as JSON. Each
 * study is kept in memory and refreshed by reading only its newly finished trials (see
 * `studyFeed`); its charts, its JSON and its page are made once per change and served from memory
 * until the next. A study page whose read takes more than 300 ms (the first read of a big study)
 * is sent at once with empty charts, which its first poll fills. An unknown study or path is a
 * 404 with a message.
 *
 * @example
 * const store = openStore("runs.db", { readOnly: true })
 * const dashboard = await startDashboard({ store, port: 8765 })
 */
export const startDashboard = async (options: DashboardOptions): Promise<Dashboard> => {
  const { store } = options
  const intervalMs = options.intervalMs ?? 1000
  const feeds = new Map<string, Promise<StudyFeed | undefined>>()
  const cache = new Map<string, Cached>()

  const feedOf = async (name: string): Promise<StudyFeed | undefined> => {
    let feed = feeds.get(name)
    if (feed === undefined) {
      feed = store.findStudy(name).then((study) => (study === undefined ? undefined : studyFeed(store, study)))
      feeds.set(name, feed)
    }
    const found = await feed.catch((error: unknown) => {
      feeds.delete(name)
      throw error
    })
    // A study that is not there yet may be created later: ask again next time.
    if (found === undefined) feeds.delete(name)
    return found
  }

  const cachedOf = (name: string, view: StudyView): Cached => {
    let cached = cache.get(name)
    if (cached?.version !== view.version) {
      cached = { version: view.version }
      cache.set(name, cached)
    }
    return cached
  }

  const unknownStudy = (response: ServerResponse, name: string, json: boolean): void => {
    const message = `there is no study "${name}" in ${store.location}`
    if (json) send(response, 404, "application/json", JSON.stringify({ error: message }))
    else send(response, 404, "text/html", notFoundPage(message))
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET, HEAD")
      return send(response, 405, "text/plain", "the dashboard only reads: GET or HEAD\n")
    }
    const segments = pathSegments(request.url ?? "/")
    if (segments === undefined) return send(response, 400, "text/plain", "a badly encoded path\n")
    const [first, second, third, fourth] = segments

    // No icon: an empty answer, so that browsers do not report a missing one.
    if (segments.length === 1 && first === "favicon.ico") {
      response.writeHead(204, { "cache-control": "max-age=86400" })
      return void response.end()
    }

    if (segments.length === 0) return send(response, 200, "text/html", studiesPage(store.location, await store.listStudies()))

    if (segments.length === 2 && first === "api" && second === "studies") {
      const summaries = await store.listStudies()
      return send(response, 200, "application/json", JSON.stringify(summaries.map(({ study, counts }) => ({ name: study.name, counts }))))
    }

    if (segments.length === 2 && first === "study" && second !== undefined) {
      const feed = await feedOf(second)
      if (feed === undefined) return unknownStudy(response, second, false)
      // A study whose first read takes long (100,000 trials: about a second and a half) is shown
      // at once with empty charts, which its first poll fills: the page paints without waiting.
      const refreshed = feed.refresh()
      const view = await Promise.race([refreshed, new Promise<undefined>((done) => setTimeout(() => done(undefined), firstReadWaitMs))])
      if (view === undefined) {
        refreshed.catch((error: unknown) => options.onError?.(error))
        const shown = feed.placeholder()
        return send(
          response,
          200,
          "text/html",
          reportPage({ title: second, status: shown.status, charts: shown.charts, live: { url: chartsPath(second), intervalMs } }),
        )
      }
      const cached = cachedOf(second, view)
      cached.page ??= Buffer.from(
        reportPage({ title: second, status: view.status, charts: view.charts, live: { url: chartsPath(second), intervalMs } }),
      )
      return send(response, 200, "text/html", cached.page)
    }

    if (segments.length === 4 && first === "api" && second === "study" && third !== undefined && fourth === "charts") {
      const feed = await feedOf(third)
      if (feed === undefined) return unknownStudy(response, third, true)
      const view = await feed.refresh()
      // The page sends the version it drew (If-None-Match): unchanged, it gets 304 and no body,
      // not the whole charts again every second.
      const tag = `"${third.length}-${view.version}"`
      if (request.headers["if-none-match"] === tag) {
        response.writeHead(304, { etag: tag, "cache-control": "no-store" })
        return void response.end()
      }
      const cached = cachedOf(third, view)
      cached.api ??= Buffer.from(JSON.stringify({ charts: view.charts, status: view.status, counts: view.counts }))
      return send(response, 200, "application/json", cached.api, { etag: tag })
    }

    send(response, 404, "text/html", notFoundPage(`no page at ${request.url ?? "/"}; the studies are listed at /`))
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error)
      if (!response.headersSent) send(response, 503, "text/plain", `${error instanceof Error ? error.message : String(error)}\n`)
      else response.destroy()
    })
  })
  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((listening, failed) => {
    server.once("error", failed)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", failed)
      listening()
    })
  })
  const { port } = server.address() as AddressInfo
  const shownHost = host.includes(":") ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed())
        server.closeAllConnections()
      }),
  }
}
