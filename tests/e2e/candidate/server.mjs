// A throwaway backend for the browser journeys: a fresh PostgreSQL database, `weikao seed-demo`, then
// `weikao serve` on a free port with the built SPA from frontend-candidate/dist, until stop() drops it all.
//
//   import { startServer } from './server.mjs'       (used by journeys.test.mjs)
//   node server.mjs                                   (starts one and waits; Ctrl-C stops and cleans up)
//
// Environment: WEIKAO_BIN (default /work/.cache/cargo-target/debug/weikao), E2E_PG_URL (default
// postgres://postgres@127.0.0.1:5432). Builds nothing; the binary and frontend-candidate/dist must exist.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStaticProxy } from './static-proxy.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const REPO = resolve(here, '../../..')
export const ARTIFACTS = join(REPO, 'tests/e2e/artifacts/candidate')
const DIST = join(REPO, 'frontend-candidate/dist')
const PG = (process.env.E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '')

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

/** Runs SQL with psql as the owner; returns stdout (unaligned, tuples only). */
export function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error}`)
  return r.stdout.trim()
}

/** The environment for weikao: ours only, never a stray WEIKAO_* of the caller (weikao rejects unknown ones). */
function weikaoEnv(extra) {
  const env = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WEIKAO_')) env[k] = v
  return { ...env, ...extra }
}

async function waitReady(base, proc, timeoutMs) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`weikao serve exited with ${proc.exitCode}`)
    try {
      const r = await fetch(`${base}/readyz`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`weikao serve not ready after ${timeoutMs} ms`)
}

/** Whether weikao itself serves the SPA at / (static serving landed in `weikao serve`). */
async function servesSpa(base) {
  try {
    const r = await fetch(`${base}/login`)
    return r.ok && (r.headers.get('content-type') ?? '').includes('text/html') && (await r.text()).includes('id="app"')
  } catch {
    return false
  }
}

export async function startServer({ log = console.error } = {}) {
  const bin = process.env.WEIKAO_BIN ?? '/work/.cache/cargo-target/debug/weikao'
  if (!existsSync(bin)) throw new Error(`weikao binary not found at ${bin} (set WEIKAO_BIN; this runner builds no Rust)`)
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} is not built`)
  mkdirSync(ARTIFACTS, { recursive: true })

  const db = `weikao_e2e_${randomBytes(6).toString('hex')}`
  const tmp = mkdtempSync(join(tmpdir(), 'weikao-e2e-'))
  const web = join(tmp, 'web')
  mkdirSync(web)
  symlinkSync(DIST, join(web, 'candidate'))
  const port = await freePort()
  const ownerUrl = `${PG}/${db}`
  const appUrl = `${PG.replace('postgres://postgres@', 'postgres://weikao_app@')}/${db}`
  const env = weikaoEnv({
    WEIKAO_DATABASE_OWNER_URL: ownerUrl,
    WEIKAO_DATABASE_URL: appUrl,
    WEIKAO_BIND: `127.0.0.1:${port}`,
    WEIKAO_PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEIKAO_DATA_DIR: join(tmp, 'data'),
    WEIKAO_WEB_DIR: web,
    WEIKAO_CODE_RESEND_SECS: '0',
    WEIKAO_LOG: 'warn',
  })

  psql(`${PG}/postgres`, `CREATE DATABASE ${db}`)
  let proc = null
  let proxy = null
  const stop = async () => {
    if (proxy) await proxy.close()
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    try {
      psql(`${PG}/postgres`, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    } catch (e) {
      log(`could not drop ${db}: ${e.message}`)
    }
    rmSync(tmp, { recursive: true, force: true })
  }

  try {
    const seed = spawnSync(bin, ['seed-demo'], { env, encoding: 'utf8' })
    if (seed.status !== 0) throw new Error(`weikao seed-demo failed:\n${seed.stdout}\n${seed.stderr}`)
    const serverLog = createWriteStream(join(ARTIFACTS, 'weikao-serve.log'))
    proc = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    proc.stdout.pipe(serverLog)
    proc.stderr.pipe(serverLog)
    const api = `http://127.0.0.1:${port}`
    await waitReady(api, proc, 60_000)
    let base = api
    let mode = 'weikao serve (static SPA + API)'
    if (!(await servesSpa(api))) {
      // Older binaries without SPA serving: serve dist ourselves and proxy /api to weikao.
      proxy = await startStaticProxy({ dist: DIST, api, port: await freePort() })
      base = proxy.url
      mode = 'node static server + /api proxy (this weikao does not serve the SPA)'
    }
    return { base, api, db, ownerUrl, mode, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

const PURPOSE_WORDS = { signup: '注册账号', password_reset: '重置密码', unlock: '解除登录限制' }

/** The newest verification code sent to `recipient` for `purpose`, read from the outbox (waits up to 10 s). */
export async function latestCode(server, recipient, purpose, after = new Date(0)) {
  const word = PURPOSE_WORDS[purpose]
  const until = Date.now() + 10_000
  while (Date.now() < until) {
    const body = psql(
      server.ownerUrl,
      `SELECT body FROM outbox_messages WHERE recipient = '${recipient.replace(/'/g, "''")}'
         AND created_at >= '${after.toISOString()}' ORDER BY created_at DESC LIMIT 1`,
    )
    const code = body.includes(word) ? /(?<!\d)(\d{6})(?!\d)/.exec(body)?.[1] : undefined
    if (code) return code
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no ${purpose} code for ${recipient} in the outbox`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer()
  console.log(`candidate app: ${server.base}  (${server.mode}; database ${server.db}); Ctrl-C stops`)
  const shutdown = async () => {
    await server.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}
