import type { PromptStrings } from './strings'

/** Built-in strings for `zh-CN`. */
export const zhCN: PromptStrings = {
  _npsQuestion: '您向朋友或同事推荐我们的可能性有多大？',
  _npsLow: '完全不可能',
  _npsHigh: '非常可能',
  _cesQuestion: '您今天办理事务的过程有多轻松？',
  _cesLow: '非常困难',
  _cesHigh: '非常容易',
  _followUpLow: '很抱歉给您带来不便。我们应该在哪些方面改进？',
  _followUpMid: '怎样做能让您的体验更好？',
  _followUpHigh: '很高兴听到这个！您最喜欢哪一点？',
  _optional: '（选填）',
  _submit: '提交',
  _close: '关闭',
  _thanks: '感谢您的反馈！',
}
