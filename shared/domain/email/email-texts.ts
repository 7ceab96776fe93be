import type { MeetingMode } from '../consultation-definition.ts';
import type { Language } from '../localized-text.ts';

/**
 * Every sentence of the engine's emails and pages, in the six UN languages. Functions take values
 * that are already plain text (titles, durations, times); escaping is the renderer's job.
 */
export interface EmailTexts {
  readonly confirmSubject: (title: string) => string;
  readonly confirmIntro: (title: string) => string;
  readonly confirmAction: string;
  readonly confirmIgnore: string;
  readonly deadlineSubject: (remaining: string, what: string) => string;
  readonly deadlineIntro: (remaining: string, title: string) => string;
  readonly draftsIntro: string;
  readonly draftNotSubmitted: (draftTitle: string, callTitle: string) => string;
  readonly deadlineLabel: string;
  readonly officialTime: string;
  readonly yourTime: string;
  readonly lateNotAccepted: string;
  readonly meetingSubject: (phase: string, remaining: string, when: string) => string;
  readonly meetingIntro: (phase: string, remaining: string, title: string) => string;
  readonly startsLabel: string;
  readonly venueLabel: string;
  readonly modeLabel: string;
  readonly modes: Readonly<Record<MeetingMode, string>>;
  readonly remoteLabel: string;
  readonly invitationAttached: string;
  readonly whySubscriber: (title: string) => string;
  readonly whyDraftHolder: (title: string) => string;
  readonly unsubscribe: string;
  readonly contact: (address: string) => string;
  readonly confirmPageTitle: string;
  readonly confirmPageDone: string;
  readonly confirmPageFailed: string;
  readonly unsubscribePageTitle: string;
  readonly unsubscribePageIntro: string;
  readonly unsubscribePageButton: string;
  readonly unsubscribePageDone: string;
  readonly unsubscribePageFailed: string;
  readonly needsScript: string;
}

const en: EmailTexts = {
  confirmSubject: (title) => `Confirm your reminders for ${title}`,
  confirmIntro: (title) =>
    `Someone, hopefully you, asked to receive deadline and meeting reminders for ${title} at this address.`,
  confirmAction: 'Confirm my subscription',
  confirmIgnore: 'If this was not you, ignore this email: nothing more will be sent to you.',
  deadlineSubject: (remaining, what) => `${remaining} left to submit: ${what}`,
  deadlineIntro: (remaining, title) => `These calls of ${title} close in ${remaining}:`,
  draftsIntro: 'Your drafts are not submitted yet:',
  draftNotSubmitted: (draft, call) => `Your draft “${draft}” (${call}) is not submitted.`,
  deadlineLabel: 'Deadline',
  officialTime: 'Official time (Geneva)',
  yourTime: 'Your time',
  lateNotAccepted: 'Submissions cannot be accepted after the deadline.',
  meetingSubject: (phase, remaining, when) => `${phase} meeting in ${remaining}: ${when}`,
  meetingIntro: (phase, remaining, title) => `The ${phase} meeting of ${title} takes place in ${remaining}.`,
  startsLabel: 'Starts',
  venueLabel: 'Venue',
  modeLabel: 'Participation',
  modes: { virtual: 'Online', physical: 'In person', hybrid: 'In person, with remote participation' },
  remoteLabel: 'Remote participation',
  invitationAttached: 'A calendar invitation is attached.',
  whySubscriber: (title) => `You receive this email because you subscribed to reminders for ${title}.`,
  whyDraftHolder: (title) => `You receive this email because you hold a draft submission to ${title}.`,
  unsubscribe: 'Unsubscribe from these reminders',
  contact: (address) => `Questions: ${address}`,
  confirmPageTitle: 'Confirm your subscription',
  confirmPageDone: 'Thank you: your subscription is confirmed.',
  confirmPageFailed: 'This link is not valid or has expired. Subscribe again to get a new one.',
  unsubscribePageTitle: 'Unsubscribe',
  unsubscribePageIntro: 'Stop receiving reminders for this consultation at this address?',
  unsubscribePageButton: 'Unsubscribe',
  unsubscribePageDone: 'You are unsubscribed. No more reminders will be sent to you.',
  unsubscribePageFailed: 'This link is not valid.',
  needsScript: 'This page needs JavaScript to send your choice.',
};

