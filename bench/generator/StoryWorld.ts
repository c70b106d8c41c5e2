import type { WorkerClass } from './frameworkFrames';
import type { Lang } from './messages';
import { MESSAGES, type MessageKey } from './messages';
import { Prng } from './Prng';
import type { PythonLayout } from './StackFrame';
import { LAYOUTS } from './StackFrame';
import type { Level, RecordKind, RequestScope, StreamRecord } from './StreamRecord';

/** How the app's refresh-token JTIs look: simplejwt's hex, a dashed UUID, or url-safe base64. */
export type JtiStyle = 'hex' | 'uuid' | 'urlsafe';

/** Deployment facts that hold for a whole stream. */
export interface WorldSettings {
  layout: PythonLayout;
  worker: WorkerClass;
  middlewares: number;
  appMiddleware: boolean;
  skipOuter: number;
  webDynos: string[];
  workerDynos: string[];
  jtiStyles: JtiStyle[];
  /** Share of stories logged by the English build. */
  englishShare: number;
  /** Epoch µs of a deploy that restarts the dynos and moves line numbers, or null. */
  deployAtUs: number | null;
  /** gunicorn writes an access line per request (through the app's formatter). */
  accessLog: boolean;
  host: string;
}

const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Seconds around a deploy that carry restarts, and no story line. */
const DEPLOY_QUIET_BEFORE_US = 10_000_000;
const DEPLOY_QUIET_AFTER_US = 120_000_000;

export function defaultWorldSettings(
  prng: Prng,
  startUs: number,
  hours: number,
): WorldSettings {
  const webCount = prng.int(2, 4);
  return {
    layout: prng.pick(LAYOUTS),
    worker: prng.pick(['sync', 'gthread'] as const),
    middlewares: prng.int(2, 4),
    appMiddleware: prng.chance(0.25),
    skipOuter: prng.pick([0, 0, 0, 3]),
    webDynos: Array.from({ length: webCount }, (_, i) => `web.${i + 1}`),
    workerDynos: ['worker.1'],
    jtiStyles: prng.chance(0.6)
      ? ['hex']
      : prng.shuffle<JtiStyle>(['hex', 'uuid', 'urlsafe']).slice(0, 2),
    englishShare: prng.pick([0, 0.2, 0.5, 1]),
    deployAtUs: prng.chance(0.7)
      ? startUs + Math.floor(prng.between(0.3, 0.7) * hours * 3600e6)
      : null,
    accessLog: prng.chance(0.6),
    host: prng.pick(['spa-api.herokuapp.com', 'api.studiozens.co']),
  };
}

/**
 * The shared state stories draw from: the seeded PRNG, the deployment's
 * settings, and the users, JTIs and ids already handed out (so that no two
 * stories share a user and no JTI is reused by accident).
 */
export class StoryWorld {
  readonly prng: Prng;
  readonly settings: WorldSettings;
  private readonly usedUsers = new Set<string>();
  readonly admins: string[];

  constructor(prng: Prng, settings: WorldSettings) {
    this.prng = prng;
    this.settings = settings;
    this.admins = Array.from({ length: 4 }, () => this.newUser());
  }

  /** A user no other story has: `+57300` and seven digits. */
  newUser(): string {
    for (;;) {
      const phone = `+57300${String(this.prng.int(0, 9_999_999)).padStart(7, '0')}`;
      if (!this.usedUsers.has(phone)) {
        this.usedUsers.add(phone);
        return phone;
      }
    }
  }

  jti(style: JtiStyle = this.prng.pick(this.settings.jtiStyles)): string {
    if (style === 'uuid') return this.prng.uuid();
    if (style === 'urlsafe') {
      let out = '';
      for (let i = 0; i < 22; i++) out += URLSAFE[this.prng.int(0, 63)];
      return out;
    }
    return this.prng.hex(32);
  }

  /** A JTI style for one user's tokens (a deployment mixes them only across users). */
  jtiStyle(): JtiStyle {
    return this.prng.pick(this.settings.jtiStyles);
  }

  ip(): string {
    const net = this.prng.pick(['203.0.113', '198.51.100', '192.0.2']);
    return `${net}.${this.prng.int(2, 254)}`;
  }

  lang(): Lang {
    return this.prng.chance(this.settings.englishShare) ? 'en' : 'es';
  }

  webDyno(except?: string): string {
    const choices = this.settings.webDynos.filter((d) => d !== except);
    return this.prng.pick(choices.length > 0 ? choices : this.settings.webDynos);
  }

  workerDyno(): string {
    return this.prng.pick(this.settings.workerDynos);
  }

  /** 0 before the deploy, 1 after it: the release whose line numbers a stack shows. */
  releaseAt(timeUs: number): number {
    const deploy = this.settings.deployAtUs;
    return deploy !== null && timeUs >= deploy ? 1 : 0;
  }

  /** `timeUs`, moved past the deploy's restarts when it falls among them. */
  avoidDeploy(timeUs: number): number {
    const deploy = this.settings.deployAtUs;
    if (deploy === null) return timeUs;
    if (
      timeUs >= deploy - DEPLOY_QUIET_BEFORE_US &&
      timeUs < deploy + DEPLOY_QUIET_AFTER_US
    ) {
      return deploy + DEPLOY_QUIET_AFTER_US + (timeUs - deploy + DEPLOY_QUIET_BEFORE_US);
    }
    return timeUs;
  }

  scope(
    user: RequestScope['user'],
    method: string | null = null,
    path: string | null = null,
  ): RequestScope {
    return { id: this.prng.uuid(), user, method, path, records: [] };
  }
}

/** Fields of one log call. */
export interface LogCall {
  timeUs: number;
  source: string;
  level: Level;
  logger: string;
  template: string;
  args?: (string | number)[];
  scope?: RequestScope | null;
  kind?: RecordKind;
}

/** Appends the record to `out` (and to its scope, whose earlier lines are breadcrumbs). */
export function log(out: StreamRecord[], call: LogCall): StreamRecord {
  const record: StreamRecord = {
    timeUs: Math.round(call.timeUs),
    source: call.source,
    kind: call.kind ?? 'app',
    level: call.level,
    logger: call.logger,
    template: call.template,
    args: call.args ?? [],
    scope: call.scope ?? null,
  };
  if (record.scope && record.kind === 'app') record.scope.records.push(record);
  out.push(record);
  return record;
}

/** The template of a session tag in the story's language. */
export function text(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}
