/** Types of chromium.mjs. */
import type { Browser } from 'playwright-core';

export const CHROMIUM: string;
export function chromiumMissing(): string | undefined;
export function launchChromium(): Promise<Browser>;
