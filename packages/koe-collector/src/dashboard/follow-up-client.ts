import type { AlertRule, WebhookView } from '../contract/alerts'
import type { ErasureReport } from '../contract/erasure'
import type { FollowUpStatus, InboxItem, Theme } from '../contract/inbox'
import { call, searchParams } from './api-call'

/** The inbox's filters, as the query string takes them. */
export interface InboxQuery {
  surveyId?: string
  group?: string
  status?: string
  theme?: string
  locale?: string
  /** `name:value` of an `identify` attribute. */
  attribute?: string
}

export const followUp = {
  inbox: (q: InboxQuery) =>
    call<{ items: InboxItem[]; next: string | null }>('GET', `/api/inbox?${searchParams(q)}`),
  setStatus: (id: string, status: FollowUpStatus, note: string) =>
    call('PATCH', `/api/inbox/${id}`, { status, note: note || null }),
  themes: (surveyId?: string) =>
    call<{ negative: Theme[]; positive: Theme[] }>(
      'GET',
      `/api/themes?${searchParams({ surveyId })}`,
    ),
  webhooks: () => call<{ webhooks: WebhookView[] }>('GET', '/api/webhooks'),
  addWebhook: (input: {
    name: string
    url: string
    format: string
    rule: AlertRule
    answers: boolean
    digest: string | null
    changes: boolean
  }) => call<{ webhook: WebhookView; secret: string }>('POST', '/api/webhooks', input),
  testWebhook: (id: string) => call('POST', `/api/webhooks/${id}/test`),
  resumeWebhook: (id: string) => call('POST', `/api/webhooks/${id}/resume`),
  removeWebhook: (id: string) => call('DELETE', `/api/webhooks/${id}`),
  erase: (subject: 'userId' | 'anonymousId', id: string) =>
    call<ErasureReport>('POST', '/api/erase', { [subject]: id }),
  erasures: () => call<{ erasures: ErasureReport[] }>('GET', '/api/erasures'),
}
