// What the fictional staff write: subjects, short work mails and report paragraphs, in the
// organisation's language and trade. Sentences are assembled from templates with slots, so two
// mails rarely repeat and a doctored copy of a document differs in a few sentences only.

import type { Prng } from '../../demo/prng.js';
import type { Bank } from './text-holdout.js';
import { AGRI_PT, HOLDOUT_DAYS, HOLDOUT_EVENTS, HOLDOUT_OK, TAX_DE, TRADING_EN, TRADING_JA } from './text-holdout.js';

export type Sector = 'consulting' | 'housing' | 'marine' | 'tax' | 'agri' | 'trading';
export type Lang = 'en' | 'fr' | 'de' | 'pt' | 'ja';

const BANKS: Record<Sector, Partial<Record<Lang, Bank>>> = {
  consulting: {
    fr: {
      topics: [
        'mission Arvalis',
        'proposition Groupe Ternel',
        'audit Banque Solenne',
        'comité de pilotage',
        'facturation du trimestre',
        'séminaire d’équipe',
        'recrutement consultant senior',
        'rapport final Maison Verdier',
        'plan de charge',
        'revue des honoraires',
      ],
      places: ['Lyon', 'Nantes', 'la Défense', 'Bordeaux', 'Lille', 'nos bureaux'],
      things: ['le livrable', 'la note de synthèse', 'le planning', 'le devis', 'la convention', 'le compte rendu', 'la grille tarifaire'],
      openers: [
        'Je reviens vers toi au sujet de {topic}.',
        'Suite à notre échange de ce matin sur {topic},',
        'Petit point rapide sur {topic}.',
        'Comme convenu, voici où nous en sommes pour {topic}.',
      ],
      asks: [
        'Peux-tu relire {thing} avant jeudi ?',
        'Merci de me confirmer ta disponibilité pour un point à {place}.',
        'Pourrais-tu valider {thing} d’ici la fin de semaine ?',
        'Est-ce que tu peux mettre à jour {thing} avec les derniers chiffres ?',
      ],
      facts: [
        'Le client a validé le budget de {amount} € HT.',
        'La réunion est décalée au {day} à {hour}.',
        'Nous avons reçu {thing} signé hier soir.',
        'Le temps passé dépasse de {pct} % l’estimation initiale.',
        'Trois jours de mission sont prévus à {place}.',
        'La facture de {amount} € a été envoyée au service comptable.',
      ],
      closers: [
        'Dis-moi si quelque chose manque.',
        'Je reste disponible pour en parler.',
        'On en reparle à la réunion d’équipe.',
        'Merci d’avance.',
      ],
      signoffs: ['Bonne journée,', 'Cordialement,', 'Bien à toi,', 'À plus tard,', 'Merci,'],
      greetings: ['Bonjour {first},', 'Salut {first},', '{first},', 'Bonjour à tous,'],
      reportIntro: [
        'Le présent document synthétise les travaux menés dans le cadre de {topic}.',
        'Cette note présente l’état d’avancement de {topic} à la date du {day}.',
      ],
      reportBody: [
        'Les entretiens conduits à {place} confirment les constats de la phase précédente.',
        'Le budget engagé s’élève à {amount} € HT, soit {pct} % de l’enveloppe votée.',
        'Le calendrier prévoit la remise de {thing} avant la fin du mois.',
        'Les recommandations portent sur l’organisation, les outils et la gouvernance du projet.',
        'Un comité de suivi se réunira le {day} pour arbitrer les options retenues.',
        'Les écarts constatés tiennent principalement au retard de la collecte des données.',
      ],
      reportEnd: ['Nous restons à votre disposition pour toute précision.', 'La prochaine étape sera présentée lors du comité du {day}.'],
    },
    en: {
      topics: [
        'the Arvalis engagement',
        'the Ternel proposal',
        'the bank audit',
        'the steering committee',
        'quarterly billing',
        'the team offsite',
        'senior consultant hiring',
        'the Verdier final report',
      ],
      places: ['Lyon', 'the client site', 'the office', 'Bordeaux'],
      things: ['the deliverable', 'the summary note', 'the schedule', 'the quote', 'the minutes'],
      openers: ['Following up on {topic}.', 'Quick update on {topic}.', 'As discussed this morning regarding {topic},'],
      asks: [
        'Could you review {thing} before Thursday?',
        'Please confirm you can make a call at {hour}.',
        'Can you update {thing} with the latest figures?',
      ],
      facts: [
        'The client approved a budget of €{amount}.',
        'The meeting moved to {day} at {hour}.',
        'We received {thing} signed last night.',
        'Time spent is {pct}% over the estimate.',
      ],
      closers: ['Let me know if anything is missing.', 'Happy to discuss.', 'Thanks in advance.'],
      signoffs: ['Best,', 'Thanks,', 'Regards,'],
      greetings: ['Hi {first},', '{first},', 'Hello all,'],
      reportIntro: ['This document summarises the work carried out on {topic}.'],
      reportBody: [
        'Interviews held at {place} confirm the earlier findings.',
        'Committed spend stands at €{amount}, {pct}% of the approved envelope.',
        'A follow-up committee meets on {day}.',
      ],
      reportEnd: ['We remain available for any question.'],
    },
  },
  housing: {
    en: {
      topics: [
        'the Elm Street repairs',
        'the board meeting',
        'the HUD inspection',
        'the Ridgeview acquisition',
        'the tenant newsletter',
        'the FY budget',
        'the volunteer day',
        'the CDBG grant application',
        'the boiler replacement',
        'the rent roll',
      ],
      places: ['Elm Street', 'Ridgeview', 'the Maple Avenue site', 'the community room', 'City Hall'],
      things: [
        'the draft minutes',
        'the rent roll',
        'the inspection checklist',
        'the grant narrative',
        'the contractor bid',
        'the budget sheet',
        'the lease addendum',
      ],
      openers: [
        'Following up on {topic}.',
        'Quick note on {topic}.',
        'Circling back on {topic} from yesterday.',
        'Here is where we are on {topic}.',
      ],
      asks: [
        'Could you take a look at {thing} before Thursday?',
        'Can you confirm you are free for a walkthrough at {place} on {day}?',
        'Please send me {thing} by end of week.',
        'Would you mind updating {thing} with the new numbers?',
      ],
      facts: [
        'The contractor came in at ${amount} for the whole job.',
        'We moved the meeting to {day} at {hour}.',
        'The inspector flagged {n} units at {place}.',
        'Occupancy is at {pct}% this month.',
        'The board approved ${amount} for the reserve fund.',
        'We got {thing} back signed this morning.',
      ],
      closers: ['Let me know if you need anything else.', 'Thanks for jumping on this.', 'Talk soon.', 'Appreciate it.'],
      signoffs: ['Thanks,', 'Best,', 'Thank you,', 'Cheers,', 'Best regards,'],
      greetings: ['Hi {first},', 'Hey {first},', '{first},', 'Hi all,', 'Good morning {first},'],
      reportIntro: [
        'This memo summarizes the status of {topic} as of {day}.',
        'The following report covers {topic} for the current fiscal year.',
      ],
      reportBody: [
        'Site visits at {place} confirmed the deferred maintenance items listed in Appendix A.',
        'Total projected cost is ${amount}, or {pct}% of the capital budget.',
        'Staff recommends that the board approve {thing} at its next meeting.',
        'Resident feedback collected at {place} was broadly positive.',
        'The schedule assumes permits are issued by {day}.',
        'Vacancy losses remain below the {pct}% threshold set in the operating plan.',
      ],
      reportEnd: ['Please direct questions to the Executive Director.', 'A revised version will be circulated before the {day} meeting.'],
    },
    fr: {
      topics: ['les travaux rue des Ormes', 'le conseil d’administration', 'l’inspection'],
      places: ['la résidence des Ormes', 'la salle commune'],
      things: ['le compte rendu', 'le devis'],
      openers: ['Je reviens vers toi au sujet de {topic}.'],
      asks: ['Peux-tu relire {thing} ?'],
      facts: ['Le devis s’élève à {amount} €.'],
      closers: ['Merci d’avance.'],
      signoffs: ['Cordialement,'],
      greetings: ['Bonjour {first},'],
      reportIntro: ['Cette note fait le point sur {topic}.'],
      reportBody: ['Le coût prévisionnel est de {amount} €.'],
      reportEnd: ['Nous restons à votre disposition.'],
    },
  },
  marine: {
    en: {
      topics: [
        'the MV Coral Spirit refit',
        'the dry dock schedule',
        'the class survey',
        'the hull inspection',
        'the Kochi yard tender',
        'the safety audit',
        'the propeller shaft order',
        'the Q3 procurement plan',
        'the ballast water system',
        'the sea trials',
      ],
      places: ['Garden Island', 'the Kochi yard', 'Port Botany', 'dock 3', 'the Balmain workshop'],
      things: [
        'the survey report',
        'the purchase order',
        'the drawings rev C',
        'the test certificate',
        'the quote from Wärtsilä',
        'the risk assessment',
        'the work pack',
      ],
      openers: [
        'Following up on {topic}.',
        'Quick update on {topic}.',
        'Mate, re {topic}:',
        'Just a heads-up on {topic}.',
        'As discussed on the call about {topic},',
      ],
      asks: [
        'Can you check {thing} before Thursday?',
        'Could you confirm the crew can be at {place} on {day}?',
        'Please send through {thing} when you get a chance.',
        'Can you get {thing} signed off by the class surveyor?',
      ],
      facts: [
        'The yard quoted ${amount} for the steelwork.',
        'Docking is now {day} at {hour}.',
        'The surveyor found {n} plates below minimum thickness.',
        'Lead time on the shaft is {n} weeks.',
        'We are {pct}% through the work pack.',
        '{thing} came back approved this morning.',
      ],
      closers: ['Shout if you need anything.', 'Cheers for sorting this.', 'Let me know how you go.', 'Thanks in advance.'],
      signoffs: ['Cheers,', 'Thanks,', 'Regards,', 'Kind regards,', 'Best,'],
      greetings: ['Hi {first},', '{first},', 'G’day {first},', 'Hi all,', 'Morning {first},'],
      reportIntro: [
        'This report records the findings of {topic} completed on {day}.',
        'The purpose of this document is to summarise {topic}.',
      ],
      reportBody: [
        'Ultrasonic thickness readings were taken at {n} locations on the port side.',
        'The estimated cost of repairs is ${amount}, {pct}% above the original allowance.',
        'All work at {place} is to be carried out under a hot work permit.',
        'The class society requires {thing} to be submitted before undocking.',
        'Sea trials are scheduled for {day}, weather permitting.',
        'No defects were found in the stern tube seals.',
      ],
      reportEnd: ['Any queries should be directed to the project engineer.', 'A final report will follow after the trials on {day}.'],
    },
    fr: {
      topics: ['le carénage'],
      places: ['le chantier'],
      things: ['le rapport'],
      openers: ['Point rapide sur {topic}.'],
      asks: ['Peux-tu vérifier {thing} ?'],
      facts: ['Le devis s’élève à {amount} €.'],
      closers: ['Merci.'],
      signoffs: ['Cordialement,'],
      greetings: ['Bonjour {first},'],
      reportIntro: ['Ce rapport présente {topic}.'],
      reportBody: ['Le coût est estimé à {amount} €.'],
      reportEnd: ['Fin du rapport.'],
    },
  },
  tax: { de: TAX_DE },
  agri: { pt: AGRI_PT },
  trading: { ja: TRADING_JA, en: TRADING_EN },
};

