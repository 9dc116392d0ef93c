import type { PromptStrings } from './strings'

/** Built-in strings for `ko`. */
export const ko: PromptStrings = {
  _npsQuestion: '친구나 동료에게 저희를 추천할 가능성은 얼마나 되나요?',
  _npsLow: '전혀 추천하지 않음',
  _npsHigh: '매우 추천함',
  _cesQuestion: '오늘 원하시던 일을 처리하기가 얼마나 쉬우셨나요?',
  _cesLow: '매우 어려움',
  _cesHigh: '매우 쉬움',
  _followUpLow: '불편을 드려 죄송합니다. 어떤 점을 개선하면 좋을까요?',
  _followUpMid: '어떤 점이 더 좋았으면 하셨나요?',
  _followUpHigh: '감사합니다! 가장 마음에 드신 점은 무엇인가요?',
  _optional: '(선택)',
  _submit: '보내기',
  _close: '닫기',
  _thanks: '소중한 의견 감사합니다!',
}
