import type { Survey } from '../../../../../src/config/survey'

/** A starting point for a new survey. */
export interface SurveyTemplate {
  id: string
  name: { en: string; ja: string }
  survey: Survey
}

/**
 * The editor's templates (issue 14): the moments product teams ask about most, valid as they are
 * (except the blank one, which needs an id and an event), in English and Japanese.
 */
export const TEMPLATES: SurveyTemplate[] = [
  {
    id: 'post-purchase',
    name: { en: 'Post-purchase NPS', ja: '購入後の NPS' },
    survey: {
      id: 'post-purchase-nps',
      type: 'nps',
      question: {
        en: 'How likely are you to recommend us to a friend or colleague?',
        ja: '当店を友人や同僚に勧める可能性はどのくらいありますか？',
      },
      followUp: true,
      trigger: { event: 'purchase_completed', where: { total: { gte: 1000 } }, delay: 2000 },
    },
  },
  {
    id: 'cart-abandonment',
    name: { en: 'Cart-abandonment CES', ja: 'カート放棄の CES' },
    survey: {
      id: 'cart-abandonment-ces',
      type: 'ces',
      question: {
        en: 'How easy was it to find what you were looking for?',
        ja: 'お探しの商品は簡単に見つかりましたか？',
      },
      followUp: { en: 'What got in the way?', ja: 'お困りの点があればお聞かせください。' },
      trigger: { preset: 'cart-abandonment' },
    },
  },
  {
    id: 'after-support',
    name: { en: 'After-support CES', ja: 'サポート後の CES' },
    survey: {
      id: 'after-support-ces',
      type: 'ces',
      question: {
        en: 'How easy was it to get your issue resolved?',
        ja: '問題は簡単に解決できましたか？',
      },
      followUp: true,
      trigger: { event: 'support_ticket_closed', delay: 1000 },
      recontactDays: 30,
    },
  },
  {
    id: 'page',
    name: { en: 'Page-based NPS', ja: 'ページ閲覧の NPS' },
    survey: {
      id: 'docs-page-nps',
      type: 'nps',
      question: {
        en: 'How likely are you to recommend our documentation to a colleague?',
        ja: 'このドキュメントを同僚に勧める可能性はどのくらいありますか？',
      },
      trigger: { timeOnPage: 30000 },
      audience: { url: ['/docs/*'] },
    },
  },
  {
    id: 'blank',
    name: { en: 'Blank', ja: '白紙から' },
    survey: { id: '', type: 'nps', trigger: { event: '' } },
  },
]
