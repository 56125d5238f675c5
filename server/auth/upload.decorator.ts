import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_UPLOAD = 'shinsa:acceptsUpload';

/** The endpoint takes files as multipart/form-data; every other change takes JSON only. */
export const AcceptsUpload = () => SetMetadata(ACCEPTS_UPLOAD, true);