const fr: EmailTexts = {
  confirmSubject: (title) => `Confirmez vos rappels pour ${title}`,
  confirmIntro: (title) =>
    `Quelqu’un, vous sans doute, a demandé à recevoir à cette adresse les rappels d’échéances et de réunions de ${title}.`,
  confirmAction: 'Confirmer mon abonnement',
  confirmIgnore: 'Si ce n’était pas vous, ignorez ce message : rien d’autre ne vous sera envoyé.',
  deadlineSubject: (remaining, what) => `Plus que ${remaining} pour soumettre : ${what}`,
  deadlineIntro: (remaining, title) => `Ces appels de ${title} se ferment dans ${remaining} :`,
  draftsIntro: 'Vos brouillons ne sont pas encore soumis :',
  draftNotSubmitted: (draft, call) => `Votre brouillon « ${draft} » (${call}) n’est pas soumis.`,
  deadlineLabel: 'Date limite',
  officialTime: 'Heure officielle (Genève)',
  yourTime: 'Votre heure',
  lateNotAccepted: 'Aucune contribution ne peut être acceptée après la date limite.',
  meetingSubject: (phase, remaining, when) => `Réunion de la ${phase} dans ${remaining} : ${when}`,
  meetingIntro: (phase, remaining, title) =>
    `La réunion de la ${phase} de ${title} a lieu dans ${remaining}.`,
  startsLabel: 'Début',
  venueLabel: 'Lieu',
  modeLabel: 'Participation',
  modes: {
    virtual: 'En ligne',
    physical: 'En présentiel',
    hybrid: 'En présentiel, avec participation à distance',
  },
  remoteLabel: 'Participation à distance',
  invitationAttached: 'Une invitation de calendrier est jointe.',
  whySubscriber: (title) => `Vous recevez ce message car vous êtes abonné(e) aux rappels de ${title}.`,
  whyDraftHolder: (title) => `Vous recevez ce message car vous avez un brouillon de contribution à ${title}.`,
  unsubscribe: 'Se désabonner de ces rappels',
  contact: (address) => `Questions : ${address}`,
  confirmPageTitle: 'Confirmez votre abonnement',
  confirmPageDone: 'Merci : votre abonnement est confirmé.',
  confirmPageFailed:
    'Ce lien n’est pas valide ou a expiré. Abonnez-vous à nouveau pour en recevoir un autre.',
  unsubscribePageTitle: 'Désabonnement',
  unsubscribePageIntro: 'Ne plus recevoir à cette adresse les rappels de cette consultation ?',
  unsubscribePageButton: 'Me désabonner',
  unsubscribePageDone: 'Vous êtes désabonné(e). Aucun rappel ne vous sera plus envoyé.',
  unsubscribePageFailed: 'Ce lien n’est pas valide.',
  needsScript: 'Cette page a besoin de JavaScript pour envoyer votre choix.',
};

const es: EmailTexts = {
  confirmSubject: (title) => `Confirme sus recordatorios de ${title}`,
  confirmIntro: (title) =>
    `Alguien, probablemente usted, pidió recibir en esta dirección los recordatorios de plazos y reuniones de ${title}.`,
  confirmAction: 'Confirmar mi suscripción',
  confirmIgnore: 'Si no fue usted, ignore este mensaje: no se le enviará nada más.',
  deadlineSubject: (remaining, what) => `Quedan ${remaining} para presentar: ${what}`,
  deadlineIntro: (remaining, title) => `Estas convocatorias de ${title} se cierran dentro de ${remaining}:`,
  draftsIntro: 'Sus borradores aún no se han presentado:',
  draftNotSubmitted: (draft, call) => `Su borrador «${draft}» (${call}) no se ha presentado.`,
  deadlineLabel: 'Fecha límite',
  officialTime: 'Hora oficial (Ginebra)',
  yourTime: 'Su hora',
  lateNotAccepted: 'No se aceptan contribuciones después de la fecha límite.',
  meetingSubject: (phase, remaining, when) => `Reunión de la ${phase} dentro de ${remaining}: ${when}`,
  meetingIntro: (phase, remaining, title) =>
    `La reunión de la ${phase} de ${title} se celebra dentro de ${remaining}.`,
  startsLabel: 'Comienza',
  venueLabel: 'Lugar',
  modeLabel: 'Participación',
  modes: { virtual: 'En línea', physical: 'Presencial', hybrid: 'Presencial, con participación a distancia' },
  remoteLabel: 'Participación a distancia',
  invitationAttached: 'Se adjunta una invitación de calendario.',
  whySubscriber: (title) => `Recibe este mensaje porque se suscribió a los recordatorios de ${title}.`,
  whyDraftHolder: (title) => `Recibe este mensaje porque tiene un borrador de contribución a ${title}.`,
  unsubscribe: 'Cancelar la suscripción a estos recordatorios',
  contact: (address) => `Consultas: ${address}`,
  confirmPageTitle: 'Confirme su suscripción',
  confirmPageDone: 'Gracias: su suscripción está confirmada.',
  confirmPageFailed: 'Este enlace no es válido o ha caducado. Suscríbase de nuevo para recibir otro.',
  unsubscribePageTitle: 'Cancelar la suscripción',
  unsubscribePageIntro: '¿Dejar de recibir en esta dirección los recordatorios de esta consulta?',
  unsubscribePageButton: 'Cancelar la suscripción',
  unsubscribePageDone: 'Su suscripción está cancelada. No se le enviarán más recordatorios.',
  unsubscribePageFailed: 'Este enlace no es válido.',
  needsScript: 'Esta página necesita JavaScript para enviar su elección.',
};