/** What people photograph at work, by trade. */
const EVENTS: Record<Sector, Partial<Record<Lang, string[]>>> = {
  consulting: {
    fr: ['Séminaire équipe', 'Atelier client Lyon', 'Salon du conseil', 'Visite locaux Nantes'],
    en: ['Team offsite', 'Client workshop', 'Consulting fair'],
  },
  housing: {
    en: ['Elm Street site visit', 'Volunteer day', 'Ridgeview walkthrough', 'Boiler room inspection'],
    fr: ['Visite de chantier', 'Journée bénévoles'],
  },
  marine: {
    en: ['Dry dock inspection', 'Hull survey', 'Sea trials', 'Shaft delivery Kochi'],
    fr: ['Inspection en cale sèche', 'Essais en mer'],
  },
  tax: { de: HOLDOUT_EVENTS.de },
  agri: { pt: HOLDOUT_EVENTS.pt },
  trading: { ja: HOLDOUT_EVENTS.ja, en: HOLDOUT_EVENTS.en },
};

/** The writing language of a locale. */
export function langOf(locale: string): Lang {
  const l = locale.slice(0, 2);
  return l === 'fr' || l === 'de' || l === 'pt' || l === 'ja' ? l : 'en';
}

const DAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const AMOUNT_LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-US', de: 'de-DE', pt: 'pt-BR', ja: 'ja-JP' };
const DAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];

