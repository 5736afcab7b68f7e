// Generates src/api/schema.d.ts from the committed API contract (../openapi/openapi.json).
//   node scripts/gen-api.mjs          regenerate
//   node scripts/gen-api.mjs --check  regenerate into a temporary file and fail when it differs (drift)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const contract = resolve(root, '../openapi/openapi.json')
const target = join(root, 'src/api/schema.d.ts')
const cli = join(root, 'node_modules/.bin/openapi-typescript')
const check = process.argv.includes('--check')

function generate(out) {
  execFileSync(cli, [contract, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] })
}

if (!check) {
  generate(target)
  console.log(`wrote ${target}`)
} else {
  const dir = mkdtempSync(join(tmpdir(), 'weikao-review-api-'))
  try {
    const fresh = join(dir, 'schema.d.ts')
    generate(fresh)
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : ''
    if (readFileSync(fresh, 'utf8') !== committed) {
      try {
        execFileSync('diff', ['-u', target, fresh], { stdio: 'inherit' })
      } catch {
        // diff exits 1 when the files differ; its output is the point
      }
      console.error('src/api/schema.d.ts is out of date with ../openapi/openapi.json: run `npm run gen:api`')
      process.exit(1)
    }
    console.log('src/api/schema.d.ts matches ../openapi/openapi.json')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
