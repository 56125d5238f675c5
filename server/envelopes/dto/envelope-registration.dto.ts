import { AsText } from '../../common/dto-fields.js';
import { EnvelopeDto } from './envelope.dto.js';

/** An envelope registered in the console (POST /api/envelopes): its round, then as edited. */
export class EnvelopeRegistrationDto extends EnvelopeDto {
  @AsText()
  roundId = '';
}
