// The `koe-collector` command (issue 28): `koe-collector` serves; `koe-collector users …` manages
// the dashboard's users and `koe-collector outcomes import` takes an order export (issue 30) from
// the shell, on the same database (docs/collector.md).
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isRole, ROLES } from '../contract/roles'
import { createAudit } from './accounts/audit'
import { createUsers } from './accounts/users'
import { openDatabase, StartupError } from './open-database'
import { columnMap, csvToOutcomeLines } from './outcome-csv'
import { MAX_OUTCOME_LINES } from './outcome-lines'
import { createOutcomes } from './outcomes'
import { fail, serve } from './serve'
import { readSettings } from './settings'

/** The package's folder: this file is its dist/koe-collector.js. */
const assets = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const USAGE = `koe-collector: the Koe collector and dashboard

  koe-collector [--demo DIR]           serve (settings from the environment: docs/collector.md)
  koe-collector users add NAME --role ROLE [--password-stdin]
                                       add a user; prints their API token once
  koe-collector users list             list the users
  koe-collector users revoke NAME      revoke a user's token and sign-ins
  koe-collector outcomes import FILE [--columns id=order_id,userId=customer_id,…]
                                       import what customers did next (orders…) from CSV
                                       or NDJSON, as POST /api/outcomes does

Roles: ${ROLES.join(', ')}. Data: PGlite in KOE_DATA (default .koe-data), or DATABASE_URL.`

/** The value after `--name`, or `undefined`. */
const option = (args: string[], name: string) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

async function usersCommand(args: string[]): Promise<void> {
  const [action, name] = args
  const read = readSettings(process.env)
  if (!read.ok) fail(read.errors.join('\n[koe] '))
  const db = await openDatabase(read.settings).catch((error) =>
    fail(error instanceof StartupError ? error.message : String(error)),
  )
  try {
    const users = createUsers(db.sql)
    const audit = createAudit(db.sql)
    const shell = { id: null, name: 'shell', role: 'admin' as const }
    if (action === 'add' && name) {
      const role = option(args, '--role')
      if (!isRole(role)) fail(`--role must be one of ${ROLES.join(', ')}`)
      const password = args.includes('--password-stdin') ? await readStdin() : undefined
      const added = await users.add(name, role, password)
      if ('error' in added) fail(added.error)
      await audit.write(shell, 'user.add', `${added.name} (${added.role})`)
      console.log(`Added ${added.name} (${added.role}). Their API token, shown this once:`)
      console.log(added.token)
    } else if (action === 'list') {
      for (const user of await users.list())
        console.log(
          `${user.name}\t${user.role}${user.hasPassword ? '\tpassword' : ''}${user.revokedAt ? `\trevoked ${user.revokedAt}` : ''}`,
        )
    } else if (action === 'revoke' && name) {
      const user = (await users.list()).find((u) => u.name === name)
      if (!user) fail(`no user named "${name}"`)
      await users.revoke(user.id)
      await audit.write(shell, 'user.revoke', user.id)
      console.log(`Revoked ${name}: their token and sign-ins no longer work.`)
    } else {
      console.error(USAGE)
      process.exitCode = 2
    }
  } finally {
    await db.close()
  }
}

/** `koe-collector outcomes import FILE`: a CSV or NDJSON export of orders into the database. */
async function outcomesCommand(args: string[]): Promise<void> {
  const [action, file] = args
  if (action !== 'import' || !file) {
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  const map = columnMap(option(args, '--columns'))
  if (typeof map === 'string') fail(map)
  const text = await readFile(file, 'utf8').catch((error) => fail(`cannot read ${file} (${error})`))
  // NDJSON starts with an object; anything else is read as CSV with a header row.
  const csv = !text.trimStart().startsWith('{')
  const lines = csv ? csvToOutcomeLines(text, map) : text.split('\n')
  const read = readSettings(process.env)
  if (!read.ok) fail(read.errors.join('\n[koe] '))
  const db = await openDatabase(read.settings).catch((error) =>
    fail(error instanceof StartupError ? error.message : String(error)),
  )
  try {
    const outcomes = createOutcomes(db.sql)
    let accepted = 0
    let duplicates = 0
    // In parts of the API's size, so that one import holds no more than one request would.
    for (let start = 0; start < lines.length; start += MAX_OUTCOME_LINES) {
      const result = await outcomes.importLines(
        lines.slice(start, start + MAX_OUTCOME_LINES).join('\n'),
      )
      if (typeof result === 'string') fail(result)
      accepted += result.accepted
      duplicates += result.duplicates
      // A CSV's data rows start at row 2, after the header.
      for (const { line, error } of result.rejected)
        console.error(`${file}: ${csv ? 'row' : 'line'} ${start + line + (csv ? 1 : 0)}: ${error}`)
      if (result.rejected.length) process.exitCode = 1
    }
    console.log(`${accepted} accepted, ${duplicates} already stored`)
  } finally {
    await db.close()
  }
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'users') await usersCommand(rest)
else if (command === 'outcomes') await outcomesCommand(rest)
else if (command === '--help' || command === 'help') console.log(USAGE)
else if (command === undefined || command === '--demo') {
  const demo = option(process.argv.slice(2), '--demo')
  if (command === '--demo' && !demo) fail('--demo needs the folder of a clone of the repository')
  await serve({ assets, demo: demo && resolve(demo) })
} else {
  console.error(`koe-collector: unknown command "${command}"\n\n${USAGE}`)
  process.exit(2)
}
