import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { z } from 'zod';

import type { AnalysisSettings } from '../model/Settings';
import { analysisSettingsSchema } from './analysisSettingsSchema';
import { SettingsError } from './SettingsError';

export const DEFAULT_CONFIG_FILE = 'logout-lens.config.json';

export interface LoadAnalysisSettingsOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--config`; wins over `LOGOUT_LENS_CONFIG`, which wins over the default file. */
  configPath?: string;
  /** Values from command-line flags; they win over the file. */
  overrides?: Partial<AnalysisSettings>;
}

/**
 * Reads the analysis settings once: defaults, then the config file, then
 * flags. A named config file that is missing is an error; the default file
 * is optional.
 *
 * @example
 * const settings = loadAnalysisSettings({ cwd: process.cwd(), env: process.env });
 */
export function loadAnalysisSettings(
  options: LoadAnalysisSettingsOptions,
): AnalysisSettings {
  const named = options.configPath ?? options.env.LOGOUT_LENS_CONFIG;
  const path = resolve(options.cwd, named ?? DEFAULT_CONFIG_FILE);
  const fromFile = readConfigFile(path, named !== undefined);

  const merged = { ...fromFile, ...withoutUndefined(options.overrides ?? {}) };
  const parsed = analysisSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new SettingsError(`${describe(path, fromFile)}: ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

function readConfigFile(path: string, required: boolean): Record<string, unknown> {
  if (!existsSync(path)) {
    if (required) throw new SettingsError(`config file ${path} does not exist`);
    return {};
  }

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingsError(
      `config file ${path} cannot be read: ${(error as Error).message}`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(
      `config file ${path} is not JSON: ${(error as Error).message}`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SettingsError(`config file ${path} must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function describe(path: string, fromFile: Record<string, unknown>): string {
  return Object.keys(fromFile).length > 0 ? `settings (config file ${path})` : 'settings';
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join('.') || '(root)';
      return issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}`
        : `${key}: ${issue.message}`;
    })
    .join('; ');
}
