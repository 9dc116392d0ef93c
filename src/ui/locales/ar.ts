import type { PromptStrings } from './strings'

/** Built-in strings for `ar`. */
export const ar: PromptStrings = {
  _npsQuestion: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  _npsLow: 'غير محتمل على الإطلاق',
  _npsHigh: 'محتمل للغاية',
  _cesQuestion: 'ما مدى سهولة إنجاز ما جئت من أجله اليوم؟',
  _cesLow: 'صعب جدًا',
  _cesHigh: 'سهل جدًا',
  _followUpLow: 'نأسف لذلك. ما الذي علينا تحسينه؟',
  _followUpMid: 'ما الذي كان سيجعل تجربتك أفضل؟',
  _followUpHigh: 'يسعدنا ذلك! ما أكثر ما أعجبك؟',
  _optional: '(اختياري)',
  _submit: 'إرسال',
  _close: 'إغلاق',
  _thanks: 'شكرًا لك على ملاحظاتك!',
}
