import { plural } from './catalog'
import type { Messages } from './en'

export const pt: Messages = {
  meta: {
    locale: 'pt-BR',
  },

  time: {
    deadline: '{date}, às {time} ({zone})',
    date: '{weekday}, {day} de {month}',
    cityZone: null,
    hoursLeft: plural({
      one: 'cerca de {count} hora',
      many: 'cerca de {count} horas',
      other: 'cerca de {count} horas',
    }),
    underAnHour: 'menos de uma hora',
    countdownHours: 'Faltam {hours} h {minutes} min',
    countdownMinutes: 'Faltam {minutes} min',
  },

  evidence:
    'Em uma pesquisa da Accountemps de 2017, 80% dos gestores responsáveis por contratações disseram que as mensagens de agradecimento contam na hora de decidir, mas apenas 24% dos candidatos enviaram uma.',

  email: {
    subject: 'Suas mensagens de agradecimento para a {company}',
    heading: 'Próximo passo: uma mensagem curta para cada pessoa com quem você conversou',
    intro:
      'Olá, {name}! Parabéns pela entrevista para a vaga de {role} na {company}. Uma mensagem breve para cada entrevistador ajuda você a ficar na memória deles, e a maioria dos candidatos nunca envia.',
    deadline: 'Envie **até {deadline}**, dentro de 24 horas após a entrevista.',
    windowPassed:
      'Já se passaram as 24 horas após a entrevista, mas **uma mensagem enviada hoje ainda ajuda**: envie assim que puder.',
    whoToThank: 'A quem agradecer',
    personWithTitle: '{name}, {title}',
    everyone: 'cada pessoa com quem você conversou',
    button: 'Escreva suas mensagens de agradecimento',
    draftsReady:
      'Sua página tem um rascunho para cada pessoa. Acrescente um detalhe que só você sabe e envie.',
    tipsTitle: 'Quatro dicas rápidas',
    tips: [
      'Uma mensagem por pessoa, com o nome dela, cada uma um pouco diferente.',
      'Mencione um assunto da conversa, para que fique claro que a mensagem é sua.',
      'Diga em uma ou duas frases por que você quer a vaga e o que traria para a equipe.',
      'Escreva poucos parágrafos curtos e revise nomes, empresa e ortografia.',
    ],
    routingDirect: 'Envie cada mensagem por e-mail diretamente para a pessoa a quem ela se dirige.',
    routingViaRecruiter:
      'Envie suas mensagens para **{recruiter}**, da {agency}, que vai encaminhá-las para a {company}.',
    yourRecruiter: 'seu recrutador',
    signOff: 'Boa sorte!',
    agencyTeam: 'Equipe {agency}',
    preheader:
      'Uma mensagem breve para cada entrevistador ajuda você a ficar na memória deles. Envie até {deadline}.',
    preheaderLate:
      'Uma mensagem breve para cada entrevistador ajuda você a ficar na memória deles, e hoje ainda dá tempo.',
    footer: 'Você está recebendo este e-mail porque a {agency} marcou sua entrevista na {company}.',
    unsubscribe: 'Cancelar inscrição',
    unsubscribeLine: 'Cancelar inscrição: {url}',
  },

  reminder: {
    subject: 'Agradecimentos para a {company}: o prazo termina em {left}',
    heading: 'O prazo para suas mensagens de agradecimento termina em breve',
    intro:
      'Olá, {name}! O prazo para agradecer a {who} na {company} termina em {left}. Bastam algumas linhas.',
    preheader: 'O prazo para agradecer a {who} termina em {left}. Bastam algumas linhas.',
    lateSubject: 'Ainda dá tempo de agradecer à {company}',
    lateHeading: 'Uma mensagem de agradecimento hoje ainda ajuda',
    lateIntro:
      'Olá, {name}! As 24 horas após a entrevista na {company} já passaram, mas uma mensagem breve para {who}, enviada hoje, ainda ajuda você a ficar na memória.',
    latePreheader: 'Uma mensagem breve enviada hoje ainda ajuda.',
    alreadySent: 'Já enviou? Muito bem, pode ignorar este e-mail.',
  },

  page: {
    title: 'Suas mensagens de agradecimento · {agency}',
    heading: 'Suas mensagens de agradecimento',
    headingNamed: 'Suas mensagens de agradecimento, {name}',
    forInterview: 'Sobre a sua entrevista para a vaga de **{role}** na **{company}**.',
    sendBy: 'Envie até {deadline}, dentro de 24 horas após a entrevista.',
    sendAsap: 'Envie assim que puder.',
    routingDirect: 'Envie cada mensagem por e-mail diretamente para a pessoa a quem ela se dirige.',
    askForAddress: 'Se não tiver o e-mail de alguém, peça a {who}.',
    askForAddressAt: 'Se não tiver o e-mail de alguém, peça a {who} ({email}).',
    yourRecruiter: 'seu recrutador',
    viaRecruiter:
      'Envie todas as suas mensagens para **{who}**, da {agency}, que vai encaminhá-las para a {company}, em vez de escrever diretamente aos entrevistadores.',
    viaRecruiterAt:
      'Envie todas as suas mensagens para **{who}** ({email}), da {agency}, que vai encaminhá-las para a {company}, em vez de escrever diretamente aos entrevistadores.',
    howTo:
      'Abaixo há um rascunho para cada pessoa. Preencha as [lacunas], envie e depois clique em "{button}".',
    whyLink: 'Por que ajuda',
    footer:
      'Enviado pela {agency} por meio do Followthrough. Suas mensagens ficam salvas apenas neste link.',
    languageLabel: 'Idioma',
    noteLabel: 'Sua mensagem para {name}',
    draftStart: 'Um rascunho para começar.',
    draftSaved: 'Seu rascunho salvo.',
    proofread: 'Revise antes de enviar',
    checklist: [
      'O nome da pessoa escrito exatamente como ela escreve',
      'Os nomes da empresa e da vaga corretos',
      'Cada [lacuna] substituída por palavras suas',
      'Uma leitura em voz alta: frases curtas, sem erros de digitação',
    ],
    save: 'Salvar rascunho',
    copy: 'Copiar',
    openMail: 'Abrir no app de e-mail',
  },

  live: {
    words: plural({
      one: '{count} palavra de cerca de {target}',
      many: '{count} palavras de cerca de {target}',
      other: '{count} palavras de cerca de {target}',
    }),
    wordsLong: plural({
      one: '{count} palavra, um pouco além do ideal: tente ficar em cerca de {target}',
      many: '{count} palavras, um pouco além do ideal: tente ficar em cerca de {target}',
      other: '{count} palavras, um pouco além do ideal: tente ficar em cerca de {target}',
    }),
    noBlanks: 'Nenhuma [lacuna] pendente.',
    blanks: plural({
      one: '{count} [lacuna] para preencher.',
      many: '{count} [lacunas] para preencher.',
      other: '{count} [lacunas] para preencher.',
    }),
    blanksQuestion: plural({
      one: 'Este rascunho ainda tem {count} [lacuna]. Preencha ou apague; se você já enviou assim mesmo, clique de novo em "{button}".',
      many: 'Este rascunho ainda tem {count} [lacunas]. Preencha ou apague; se você já enviou assim mesmo, clique de novo em "{button}".',
      other:
        'Este rascunho ainda tem {count} [lacunas]. Preencha ou apague; se você já enviou assim mesmo, clique de novo em "{button}".',
    }),
    windowClosed: 'As 24 horas já passaram, mas uma mensagem enviada hoje ainda ajuda.',
    progress: plural({
      one: '{sent} de {count} mensagem marcada como enviada',
      many: '{sent} de {count} mensagens marcadas como enviadas',
      other: '{sent} de {count} mensagens marcadas como enviadas',
    }),
    sent: 'Enviada ✓',
    notSent: 'Ainda não enviada',
    markSent: 'Já enviei',
    undo: 'Desfazer: ainda não enviada',
    saving: 'Salvando…',
    saved: 'Salvo.',
    notSaved:
      'Ainda não salvo: o rascunho fica guardado neste dispositivo e será salvo quando você voltar a ficar on-line.',
    copied: 'Copiado. Cole no seu e-mail.',
  },

  guide: {
    title: 'Por que uma mensagem breve ajuda',
    intro:
      'A maioria dos candidatos nunca envia, então uma mensagem breve e pessoal ajuda você a se destacar, e mantém você na lembrança para a próxima vaga, mesmo que esta fique com outra pessoa.',
    tipsTitle: 'O que faz a diferença',
    tips: [
      'Uma mensagem para cada pessoa com quem você conversou, com o nome dela, cada uma um pouco diferente.',
      'Mencione um assunto da conversa, para que fique claro que a mensagem é sua.',
      'Em uma ou duas frases, diga por que você quer a vaga e o que traria para a equipe.',
      'Esqueceu de dizer algo? Uma linha curta agora é uma segunda chance.',
      'Se disseram quando vão decidir, diga que aguarda notícias até lá.',
      'Escreva poucos parágrafos curtos: cordial, mas profissional.',
      'A mensagem mostra o comprometimento de que você falou na entrevista, então envie logo: quanto antes, melhor.',
    ],
    channelTitle: 'E-mail ou cartão?',
    channel:
      'Aqui, o e-mail é o ideal: chega hoje e é amplamente aceito pelos gestores. Um cartão escrito à mão é mais caloroso, mas pode chegar depois da decisão. Um SMS é informal demais.',
    viaRecruiter:
      'A {agency} marcou esta entrevista, então suas mensagens passam pelo seu recrutador.',
  },

  draft: {
    greeting: 'Olá, {name},',
    openings: [
      'Agradeço o tempo que dedicou para conversar comigo sobre a vaga de {role} na {company}.',
      'Agradeço o encontro e a conversa sobre o cargo de {role} na {company}.',
      'Foi muito bom ter a oportunidade de conversar sobre a vaga de {role} na {company}.',
    ],
    enjoyed: 'Gostei especialmente de falar sobre {topic}.',
    topic: '[um assunto da sua conversa com {name}]',
    topicWithHint: '[um assunto da sua conversa com {name}, por exemplo, {hint}]',
    keen: 'A conversa aumentou ainda mais o meu interesse pela vaga. [Uma ou duas frases sobre o que você traria para a {company}.]',
    optional: '[Opcional: algo que você não chegou a mencionar na entrevista.]',
    closings: [
      'Aguardo notícias sobre as próximas etapas.',
      'Mais uma vez, agradeço o seu tempo e espero ter notícias em breve sobre as próximas etapas.',
      'Agradeço novamente e fico à disposição.',
    ],
    signOff: 'Atenciosamente,',
    yourName: '[Seu nome]',
    subjectDirect: 'Agradecimento pela entrevista: {role}',
    subjectViaRecruiter: 'Mensagem de agradecimento para {name} ({company})',
    recruiterGreeting: 'Olá, {name},',
    recruiterGreetingNoName: 'Olá,',
    recruiterAsk:
      'Você poderia, por favor, encaminhar esta mensagem de agradecimento para {name}? Desde já, agradeço!',
  },

  sms: {
    coaching:
      '{agency}: agradecer a cada entrevistador faz diferença: {link} Responda STOP para sair',
    reminder: '{agency}: ainda dá tempo de agradecer: {link} Responda STOP para sair',
    unnamedSender: 'Seu recrutador',
  },

  unsubscribe: {
    confirmTitle: 'Cancelar inscrição: {agency}',
    confirmHeading: 'Parar de receber e-mails da {agency}?',
    confirmBody:
      'Você não vai mais receber e-mails de orientação para entrevistas nem lembretes da {agency} pelo Followthrough.',
    button: 'Cancelar inscrição',
    doneTitle: 'Inscrição cancelada',
    doneBody: 'A {agency} não vai mais enviar e-mails de orientação para você pelo Followthrough.',
    close: 'Você já pode fechar esta página.',
  },

  link: {
    notFoundTitle: 'Link não encontrado',
    notFoundHeading: 'Este link não funciona',
    notFoundBody: 'Ele pode ter expirado ou sido digitado errado. Nada foi alterado.',
    notFoundHelp: 'Se precisar de ajuda, responda ao e-mail em que recebeu este link.',
    canceledTitle: 'Entrevista cancelada',
    canceledHeading: 'Esta entrevista foi cancelada',
    canceledBody:
      'A {agency} marcou esta entrevista como cancelada, então não há mensagens de agradecimento a enviar.',
    canceledHelp: 'Se isso parecer um erro, responda ao e-mail em que recebeu este link.',
  },
}
