import { IsNotEmpty } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';

/** The form field beside an uploaded assignment sheet (POST /api/assignments/csv). */
export class AssignmentSheetDto {
  @AsText()
  @IsNotEmpty({ message: '年度を指定してください' })
  roundId = '';
}
