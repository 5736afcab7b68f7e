// Fallback for a weikao binary that does not serve the SPA yet: dist/ as static files with history
// fallback to index.html, and /api, /healthz, /readyz proxied to weikao. Test use only.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { Readable } from 'node:stream'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export function startStaticProxy({ dist, api, port }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (/^\/(api\/|healthz|readyz|docs)/.test(url.pathname)) {
      const chunks = []
      for await (const c of req) chunks.push(c)
      const upstream = await fetch(`${api}${url.pathname}${url.search}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection')),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      })
      // fetch() already decoded the body: do not pass on its encoding or length.
      const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(k)))
      res.writeHead(upstream.status, headers)
      if (upstream.body) Readable.fromWeb(upstream.body).pipe(res)
      else res.end()
      return
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '')
    let file = join(dist, rel)
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html')
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () =>
      ok({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  )
}
