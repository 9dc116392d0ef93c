import type { PromptStrings } from './strings'

/** Built-in strings for `pt-BR`. */
export const ptBR: PromptStrings = {
  _npsQuestion: 'Qual é a probabilidade de você nos recomendar a um amigo ou colega?',
  _npsLow: 'Nada provável',
  _npsHigh: 'Extremamente provável',
  _cesQuestion: 'Quão fácil foi fazer o que você veio fazer hoje?',
  _cesLow: 'Muito difícil',
  _cesHigh: 'Muito fácil',
  _followUpLow: 'Sentimos muito. O que devemos melhorar?',
  _followUpMid: 'O que teria deixado a experiência melhor?',
  _followUpHigh: 'Que bom! Do que você mais gostou?',
  _optional: '(opcional)',
  _submit: 'Enviar',
  _close: 'Fechar',
  _thanks: 'Obrigado pela sua opinião!',
}
