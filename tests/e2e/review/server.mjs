// Starts a real `weikao serve` for the journeys: a fresh PostgreSQL database with the demo data, the built
// reviewer console (frontend-review/dist) served by weikao itself at /review/, and clean-up afterwards.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoSecret } from './totp.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = resolve(here, '../../..')
export const artifacts = join(repoRoot, 'tests/e2e/artifacts/review')
const PG = process.env.WEIKAO_E2E_PG ?? process.env.WEIKAO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432'
const BIN = process.env.WEIKAO_BIN ?? '/work/.cache/cargo-target/debug/weikao'

/** Runs SQL as the owner in `database`; returns the rows as unaligned text. */
function psql(sql, database = 'postgres') {
  return execFileSync('psql', [`${PG}/${database}`, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim()
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => res(port))
    })
  })
}

/** The environment for weikao: ours, without any other WEIKAO_* variable (unknown ones are rejected). */
function weikaoEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WEIKAO_')))
  return { ...env, ...extra }
}

/** `  site_reviewer  reviewer  site  scope 410100  TOTP secret XJVY...` → { site_reviewer: 'XJVY...' } */
export function parseSecrets(output) {
  const secrets = {}
  for (const m of output.matchAll(/^\s+(\S+)\s+.*TOTP secret ([A-Z2-7]+)\s*$/gm)) secrets[m[1]] = m[2]
  return secrets
}

/**
 * The demo candidates `seed-demo` lists: `  李明       phone 13800000002  ID 41010519900708031X  (physician)` →
 * [{ name: '李明', phone: '13800000002', idNumber: '41010519900708031X', exam: 'physician' }].
 */
export function parseCandidates(output) {
  return [...output.matchAll(/^\s+(\S+)\s+phone (\d+)\s+ID ([0-9X]+)\s+\((\w+)\)\s*$/gm)].map((m) => ({
    name: m[1],
    phone: m[2],
    idNumber: m[3],
    exam: m[4],
  }))
}

async function waitReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`weikao serve exited with ${child.exitCode}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`)
}

export async function startBackend() {
  if (!existsSync(BIN)) throw new Error(`weikao binary not found at ${BIN} (set WEIKAO_BIN or build it)`)
  const dist = join(repoRoot, 'frontend-review/dist')
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} is not built (npm run build in frontend-review)`)
  mkdirSync(artifacts, { recursive: true })

  const db = `weikao_e2e_${randomBytes(6).toString('hex')}`
  const tmp = mkdtempSync(join(tmpdir(), 'weikao-e2e-review-'))
  const webDir = join(tmp, 'web')
  cpSync(dist, join(webDir, 'review'), { recursive: true })
  const port = await freePort()
  const env = weikaoEnv({
    WEIKAO_DATABASE_OWNER_URL: `${PG}/${db}`,
    WEIKAO_DATABASE_URL: `${PG.replace('postgres@', 'weikao_app@')}/${db}`,
    WEIKAO_BIND: `127.0.0.1:${port}`,
    // the payment-center sandbox is reached at <public URL>/sandbox/paycenter: this server's own address
    WEIKAO_PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEIKAO_DATA_DIR: join(tmp, 'data'),
    WEIKAO_WEB_DIR: webDir,
  })

  psql(`CREATE DATABASE ${db}`)
  let child = null
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    try {
      psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }

  try {
    const seeded = execFileSync(BIN, ['seed-demo'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const secrets = parseSecrets(seeded)
    const candidates = parseCandidates(seeded)
    const secretOf = (username) => secrets[username] ?? demoSecret(username)

    const log = createWriteStream(join(artifacts, 'weikao-serve.log'))
    child = spawn(BIN, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.pipe(log)
    child.stderr.pipe(log)
    const baseUrl = `http://127.0.0.1:${port}`
    await waitReady(`${baseUrl}/readyz`, child)
    /** The newest SMS sent to `phone` (the verification codes of a sign-up made through the API). */
    const lastSms = (phone) =>
      psql(`SELECT body FROM outbox_messages WHERE recipient = '${phone.replace(/'/g, "''")}' ORDER BY created_at DESC LIMIT 1`, db)
    /** Runs SQL as the owner in this database, for states no API can make (abnormal data, the center's side). */
    const sql = (query) => psql(query, db)
    /** Runs a weikao command with this server's environment (its database and data directory). */
    const weikao = (args) => {
      const run = spawnSync(BIN, args, { env, encoding: 'utf8', timeout: 120_000 })
      if (run.error) throw run.error
      return { status: run.status, stdout: run.stdout, stderr: run.stderr }
    }
    return { baseUrl, db, secretOf, candidates, lastSms, sql, weikao, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
