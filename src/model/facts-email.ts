// Facts extracted from an RFC 5322 message (eml, mbox message, msg converted).

export interface EmailAddress {
  name: string;
  address: string;
}

export interface RawHeader {
  /** Header name as written (case kept). */
  name: string;
  /** Unfolded raw value (no decoding of encoded-words). */
  raw: string;
  /** Value with RFC 2047 encoded-words decoded. */
  decoded: string;
}

export interface ReceivedHop {
  /** Position in the message, 0 = topmost (last hop). */
  index: number;
  raw: string;
  from?: string;
  by?: string;
  with?: string;
  id?: string;
  for?: string;
  /** 'via' clause (rare: non-Internet links). */
  via?: string;
  /** Connecting IP named in the from-clause (bracketed literal preferred), when there is one. */
  fromIp?: string;
  /** Timestamp after the ';' as written, and normalised. */
  dateRaw?: string;
  dateUtc?: string | null;
  offsetMinutes?: number | null;
}

/** Tags of one DKIM-Signature or ARC-Message-Signature header. */
export interface DkimSignatureFacts {
  header: 'DKIM-Signature' | 'ARC-Message-Signature' | 'ARC-Seal';
  index: number;
  raw: string;
  /** Tag map (v, a, c, d, s, h, bh, b, l, t, x, i, q, z, cv...). */
  tags: Record<string, string>;
  domain?: string;
  selector?: string;
  algorithm?: string;
  signedHeaders: string[];
  bodyLength?: number;
  timestamp?: number;
  expiration?: number;
}

export interface EmailAttachmentFacts {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  contentDisposition?: string;
  contentId?: string;
}

export interface EmailFacts {
  headers: RawHeader[];
  from?: EmailAddress;
  sender?: EmailAddress;
  replyTo?: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject?: string;
  dateRaw?: string;
  dateUtc?: string | null;
  /** Minutes east of UTC in the Date header. */
  dateOffsetMinutes?: number | null;
  /** Without angle brackets. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  mailer?: string;
  userAgent?: string;
  received: ReceivedHop[];
  dkim: DkimSignatureFacts[];
  arc: DkimSignatureFacts[];
  authenticationResults: string[];
  /** ARC-Authentication-Results values as written (instance tag included). */
  arcAuthenticationResults?: string[];
  /** MIME boundaries in order of appearance. */
  boundaries: string[];
  /** Thread-Index header (Outlook), raw base64. */
  threadIndex?: string;
  /** Top-level Content-Type. */
  contentType?: string;
  /** Plain text body (capped), HTML body (capped). */
  text?: string;
  html?: string;
  attachments: EmailAttachmentFacts[];
  /** Byte length of the raw message and of its body (after the blank line). */
  rawSize: number;
  bodyOffset?: number;
  /** Source format: eml bytes, an mbox message, an Outlook .msg converted to headers, a pst item. */
  origin: 'rfc822' | 'msg' | 'pst';
  /** Number of MIME parts and deepest multipart nesting seen by the structure scan. */
  mimeParts?: number;
  mimeDepth?: number;
  /** Headers whose value was longer than limits.maxHeaderBytes and was cut (name, full byte length). */
  truncatedHeaders?: { name: string; bytes: number }[];
  /** Outlook message class (IPM.Note, IPM.Appointment...) for .msg and .pst items. */
  messageClass?: string;
  /**
   * True when the bytes are not the original message but a rendering made by Verity (a .pst item:
   * the store keeps MAPI properties and transport headers, not the MIME bytes). Body-hash and
   * signature checks must not treat a mismatch on such bytes as tampering.
   */
  reconstructed?: boolean;
}
