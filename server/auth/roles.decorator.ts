import { SetMetadata } from '@nestjs/common';
import type { UserRole } from './user.entity.js';

export const ROLES = 'shinsa:roles';

/** The roles allowed to call an endpoint. Every non-public endpoint must name them. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
