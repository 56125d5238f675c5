import {
  CanActivate,
  ExecutionContext,
  HttpStatus,
  Injectable,
  BadRequestException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SAFE_METHODS } from './request-origin.js';
import { ACCEPTS_UPLOAD } from './upload.decorator.js';

/** True when the request carries a body (as body-parser decides it). */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (!!length && length !== '0');
}

/**
 * Applied to every endpoint: a change sends its body as JSON, or as multipart/form-data where
 * the endpoint is marked @AcceptsUpload. A form-encoded or text/plain body, which a page of
 * another site can send without asking the browser first, is refused with 400 naming
 * `content-type` (as every malformed request is, issue 17).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.includes(request.method) || !hasBody(request)) return true;
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const upload = this.reflector.getAllAndOverride<boolean>(ACCEPTS_UPLOAD, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (upload ? type === 'multipart/form-data' : type === 'application/json') return true;
    const sent = type || 'なし';
    const message = upload
      ? `ファイルは multipart/form-data で送ってください(届いた形式: ${sent})。画面のアップロードから送り直してください`
      : `内容は JSON(Content-Type: application/json)で送ってください(届いた形式: ${sent})`;
    throw new BadRequestException({
      statusCode: HttpStatus.BAD_REQUEST,
      message,
      errors: { 'content-type': message },
    });
  }
}
