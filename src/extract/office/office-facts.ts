// The facts every Office format starts from (OOXML, ODF, RTF, legacy OLE), filled by its extractor.

import type { OfficeFacts } from '../../model/facts-office.js';

export function officeFacts(format: OfficeFacts['format'], given: Partial<OfficeFacts> = {}): OfficeFacts {
  return {
    format,
    core: {},
    app: {},
    custom: {},
    commentAuthors: [],
    revisionAuthors: [],
    fonts: [],
    encrypted: false,
    macros: false,
    ...given,
  };
}
