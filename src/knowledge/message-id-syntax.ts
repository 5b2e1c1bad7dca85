// Message-ID syntax classes: how each mail client, library and server builds the Message-ID it
// writes (field survey S34). A Message-ID in a form that the client named by X-Mailer/User-Agent
// never writes, and that no server on the route assigned, was written by another program.
//
// Every row carries its source: the generator's source code where it is public (the line that
// formats the ID), otherwise the SpamAssassin rules that encode the same knowledge to catch forged
// mailers, or public messages observed with that client. `clients` names client families as
// src/knowledge/mail-clients.ts recognises them in X-Mailer/User-Agent. Rows marked `server` are
// IDs a relay adds when the client wrote none; rows marked `generic` are shapes several unrelated
// programs share (a random UUID, a 32-hex digest): they describe a sender's habit but never prove
// which program wrote the message.

type MessageIdWriter = 'client' | 'webmail' | 'library' | 'server';

export interface MessageIdForm {
  /** Stable id of the form: 'thunderbird-uuid', 'python-make-msgid'. */
  id: string;
  label: string;
  /** Matches the whole Message-ID without angle brackets (local@domain). */
  pattern: RegExp;
  example: string;
  /** Client families (mail-clients.ts) that write this form. */
  clients: readonly string[];
  writer: MessageIdWriter;
  /** A shape shared by unrelated generators: not evidence of one program. */
  generic?: boolean;
  source: string;
}

const SA_RATWARE = 'apache/spamassassin rules/20_ratware.cf @f7fe7b82';
const SA_META = 'apache/spamassassin rules/20_meta_tests.cf @f7fe7b82';
const SA_JHARDIN = 'apache/spamassassin rulesrc/sandbox/jhardin/20_misc_testing.cf @f7fe7b82';
const CORPUS = (path: string) => `observed: shared corpus ${path}`;