export class Writer {
  constructor(
    private readonly sector: Sector,
    readonly lang: Lang,
  ) {}

  private get bank(): Bank {
    const b = BANKS[this.sector][this.lang];
    if (!b) throw new Error(`no text bank for ${this.sector} in ${this.lang}`);
    return b;
  }

  fill(prng: Prng, template: string, slots: Record<string, string> = {}): string {
    const b = this.bank;
    return template.replace(/\{(\w+)\}/g, (_m, k: string) => {
      if (slots[k] !== undefined) return slots[k];
      switch (k) {
        case 'topic':
          return prng.pick(b.topics);
        case 'place':
          return prng.pick(b.places);
        case 'thing':
          return prng.pick(b.things);
        case 'amount':
          return (prng.int(12, 980) * (this.lang === 'ja' ? 10000 : 100)).toLocaleString(AMOUNT_LOCALE[this.lang]).replace(/\u202f/g, ' ');
        case 'pct':
          return String(prng.int(3, 45));
        case 'n':
          return String(prng.int(2, 14));
        case 'day':
          return prng.pick(this.lang === 'fr' ? DAYS_FR : this.lang === 'en' ? DAYS_EN : HOLDOUT_DAYS[this.lang]);
        case 'hour':
          if (this.lang === 'fr') return `${prng.int(8, 17)}h${prng.pick(['00', '30'])}`;
          if (this.lang === 'en') return `${prng.int(8, 11)}:${prng.pick(['00', '30'])} ${prng.pick(['am', 'AM'])}`;
          if (this.lang === 'de') return `${prng.int(8, 17)}:${prng.pick(['00', '30'])} Uhr`;
          if (this.lang === 'pt') return `${prng.int(8, 17)}h${prng.pick(['', '30'])}`;
          return `${prng.int(9, 17)}時${prng.pick(['', '半'])}`;
        default:
          return k;
      }
    });
  }

