import {
  type ConsultationDefinition,
  type ConsultationDefinitionInput,
  parseConsultationDefinition,
} from '../consultation-definition.ts';

/**
 * The WSIS Forum 2022 Open Consultation Process, from the ITU Secretary-General's invitation letter
 * (Geneva, 16 August 2021). Instants are the published Geneva times converted to UTC: the process
 * spans both clock changes (CEST until 31 October 2021, CET until 27 March 2022, CEST after).
 * Arabic, Chinese and Russian are given only for short texts we can write reliably; longer texts
 * fall back to English.
 */

// Phase I opens everything that stakeholders submit.
const phaseOneStartsAt = '2021-08-19T12:00:00Z';
// 14:00 CET on 7 March 2022, the start of the Phase IV slot. Calls accept writes strictly before it.
const submissionDeadline = '2022-03-07T13:00:00Z';

const definition = {
  id: 'wsis-forum-2022',
  title: {
    en: 'WSIS Forum 2022: Open Consultation Process',
    es: 'Foro de la CMSI de 2022: Proceso de consultas abiertas',
    fr: 'Forum du SMSI de 2022 : processus de consultation ouverte',
    ru: 'Форум ВВУИО 2022 года: процесс открытых консультаций',
    zh: '2022年信息社会世界峰会论坛：公开磋商进程',
    ar: 'منتدى القمة العالمية لمجتمع المعلومات لعام 2022: عملية المشاورات المفتوحة',
  },
  // Submission references read WSIS22-OS-000042.
  referencePrefix: 'WSIS22',
  theme: {
    en: 'ICTs for well-being, inclusion and resilience: WSIS cooperation for accelerating progress on the SDGs',
    es: 'Las TIC para el bienestar, la inclusión y la resiliencia: la cooperación de la CMSI para acelerar la consecución de los ODS',
    fr: "Les TIC au service du bien-être, de l'inclusion et de la résilience : la coopération dans le cadre du SMSI pour accélérer la réalisation des ODD",
  },
  organisers: [
    { en: 'ITU', es: 'UIT', fr: 'UIT', ru: 'МСЭ', zh: '国际电联', ar: 'الاتحاد الدولي للاتصالات' },
    { en: 'UNESCO', es: 'UNESCO', fr: 'UNESCO', ru: 'ЮНЕСКО', zh: '教科文组织', ar: 'اليونسكو' },
    { en: 'UNCTAD', es: 'UNCTAD', fr: 'CNUCED', ru: 'ЮНКТАД', zh: '贸发会议', ar: 'الأونكتاد' },
    { en: 'UNDP', es: 'PNUD', fr: 'PNUD', ru: 'ПРООН', zh: '开发署', ar: 'برنامج الأمم المتحدة الإنمائي' },
  ],
  contactEmail: 'wsis-info@itu.int',
  officialTimeZone: 'Europe/Zurich',
  stakeholderTypes: [
    'government',
    'private-sector',
    'civil-society',
    'academia-technical',
    'international-organization',
  ],
  phases: [
    {
      number: 1,
      name: {
        en: 'Phase I',
        es: 'Fase I',
        fr: 'Phase I',
        ru: 'Этап I',
        zh: '第一阶段',
        ar: 'المرحلة الأولى',
      },
      // 14:00-15:00 CEST.
      startsAt: phaseOneStartsAt,
      endsAt: '2021-08-19T13:00:00Z',
      summary: {
        en: 'Virtual opening of the open consultation for all stakeholders. The WSIS Forum 2022 submission site opens; official submissions on thematic aspects and on innovative aspects of the format open; the call for nominations of High-Level Track Facilitators opens; the WSIS 2022 Photo Contest is launched.',
        es: 'Inicio de las consultas abiertas (apertura virtual, para todas las partes interesadas): lanzamiento del sitio web del Foro de la CMSI de 2022 para la presentación de contribuciones oficiales; presentación de contribuciones oficiales sobre aspectos temáticos e innovadores relacionados con el formato; apertura de la convocatoria de candidaturas al puesto de Facilitador de la vía de alto nivel; presentación del Concurso Fotográfico de la CMSI de 2022.',
        fr: "Ouverture virtuelle de la consultation ouverte pour toutes les parties prenantes : lancement du site web de soumission du Forum du SMSI de 2022 ; ouverture des contributions officielles sur les aspects thématiques et les aspects novateurs du format ; ouverture de l'appel à candidatures pour les animateurs de la séquence de haut niveau ; lancement du Concours photographique du SMSI de 2022.",
      },
      meeting: { venue: { en: 'Online', es: 'En línea', fr: 'En ligne' }, mode: 'virtual' },
    },
    {
      number: 2,
      name: {
        en: 'Phase II',
        es: 'Fase II',
        fr: 'Phase II',
        ru: 'Этап II',
        zh: '第二阶段',
        ar: 'المرحلة الثانية',
      },
      // 13:50-14:50 CET, a slot of the IGF 2021 programme.
      startsAt: '2021-12-08T12:50:00Z',
      endsAt: '2021-12-08T13:50:00Z',
      summary: {
        en: 'First meeting (virtual/physical) in Katowice, Poland, during the Internet Governance Forum 2021: Open Forum on the implementation of the WSIS Action Lines and the WSIS Forum.',
        es: '1ª reunión virtual/presencial en Katowice (Polonia), durante el FGI de 2021: Foro Abierto sobre la aplicación de las Líneas de Acción de la CMSI y el Foro de la CMSI.',
        fr: 'Première réunion (virtuelle/présentielle) à Katowice (Pologne), pendant le FGI 2021 : forum ouvert sur la mise en œuvre des grandes orientations du SMSI et le Forum du SMSI.',
      },
      meeting: {
        venue: {
          en: 'Katowice, Poland (IGF 2021)',
          es: 'Katowice, Polonia (FGI de 2021)',
          fr: 'Katowice, Pologne (FGI 2021)',
        },
        // "Virtual/physical", and remote participation is offered at every physical meeting.
        mode: 'hybrid',
      },
    },
    {
      number: 3,
      name: {
        en: 'Phase III',
        es: 'Fase III',
        fr: 'Phase III',
        ru: 'Этап III',
        zh: '第三阶段',
        ar: 'المرحلة الثالثة',
      },
      // 14:00-15:00 CET.
      startsAt: '2022-01-31T13:00:00Z',
      endsAt: '2022-01-31T14:00:00Z',
      summary: {
        en: 'Second meeting (virtual/physical).',
        es: '2ª reunión virtual/presencial.',
        fr: 'Deuxième réunion (virtuelle/présentielle).',
      },
      meeting: {
        // The letter names no venue for this meeting; it points to the forum site for updates.
        venue: {
          en: 'Virtual/physical; venue announced at www.wsis.org/forum',
          es: 'Virtual/presencial; lugar anunciado en www.wsis.org/forum',
          fr: 'Virtuelle/présentielle ; lieu annoncé sur www.wsis.org/forum',
        },
        mode: 'hybrid',
      },
    },
    {
      number: 4,
      name: {
        en: 'Phase IV',
        es: 'Fase IV',
        fr: 'Phase IV',
        ru: 'Этап IV',
        zh: '第四阶段',
        ar: 'المرحلة الرابعة',
      },
      // 14:00-15:00 CET. The letter announces a deadline here, not a meeting, so no meeting (and
      // no meeting reminders): the calls' own closing reminders cover it.
      startsAt: submissionDeadline,
      endsAt: '2022-03-07T14:00:00Z',
      summary: {
        en: 'Deadline for official submissions and binding workshop requests.',
        es: 'Fecha límite para la presentación de contribuciones oficiales y solicitudes vinculantes para talleres.',
        fr: "Date limite de soumission des contributions officielles et des demandes contraignantes d'organisation d'ateliers.",
      },
    },
    {
      number: 5,
      name: {
        en: 'Phase V',
        es: 'Fase V',
        fr: 'Phase V',
        ru: 'Этап V',
        zh: '第五阶段',
        ar: 'المرحلة الخامسة',
      },
      // 14:00-15:00 CEST: back on summer time since 27 March 2022.
      startsAt: '2022-05-02T12:00:00Z',
      endsAt: '2022-05-02T13:00:00Z',
      summary: {
        en: 'Third meeting (virtual/physical).',
        es: '3ª reunión virtual/presencial.',
        fr: 'Troisième réunion (virtuelle/présentielle).',
      },
      meeting: {
        venue: {
          en: 'Virtual/physical; venue announced at www.wsis.org/forum',
          es: 'Virtual/presencial; lugar anunciado en www.wsis.org/forum',
          fr: 'Virtuelle/présentielle ; lieu annoncé sur www.wsis.org/forum',
        },
        mode: 'hybrid',
      },
    },
  ],
  calls: [
    {
      kind: 'official-submission',
      title: {
        en: 'Official submissions on thematic aspects and innovative aspects of the format',
        es: 'Contribuciones oficiales sobre aspectos temáticos e innovadores relacionados con el formato',
        fr: 'Contributions officielles sur les aspects thématiques et les aspects novateurs du format',
      },
      opensAt: phaseOneStartsAt,
      closesAt: submissionDeadline,
      referencePrefix: 'OS',
    },
    {
      kind: 'workshop-request',
      title: {
        en: 'Binding workshop requests',
        es: 'Solicitudes vinculantes para talleres',
        fr: "Demandes contraignantes d'organisation d'ateliers",
      },
      opensAt: phaseOneStartsAt,
      closesAt: submissionDeadline,
      referencePrefix: 'WR',
    },
    {
      kind: 'hltf-nomination',
      title: {
        en: 'Nominations of High-Level Track Facilitators',
        es: 'Candidaturas al puesto de Facilitador de la vía de alto nivel',
        fr: "Candidatures aux fonctions d'animateur de la séquence de haut niveau",
      },
      opensAt: phaseOneStartsAt,
      // Published elsewhere with the same 7 March deadline.
      closesAt: submissionDeadline,
      referencePrefix: 'HL',
    },
    {
      kind: 'photo-contest',
      title: {
        en: 'WSIS 2022 Photo Contest entries',
        es: 'Concurso Fotográfico de la CMSI de 2022',
        fr: 'Concours photographique du SMSI de 2022',
      },
      opensAt: phaseOneStartsAt,
      // The deadline as first published. It was later extended to 11 March 2022; that extension is a
      // change of this data at run time (the Secretariat moving a deadline), not part of the seed.
      closesAt: submissionDeadline,
      referencePrefix: 'PC',
    },
    {
      kind: 'regional-input',
      title: {
        en: 'Contributions from regional and national WSIS-related events',
        es: 'Contribuciones procedentes de eventos regionales y nacionales relacionados con la CMSI',
        fr: 'Contributions issues des manifestations régionales et nationales liées au SMSI',
      },
      opensAt: phaseOneStartsAt,
      // The letter gives no date of its own. These contributions are compiled into the same agenda
      // as the official submissions, so they share the one deadline the letter sets; the
      // Secretariat can move it later like any other date.
      closesAt: submissionDeadline,
      referencePrefix: 'RI',
    },
  ],
  forum: {
    opensOn: '2022-03-15',
    finalWeek: { startsOn: '2022-05-30', endsOn: '2022-06-03' },
    venue: {
      en: 'ITU headquarters, Geneva (possibly fully virtual or hybrid)',
      es: 'Sede de la UIT, Ginebra (posiblemente de manera totalmente virtual o híbrida)',
      fr: "Siège de l'UIT, Genève (éventuellement entièrement virtuel ou hybride)",
    },
  },
  reminderPolicy: {
    beforeCallClose: ['P14D', 'P7D', 'P2D', 'PT3H'],
    beforeMeeting: ['P7D', 'P1D'],
  },
  // Not in the letter: our choice. Two years after the Forum's final week (3 June 2022) leaves the
  // Secretariat the next edition's cycle to follow up with contributors, then erases, at midnight
  // Geneva time (CEST) on 4 June 2024.
  personalDataRetention: { eraseAt: '2024-06-03T22:00:00Z' },
} satisfies ConsultationDefinitionInput;

/** Parsed at load, so a mistake in this data fails every test and every cold start at once. */
export const wsisForum2022: ConsultationDefinition = parseConsultationDefinition(definition);
