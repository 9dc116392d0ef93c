import type { PromptStrings } from './strings'

/** Built-in strings for `zh-TW`. */
export const zhTW: PromptStrings = {
  _npsQuestion: '您向朋友或同事推薦我們的可能性有多高？',
  _npsLow: '完全不可能',
  _npsHigh: '非常可能',
  _cesQuestion: '您今天辦理事項的過程有多容易？',
  _cesLow: '非常困難',
  _cesHigh: '非常容易',
  _followUpLow: '很抱歉造成您的不便。我們應該在哪些地方改進？',
  _followUpMid: '怎麼做能讓您的體驗更好？',
  _followUpHigh: '很高興聽到這個！您最喜歡哪一點？',
  _optional: '（選填）',
  _submit: '送出',
  _close: '關閉',
  _thanks: '感謝您的意見回饋！',
}