  event(prng: Prng): string {
    return prng.pick(EVENTS[this.sector][this.lang] ?? EVENTS[this.sector].en!);
  }

  topic(prng: Prng): string {
    return prng.pick(this.bank.topics);
  }

  subject(prng: Prng, topic: string): string {
    const t = topic.replace(/^(the|les|le|la|l’)\s+/i, '');
    const cap = t.charAt(0).toUpperCase() + t.slice(1);
    if (this.lang === 'de') return prng.pick([cap, `${cap} – Stand`, `${cap}: nächste Schritte`, `Frage zu ${t}`, `${cap} (Nachtrag)`]);
    if (this.lang === 'pt')
      return prng.pick([cap, `${cap} - andamento`, `${cap}: próximos passos`, `Dúvida sobre ${t}`, `${cap} (continuação)`]);
    if (this.lang === 'ja') return prng.pick([t, `${t}について`, `【確認】${t}`, `${t}の件`]);
    const forms =
      this.lang === 'fr'
        ? [cap, `${cap} : point d’étape`, `${cap} - à valider`, `[Urgent] ${cap}`, `${cap} (suite)`, `Question sur ${t}`]
        : [cap, `${cap} - update`, `${cap}: next steps`, `Re ${t}`.replace(/^Re /, ''), `Question about ${t}`, `${cap} (follow-up)`];
    return prng.pick(forms);
  }

  /** A short work mail: greeting, 2-4 sentences, closer, sign-off, first name. */
  mail(prng: Prng, topic: string, toFirst: string, fromFirst: string, signature?: string): string {
    const b = this.bank;
    const greet = this.fill(prng, prng.pick(b.greetings), { first: toFirst });
    const sentences = [this.fill(prng, prng.pick(b.openers), { topic })];
    const n = prng.int(1, 3);
    for (let i = 0; i < n; i++) sentences.push(this.fill(prng, prng.pick(prng.chance(0.5) ? b.facts : b.asks)));
    const para = sentences.join(' ');
    const close = prng.pick(b.closers);
    return `${greet}\n\n${para}\n\n${close}\n\n${prng.pick(b.signoffs)}\n${fromFirst}${signature ? `\n${signature}` : ''}`;
  }

  /** A one-line answer typed above a quote. */
  shortReply(prng: Prng, toFirst: string, fromFirst: string): string {
    const b = this.bank;
    const line = prng.chance(0.5) ? this.fill(prng, prng.pick(b.facts)) : prng.pick(b.closers);
    const ok =
      this.lang === 'fr'
        ? prng.pick(['Ça marche.', 'D’accord.', 'Bien reçu.', 'Parfait, merci.'])
        : this.lang === 'en'
          ? prng.pick(['Sounds good.', 'Will do.', 'Got it, thanks.', 'Works for me.'])
          : prng.pick(HOLDOUT_OK[this.lang]);
    return `${this.fill(prng, prng.pick(b.greetings), { first: toFirst })}\n\n${ok} ${line}\n\n${fromFirst}`;
  }

  /** Report paragraphs: an introduction, several body paragraphs, an ending. */
  report(prng: Prng, topic: string, paragraphs: number): string[] {
    const b = this.bank;
    const out = [this.fill(prng, prng.pick(b.reportIntro), { topic })];
    for (let i = 0; i < paragraphs; i++) {
      const k = prng.int(2, 3);
      const s: string[] = [];
      for (let j = 0; j < k; j++) s.push(this.fill(prng, prng.pick(b.reportBody)));
      out.push(s.join(' '));
    }
    out.push(this.fill(prng, prng.pick(b.reportEnd)));
    return out;
  }

  /** Another sentence of the report kind (what a doctored copy swaps in). */
  reportSentence(prng: Prng): string {
    return this.fill(prng, prng.pick(this.bank.reportBody));
  }
}
