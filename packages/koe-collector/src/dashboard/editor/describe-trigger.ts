import type { Trigger, WhereCondition } from '../../../../../src/config/survey'
import type { Lang } from '../i18n/lang'

/** The editor's languages: the dashboard's (the header's switch sets both). */
export type { Lang }

/** Well-known events of the SDK's presets and data layers, in words. */
const EVENTS: Record<string, { en: string; ja: string }> = {
  purchase_completed: { en: 'a purchase', ja: '購入' },
  cart_updated: { en: 'a cart change', ja: 'カートの変更' },
  checkout_started: { en: 'the start of checkout', ja: 'チェックアウト開始' },
  support_ticket_closed: { en: 'a support ticket is closed', ja: 'サポート問い合わせの完了' },
}
/** Event properties that hold an amount: `{ total: { gte: 1000 } }` reads "of 1,000 or more". */
const AMOUNTS = ['total', 'amount', 'value', 'revenue', 'price']

const seconds = (ms: number, lang: Lang) =>
  `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(ms / 1000)} ${lang === 'ja' ? '秒' : 's'}`

function condition(key: string, value: WhereCondition, lang: Lang): string {
  const n = (x: number) => new Intl.NumberFormat(lang).format(x)
  const amount = AMOUNTS.includes(key)
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = []
    if (value.gte !== undefined)
      parts.push(
        amount
          ? lang === 'ja'
            ? `${n(value.gte)} 以上`
            : `of ${n(value.gte)} or more`
          : `${key} ≥ ${n(value.gte)}`,
      )
    if (value.lte !== undefined)
      parts.push(
        amount
          ? lang === 'ja'
            ? `${n(value.lte)} 以下`
            : `of ${n(value.lte)} or less`
          : `${key} ≤ ${n(value.lte)}`,
      )
    if (value.in) parts.push(`${key} ∈ ${value.in.join(', ')}`)
    if (value.exists !== undefined)
      parts.push(
        lang === 'ja'
          ? `${key} ${value.exists ? 'あり' : 'なし'}`
          : `${value.exists ? 'with' : 'without'} ${key}`,
      )
    return parts.join(lang === 'ja' ? '、' : ' and ')
  }
  return `${key} = ${JSON.stringify(value)}`
}

const pattern = (p: unknown) =>
  typeof p === 'string'
    ? p
    : typeof p === 'object' && p
      ? `/${(p as { regex: string }).regex}/`
      : ''

/**
 * A trigger in words for the survey list: "2 s after a purchase of 1,000 or more",
 * "購入（1,000 以上）の 2 秒後". Anything unknown reads as what it is, never as an error.
 */
export function describeTrigger(trigger: Trigger | undefined, lang: Lang): string {
  if (!trigger || typeof trigger !== 'object') return ''
  const t = trigger as unknown as Record<string, unknown>
  const ja = lang === 'ja'
  let what: string
  if (t.preset === 'post-purchase')
    what = ja
      ? `購入${t.url ? `（${pattern(t.url)}）` : ''}`
      : `a purchase${t.url ? ` (${pattern(t.url)})` : ''}`
  else if (t.preset === 'cart-abandonment')
    what = ja ? '商品の入ったカートの放棄' : 'a full cart is abandoned'
  else if (typeof t.event === 'string') {
    const known = EVENTS[t.event]
    const where = Object.entries((t.where as Record<string, WhereCondition>) ?? {}).map(([k, v]) =>
      condition(k, v, lang),
    )
    const name = known ? known[lang] : ja ? `イベント「${t.event}」` : `the event "${t.event}"`
    what = ja
      ? `${name}${where.length ? `（${where.join('、')}）` : ''}`
      : `${name}${where.length ? ` ${where.join(', ')}` : ''}`
  } else if (t.pageview !== undefined)
    what = ja ? `${pattern(t.pageview)} の表示` : `a view of ${pattern(t.pageview)}`
  else if (t.exitIntent) what = ja ? '離脱の兆候' : 'the visitor is about to leave'
  else if (typeof t.idle === 'number')
    what = ja ? `${seconds(t.idle, lang)}の無操作` : `${seconds(t.idle, lang)} without input`
  else if (typeof t.timeOnPage === 'number')
    what = ja
      ? `ページ滞在 ${seconds(t.timeOnPage, lang)}`
      : `${seconds(t.timeOnPage, lang)} on the page`
  else if (typeof t.scrollDepth === 'number')
    what = ja
      ? `ページの ${Math.round(t.scrollDepth * 100)} % までのスクロール`
      : `${Math.round(t.scrollDepth * 100)} % of the page is scrolled`
  else return ''
  const delay = typeof t.delay === 'number' && t.delay > 0 ? t.delay : 0
  if (ja) return delay ? `${what}の ${seconds(delay, lang)}後` : `${what}の時`
  if (delay) return `${seconds(delay, lang)} after ${what}`
  return `${typeof t.event === 'string' || t.preset === 'post-purchase' || t.pageview !== undefined ? 'After' : 'When'} ${what}`
}
