// French prose for the demo dump: subjects, mail bodies, memo paragraphs and spreadsheet rows. It only
// has to read like a campaign's everyday business, vary enough for near-duplicate detection to be
// meaningful, and come out of the seeded generator.

import type { Prng } from './prng.js';

export const TOPICS = [
  'Réunion publique de Lyon',
  'Meeting de Marseille',
  'Budget du deuxième trimestre',
  'Planning des déplacements',
  'Communiqué de presse',
  'Tractage du week-end',
  'Recrutement des bénévoles',
  'Programme numérique',
  'Location de la salle',
  'Relations avec la presse régionale',
  'Dons et reçus fiscaux',
  'Sondage interne',
  'Revue des discours',
  'Affiches et impression',
  'Site web et newsletter',
  'Comité de pilotage',
  'Convention des adhérents',
  'Note juridique sur les comptes de campagne',
  'Transport du matériel',
  'Accueil des délégations',
] as const;

const CITIES = ['Lyon', 'Marseille', 'Lille', 'Nantes', 'Bordeaux', 'Toulouse', 'Strasbourg', 'Rennes', 'Dijon', 'Clermont-Ferrand'];
const OPENERS = ['Bonjour', 'Bonjour à tous', 'Salut', 'Bonsoir', 'Bonjour à toutes et à tous'];
const CLOSERS = ['Bonne journée', "Merci d'avance", 'À demain', 'Bien à vous', 'Cordialement', 'Merci à tous'];

const SENTENCES = [
  'Je vous propose de faire le point sur {topic} {day} à {hour}h.',
  "Le devis du prestataire s'élève à {amount} euros TTC, livraison comprise.",
  "Nous attendons environ {count} personnes à {city}, il faudra prévoir l'accueil en conséquence.",
  'La salle de {city} est confirmée, la mairie nous envoie la convention cette semaine.',
  'Pouvez-vous relire le document joint avant {day} ?',
  'Les bénévoles de {city} ont distribué {count} tracts samedi dernier.',
  'Le compte de campagne doit rester sous le plafond : nous sommes à {amount} euros engagés.',
  "J'ai eu la rédaction au téléphone, ils veulent une interview {day}.",
  'Merci de me transmettre vos disponibilités pour {day}.',
  'Le train part de Paris à {hour}h, le retour est prévu le soir même.',
  'Il reste {count} affiches à coller dans le secteur de {city}.',
  'La newsletter partira {day} matin avec le lien vers le programme.',
  "Les reçus fiscaux des dons de plus de {amount} euros sont prêts à l'envoi.",
  'Attention au calendrier : la commission des comptes demande les justificatifs avant la fin du mois.',
  'Je joins la version corrigée, les changements sont surlignés.',
  'On garde le même format que pour {city}, ça avait bien fonctionné.',
  'Le prestataire audiovisuel confirme la captation pour {amount} euros.',
  'Nous avons reçu {count} nouvelles adhésions cette semaine.',
];
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'demain', 'la semaine prochaine'];

function amount(prng: Prng): string {
  const n = prng.int(3, 480) * 50;
  // Grouped by hand (not toLocaleString) so the output does not depend on the ICU build.
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function sentence(prng: Prng, topic: string): string {
  return prng
    .pick(SENTENCES)
    .replace('{topic}', topic.toLowerCase())
    .replace('{day}', prng.pick(DAYS))
    .replace('{hour}', String(prng.int(8, 19)))
    .replace('{amount}', amount(prng))
    .replace('{count}', String(prng.int(12, 2400)))
    .replace('{city}', prng.pick(CITIES));
}

function paragraph(prng: Prng, topic: string, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(prng, topic));
  return out.join(' ');
}

/** A short mail body, lines joined with '\n' (the mail writer converts to CRLF). */
export function mailBody(prng: Prng, topic: string, signature: string): string {
  const lines = [`${prng.pick(OPENERS)},`, ''];
  const paras = prng.int(1, 3);
  for (let i = 0; i < paras; i++) {
    lines.push(...wrap(paragraph(prng, topic, prng.int(1, 3)), 72), '');
  }
  lines.push(`${prng.pick(CLOSERS)},`, signature);
  return lines.join('\n');
}

/** Greedy word wrap, as mail clients do for plain text. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function subjectFor(prng: Prng, topic: string): string {
  return prng.pick([topic, `${topic} - point d'étape`, `${topic} : à valider`, `[Urgent] ${topic}`, `${topic} (suite)`]);
}

/** Memo paragraphs for a document. */
export function memo(prng: Prng, topic: string, paragraphs: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) out.push(paragraph(prng, topic, prng.int(3, 6)));
  return out;
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

export { CITIES };
