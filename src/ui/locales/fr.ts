import type { PromptStrings } from './strings'

/** Built-in strings for `fr`. */
export const fr: PromptStrings = {
  _npsQuestion: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
  _npsLow: 'Pas du tout probable',
  _npsHigh: 'Très probable',
  _cesQuestion:
    'Dans quelle mesure a-t-il été facile de faire ce que vous souhaitiez aujourd’hui ?',
  _cesLow: 'Très difficile',
  _cesHigh: 'Très facile',
  _followUpLow: 'Nous en sommes désolés. Que devrions-nous améliorer ?',
  _followUpMid: 'Qu’est-ce qui aurait rendu votre expérience meilleure ?',
  _followUpHigh: 'Ravis de l’apprendre ! Qu’avez-vous le plus apprécié ?',
  _optional: '(facultatif)',
  _submit: 'Envoyer',
  _close: 'Fermer',
  _thanks: 'Merci pour votre avis !',
}
