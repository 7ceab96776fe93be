import type { Language } from '../localized-text.ts';
import type { ModerationDecision } from '../submission-history.ts';

/**
 * The wording of the email that tells a submitter what the Secretariat decided on their workshop
 * request, in the six UN languages. Functions take plain text; escaping is the renderer's job.
 */
export interface ModerationEmailTexts {
  readonly subject: Readonly<Record<ModerationDecision, (reference: string) => string>>;
  readonly greeting: (name: string) => string;
  readonly decision: Readonly<
    Record<ModerationDecision, (consultation: string, title: string, reference: string) => string>
  >;
  readonly messageLabel: string;
  /** How to edit: the edit link is in the receipt, which only the submitter holds. */
  readonly howToEdit: (reference: string) => string;
  readonly editUntil: (officialTime: string, yourTime: string) => string;
  readonly replyNote: string;
}

const en: ModerationEmailTexts = {
  subject: {
    accept: (reference) => `Workshop request ${reference} accepted`,
    reject: (reference) => `Decision on workshop request ${reference}`,
    'request-changes': (reference) => `Changes requested to workshop request ${reference}`,
  },
  greeting: (name) => `Dear ${name},`,
  decision: {
    accept: (consultation, title, reference) =>
      `The Secretariat of ${consultation} has accepted your workshop request “${title}” (${reference}).`,
    reject: (consultation, title, reference) =>
      `The Secretariat of ${consultation} regrets that it cannot accept your workshop request “${title}” (${reference}).`,
    'request-changes': (consultation, title, reference) =>
      `The Secretariat of ${consultation} asks you to change your workshop request “${title}” (${reference}) before it decides.`,
  },
  messageLabel: 'Message from the Secretariat:',
  howToEdit: (reference) =>
    `To change it, open the edit link in the receipt we sent you for ${reference}. For your security the link is not repeated here; if you no longer have it, reply to this email.`,
  editUntil: (official, yours) => `You can edit it until ${official} (official time), ${yours} in your time.`,
  replyNote: 'Questions? Reply to this email to reach the Secretariat.',
};

const fr: ModerationEmailTexts = {
  subject: {
    accept: (reference) => `Demande d’atelier ${reference} acceptée`,
    reject: (reference) => `Décision sur la demande d’atelier ${reference}`,
    'request-changes': (reference) => `Modifications demandées pour la demande d’atelier ${reference}`,
  },
  greeting: (name) => `Bonjour ${name},`,
  decision: {
    accept: (consultation, title, reference) =>
      `Le Secrétariat de ${consultation} a accepté votre demande d’atelier « ${title} » (${reference}).`,
    reject: (consultation, title, reference) =>
      `Le Secrétariat de ${consultation} regrette de ne pas pouvoir accepter votre demande d’atelier « ${title} » (${reference}).`,
    'request-changes': (consultation, title, reference) =>
      `Le Secrétariat de ${consultation} vous demande de modifier votre demande d’atelier « ${title} » (${reference}) avant de se prononcer.`,
  },
  messageLabel: 'Message du Secrétariat :',
  howToEdit: (reference) =>
    `Pour la modifier, ouvrez le lien de modification de l’accusé de réception que nous vous avons envoyé pour ${reference}. Par sécurité, ce lien n’est pas répété ici ; si vous ne l’avez plus, répondez à ce courriel.`,
  editUntil: (official, yours) =>
    `Vous pouvez la modifier jusqu’au ${official} (heure officielle), soit ${yours} à votre heure.`,
  replyNote: 'Des questions ? Répondez à ce courriel pour joindre le Secrétariat.',
};

const es: ModerationEmailTexts = {
  subject: {
    accept: (reference) => `Solicitud de taller ${reference} aceptada`,
    reject: (reference) => `Decisión sobre la solicitud de taller ${reference}`,
    'request-changes': (reference) => `Cambios solicitados en la solicitud de taller ${reference}`,
  },
  greeting: (name) => `Estimado/a ${name}:`,
  decision: {
    accept: (consultation, title, reference) =>
      `La Secretaría de ${consultation} ha aceptado su solicitud de taller «${title}» (${reference}).`,
    reject: (consultation, title, reference) =>
      `La Secretaría de ${consultation} lamenta no poder aceptar su solicitud de taller «${title}» (${reference}).`,
    'request-changes': (consultation, title, reference) =>
      `La Secretaría de ${consultation} le pide que modifique su solicitud de taller «${title}» (${reference}) antes de decidir.`,
  },
  messageLabel: 'Mensaje de la Secretaría:',
  howToEdit: (reference) =>
    `Para modificarla, abra el enlace de edición del acuse de recibo que le enviamos para ${reference}. Por seguridad, el enlace no se repite aquí; si ya no lo tiene, responda a este correo.`,
  editUntil: (official, yours) =>
    `Puede modificarla hasta el ${official} (hora oficial), es decir, ${yours} en su hora.`,
  replyNote: '¿Preguntas? Responda a este correo para contactar con la Secretaría.',
};

