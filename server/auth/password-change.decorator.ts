import { SetMetadata } from '@nestjs/common';

export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'shinsa:allowedBeforePasswordChange';

/** Endpoints an account that must change its password may still call (who am I, change it). */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);
