import type { PromptStrings } from './strings'

/** Built-in strings for `de`. */
export const de: PromptStrings = {
  _npsQuestion:
    'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?',
  _npsLow: 'Äußerst unwahrscheinlich',
  _npsHigh: 'Äußerst wahrscheinlich',
  _cesQuestion: 'Wie einfach war es heute, Ihr Anliegen zu erledigen?',
  _cesLow: 'Sehr schwierig',
  _cesHigh: 'Sehr einfach',
  _followUpLow: 'Das tut uns leid. Was sollten wir besser machen?',
  _followUpMid: 'Was hätte es für Sie besser gemacht?',
  _followUpHigh: 'Das freut uns! Was hat Ihnen am besten gefallen?',
  _optional: '(optional)',
  _submit: 'Senden',
  _close: 'Schließen',
  _thanks: 'Vielen Dank für Ihr Feedback!',
}
