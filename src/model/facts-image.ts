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
  thumbnail?: { present: boolean; size: number; sha256?: string; width?: number; height?: number;
    /** Mean absolute difference (0-255) between the thumbnail and the image scaled down, when computable. */
    differenceFromImage?: number };
  xmpToolkit?: string;
  /** XMP history / derived-from present: the image was saved by an editor. */
  xmpHistory?: string[];
  orientation?: number;
}
