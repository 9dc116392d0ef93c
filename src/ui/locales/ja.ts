import type { PromptStrings } from './strings'

export const ja: PromptStrings = {
  npsQuestion: 'この商品・サービスを友人や同僚に勧める可能性はどのくらいありますか?',
  npsLow: '全く勧めない',
  npsHigh: '非常に勧めたい',
  cesQuestion: '本日のお手続きはどのくらい簡単でしたか?',
  cesLow: 'とても難しかった',
  cesHigh: 'とても簡単だった',
  followUpLow: 'ご不便をおかけしました。改善すべき点をお聞かせください(任意)',
  followUpMid: 'より良くするために、何があればよかったでしょうか?(任意)',
  followUpHigh: 'ありがとうございます。特に良かった点をお聞かせください(任意)',
  submit: '送信',
  close: '閉じる',
  thanks: 'ご回答ありがとうございました。',
}
