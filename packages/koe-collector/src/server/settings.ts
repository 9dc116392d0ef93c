import { isIP } from 'node:net'

/** The reference server's settings, read from the environment once at start. */
export interface Settings {
  /** TCP port, 0..65535 (0: any free port). Default 8787. */
  port: number
  /** Address to listen on. Default 127.0.0.1. */
  host: string
  /** Bearer token for the dashboard, its API and the exports; required beyond loopback. */
  token: string | undefined
  /** Origins whose pages may POST answers, or `'*'` for any (the default). */
  allowedOrigins: string[] | '*'
  /** Batches per second per client address; 0 turns the limit off. Default 10. */
  ratePerSecond: number
  /** PostgreSQL connection string; without it, PGlite in {@link Settings.dataDir}. */
  databaseUrl: string | undefined
  /** PGlite's folder. Default `.koe-data`. */
  dataDir: string
  /** Seconds an alert waits for the comment that usually follows a score. Default 30. */
  alertDelaySeconds: number
  /** Alerts one endpoint gets in an hour at most; beyond, one summary (`KOE_ALERTS_PER_HOUR`). */
  alertsPerHour: number
  /** Alerts may go to loopback and private addresses (`KOE_WEBHOOK_ALLOW_PRIVATE=1`). */
  webhookAllowPrivate: boolean
  /** The SMTP server e-mail endpoints are sent through (`KOE_SMTP_URL`); none: no e-mail. */
  smtpUrl: string | undefined
  /** The sender of those e-mails (`KOE_MAIL_FROM`, e.g. `Koe <koe@shop.example>`). */
  mailFrom: string | undefined
  /** Answers older than this many days are deleted; `undefined` keeps them. */
  retentionDays: number | undefined
  /** The reporting zone (IANA): the dashboard's days are days there. Default UTC. */
  timeZone: string
  /**
   * The survey file a fresh database starts with (issue 14, `KOE_SEED_SURVEYS`): imported as live
   * once, when the library has never held a survey. Default none; the demo (`npm start` in a
   * clone) starts with its own `examples/surveys.json` unless the variable is set (empty: none).
   */
  seedSurveys: string | undefined
  /** The origin people reach the server at through a reverse proxy (`KOE_PUBLIC_URL`). */
  publicOrigin: string | undefined
  /** Reverse proxies whose `X-Forwarded-*` headers are believed (`KOE_TRUSTED_PROXIES`). */
  trustedProxies: string[]
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1']

/** True for an address only this machine can reach. */
export const isLoopback = (host: string) => LOOPBACK.includes(host)

/**
 * The rule for a token that guards customers' words on the internet: at least 32 characters and
 * no whitespace, e.g. `openssl rand -hex 32`.
 */
export const MIN_TOKEN_LENGTH = 32

/**
 * Reads and checks the settings. Every problem is one line naming the variable, the value and
 * the fix; a setting that is wrong never silently turns into a default.
 */
export function readSettings(
  env: Record<string, string | undefined>,
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  const errors: string[] = []
  const port = env.PORT === undefined ? 8787 : Number(env.PORT)
  if (!/^\d+$/.test(env.PORT ?? '0') || port > 65_535)
    errors.push(`PORT=${env.PORT} is not a port number 0..65535`)
  const host = env.HOST || '127.0.0.1'
  const token = env.KOE_DASHBOARD_TOKEN || undefined
  if (!isLoopback(host)) {
    if (!token)
      errors.push(
        `refusing to listen on ${host} without KOE_DASHBOARD_TOKEN: set one (openssl rand -hex 32), or use HOST=127.0.0.1`,
      )
    else if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))
      errors.push(
        `KOE_DASHBOARD_TOKEN is too weak to face the internet on ${host}: use ${MIN_TOKEN_LENGTH} or more characters without spaces (openssl rand -hex 32)`,
      )
  }
  const rate = env.KOE_RATE_LIMIT_PER_SECOND
  const ratePerSecond = rate === undefined ? 10 : Number(rate)
  if (
    rate !== undefined &&
    (rate.trim() === '' || !Number.isFinite(ratePerSecond) || ratePerSecond < 0)
  )
    errors.push(
      `KOE_RATE_LIMIT_PER_SECOND=${rate} is not a number of batches per second (0 turns the limit off)`,
    )
  let allowedOrigins: string[] | '*' = '*'
  if (env.KOE_ALLOWED_ORIGINS !== undefined && env.KOE_ALLOWED_ORIGINS.trim() !== '*') {
    allowedOrigins = env.KOE_ALLOWED_ORIGINS.split(',').map((origin) => origin.trim())
    for (const origin of allowedOrigins) {
      if (!isOrigin(origin))
        errors.push(
          `KOE_ALLOWED_ORIGINS holds "${origin}", which is not an origin like https://shop.example`,
        )
    }
  }
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    errors.push('DATABASE_URL must start with postgres:// or postgresql://')
  const delay = env.KOE_ALERT_DELAY_SECONDS
  const alertDelaySeconds = delay === undefined ? 30 : Number(delay)
  if (delay !== undefined && !/^\d+$/.test(delay))
    errors.push(`KOE_ALERT_DELAY_SECONDS=${delay} is not a whole number of seconds`)
  const perHour = env.KOE_ALERTS_PER_HOUR
  const alertsPerHour = perHour === undefined ? 60 : Number(perHour)
  if (perHour !== undefined && !(/^\d+$/.test(perHour) && alertsPerHour >= 1))
    errors.push(`KOE_ALERTS_PER_HOUR=${perHour} must be a whole number of alerts, 1 or more`)
  const allowPrivate = env.KOE_WEBHOOK_ALLOW_PRIVATE
  if (allowPrivate !== undefined && !['0', '1', ''].includes(allowPrivate))
    errors.push(`KOE_WEBHOOK_ALLOW_PRIVATE=${allowPrivate} must be 1 (allow) or 0`)
  const smtpUrl = env.KOE_SMTP_URL || undefined
  const mailFrom = env.KOE_MAIL_FROM || undefined
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl))
    errors.push('KOE_SMTP_URL must be like smtp://user:password@mail.example:587 (or smtps://)')
  else if (smtpUrl && !mailFrom)
    errors.push('KOE_SMTP_URL is set: set KOE_MAIL_FROM too, the sender, e.g. koe@shop.example')
  const retention = env.KOE_RETENTION_DAYS
  const retentionDays = retention ? Number(retention) : undefined
  if (retention && !(/^\d+$/.test(retention) && Number(retention) >= 1))
    errors.push(`KOE_RETENTION_DAYS=${retention} is not a whole number of days, 1 or more`)
  const timeZone = env.KOE_TIME_ZONE || 'UTC'
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    errors.push(`KOE_TIME_ZONE=${timeZone} is not an IANA time zone, e.g. Asia/Tokyo`)
  }
  const publicUrl = env.KOE_PUBLIC_URL?.replace(/\/$/, '') || undefined
  if (publicUrl && !(isOrigin(publicUrl) && /^https?:/.test(publicUrl)))
    errors.push(
      `KOE_PUBLIC_URL=${env.KOE_PUBLIC_URL} is not an origin like https://koe.example (scheme and host, no path)`,
    )
  else if (publicUrl && !token && !isLoopback(new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')))
    errors.push(
      `KOE_PUBLIC_URL=${publicUrl} reaches beyond this machine: set KOE_DASHBOARD_TOKEN too (openssl rand -hex 32)`,
    )
  const trustedProxies = (env.KOE_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
  for (const address of trustedProxies)
    if (!isIP(address))
      errors.push(
        `KOE_TRUSTED_PROXIES holds "${address}", which is not an IP address (the proxy's, e.g. 127.0.0.1)`,
      )
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    settings: {
      port,
      host,
      token,
      allowedOrigins,
      ratePerSecond,
      databaseUrl,
      dataDir: env.KOE_DATA || '.koe-data',
      alertDelaySeconds,
      alertsPerHour,
      webhookAllowPrivate: allowPrivate === '1',
      smtpUrl,
      mailFrom,
      retentionDays,
      timeZone,
      seedSurveys: env.KOE_SEED_SURVEYS || undefined,
      publicOrigin: publicUrl,
      trustedProxies,
    },
  }
}

function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text
  } catch {
    return false
  }
}
