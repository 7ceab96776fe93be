import type { Language } from './localized-text.ts';

/**
 * The receipt's wording in the six UN languages. Placeholders in braces are filled by the renderer;
 * everything filled in from a submission is escaped there, never here.
 */
export interface ConfirmationTexts {
  readonly subject: string;
  readonly greeting: string;
  readonly received: string;
  readonly reference: string;
  readonly title: string;
  readonly organization: string;
  readonly officialTime: string;
  readonly submitterTime: string;
  readonly contentSha256: string;
  readonly editLink: string;
  readonly editUntil: string;
  readonly hashNote: string;
  readonly replyNote: string;
}

export const confirmationTexts: Readonly<Record<Language, ConfirmationTexts>> = {
  en: {
    subject: 'Receipt {reference}: {consultation}',
    greeting: 'Dear {name},',
    received:
      'The Secretariat has received your submission to the call “{call}”. This email is your receipt.',
    reference: 'Reference',
    title: 'Title',
    organization: 'Organization',
    officialTime: 'Received (official time)',
    submitterTime: 'Received (your time)',
    contentSha256: 'SHA-256 of the content',
    editLink: 'Edit link',
    editUntil:
      'You can edit or withdraw your submission until {deadline}. Keep this link private: anyone who has it can change your submission.',
    hashNote: 'The SHA-256 is computed over the canonical JSON (RFC 8785) of what you submitted.',
    replyNote: 'Questions? Reply to this email to reach the Secretariat.',
  },
  fr: {
    subject: 'Accusé de réception {reference} : {consultation}',
    greeting: 'Bonjour {name},',
    received:
      'Le Secrétariat a bien reçu votre contribution à l’appel « {call} ». Ce courriel en est l’accusé de réception.',
    reference: 'Référence',
    title: 'Titre',
    organization: 'Organisation',
    officialTime: 'Reçue (heure officielle)',
    submitterTime: 'Reçue (votre heure)',
    contentSha256: 'SHA-256 du contenu',
    editLink: 'Lien de modification',
    editUntil:
      'Vous pouvez modifier ou retirer votre contribution jusqu’au {deadline}. Gardez ce lien pour vous : toute personne qui le détient peut modifier votre contribution.',
    hashNote: 'Le SHA-256 est calculé sur le JSON canonique (RFC 8785) de ce que vous avez envoyé.',
    replyNote: 'Des questions ? Répondez à ce courriel pour joindre le Secrétariat.',
  },
  es: {
    subject: 'Acuse de recibo {reference}: {consultation}',
    greeting: 'Estimado/a {name}:',
    received:
      'La Secretaría ha recibido su contribución a la convocatoria «{call}». Este correo es su acuse de recibo.',
    reference: 'Referencia',
    title: 'Título',
    organization: 'Organización',
    officialTime: 'Recibida (hora oficial)',
    submitterTime: 'Recibida (su hora)',
    contentSha256: 'SHA-256 del contenido',
    editLink: 'Enlace de edición',
    editUntil:
      'Puede modificar o retirar su contribución hasta el {deadline}. Mantenga este enlace en privado: cualquier persona que lo tenga puede cambiar su contribución.',
    hashNote: 'El SHA-256 se calcula sobre el JSON canónico (RFC 8785) de lo que usted envió.',
    replyNote: '¿Preguntas? Responda a este correo para contactar con la Secretaría.',
  },
  ru: {
    subject: 'Подтверждение получения {reference}: {consultation}',
    greeting: 'Уважаемый(ая) {name}!',
    received:
      'Секретариат получил ваш материал по призыву «{call}». Это письмо служит подтверждением получения.',
    reference: 'Номер',
    title: 'Название',
    organization: 'Организация',
    officialTime: 'Получено (официальное время)',
    submitterTime: 'Получено (ваше время)',
    contentSha256: 'SHA-256 содержания',
    editLink: 'Ссылка для изменения',
    editUntil:
      'Вы можете изменить или отозвать свой материал до {deadline}. Не передавайте эту ссылку: любой, у кого она есть, может изменить ваш материал.',
    hashNote: 'SHA-256 вычисляется по каноническому JSON (RFC 8785) отправленного вами материала.',
    replyNote: 'Есть вопросы? Ответьте на это письмо, чтобы связаться с Секретариатом.',
  },
  zh: {
    subject: '回执 {reference}：{consultation}',
    greeting: '尊敬的{name}：',
    received: '秘书处已收到您就“{call}”提交的材料。本邮件即为回执。',
    reference: '编号',
    title: '标题',
    organization: '组织',
    officialTime: '接收时间（官方时间）',
    submitterTime: '接收时间（您的时间）',
    contentSha256: '内容的 SHA-256',
    editLink: '编辑链接',
    editUntil:
      '在 {deadline} 之前，您可以修改或撤回您提交的材料。请妥善保管此链接：任何持有该链接的人都可以修改您提交的材料。',
    hashNote: 'SHA-256 根据您所提交内容的规范 JSON（RFC 8785）计算。',
    replyNote: '如有疑问，请直接回复本邮件联系秘书处。',
  },
  ar: {
    subject: 'إشعار استلام {reference}: {consultation}',
    greeting: 'السيد/السيدة {name}،',
    received: 'تلقت الأمانة مساهمتك في الدعوة «{call}». تُعد هذه الرسالة إشعارًا باستلامها.',
    reference: 'الرقم المرجعي',
    title: 'العنوان',
    organization: 'المنظمة',
    officialTime: 'وقت الاستلام (التوقيت الرسمي)',
    submitterTime: 'وقت الاستلام (توقيتك)',
    contentSha256: 'بصمة SHA-256 للمحتوى',
    editLink: 'رابط التعديل',
    editUntil:
      'يمكنك تعديل مساهمتك أو سحبها حتى {deadline}. احتفظ بهذا الرابط لنفسك: يمكن لأي شخص يملكه تغيير مساهمتك.',
    hashNote: 'تُحسب بصمة SHA-256 على تمثيل JSON القانوني (RFC 8785) لما أرسلته.',
    replyNote: 'هل لديك أسئلة؟ رُدّ على هذه الرسالة للتواصل مع الأمانة.',
  },
};
