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
    /** The thumbnail's own quantisation tables (JPEG thumbnails): the camera's encoder, unless a tool regenerated it. */
    quantisation?: JpegQuantisation;
    /** The same comparison cell by cell, so that a change to one region shows (docs/checks-images.md). */
    regions?: ThumbnailRegions;
  };
  /** The JPEG's quantisation tables summarised: they name the encoder that last compressed the pixels. */
  jpegQuantisation?: JpegQuantisation;
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

/** A rectangle in pixels. */
interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The thumbnail compared with the image on a grid of cells, each judged against a noise model. */
export interface ThumbnailRegions {
  /** Cells across and down the compared part of the thumbnail. */
  columns: number;
  rows: number;
  /** Median cell difference (0-255): what the thumbnail's own compression and resampling leave. */
  noiseFloor: number;
  /** Spread of the thumbnail's cell brightness (0-255): a flat picture gives a cell little to show. */
  texture: number;
  /** Connected groups of cells at robust z >= 3.5. */
  hotRegions: number;
  /** The group with the highest z, when there is one. */
  strongest?: {
    /** In thumbnail pixels and in image pixels (the stored, unrotated picture). */
    thumbBox: PixelBox;
    imageBox: PixelBox;
    /** Its cells in grid units. */
    cells: number;
    /** Robust z of its most deviant cell. */
    z: number;
    /** That cell's difference (0-255) and what the noise model expected for its texture. */
    difference: number;
    expected: number;
  };
  /** Peak z of the next strongest group (0 when there is none). */
  secondZ: number;
}

/** Summary of a JPEG's quantisation tables. */
export interface JpegQuantisation {
  /** Sum of the 64 entries of the luminance (first component's) table, and of the chrominance table. */
  luminanceSum: number;
  chrominanceSum?: number;
  /** Sampling factors of the first component ('2x2' = 4:2:0, '2x1' = 4:2:2, '1x1' = 4:4:4). */
  sampling: string;
  /** Set when the tables are exactly libjpeg's (ITU T.81 Annex K scaled by the IJG formula) at this quality. */
  ijgQuality?: number;
}
