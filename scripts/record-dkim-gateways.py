#!/usr/bin/python3
"""Write test/fixtures/dkim-gateways/: messages signed with Debian's dkimpy (python3-dkim), then changed
the way receiving gateways and mailing lists change them (a banner at the top of every text part, a
disclaimer or footer at the bottom, a list's multipart wrapper, a subject tag), or edited the way a
forger edits them (a figure or a sentence changed inside the text). Python's email package writes every
body, as a gateway that decodes a part, inserts its block and re-encodes the part does.

Files: <name>.eml, keys.txt (BIND lines for the test keys), manifest.json ({name, family, expect, note,
dkimpy}), where expect is 'addition' (only text was added: the signed text is intact) or 'edit', and
dkimpy is dkimpy's own verdict on the changed message (False for every one: the body hash breaks).
Run from the repository root:  /usr/bin/python3 scripts/record-dkim-gateways.py
"""
import json, os, time
from email import policy
from email.message import EmailMessage
from email.mime.text import MIMEText

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, 'test', 'fixtures', 'dkim-gateways')
SIGN_TIME = 1741166400  # 2025-03-05T09:20:00Z: t= is fixed so that the fixtures do not depend on the day they were made

BANNERS = {
    'exchange-fr': (
        "[EXTERNE] Ce message provient de l'extérieur de l'organisation. Ne cliquez pas sur les liens et n'ouvrez pas les pièces jointes si vous ne connaissez pas l'expéditeur.\n\n",
        '<div style="background-color:#FFEB9C;border:1px solid #9C6500;padding:4px"><b>[EXTERNE]</b> Ce message provient de l\'extérieur de l\'organisation. Ne cliquez pas sur les liens et n\'ouvrez pas les pièces jointes si vous ne connaissez pas l\'expéditeur.</div><br>\n',
    ),
    'mimecast': (
        'CAUTION: This email originated from outside of the organization. Do not click links or open attachments unless you recognize the sender and know the content is safe.\n\n',
        '<table style="width:100%;border:0"><tr><td style="background:#f2dede;padding:6px;font-family:Arial">CAUTION: This email originated from outside of the organization. Do not click links or open attachments unless you recognize the sender and know the content is safe.</td></tr></table>\n',
    ),
    'proofpoint-de': (
        'ACHTUNG: Diese E-Mail stammt von einem externen Absender. Klicken Sie nicht auf Links und öffnen Sie keine Anhänge, wenn Sie den Absender nicht kennen.\n\n',
        '<div style="border:2px solid #d9534f;padding:5px"><span style="color:#d9534f">ACHTUNG:</span> Diese E-Mail stammt von einem externen Absender. Klicken Sie nicht auf Links und öffnen Sie keine Anhänge, wenn Sie den Absender nicht kennen.</div>',
    ),
}

DISCLAIMERS = {
    'exchange-en': (
        '\n\nThis e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it. The organisation accepts no liability for viruses.\n',
        '<hr><p style="font-size:8pt;color:#777">This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it. The organisation accepts no liability for viruses.</p>\n',
    ),
    'google-groups': (
        '\n-- \nYou received this message because you are subscribed to the Google Groups "Finance" group.\nTo unsubscribe from this group and stop receiving emails from it, send an email to finance+unsubscribe@example-partner.com.\n',
        '\n<p></p>\n-- <br>\nYou received this message because you are subscribed to the Google Groups &quot;Finance&quot; group.<br>\nTo unsubscribe from this group and stop receiving emails from it, send an email to <a href="mailto:finance+unsubscribe@example-partner.com">finance+unsubscribe@example-partner.com</a>.<br>\n',
    ),
    'mailman2': (
        '\n_______________________________________________\nFinance mailing list\nFinance@lists.example-partner.com\nhttps://lists.example-partner.com/mailman/listinfo/finance\n',
        None,
    ),
}

