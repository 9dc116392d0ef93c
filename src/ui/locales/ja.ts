import type { PromptStrings } from './strings'

/** Built-in strings for `ja`. */
export const ja: PromptStrings = {
  _npsQuestion: 'この商品・サービスを友人や同僚に勧める可能性はどのくらいありますか？',
  _npsLow: '全く勧めない',
  _npsHigh: '非常に勧めたい',
  _cesQuestion: '本日のお手続きはどのくらい簡単でしたか？',
  _cesLow: 'とても難しかった',
  _cesHigh: 'とても簡単だった',
  _followUpLow: 'ご不便をおかけしました。改善すべき点をお聞かせください。',
  _followUpMid: 'より良くするために、何があればよかったでしょうか？',
  _followUpHigh: 'ありがとうございます。特に良かった点をお聞かせください。',
  _optional: '（任意）',
  _submit: '送信',
  _close: '閉じる',
  _thanks: 'ご回答ありがとうございました。',
}