const ru: ModerationEmailTexts = {
  subject: {
    accept: (reference) => `Заявка на семинар ${reference} принята`,
    reject: (reference) => `Решение по заявке на семинар ${reference}`,
    'request-changes': (reference) => `Требуются изменения в заявке на семинар ${reference}`,
  },
  greeting: (name) => `Уважаемый(ая) ${name}!`,
  decision: {
    accept: (consultation, title, reference) =>
      `Секретариат ${consultation} принял вашу заявку на семинар «${title}» (${reference}).`,
    reject: (consultation, title, reference) =>
      `Секретариат ${consultation}, к сожалению, не может принять вашу заявку на семинар «${title}» (${reference}).`,
    'request-changes': (consultation, title, reference) =>
      `Секретариат ${consultation} просит вас изменить заявку на семинар «${title}» (${reference}), прежде чем принять решение.`,
  },
  messageLabel: 'Сообщение Секретариата:',
  howToEdit: (reference) =>
    `Чтобы изменить заявку, откройте ссылку для изменения из подтверждения получения, которое мы отправили вам для ${reference}. В целях безопасности ссылка здесь не повторяется; если у вас её больше нет, ответьте на это письмо.`,
  editUntil: (official, yours) =>
    `Вы можете изменить её до ${official} (официальное время), то есть до ${yours} по вашему времени.`,
  replyNote: 'Есть вопросы? Ответьте на это письмо, чтобы связаться с Секретариатом.',
};

const zh: ModerationEmailTexts = {
  subject: {
    accept: (reference) => `研讨会申请 ${reference} 已获接受`,
    reject: (reference) => `关于研讨会申请 ${reference} 的决定`,
    'request-changes': (reference) => `请修改研讨会申请 ${reference}`,
  },
  greeting: (name) => `尊敬的${name}：`,
  decision: {
    accept: (consultation, title, reference) =>
      `${consultation}秘书处已接受您的研讨会申请“${title}”（${reference}）。`,
    reject: (consultation, title, reference) =>
      `${consultation}秘书处很遗憾无法接受您的研讨会申请“${title}”（${reference}）。`,
    'request-changes': (consultation, title, reference) =>
      `${consultation}秘书处请您在其作出决定之前修改您的研讨会申请“${title}”（${reference}）。`,
  },
  messageLabel: '秘书处留言：',
  howToEdit: (reference) =>
    `如需修改，请打开我们就 ${reference} 发给您的回执中的编辑链接。为安全起见，此处不再重复该链接；如您已找不到该链接，请回复本邮件。`,
  editUntil: (official, yours) => `您可以在 ${official}（官方时间）之前修改，即您所在时区的 ${yours}。`,
  replyNote: '如有疑问，请直接回复本邮件联系秘书处。',
};

const ar: ModerationEmailTexts = {
  subject: {
    accept: (reference) => `قُبل طلب حلقة العمل ${reference}`,
    reject: (reference) => `قرار بشأن طلب حلقة العمل ${reference}`,
    'request-changes': (reference) => `مطلوب إدخال تعديلات على طلب حلقة العمل ${reference}`,
  },
  greeting: (name) => `السيد/السيدة ${name}،`,
  decision: {
    accept: (consultation, title, reference) =>
      `قبلت أمانة ${consultation} طلبك لتنظيم حلقة العمل «${title}» (${reference}).`,
    reject: (consultation, title, reference) =>
      `تأسف أمانة ${consultation} لعدم تمكنها من قبول طلبك لتنظيم حلقة العمل «${title}» (${reference}).`,
    'request-changes': (consultation, title, reference) =>
      `تطلب منك أمانة ${consultation} تعديل طلبك لتنظيم حلقة العمل «${title}» (${reference}) قبل أن تتخذ قرارها.`,
  },
  messageLabel: 'رسالة من الأمانة:',
  howToEdit: (reference) =>
    `لتعديل الطلب، افتح رابط التعديل الوارد في إشعار الاستلام الذي أرسلناه إليك بشأن ${reference}. حفاظًا على أمانك لا نكرر الرابط هنا؛ وإن لم يعد لديك، فرُدّ على هذه الرسالة.`,
  editUntil: (official, yours) => `يمكنك تعديله حتى ${official} (التوقيت الرسمي)، أي ${yours} بتوقيتك.`,
  replyNote: 'هل لديك أسئلة؟ رُدّ على هذه الرسالة للتواصل مع الأمانة.',
};

export const moderationEmailTexts: Readonly<Record<Language, ModerationEmailTexts>> = {
  ar,
  en,
  es,
  fr,
  ru,
  zh,
};
