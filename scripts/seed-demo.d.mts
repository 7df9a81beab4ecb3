import type { Page } from '@playwright/test';
export function seedRuns(page: Page, experimentName?: string): Promise<{ experimentId: string; runIds: string[] }>;
export function trainInPlayground(page: Page, epochs?: number): Promise<string>;
export function registerModel(page: Page, runId: string, name?: string): Promise<void>;
