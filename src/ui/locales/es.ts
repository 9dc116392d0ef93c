import type { PromptStrings } from './strings'

/** Built-in strings for `es`. */
export const es: PromptStrings = {
  _npsQuestion: '¿Qué probabilidad hay de que nos recomiende a un amigo o colega?',
  _npsLow: 'Nada probable',
  _npsHigh: 'Muy probable',
  _cesQuestion: '¿Qué tan fácil le resultó hacer hoy lo que vino a hacer?',
  _cesLow: 'Muy difícil',
  _cesHigh: 'Muy fácil',
  _followUpLow: 'Lo sentimos. ¿Qué deberíamos mejorar?',
  _followUpMid: '¿Qué lo habría hecho mejor?',
  _followUpHigh: '¡Nos alegra saberlo! ¿Qué fue lo que más le gustó?',
  _optional: '(opcional)',
  _submit: 'Enviar',
  _close: 'Cerrar',
  _thanks: '¡Gracias por su opinión!',
}