const ru: EmailTexts = {
  confirmSubject: (title) => `Подтвердите напоминания: ${title}`,
  confirmIntro: (title) =>
    `Кто-то, вероятно вы, попросил присылать на этот адрес напоминания о сроках и заседаниях: ${title}.`,
  confirmAction: 'Подтвердить подписку',
  confirmIgnore: 'Если это были не вы, не обращайте внимания на это письмо: больше писем не будет.',
  deadlineSubject: (remaining, what) => `Осталось ${remaining} до окончания приема: ${what}`,
  deadlineIntro: (remaining, title) =>
    `Прием по этим направлениям (${title}) закрывается через ${remaining}:`,
  draftsIntro: 'Ваши черновики еще не отправлены:',
  draftNotSubmitted: (draft, call) => `Ваш черновик «${draft}» (${call}) не отправлен.`,
  deadlineLabel: 'Крайний срок',
  officialTime: 'Официальное время (Женева)',
  yourTime: 'Ваше время',
  lateNotAccepted: 'После крайнего срока материалы не принимаются.',
  meetingSubject: (phase, remaining, when) => `${phase}: заседание через ${remaining}, ${when}`,
  meetingIntro: (phase, remaining, title) => `${phase}: заседание (${title}) состоится через ${remaining}.`,
  startsLabel: 'Начало',
  venueLabel: 'Место',
  modeLabel: 'Формат участия',
  modes: { virtual: 'Онлайн', physical: 'Очно', hybrid: 'Очно, с возможностью дистанционного участия' },
  remoteLabel: 'Дистанционное участие',
  invitationAttached: 'Приглашение в календарь приложено.',
  whySubscriber: (title) => `Вы получили это письмо, потому что подписались на напоминания: ${title}.`,
  whyDraftHolder: (title) => `Вы получили это письмо, потому что у вас есть черновик материала: ${title}.`,
  unsubscribe: 'Отписаться от этих напоминаний',
  contact: (address) => `Вопросы: ${address}`,
  confirmPageTitle: 'Подтверждение подписки',
  confirmPageDone: 'Спасибо, подписка подтверждена.',
  confirmPageFailed: 'Ссылка недействительна или устарела. Подпишитесь снова, чтобы получить новую.',
  unsubscribePageTitle: 'Отписка',
  unsubscribePageIntro: 'Больше не присылать на этот адрес напоминания об этой консультации?',
  unsubscribePageButton: 'Отписаться',
  unsubscribePageDone: 'Вы отписались. Напоминания больше не будут приходить.',
  unsubscribePageFailed: 'Ссылка недействительна.',
  needsScript: 'Для отправки вашего выбора на этой странице нужен JavaScript.',
};

