import type { PromptStrings } from './strings'

/** Built-in strings for `he`. */
export const he: PromptStrings = {
  _npsQuestion: 'מה הסיכוי שתמליצו עלינו לחבר או לעמית?',
  _npsLow: 'בכלל לא סביר',
  _npsHigh: 'סביר מאוד',
  _cesQuestion: 'עד כמה היה קל לעשות את מה שבאתם לעשות היום?',
  _cesLow: 'קשה מאוד',
  _cesHigh: 'קל מאוד',
  _followUpLow: 'אנחנו מצטערים. מה כדאי לנו לשפר?',
  _followUpMid: 'מה היה הופך את החוויה לטובה יותר?',
  _followUpHigh: 'שמחים לשמוע! מה אהבתם במיוחד?',
  _optional: '(לא חובה)',
  _submit: 'שליחה',
  _close: 'סגירה',
  _thanks: 'תודה על המשוב!',
}