/** Host part: anything but whitespace and brackets (a bare word, an FQDN, an IP literal). */
const HOST = String.raw`[^\s<>@]+`;
const UUID_UPPER = String.raw`[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}`;
const UUID_LOWER_V4 = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}`;
const UUID_LOWER_ANY = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;
const re = (local: string, host = HOST) => new RegExp(`^(?:${local})@(?:${host})$`);

/** Ordered from the most specific to the most generic: classification keeps every match. */
export const MESSAGE_ID_FORMS: readonly MessageIdForm[] = [
  // ---- Microsoft -------------------------------------------------------------------------
  {
    id: 'outlook-dollar-legacy',
    label: 'Outlook Express 4-6 / Outlook 98-2003 (three hex groups joined by $)',
    pattern: re(String.raw`(?:[0-9a-f]{8}|[0-9a-f]{12})\$[0-9a-f]{8}\$[0-9a-f]{8}`),
    example: '000301c21009$256f5ac0$190863d9@ppp',
    clients: ['outlook-express', 'outlook', 'windows-mail'],
    writer: 'client',
    source: `${SA_RATWARE} (__OE_MSGID_2; __FORGED_OUTLOOK_DOLLARS for "Microsoft Outlook 8, CWS Build 9, Build 10"); ${CORPUS('email/spamassassin/nice/004.eml (X-Mailer: Microsoft Outlook Express 4.72)')}`,
  },
  {
    id: 'outlook-dollar',
    label: 'Outlook 2007 and later, Internet (POP/IMAP/SMTP) accounts (hex groups joined by $, ending "$@domain")',
    pattern: re(String.raw`[0-9a-f]{12}\$[0-9a-f]{8}\$[0-9a-f]{8}\$`),
    example: '000001dc64d7$ceee9240$6ccbb6c0$@hmailserver.test',
    clients: ['outlook'],
    writer: 'client',
    source: `${CORPUS('email/msg/msgreader-Attach_sample_eml_received.msg (X-Mailer: Microsoft Outlook 15.0)')}; ${CORPUS('email/msg/outlook-message-parser-Test_at_sign_in_personal_From_header.msg (Microsoft Office Outlook 12.0)')}`,
  },
  {
    id: 'outlook-entryid',
    label: 'Outlook, ID derived from the MAPI entry ID ("!&!" or "!~!" then base64)',
    pattern: re(String.raw`![&~]![A-Za-z0-9+/=]{20,}`),
    example: '!&!AAAAAAAAAAAYAAAAAAAAAMhvd5eG4u1FrRI13ZUKpD3CgAAAEAAAACfDkx1LwvlJrcgpqnDqBPIBAAAAAA==@xmailserver.test',
    clients: ['outlook'],
    writer: 'client',
    source: `${SA_RATWARE} (__OUTLOOK_DOLLARS_OTHER /^<\\!\\~\\!/); ${CORPUS('email/msg/msgreader-voteYes.msg (X-Mailer: Microsoft Outlook 15.0)')}`,
  },
  {
    id: 'windows-mail-guid',
    label: 'Windows Mail (Vista), Windows Live Mail, Outlook Express 6 on XP SP3 (32 uppercase hex)',
    pattern: re('[0-9A-F]{32}'),
    example: '214E0E71FF854E5E82EA205D48BF41DE@example.org',
    clients: ['outlook-express', 'windows-mail', 'outlook'],
    writer: 'client',
    source: `${SA_RATWARE} (__VISTA_MSGID "Message ID format introduced by Vista MAPI"; bug 5910 "also now used by Outlook Express from XP SP3")`,
  },
  {
    id: 'exchange-onprem',
    label: 'Microsoft Exchange (on-premises, Internet Mail Service), assigned to MAPI submissions (34-46 uppercase hex @ server)',
    pattern: re('[0-9A-F]{34,46}'),
    example: '6BA412B7BBD2FD42861293C22F31BF8F1AECAB67@pifmbx04.Leeds.gov.uk',
    clients: ['outlook', 'outlook-mac', 'exchange', 'outlook-mobile'],
    writer: 'server',
    source: `${SA_RATWARE} (__IMS_MSGID /^<[A-F\\d]{36,40}\\@\\S+>$/); ${CORPUS('email/pst/tika-testPST.pst, email/dkim/mail-dkim (Exchange 2007-2010 IDs of 38-42 hex)')}`,
  },
  {
    id: 'exchange-online',
    label: 'Exchange Online / Microsoft 365 / outlook.com (server name + hex @ ...prod.outlook.com)',
    pattern: re(
      '[A-Za-z0-9]{30,60}',
      String.raw`(?:[A-Za-z0-9-]+\.)*(?:prod\.outlook\.com|prod\.exchangelabs\.com|outlook\.com|exchangelabs\.com)`,
    ),
    example: 'DBXPR05MB2545FA9C9506E7A1D7D3835F3940@DBXPR05MB254.eurprd05.prod.outlook.com',
    clients: ['outlook', 'outlook-mac', 'outlook-mobile', 'exchange', 'apple-mail', 'ios-mail', 'thunderbird', 'k9'],
    writer: 'server',
    source: `${SA_RATWARE} (__MCRSFT_MSGID /^<[[:alnum:]]{30,45}@[^>]*\\.(outlook|exchangelabs).com>$/, listed in __UNUSABLE_MSGID: the server rewrites the ID); ${CORPUS('email/dkim/mail-dkim (MWHPR09MB1391...@MWHPR09MB1391.namprd09.prod.outlook.com)')}`,
  },
  {
    id: 'hotmail-legacy',
    label: 'Hotmail / Windows Live (phx.gbl)',
    pattern: re('[A-Za-z0-9-]{6,}', String.raw`(?:[A-Za-z0-9-]+\.)*phx\.gbl`),
    example: 'BLU436-SMTP12ABCDEF0123456789ABCDEF0123@phx.gbl',
    clients: ['outlook', 'outlook-express', 'windows-mail', 'exchange'],
    writer: 'server',
    source: `${SA_RATWARE} (__HOTMAIL_BAYDAV_MSGID /^<[A-Z]{3}\\d+-(?:DAV|SMTP)\\d+[A-Z0-9]{25}\\@phx\\.gbl>$/, an ID the server rewrites)`,
  },
  {
    id: 'outlook-imo',
    label: 'Outlook 98/2000 Internet Mail Only (28 letters A-P)',
    pattern: re(String.raw`[A-P]{28}\.[-\w.]+`),
    example: 'MOEJCLJNOEKGPDHBEFGHAEJACAAA.jdoe@example.com',
    clients: ['outlook'],
    writer: 'client',
    source: `${SA_RATWARE} (__OIMO_MSGID /^<[A-P]{28}\\.[-\\w.]+\\@\\S+>$/)`,
  },
  {
    id: 'entourage',
    label: 'Microsoft Entourage / Outlook for Mac 2011 (hex.hex%user@domain)',
    pattern: re(String.raw`[0-9A-F]{8}\.[0-9A-F]{2,5}%[^@\s]+`),
    example: 'C649564F.1435F%jothipn@yahoo-inc.com',
    clients: ['outlook-mac'],
    writer: 'client',
    source: `${SA_JHARDIN} (__MSGID_HEX_UID); ${CORPUS('email/mbox/tika-complex.mbox (X-Mailer: Microsoft-Entourage/12.17.0.090302)')}`,
  },
  // ---- Apple, Mozilla, K-9 and other UUID writers ----------------------------------------
  {
    id: 'mailspring',
    label: 'Mailspring (uppercase UUID @getmailspring.com)',
    pattern: re(UUID_UPPER, String.raw`getmailspring\.com`),
    example: 'DE1E173D-8D56-4CA5-9838-E9476B24DD69@getmailspring.com',
    clients: ['mailspring'],
    writer: 'client',
    source:
      'Foundry376/Mailspring app/src/flux/stores/draft-factory.ts createDraft: headerMessageId: `${uuidv4().toUpperCase()}@getmailspring.com`; observed: public list archives (X-Mailer: Mailspring)',
  },
  {
    id: 'spark',
    label: 'Spark by Readdle (lowercase UUID @Spark, repeated in X-Readdle-Message-ID)',
    pattern: re(UUID_LOWER_ANY, 'Spark'),
    example: 'a4eca426-b03b-49e3-9292-6dfd76b883e9@Spark',
    clients: ['spark'],
    writer: 'client',
    source: 'observed: public list archives (samba-technical, openbmc: Message-ID <uuid@Spark> with X-Readdle-Message-ID: uuid@Spark)',
  },
  {
    id: 'em-client',
    label: 'eM Client ("em" + lowercase UUID @ computer name)',
    pattern: re(`em${UUID_LOWER_ANY}`),
    example: 'em1edb1bed-77fc-4deb-9de1-7f35bc962d0e@a9022134.com',
    clients: ['em-client'],
    writer: 'client',
    source:
      'observed: public list archives (linux-btrfs, linux-media, git: User-Agent: eM_Client/7.2.34062.0 to 9.2.1735.0 with Message-Id <em396f5ac4-821b-44a0-883b-2755971d90c3@ryzen>)',
  },
  {
    id: 'android-email',
    label: 'Samsung Email and the Android stock Email app (… @email.android.com)',
    pattern: re(String.raw`[a-z0-9]+(?:-[a-z0-9]+)+\.\d{13}|${UUID_LOWER_ANY}`, String.raw`email\.android\.com`),
    example: 'sokos1-r6xj933yn42y-hmy3gsrfgsma-mnwe9a.1674640678660@email.android.com',
    clients: ['samsung-email'],
    writer: 'client',
    source:
      'observed: public list archives (alsa-devel 2023: <sokos1-...-sqi612.1674640678660@email.android.com>; linux-media 2011-2013: <0ef2dae0-a014-4bcb-85c8-09c67fed156f@email.android.com>)',
  },
  {
    id: 'uuid-upper',
    label: 'Apple Mail, iOS Mail, K-9 Mail, Outlook for Mac 2016+ (uppercase UUID)',
    pattern: re(UUID_UPPER),
    example: 'C44E4FCB-D968-43E6-82CC-7D2F73D461C7@acm.org',
    clients: ['apple-mail', 'ios-mail', 'k9', 'outlook-mac'],
    writer: 'client',
    source: `${SA_RATWARE} (__MSGID_APPLEMAIL /^<[0-9A-F]{8}-(?:[0-9A-F]{4}-){3}[0-9A-F]{12}\\@\\S+>$/); thunderbird/thunderbird-android MessageIdGenerator.kt ("upper case here to match Apple Mail Message-ID format"); observed: public list archives (X-Mailer: iPhone Mail (16B92), Message-Id <C44E4FCB-D968-43E6-82CC-7D2F73D461C7@acm.org>)`,
  },
  {
    id: 'mozilla-legacy',
    label: 'Netscape / Mozilla / Thunderbird up to 38 (hex time . random digits)',
    pattern: re(String.raw`[0-9A-F]{8}\.[0-9A-F]{1,8}`),
    example: '530D9CAC.5080901@gmail.com',
    clients: ['thunderbird', 'netscape', 'seamonkey'],
    writer: 'client',
    source: `mozilla/releases-comm-central mailnews/compose/src/nsMsgCompUtils.cpp @00e64b5d msg_generate_message_id: PR_smprintf("<%lX.%lX@%s>", now, salt, host); ${SA_META} (__MOZILLA_MSGID)`,
  },
  {
    id: 'mozilla-uuid',
    label: 'Thunderbird 45 and later (lowercase random UUID, version 4)',
    pattern: re(UUID_LOWER_V4),
    example: '4b8ce858-d06e-487e-a062-b8d7efb4d9d9@hmailserver.test',
    clients: ['thunderbird', 'seamonkey', 'k9'],
    writer: 'client',
    generic: true,
    source:
      'thunderbird/thunderbird-desktop mailnews/compose/src/nsMsgCompUtils.cpp msg_generate_message_id: nsID::GenerateUUID(), AppendPrintf("<%s@%s>"); ' +
      `thunderbird/thunderbird-android MessageIdGenerator.kt ("<$uuid@$hostname>"); ${SA_META} (__MOZILLA_MSGID)`,
  },
  // ---- Webmail ---------------------------------------------------------------------------
  {
    id: 'gmail',
    label: 'Gmail (web, mobile apps, API): opaque token @mail.gmail.com',
    pattern: re('[A-Za-z0-9+_=.-]{20,}', String.raw`mail\.gmail\.com`),
    example: 'CAF298RVOajnkzvO0j_DjBwWbCQBwi1a1Z4FAx_tHLFWfA9CJ8w@mail.gmail.com',
    clients: ['gmail', 'gmail-mobile'],
    writer: 'webmail',
    source: `${CORPUS('email/dkim/mailauth-real, email/spamassassin/nice-dkim (CA...@mail.gmail.com since 2010; AANLkTi...@mail.gmail.com in 2010; hex-y-hex-g-hex @mail.gmail.com 2006-2010)')}`,
  },
  {
    id: 'gmail-smtp',
    label: 'Gmail SMTP relay / Google servers, assigned when the client wrote none (@mx.google.com, @smtp.gmail.com)',
    pattern: re(
      String.raw`[0-9a-f]{8}\.[0-9a-f]{8}\.[0-9a-f]{3,5}\.[0-9a-f]{3,5}|[0-9a-f]{8,}\.[0-9a-f.]+`,
      String.raw`(?:mx\.google\.com|smtp\.gmail\.com)`,
    ),
    example: '5f8a1b2c.1c69fb81.1234.5678@mx.google.com',
    clients: ['gmail'],
    writer: 'server',
    source:
      'observed: public list archives (messages submitted through smtp.gmail.com without a Message-ID carry <hex.hex.hex.hex@mx.google.com>)',
  },
  {
    id: 'yahoo',
    label: 'Yahoo Mail (web service)',
    pattern: re(
      String.raw`\d+\.\d+\.(?:qm|YahooMailNeo|YahooMailBasic|YahooMailRC|YahooMailWebService)|\d+\.\d+\.\d{13}`,
      String.raw`(?:[A-Za-z0-9-]+\.)*(?:yahoo\.com|yahoo-inc\.com|mail\.yahoo\.com)`,
    ),
    example: '1393363252.28814.YahooMailNeo@web140906.mail.bf1.yahoo.com',
    clients: ['yahoo'],
    writer: 'webmail',
    source: `${CORPUS('email/pst/tika-testPST.pst (YahooMailWebService/0.8), email/mbox/tika-complex.mbox (YahooMailRC/1277.43)')}`,
  },
  {
    id: 'roundcube',
    label: 'Roundcube Webmail; PHPMailer up to 5.2 (md5 of uniqid: 32 lowercase hex @ domain)',
    pattern: re('[0-9a-f]{32}'),
    example: 'bd3b7e197a2b159949cdbec54d05485d@ekiri.ee',
    clients: ['roundcube', 'phpmailer'],
    writer: 'webmail',
    generic: true,
    source:
      "roundcube/roundcubemail program/lib/Roundcube/rcube.php gen_message_id(): md5(uniqid('rcube'.mt_rand(), true)) . '@' . domain; " +
      'PHPMailer/PHPMailer class.phpmailer.php before 1f9a6649 (2017): md5(uniqid(time()))',
  },
  {
    id: 'horde',
    label: 'Horde IMP (YYYYmmddHHMMSS.Horde.random@server)',
    pattern: re(String.raw`\d{14}\.[A-Za-z]+\.[A-Za-z0-9_-]{8,}`),
    example: '20120502112233.Horde.AbCdEfGh1234@mail.example.com',
    clients: ['horde'],
    writer: 'webmail',
    source:
      "horde/Mime lib/Horde/Mime/Headers/MessageId.php create($prefix = 'Horde') @090aff70; horde/Support lib/Horde/Support/Guid.php: date('YmdHis') . '.' . prefix . '.' . Horde_Support_Randomid . '@' . server",
  },
  {
    id: 'squirrelmail',
    label: 'SquirrelMail (….squirrel@server)',
    pattern: re(String.raw`[^@\s]+\.squirrel`),
    example: '1896.144.137.3.98.1007630466.squirrel@jmason.org',
    clients: ['squirrelmail'],
    writer: 'webmail',
    source:
      "SquirrelMail class/deliver/Deliver.class.php: '<' . $REMOTE_PORT . '.' . $REMOTE_ADDR . '.' . time() . '.squirrel@' . $SERVER_NAME . '>' (1.4 releases use an md5 of the same, e.g. <3a51f8dd0eaf0a5f8e3a86c1500648d3.squirrel@webmail.xs4all.nl> in public list archives); " +
      CORPUS('email/spamassassin/nice/002.eml (SquirrelMail 1.0.6)'),
  },
  // ---- Desktop and terminal clients ------------------------------------------------------
  {
    id: 'mutt-legacy',
    label: 'Mutt up to 1.14 (UTC timestamp . G + letter + pid)',
    pattern: re(String.raw`\d{14}\.G[A-Z]\d+`),
    example: '20030407012053.GA20701@green.daf.ddts.net',
    clients: ['mutt'],
    writer: 'client',
    source:
      'muttmua/mutt sendlib.c mutt_gen_msgid (before b5a807ca, 2021-01-17): snprintf(buf, "<%d%02d%02d%02d%02d%02d.G%c%u@%s>", ..., MsgIdPfx, getpid(), fqdn); ' +
      CORPUS('email/spamassassin/nice/007.eml (Mutt/1.5.3i)'),
  },
  {
    id: 'mutt-2',
    label: 'Mutt 2.0 and later (16 base64url characters: 32-bit time + 64 random bits)',
    pattern: re('[A-Za-z0-9_-]{16}'),
    example: 'YAaRDyN9QhJp0Dz7@example.com',
    clients: ['mutt'],
    writer: 'client',
    generic: true,
    source:
      'muttmua/mutt messageid.c @15c45790: default $message_id_format "<%z@%f>", %z = mutt_to_base64_safeurl(4-byte time + 8 random bytes)',
  },
  {
    id: 'claws',
    label: 'Claws Mail / Sylpheed (local YYYYmmddHHMMSS . 8 hex random)',
    pattern: re(String.raw`\d{14}\.[0-9a-f]{8}(?:\.[^@\s]+)?`),
    example: '20231010101234.1a2b3c4d@example.org',
    clients: ['claws'],
    writer: 'client',
    source:
      'claws-mail src/common/utils.c generate_msgid: g_snprintf(buf, len, "%04d%02d%02d%02d%02d%02d.%08x%s", localtime..., (guint) rand(), addr)',
  },
  {
    id: 'evolution-sha1',
    label: 'Evolution 3.28 and later (40 hex . camel@domain)',
    pattern: re(String.raw`[0-9a-f]{40}\.camel`),
    example: '17ef4f662e594c8431a00fe423507af4f6a82286.camel@huaweicloud.com',
    clients: ['evolution'],
    writer: 'client',
    source:
      'GNOME/evolution-data-server src/camel/camel-mime-utils.c @ccb3cba2 camel_header_msgid_generate: g_strdup_printf("%s.camel@%s", sha1 checksum, domain) (since 3be50a11c, 2017-10-23)',
  },
  {
    id: 'evolution-legacy',
    label: 'Evolution before 3.28 (time.pid.count.camel@host)',
    pattern: re(String.raw`\d+\.\d+\.\d+\.camel`),
    example: '989962282.546.27.camel@milkplus',
    clients: ['evolution'],
    writer: 'client',
    source: `evolution-data-server camel/camel-mime-utils.c (before 2017-10-23): g_strdup_printf("%d.%d.%d.camel@%s", time, getpid(), count++, name); ${CORPUS('email/spamassassin/nice/001.eml (Evolution/0.10)')}`,
  },
  {
    id: 'gnus',
    label: 'Gnus (Emacs): 10 base-36 characters .fsf',
    pattern: re(String.raw`[0-9a-z]{6,12}\.fsf`),
    example: '87elc9xk7t.fsf@mail.wine.dyndns.org',
    clients: ['gnus'],
    writer: 'client',
    source: CORPUS('email/spamassassin/nice/mailman_message.txt (User-Agent: Gnus/5.0808)'),
  },
  {
    id: 'wanderlust',
    label: 'Wanderlust (Emacs): ….wl@host',
    pattern: re(String.raw`[0-9a-z]{6,12}\.wl`),
    example: '87pts29hvu.wl@shinichiro.stained-g.net',
    clients: ['wanderlust'],
    writer: 'client',
    source: CORPUS('email/spamassassin/nice-cjk/iso-2022-jp.1.eml (User-Agent: Wanderlust/2.9.15)'),
  },
  {
    id: 'pine-alpine',
    label: 'Pine / Alpine (Pine.OS.version.timestamp.pid@host, alpine.OS.version....)',
    pattern: re(String.raw`(?:Pine|alpine)\.[A-Za-z0-9]+\.[\d.]+\.\d{13}\.\d+(?:-\d+)?`),
    example: 'Pine.LNX.4.30.0012211329370.7395-200000@skynet.csn.ul.ie',
    clients: ['pine'],
    writer: 'client',
    source: `${CORPUS('email/spamassassin/nice (Pine.LNX.4.30...)')}; observed: public list archives (<alpine.DEB.2.00.0907161257190.31844@chino.kir.corp.google.com>)`,
  },
  {
    id: 'eudora',
    label: 'Eudora 3-6 (dotted numbers . 14-digit time . 8 hex)',
    pattern: re(String.raw`(?:\d\d?\.){3,5}\d{14}\.[a-f0-9]{8}`),
    example: '5.1.0.14.2.20030101120000.00a1b2c3@mail.example.com',
    clients: ['eudora'],
    writer: 'client',
    source: `${SA_RATWARE} (__EUDORA_MSGID, FORGED_MUA_EUDORA)`,
  },
  {
    id: 'lotus-notes',
    label: 'Lotus Notes / Domino (OF….-ON….)',
    pattern: re(String.raw`OF[0-9A-F]{8}\.[0-9A-F]{8}-ON[0-9A-F]{8}\.[0-9A-F]{8}(?:-[0-9A-F]{8}\.[0-9A-F]{8})?`),
    example: 'OF62AEA923.7CEE804A-ONC1257A8D.003C970D-C1257A8D.003CAB24@LocalDomain',
    clients: ['lotus-notes'],
    writer: 'client',
    source: `${SA_JHARDIN} (__MSGID_HEXISH); ${CORPUS('email/eml/tika-testLotusEml.eml (X-Mailer: Lotus Notes Release 8.5.3)')}`,
  },
  {
    id: 'groupwise',
    label: 'Novell GroupWise 7 and later (8 hex + 0200 + 12 hex) and GWIA (s + 8 hex . 3 digits)',
    pattern: re(String.raw`[0-9A-F]{8}0200[0-9A-F]{12}|s[0-9a-f]{7,8}\.\d{3}`),
    example: '51CC3E55020000000000000F@$$$',
    clients: ['groupwise'],
    writer: 'client',
    source: CORPUS(
      'email/eml/tika-testGroupWiseEml.eml (X-Mailer: GroupWise 2012); email/spamassassin/nice/mime9.eml (Novell GroupWise Internet Agent 6.0.2)',
    ),
  },
  {
    id: 'aol',
    label: 'AOL client (decimal . hex . hex @aol.com)',
    pattern: re(String.raw`\d+\.[0-9a-f]{8}\.[0-9a-f]{8}`, String.raw`aol\.com`),
    example: '23.3af50667.2d650c0e@aol.com',
    clients: ['aol'],
    writer: 'client',
    source: CORPUS('email/spamassassin/nice/mime9.eml (X-Mailer: AOL 5.0 for Mac sub 46)'),
  },
  // ---- Libraries and scripts --------------------------------------------------------------
  {
    id: 'python-make-msgid',
    label: 'Python email.utils.make_msgid (centiseconds . pid . 64-bit random [. idstring])',
    pattern: re(String.raw`1\d{10,11}\.\d{1,7}\.\d{1,20}(?:\.[^@\s]+)?`),
    example: '170948812345.12345.1234567890123456789@host.example.com',
    clients: ['python'],
    writer: 'library',
    source:
      "python/cpython Lib/email/utils.py make_msgid: '<%d.%d.%d%s@%s>' % (int(time.time()*100), os.getpid(), random.getrandbits(64), idstring, domain)",
  },
  {
    id: 'python-legacy',
    label: 'Python 2 email.Utils.make_msgid (UTC YYYYmmddHHMMSS . pid . random below 100000)',
    pattern: re(String.raw`\d{14}\.\d{1,7}\.\d{1,5}(?:\.[^@\s]+)?`),
    example: '20110707181545.11234.4711@host.example.com',
    clients: ['python'],
    writer: 'library',
    source:
      "python/cpython Lib/email/utils.py (2.x): utcdate = time.strftime('%Y%m%d%H%M%S', time.gmtime(timeval)); randint = random.randrange(100000); '<%s.%s.%s%s@%s>' % (utcdate, pid, randint, idstring, idhost)",
  },
  {
    id: 'swaks',
    label: 'swaks, the SMTP test tool (local YYYYmmddHHMMSS . six-digit pid)',
    pattern: re(String.raw`\d{14}\.\d{6}`),
    example: '20231010101234.012345@kali.localdomain',
    clients: ['swaks'],
    writer: 'library',
    source: 'jetmore/swaks swaks get_messageid: sprintf("%04d%02d%02d%02d%02d%02d.%06d\\@%s", localtime..., $$, get_hostname())',
  },
  {
    id: 'phpmailer-6',
    label: 'PHPMailer 6 (base64 of a SHA-256 with = + / removed: 36-43 alphanumerics)',
    pattern: re('(?=[^@]*[A-Z])(?=[^@]*[a-z])(?=[^@]*[0-9])[A-Za-z0-9]{36,43}'),
    example: 'kHUjRl8Hy7XSRmHhHYwcyXbWCAvuYiuDjMDmtbSKzXk@www.example.com',
    clients: ['phpmailer'],
    writer: 'library',
    source:
      "PHPMailer/PHPMailer src/PHPMailer.php @4a489474 generateId(): str_replace(['=', '+', '/'], '', base64_encode(hash('sha256', $bytes, true))); sprintf('<%s@%s>', $this->uniqueid, $this->serverHostname())",
  },
  {
    id: 'javamail',
    label: 'JavaMail / Jakarta Mail (hashCode[.id].millis.JavaMail.user@host)',
    pattern: re(String.raw`-?\d+(?:\.\d+)?\.\d{12,13}\.JavaMail\.[^@\s]*`),
    example: '15955949.1075858645356.JavaMail.evans@thyme',
    clients: ['javamail', 'zimbra'],
    writer: 'library',
    source:
      "jakartaee/mail-api api/src/main/java/jakarta/mail/internet/UniqueValue.java getUniqueMessageIDValue: s.hashCode() + '.' + getUniqueId() + '.' + System.currentTimeMillis() + '.JavaMail.' + user@host; " +
      `${CORPUS('email/enron (every message)')}`,
  },
  {
    id: 'javamail-short',
    label: 'Java mail libraries without the JavaMail suffix (hashCode.id.millis@host)',
    pattern: re(String.raw`-?\d{5,10}\.\d{1,6}\.\d{13}`),
    example: '1514160588.6.1488712291622@Moonbeast',
    clients: ['javamail'],
    writer: 'library',
    source: CORPUS('email/msg/msgreader-*.msg (simple-java-mail output)'),
  },
  {
    id: 'nodemailer',
    label: 'Nodemailer (random hex in UUID groups, no version bits)',
    pattern: re(UUID_LOWER_ANY),
    example: 'c8720a88-fcbd-7a8f-98db-9b982db619f7@kreata.ee',
    clients: ['nodemailer', 'thunderbird', 'k9', 'seamonkey'],
    writer: 'library',
    generic: true,
    source:
      "nodemailer/nodemailer lib/mime-node/index.js @2f667f42 _generateMessageId(): [2, 2, 2, 6].reduce((prev, len) => prev + '-' + crypto.randomBytes(len).toString('hex'), crypto.randomBytes(4).toString('hex'))",
  },
  {
    id: 'mimekit',
    label: 'MimeKit / MailKit (.NET): base-36 ticks . base-36 random',
    pattern: re(String.raw`[0-9A-Z]{11,13}\.[0-9A-Z]{9,13}`),
    example: 'KJ8Z0Q4B1Y1U.1J5W7X2T9N3QH@example.com',
    clients: ['mimekit'],
    writer: 'library',
    source:
      'jstedfast/MimeKit MimeKit/Utils/MimeUtils.cs GenerateMessageId: base36(DateTime.UtcNow.Ticks) + "." + base36(8 random bytes) + "@" + domain',
  },
  {
    id: 'swiftmailer',
    label: 'SwiftMailer (32 hex @swift.generated)',
    pattern: re('[0-9a-f]{32}', String.raw`swift\.generated`),
    example: '87756a6fb60afa0f161d77559b031506@swift.generated',
    clients: ['swiftmailer'],
    writer: 'library',
    source: CORPUS('email/eml (swift.generated Message-ID)'),
  },
  {
    id: 'jira',
    label: 'Atlassian JIRA notifications (JIRA.issue.millis.n.millis@host)',
    pattern: re(String.raw`JIRA\.\d+\.\d{13}\.\d+\.\d{13}`),
    example: 'JIRA.12697327.1393405059550.107997.1393417219950@arcas',
    clients: ['jira'],
    writer: 'library',
    source: CORPUS('email/pst/tika-testPST.pst ([jira] notifications)'),
  },
  {
    id: 'amazon-ses',
    label: 'Amazon SES (assigned by the service)',
    pattern: re('[0-9a-f-]{20,}', String.raw`(?:[a-z0-9-]+\.)*(?:amazonses\.com)`),
    example: '0100018c1b2a3c4d-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9-000000@email.amazonses.com',
    clients: [],
    writer: 'server',
    source: 'observed: public messages sent through Amazon SES (<...-000000@email.amazonses.com>)',
  },
  // ---- Servers assigning an ID the client did not write ----------------------------------
  {
    id: 'postfix',
    label: 'Postfix cleanup (UTC YYYYmmddHHMMSS . queue id @ myhostname)',
    pattern: re(String.raw`\d{14}\.[0-9A-F]{6,12}|\d{14}\.[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,16}`),
    example: '20060301212713.B3646731A1@mx2.messiah.edu',
    clients: [],
    writer: 'server',
    source:
      'Postfix src/cleanup/cleanup_message.c cleanup_missing_headers: strftime(time_stamp, "%Y%m%d%H%M%S", gmtime); cleanup_out_format(..., "%sMessage-Id: <%s.%s@%s>", resent, time_stamp, queue_id, var_myhostname)',
  },
  {
    id: 'sendmail',
    label: 'Sendmail (YYYYmmddHHMM . queue id @ host)',
    pattern: re(String.raw`(?:\d{12}|\d{10})\.[A-Za-z0-9]{7,14}`),
    example: '200510040005.j9405CKC009921@sj-core-2.cisco.com',
    clients: [],
    writer: 'server',
    source: 'sendmail cf/cf/*.cf: "H?M?Message-Id: <$t.$i@$j>" ($t = YYYYMMDDHHMM, $i = queue id, $j = host)',
  },
  {
    id: 'exim',
    label: 'Exim (E + message id @ host)',
    pattern: re(String.raw`E[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}`),
    example: 'E1PSggK-0002bd-0P@ankh',
    clients: [],
    writer: 'server',
    source:
      'Exim src/receive.c: header_add(..., "%sMessage-Id: <%s%s%s@%s>\\n", resent_prefix, message_id_external ("E" + message_id), ...)',
  },
  {
    id: 'qmail',
    label: 'qmail (YYYYmmddHHMMSS . pid . qmail @ host)',
    pattern: re(String.raw`\d{14}\.\d+\.qmail`),
    example: '20061010193027.29989.qmail@web34101.mail.mud.yahoo.com',
    clients: [],
    writer: 'server',
    source: CORPUS('email/spamassassin (qmail-inject IDs)'),
  },
  {
    id: 'courier',
    label: 'Courier MTA (courier.hex-time.hex-pid @ host)',
    pattern: re(String.raw`courier\.[0-9A-F]{8,16}\.[0-9A-F]{8,16}`),
    example: 'courier.4F2A1B3C.00001234@mail.example.com',
    clients: [],
    writer: 'server',
    source:
      'svarshavchik/courier courier/courier/submit3.C mkmessageidheader(): "Message-ID: <courier." + hex(submit_time) + "." + hex(getpid()) + "@" + config_msgidhost()',
  },
];

export interface MessageIdClass {
  /** Every form the ID matches, most specific first. */
  forms: readonly MessageIdForm[];
  /** The most specific form's id, or 'unknown'. */
  key: string;
}

const UNKNOWN: MessageIdClass = { forms: [], key: 'unknown' };

/** The forms a Message-ID (without angle brackets) matches. */
export function classifyMessageId(id: string | undefined | null): MessageIdClass {
  const v = (id ?? '').trim().replace(/^<|>$/g, '');
  if (!v || !v.includes('@')) return UNKNOWN;
  const forms = MESSAGE_ID_FORMS.filter((f) => f.pattern.test(v));
  return forms.length ? { forms, key: forms[0].id } : UNKNOWN;
}

/** The host part of a Message-ID, lowercased. */
export function messageIdHost(id: string): string {
  const at = id.lastIndexOf('@');
  return at >= 0
    ? id
        .slice(at + 1)
        .replace(/>$/, '')
        .toLowerCase()
    : '';
}
