// Facts extracted from an image's EXIF/TIFF/XMP/IPTC/GPS.

export interface ImageFacts {
  format: string;
  width?: number;
  height?: number;
  make?: string;
  model?: string;
  software?: string;
  serialNumber?: string;
  /** As written ('2017:04:28 10:11:12'), plus OffsetTime* when present. */
  dateTimeOriginal?: string;
  createDate?: string;
  modifyDate?: string;
  offsetTime?: string;
  offsetTimeOriginal?: string;
  offsetTimeDigitized?: string;
  gps?: { latitude: number; longitude: number; altitude?: number; timestamp?: string };
  thumbnail?: {
    present: boolean;
    size: number;
    sha256?: string;
    width?: number;
    height?: number;
    /** Mean absolute difference (0-255) between the thumbnail and the image scaled down, when computable. */
    differenceFromImage?: number;
    /** How the image was mapped onto the thumbnail for that difference: whole frame squeezed, letterboxed, or centre-cropped. */
    comparison?: 'stretch' | 'fit' | 'crop';
    /** Share of the image's rows the comparison covers, when its data was cut short (0.5 to 1). */
    comparedRowsShare?: number;
    /** Why no difference was computed (not a JPEG, too large, undecodable...). */
    comparisonSkipped?: string;
  };
  xmpToolkit?: string;
  /** XMP history / derived-from present: the image was saved by an editor. */
  xmpHistory?: string[];
  orientation?: number;
  /** ExifImageWidth/Height: the size the camera or last EXIF writer claimed (differs after a resize). */
  exifDimensions?: { width: number; height: number };
  /** XMP xmp:CreatorTool. */
  creatorTool?: string;
  /** Owner / artist strings (EXIF Artist, OwnerName; IPTC By-line; XMP dc:creator). */
  artists?: string[];
  /** JPEG COM segments: editors and scanners sign here (e.g. 'CREATOR: gd-jpeg', 'Created with GIMP'). */
  comments?: string[];
  /** Segments exifr or our readers could not parse, with the reason (the rest was still read). */
  errors?: string[];
}
