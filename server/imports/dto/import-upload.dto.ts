import { AsText } from '../../common/dto-fields.js';

/**
 * The form fields of an upload (POST /api/imports, multipart beside the files). Whether a
 * round is chosen is judged by ImportUploadService, which discards the uploaded files of any
 * request it refuses.
 */
export class ImportUploadDto {
  @AsText()
  roundId = '';
}
