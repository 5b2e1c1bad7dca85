// Account names that name no person: the defaults Office, Windows and document libraries write when
// nobody set a user name. An editor called "Utilisateur" or "Microsoft Office User" is no outsider.

interface GenericAccountRow {
  /** As written; compared folded (lowercase, no accents, words only). */
  names: readonly string[];
  source: string;
}

const ROWS: readonly GenericAccountRow[] = [
  {
    names: [
      'microsoft office user',
      'utilisateur de microsoft office',
      'microsoft office-benutzer',
      'usuario de microsoft office',
      'utente di microsoft office',
      'microsoft office-gebruiker',
      'usuário do microsoft office',
      'microsoft office - użytkownik',
      'пользователь microsoft office',
      'microsoft office ユーザー',
      '微软用户',
      '微軟用戶',
      'microsoft 用户',
    ],
    source:
      'Office for Mac and unregistered Office installs stamp "Microsoft Office User" (localised) as author and last editor when no user name is set (Word/Excel/PowerPoint Options > User name; e.g. the corpus file pdf/pypdf/issue-914-xmp-data.pdf: 微软用户).',
  },
  {
    names: [
      'user',
      'users',
      'user name',
      'username',
      'admin',
      'administrator',
      'administrateur',
      'administrador',
      'amministratore',
      'owner',
      'windows user',
      'utilisateur',
      'utilisateur windows',
      'benutzer',
      'windows-benutzer',
      'usuario',
      'usuario de windows',
      'utente',
      'utente di windows',
      'gebruiker',
      'windows-gebruiker',
      'użytkownik',
      'пользователь',
      'пользователь windows',
      'администратор',
      'preferred customer',
      'valued customer',
      'registered user',
      'authorised user',
      'authorized user',
      'customer',
      'pc',
      'hp',
      'hp inc',
      'dell',
      'lenovo',
      'acer',
      'asus',
      'toshiba',
      'compaq',
      '微软中国',
    ],
    source:
      'Windows local-account defaults and OEM pre-install names ("User", "Admin", "Owner", "Preferred Customer", the PC maker) that Office copies into its user name on first run (support.microsoft.com, "Change your user name and initials": the name is taken from the Windows account when none is set).',
  },
  {
    names: ['microsoft', 'microsoft corporation', 'unknown', 'author', 'auteur', 'autor', 'autore', 'n/a', 'none', 'anonymous', 'anonyme'],
    source: 'Placeholders left by templates, converters and the Office "Remove personal information" option.',
  },
  {
    names: ['python-docx', 'openpyxl', 'apache poi', 'phpword', 'phpexcel', 'phpspreadsheet', 'docx4j', 'aspose', 'xlsxwriter'],
    source:
      'Library defaults: python-docx CorePropertiesPart.default() sets last_modified_by "python-docx"; openpyxl DocumentProperties(creator="openpyxl"); PHPOffice and docx4j write their own names when the caller sets none.',
  },
];

/** Lowercase, accents removed, words joined by single spaces: "HP Inc." and "hp inc" agree. */
function fold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

const GENERIC = new Set(ROWS.flatMap((r) => r.names.map(fold)));

/** True when the name is a default account ("Utilisateur", "Microsoft Office User", "User1"), not a person. */
export function isGenericAccount(name: string): boolean {
  const f = fold(name);
  return f === '' || GENERIC.has(f) || /^(?:user|admin|pc|utilisateur|benutzer) ?\d{1,4}$/.test(f);
}
