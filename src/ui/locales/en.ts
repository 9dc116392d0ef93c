import type { PromptStrings } from './strings'

export const en: PromptStrings = {
  npsQuestion: 'How likely are you to recommend us to a friend or colleague?',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  cesQuestion: 'How easy was it to do what you came to do today?',
  cesLow: 'Very difficult',
  cesHigh: 'Very easy',
  followUpLow: 'We are sorry. What should we do better? (optional)',
  followUpMid: 'What would have made it better? (optional)',
  followUpHigh: 'Glad to hear it. What did you like most? (optional)',
  submit: 'Send',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
}