TEXT = {
    'fr': "Bonjour Paul,\n\nVoici le devis révisé pour la salle de Lyon : 12 400 euros TTC, sonorisation et ménage compris.\nL'acompte de 30 % est à verser avant le 15 mars ; le solde à la livraison.\n\nJe reste à votre disposition pour toute question.\n\nCordialement,\nÉlodie Marchal\nDirectrice commerciale\n",
    'en': 'Hello Paul,\n\nPlease find below the revised quote for the Lyon hall: 12,400 euros including sound system and cleaning.\nA 30% deposit is due before 15 March; the balance on delivery.\n\nKind regards,\nEmily Marsh\nSales Director\n',
    'de': 'Hallo Paul,\n\nanbei das überarbeitete Angebot für den Saal in Lyon: 12.400 Euro inklusive Tontechnik und Reinigung.\nDie Anzahlung von 30 % ist bis zum 15. März fällig, der Rest bei Lieferung.\n\nMit freundlichen Grüßen\nJürgen Weiß\nVertriebsleiter\n',
}

LONG_LINE = ' Nous avons également intégré les remarques de votre équipe technique concernant la puissance électrique disponible, le nombre de prises, l\'accès des traiteurs par le quai de livraison et les horaires de montage, qui commencent la veille à partir de 18 heures.'


def html_of(text, body_attrs=''):
    paras = ''.join(f'<p>{p.replace(chr(10), "<br>")}</p>' for p in text.strip().split('\n\n'))
    return f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body{body_attrs}>{paras}</body></html>\n'


def compose(text, html, cte, subject='Devis salle de Lyon', boundary='===============0417250913==', kind='alternative', mid='<20250305091700.4471@mail.example-partner.com>'):
    m = EmailMessage(policy=policy.SMTP)
    m['From'] = 'Élodie Marchal <elodie.marchal@example-partner.com>'
    m['To'] = 'Paul Durand <paul.durand@example.org>'
    m['Subject'] = subject
    m['Date'] = 'Wed, 05 Mar 2025 10:17:00 +0100'
    m['Message-ID'] = mid
    if kind == 'html':
        m.set_content(html, subtype='html', cte=cte)
    else:
        m.set_content(text, cte=cte)
        if kind == 'alternative':
            m.add_alternative(html, subtype='html', cte=cte)
            m.set_boundary(boundary)
    return m


def top_html(html, banner):
    i = html.index('<body')
    j = html.index('>', i) + 1
    return html[:j] + banner + html[j:]


def bottom_html(html, footer):
    i = html.rindex('</body>')
    return html[:i] + footer + html[i:]


def sign(raw, key, canon=(b'relaxed', b'relaxed')):
    real = time.time
    time.time = lambda: SIGN_TIME
    try:
        sig = dkim.sign(raw, b'gw2025', b'example-partner.com', key, canonicalize=canon,
                        include_headers=[b'from', b'to', b'subject', b'date', b'message-id', b'mime-version', b'content-type'])
    finally:
        time.time = real
    return sig


def received(raw):
    return (b'Received: from mail.example-partner.com (mail.example-partner.com [198.51.100.7])\r\n'
            b'\tby mx1.example.org (Postfix) with ESMTPS id 4R7kLm2Xq9z9sWd\r\n'
            b'\tfor <paul.durand@example.org>; Wed, 05 Mar 2025 10:17:04 +0100 (CET)\r\n') + raw