const zh: EmailTexts = {
  confirmSubject: (title) => `请确认订阅提醒：${title}`,
  confirmIntro: (title) => `有人（应该是您）请求向此地址发送${title}的截止日期和会议提醒。`,
  confirmAction: '确认订阅',
  confirmIgnore: '如果不是您本人，请忽略此邮件：我们不会再向您发送任何邮件。',
  deadlineSubject: (remaining, what) => `距提交截止还有${remaining}：${what}`,
  deadlineIntro: (remaining, title) => `${title}的以下征集将在${remaining}后截止：`,
  draftsIntro: '您的草稿尚未提交：',
  draftNotSubmitted: (draft, call) => `您的草稿“${draft}”（${call}）尚未提交。`,
  deadlineLabel: '截止时间',
  officialTime: '官方时间（日内瓦）',
  yourTime: '您的时间',
  lateNotAccepted: '截止时间之后提交的材料不予接受。',
  meetingSubject: (phase, remaining, when) => `${phase}会议将在${remaining}后举行：${when}`,
  meetingIntro: (phase, remaining, title) => `${title}的${phase}会议将在${remaining}后举行。`,
  startsLabel: '开始时间',
  venueLabel: '地点',
  modeLabel: '参会方式',
  modes: { virtual: '线上', physical: '现场', hybrid: '现场，并可远程参会' },
  remoteLabel: '远程参会',
  invitationAttached: '附件为日历邀请。',
  whySubscriber: (title) => `您收到此邮件，是因为您订阅了${title}的提醒。`,
  whyDraftHolder: (title) => `您收到此邮件，是因为您在${title}中有未提交的草稿。`,
  unsubscribe: '退订这些提醒',
  contact: (address) => `咨询：${address}`,
  confirmPageTitle: '确认订阅',
  confirmPageDone: '谢谢，您的订阅已确认。',
  confirmPageFailed: '此链接无效或已过期。请重新订阅以获取新链接。',
  unsubscribePageTitle: '退订',
  unsubscribePageIntro: '不再向此地址发送本次磋商的提醒？',
  unsubscribePageButton: '退订',
  unsubscribePageDone: '您已退订，我们不会再向您发送提醒。',
  unsubscribePageFailed: '此链接无效。',
  needsScript: '此页面需要 JavaScript 才能提交您的选择。',
};

const ar: EmailTexts = {
  confirmSubject: (title) => `أكِّد اشتراكك في التذكيرات: ${title}`,
  confirmIntro: (title) =>
    `طلب شخصٌ ما، ونرجو أن تكون أنت، تلقي تذكيرات المواعيد النهائية والاجتماعات الخاصة بـ ${title} على هذا العنوان.`,
  confirmAction: 'تأكيد اشتراكي',
  confirmIgnore: 'إن لم تكن أنت صاحب الطلب، فتجاهل هذه الرسالة: لن يُرسل إليك أي شيء آخر.',
  deadlineSubject: (remaining, what) => `تبقّى ${remaining} على موعد التقديم: ${what}`,
  deadlineIntro: (remaining, title) => `تُغلق الدعوات التالية الخاصة بـ ${title} بعد ${remaining}:`,
  draftsIntro: 'مسوداتك لم تُقدَّم بعد:',
  draftNotSubmitted: (draft, call) => `مسودتك «${draft}» (${call}) لم تُقدَّم.`,
  deadlineLabel: 'الموعد النهائي',
  officialTime: 'التوقيت الرسمي (جنيف)',
  yourTime: 'توقيتك',
  lateNotAccepted: 'لا تُقبل المساهمات بعد الموعد النهائي.',
  meetingSubject: (phase, remaining, when) => `اجتماع ${phase} بعد ${remaining}: ${when}`,
  meetingIntro: (phase, remaining, title) => `يُعقد اجتماع ${phase} الخاص بـ ${title} بعد ${remaining}.`,
  startsLabel: 'البدء',
  venueLabel: 'المكان',
  modeLabel: 'طريقة المشاركة',
  modes: { virtual: 'عبر الإنترنت', physical: 'حضورياً', hybrid: 'حضورياً مع إمكانية المشاركة عن بُعد' },
  remoteLabel: 'المشاركة عن بُعد',
  invitationAttached: 'مرفق دعوة تقويم.',
  whySubscriber: (title) => `تتلقى هذه الرسالة لأنك اشتركت في تذكيرات ${title}.`,
  whyDraftHolder: (title) => `تتلقى هذه الرسالة لأن لديك مسودة مساهمة في ${title}.`,
  unsubscribe: 'إلغاء الاشتراك في هذه التذكيرات',
  contact: (address) => `للاستفسار: ${address}`,
  confirmPageTitle: 'تأكيد الاشتراك',
  confirmPageDone: 'شكراً لك: تم تأكيد اشتراكك.',
  confirmPageFailed: 'هذا الرابط غير صالح أو انتهت صلاحيته. اشترك مجدداً للحصول على رابط جديد.',
  unsubscribePageTitle: 'إلغاء الاشتراك',
  unsubscribePageIntro: 'هل تريد التوقف عن تلقي تذكيرات هذه المشاورة على هذا العنوان؟',
  unsubscribePageButton: 'إلغاء الاشتراك',
  unsubscribePageDone: 'تم إلغاء اشتراكك. لن تُرسل إليك تذكيرات بعد الآن.',
  unsubscribePageFailed: 'هذا الرابط غير صالح.',
  needsScript: 'تحتاج هذه الصفحة إلى JavaScript لإرسال اختيارك.',
};

export const emailTexts: Readonly<Record<Language, EmailTexts>> = { ar, en, es, fr, ru, zh };
