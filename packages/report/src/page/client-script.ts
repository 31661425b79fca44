/**
 * The page's script (plain browser JavaScript, run after ECharts): draws every chart of the
 * embedded data, exposes them as `window.cosearch` (`charts` by id, `data`), and, for a live page,
 * fetches the charts again every `live.intervalMs` and redraws them when they changed (the server
 * answers 304 to the version the page drew, sent as If-None-Match).
 */
export const clientScript = `(() => {
  const data = JSON.parse(document.getElementById("cosearch-data").textContent)
  const charts = {}
  const draw = (list) => {
    for (const chart of list) {
      let element = document.getElementById(chart.id)
      if (element === null) {
        const section = document.createElement("section")
        section.innerHTML = "<h2></h2>"
        section.querySelector("h2").textContent = chart.title
        element = document.createElement("div")
        element.id = chart.id
        element.className = "chart"
        section.appendChild(element)
        document.getElementById("charts").appendChild(section)
      }
      const instance = charts[chart.id] ?? echarts.init(element, null, { renderer: "canvas" })
      instance.setOption(chart.option, { notMerge: true, lazyUpdate: false })
      charts[chart.id] = instance
    }
  }
  draw(data.charts)
  window.cosearch = { charts, data, updates: 0 }
  window.addEventListener("resize", () => { for (const chart of Object.values(charts)) chart.resize() })
  if (data.live) {
    const status = document.getElementById("status")
    let tag = null
    const poll = async () => {
      try {
        const response = await fetch(data.live.url, { cache: "no-store", headers: tag === null ? {} : { "if-none-match": tag } })
        window.cosearch.polls = (window.cosearch.polls ?? 0) + 1
        if (response.status === 304) {
          // Nothing changed since the charts drawn.
        } else if (response.ok) {
          tag = response.headers.get("etag")
          const next = await response.json()
          draw(next.charts)
          window.cosearch.data = next
          window.cosearch.updates++
          if (status) status.textContent = next.status ?? ""
        }
      } catch (error) {
        if (status) status.textContent = "waiting for the dashboard's server…"
      }
      setTimeout(poll, data.live.intervalMs)
    }
    setTimeout(poll, data.live.intervalMs)
  }
})()`