def main():
    os.makedirs(OUT, exist_ok=True)
    pk = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = pk.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    pub = pk.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    import base64
    with open(os.path.join(OUT, 'keys.txt'), 'w') as f:
        f.write('; test key of the dkim-gateways fixtures (scripts/record-dkim-gateways.py)\n')
        f.write(f'gw2025._domainkey.example-partner.com. 3600 IN TXT "v=DKIM1; k=rsa; p={base64.b64encode(pub).decode()}"\n')

    manifest = []

    def emit(name, family, expect, note, original, changed, canon=(b'relaxed', b'relaxed'), list_headers=b''):
        raw = original.as_bytes()
        sig = sign(raw, key, canon)
        assert dkim.verify(sig + raw, dnsfunc=dns), name
        out = received(list_headers + sig + changed.as_bytes())
        verdict = dkim.verify(out, dnsfunc=dns)
        with open(os.path.join(OUT, f'{name}.eml'), 'wb') as f:
            f.write(out)
        manifest.append({'name': name, 'family': family, 'expect': expect, 'note': note, 'dkimpy': verdict})

    record = open(os.path.join(OUT, 'keys.txt')).read().split('"')[1].encode()

    def dns(name, timeout=5):
        return record if name.rstrip(b'.').lower() == b'gw2025._domainkey.example-partner.com' else None

    # --- gateways: a banner at the top of every text part ---------------------------------------
    for (lang, bname, cte) in [('fr', 'exchange-fr', 'quoted-printable'), ('en', 'mimecast', 'base64'), ('de', 'proofpoint-de', 'quoted-printable'), ('en', 'mimecast', '7bit')]:
        text = TEXT[lang] + (LONG_LINE if lang == 'fr' else '') + '\n'
        html = html_of(text, ' lang="FR" style="word-wrap:break-word"' if lang == 'fr' else '')
        bt, bh = BANNERS[bname]
        orig = compose(text, html, cte)
        gw = compose(bt + text, top_html(html, bh), cte)
        emit(f'banner-top-{bname}-{cte}', 'gateway', 'addition', f'{bname} banner at the top of the text and HTML parts ({cte})', orig, gw)
    # Only the HTML part gets the banner (gateways that leave text/plain alone).
    text = TEXT['en']
    html = html_of(text)
    orig = compose(text, html, 'base64')
    emit('banner-html-only-base64', 'gateway', 'addition', 'banner at the top of the HTML part only (base64)', orig, compose(text, top_html(html, BANNERS['mimecast'][1]), 'base64'))
    # A single text/plain part, 8bit, simple canonicalization.
    orig = compose(TEXT['fr'], None, '8bit', kind='plain')
    emit('banner-top-plain-8bit-simple', 'gateway', 'addition', 'Exchange banner on a single text/plain part (8bit, c=simple/simple)', orig,
         compose(BANNERS['exchange-fr'][0] + TEXT['fr'], None, '8bit', kind='plain'), canon=(b'simple', b'simple'))
    # A single text/html part (quoted-printable) with a banner after <body ...>.
    html = html_of(TEXT['fr'] + LONG_LINE, ' lang="FR"')
    orig = compose(None, html, 'quoted-printable', kind='html')
    emit('banner-top-html-only-message-qp', 'gateway', 'addition', 'banner after <body> in a text/html-only message (quoted-printable, long lines re-wrapped)', orig,
         compose(None, top_html(html, BANNERS['exchange-fr'][1]), 'quoted-printable', kind='html'))
    # The banner at the top and the subject tagged.
    text = TEXT['de']
    html = html_of(text)
    orig = compose(text, html, 'quoted-printable', subject='Angebot Saal Lyon')
    emit('banner-top-subject-tag', 'gateway', 'addition', 'banner at the top and "[EXTERN] " before the Subject', orig,
         compose(BANNERS['proofpoint-de'][0] + text, top_html(html, BANNERS['proofpoint-de'][1]), 'quoted-printable', subject='[EXTERN] Angebot Saal Lyon'))

    # --- gateways and lists: a disclaimer or footer at the bottom -------------------------------
    for (lang, dname, cte) in [('en', 'exchange-en', '7bit'), ('fr', 'exchange-en', 'quoted-printable'), ('de', 'google-groups', 'base64'), ('en', 'google-groups', 'quoted-printable')]:
        text = TEXT[lang]
        html = html_of(text)
        dt, dh = DISCLAIMERS[dname]
        orig = compose(text, html, cte)
        emit(f'footer-{dname}-{lang}-{cte}', 'list' if dname == 'google-groups' else 'gateway', 'addition', f'{dname} footer at the bottom of the text and HTML parts ({cte})', orig,
             compose(text + dt, bottom_html(html, dh), cte))
    # Mailman 2 on a single text/plain part, with the subject tag, without List-* headers (an export that dropped them).
    orig = compose(TEXT['en'], None, '7bit', kind='plain', subject='Quote for the Lyon hall')
    emit('footer-mailman2-plain-subject-tag', 'list', 'addition', 'Mailman 2 footer and "[Finance] " subject tag on a text/plain message, List-* headers dropped', orig,
         compose(TEXT['en'] + DISCLAIMERS['mailman2'][0], None, '7bit', kind='plain', subject='[Finance] Quote for the Lyon hall'))
    # Mailman 3 / Sympa: the message wrapped in multipart/mixed with the footer as its own part.
    text = TEXT['fr']
    orig = compose(text, html_of(text), 'quoted-printable')
    wrapped = EmailMessage(policy=policy.SMTP)
    for h in ('From', 'To', 'Subject', 'Date', 'Message-ID'):
        wrapped[h] = orig[h]
    inner = compose(text, html_of(text), 'quoted-printable')
    for h in ('From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version'):
        del inner[h]
    wrapped.set_content('placeholder')
    wrapped.make_mixed()
    wrapped.set_payload([inner, MIMEText('_______________________________________________\nfinance mailing list -- finance@lists.example-partner.com\nTo unsubscribe send an email to finance-leave@lists.example-partner.com\n', 'plain', 'us-ascii', policy=policy.SMTP)])
    wrapped.set_boundary('===============5593172044==')
    emit('wrapper-mailman3-mixed', 'list', 'addition', 'Mailman 3 / Sympa: the message wrapped in multipart/mixed, the footer a part of its own', orig, wrapped,
         list_headers=b'List-Id: Finance <finance.lists.example-partner.com>\r\n')

    # --- forgeries: the signed text edited ------------------------------------------------------
    for (lang, cte, old, new) in [('fr', 'quoted-printable', '12 400', '21 400'), ('en', 'base64', '30% deposit', '60% deposit'), ('de', '7bit', None, None)]:
        text = TEXT[lang]
        if old is None:
            text = 'Hallo Paul,\n\nanbei das Angebot: 12.400 Euro inklusive Technik.\nDie Anzahlung ist bis zum 15. Maerz faellig.\n\nGruss\nJuergen\n'
            old, new = 'Die Anzahlung', 'Bitte ueberweisen Sie den Betrag auf unser neues Konto DE89 3704 0044 0532 0130 00. Die Anzahlung'
        html = html_of(text)
        orig = compose(text, html, cte)
        emit(f'edit-inside-{lang}-{cte}', 'edit', 'edit', f'"{old}" became "{new}" in both parts ({cte})', orig, compose(text.replace(old, new), html.replace(old, new), cte))
    # An edit inside, and a banner on top: the banner does not excuse the edit.
    text = TEXT['en']
    html = html_of(text)
    orig = compose(text, html, 'quoted-printable')
    bt, bh = BANNERS['mimecast']
    emit('edit-inside-with-banner', 'edit', 'edit', 'a figure changed inside the text, and a gateway banner on top', orig,
         compose(bt + text.replace('12,400', '17,400'), top_html(html.replace('12,400', '17,400'), bh), 'quoted-printable'))
    # The HTML part edited, the text part left alone.
    emit('edit-html-only', 'edit', 'edit', 'the HTML part edited, the text part left as signed', orig, compose(text, html.replace('balance on delivery', 'balance in cash on signature'), 'quoted-printable'))

    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{len(manifest)} messages written to {OUT}')


if __name__ == '__main__':
    main()
