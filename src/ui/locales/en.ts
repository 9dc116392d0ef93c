import type { PromptStrings } from './strings'

/** Built-in strings for `en`. */
export const en: PromptStrings = {
  _npsQuestion: 'How likely are you to recommend us to a friend or colleague?',
  _npsLow: 'Not at all likely',
  _npsHigh: 'Extremely likely',
  _cesQuestion: 'How easy was it to do what you came to do today?',
  _cesLow: 'Very difficult',
  _cesHigh: 'Very easy',
  _followUpLow: 'We are sorry. What should we do better?',
  _followUpMid: 'What would have made it better?',
  _followUpHigh: 'Glad to hear it. What did you like most?',
  _optional: '(optional)',
  _submit: 'Send',
  _close: 'Close',
  _thanks: 'Thank you for your feedback!',
}
