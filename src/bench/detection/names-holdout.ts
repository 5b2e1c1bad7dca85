// Name pools of the hold-out organisations (seeds 4-6): Brazilian Portuguese, Japanese (written in kanji,
// with the romanisation the company's mail addresses use), and more German, American and British names
// for the larger staffs. Kept apart from names.ts so the first three organisations draw exactly as before.

export const PT_FIRST = [
  'Ana',
  'João',
  'Mariana',
  'Pedro',
  'Juliana',
  'Lucas',
  'Fernanda',
  'Rafael',
  'Camila',
  'Gustavo',
  'Beatriz',
  'Thiago',
  'Larissa',
  'Felipe',
  'Gabriela',
  'Rodrigo',
  'Patrícia',
  'Bruno',
  'Letícia',
  'Marcelo',
  'Aline',
  'Vinícius',
  'Renata',
  'André',
  'Tatiane',
  'Eduardo',
  'Priscila',
  'Leandro',
  'Débora',
  'Matheus',
];

export const PT_LAST = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Moreira',
  'Cardoso',
  'Teixeira',
  'Araújo',
  'Mendes',
  'Cavalcanti',
  'Prado',
];

/** Japanese given names: kanji and the Hepburn romanisation used in the mail address. */
export const JA_FIRST: [string, string][] = [
  ['健太', 'kenta'],
  ['由紀', 'yuki'],
  ['大輔', 'daisuke'],
  ['美咲', 'misaki'],
  ['翔', 'sho'],
  ['陽子', 'yoko'],
  ['拓也', 'takuya'],
  ['恵', 'megumi'],
  ['浩二', 'koji'],
  ['彩', 'aya'],
  ['直樹', 'naoki'],
  ['智子', 'tomoko'],
  ['亮', 'ryo'],
  ['真由美', 'mayumi'],
  ['誠', 'makoto'],
  ['愛', 'ai'],
  ['隆', 'takashi'],
  ['麻衣', 'mai'],
];

export const JA_LAST: [string, string][] = [
  ['田中', 'tanaka'],
  ['佐藤', 'sato'],
  ['鈴木', 'suzuki'],
  ['高橋', 'takahashi'],
  ['渡辺', 'watanabe'],
  ['伊藤', 'ito'],
  ['山本', 'yamamoto'],
  ['中村', 'nakamura'],
  ['小林', 'kobayashi'],
  ['加藤', 'kato'],
  ['吉田', 'yoshida'],
  ['山田', 'yamada'],
  ['松本', 'matsumoto'],
  ['井上', 'inoue'],
  ['木村', 'kimura'],
  ['清水', 'shimizu'],
  ['森', 'mori'],
  ['池田', 'ikeda'],
];

const ROMAJI = new Map([...JA_FIRST, ...JA_LAST]);

/** The romanisation of a Japanese name part, or undefined for other scripts. */
export function romaji(part: string): string | undefined {
  return ROMAJI.get(part);
}

/** More names for the larger hold-out staffs (appended to the base pools for seeds 4-6 only). */
export const MORE_FIRST: Partial<Record<string, string[]>> = {
  'de-DE': ['Sabine', 'Jan', 'Miriam', 'Tobias', 'Claudia', 'Stefan', 'Nadine', 'Florian', 'Ulrike', 'Kai', 'Hannah', 'Moritz'],
  'en-GB': ['Sophie', 'James', 'Eleanor', 'William', 'Olivia', 'Thomas', 'Poppy', 'Alfie', 'Freya', 'Rupert', 'Isla', 'Callum'],
  'en-US': ['Brittany', 'Justin', 'Courtney', 'Ryan', 'Samantha', 'Eric', 'Alyssa', 'Nathan'],
};

export const MORE_LAST: Partial<Record<string, string[]>> = {
  'de-DE': ['Wagner', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Vogel'],
  'en-GB': ['Hughes', 'Fletcher', 'Marsh', 'Pritchard', 'Holloway', 'Barnes', 'Whitaker', 'Gould', 'Sutton', 'Ellis', 'Kemp', 'Lowe'],
  'en-US': ['Nguyen', 'Ramirez', 'Kim', 'Patel', 'Sullivan', 'Brooks', 'Hayes', 'Ortiz'],
};
