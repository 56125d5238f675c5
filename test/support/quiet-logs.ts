import { Logger } from '@nestjs/common';

// Integration tests print only errors unless TEST_LOG_LEVEL asks for more.
Logger.overrideLogger(process.env.TEST_LOG_LEVEL ? ['error', 'warn', 'log', 'debug'] : ['error']);
