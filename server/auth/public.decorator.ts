import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'shinsa:isPublic';

/** Marks an endpoint that answers without a session (login and health only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
