import { createTransport } from 'nodemailer'

/** Sends an alert or report as a plain-text e-mail; rejects when the server did not take it. */
export type Mailer = (message: {
  to: string
  subject: string
  text: string
  /** The alert's idempotency key, made the Message-ID: a mail client shows a resent one once. */
  key: string
}) => Promise<void>

/**
 * E-mail through the SMTP server of `KOE_SMTP_URL` (`smtp://user:password@host:587`, or `smtps://`
 * for TLS from the start), from `KOE_MAIL_FROM`, with nodemailer. STARTTLS is used when the
 * server offers it.
 */
export function createMailer(url: string, from: string, timeoutMs = 10_000): Mailer {
  const transport = createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  return async ({ to, subject, text, key }) => {
    await transport.sendMail({
      from,
      to,
      subject,
      text,
      messageId: `<${key.replace(/[^\w.:-]/g, '-')}@koe>`,
    })
  }
}
