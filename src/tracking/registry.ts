import type { ModelVersionRow, RegisteredModelRow, TrackingDb } from './db';
import { AlreadyExistsError, NotFoundError, ValidationError } from './errors';
import { MODEL_JSON } from './model-files';
import { parseModelUri, runModelUri } from './model-uri';
import {
  toVersionNumber,
  validateAliasName,
  validateDescription,
  validateModelName,
  validateRegistryTag,
} from './registry-validation';
import { deleteOwn, keyedRecord, ownValue, setOwn } from './keyed-record';
import { guardQuota } from './rows';
import type { ModelVersion, RegisteredModel } from './types';
import { validateArtifactPath } from './validation';

/**
 * Version numbers are never reused, as in MLflow (its stores soft-delete versions): the highest number ever given
 * is kept on the model row, so deleting v3 and registering again gives v4.
 */
interface StoredModelRow extends RegisteredModelRow {
  highestVersion?: number;
}

export interface RegistryEntryOptions {
  description?: string;
  tags?: Record<string, string>;
}

export interface ResolvedModel {
  runId: string;
  artifactPath: string;
  /** Set when the URI named a registered model. */
  name?: string;
  version?: number;
}

function checkEntryOptions(options: RegistryEntryOptions): void {
  validateDescription(options.description ?? '');
  for (const [k, v] of Object.entries(options.tags ?? {})) validateRegistryTag(k, v);
}

function toRegisteredModel(row: StoredModelRow, versions: number[]): RegisteredModel {
  return {
    name: row.name,
    description: row.description,
    tags: keyedRecord(row.tags),
    aliases: keyedRecord(row.aliases),
    creationTimestamp: row.creationTimestamp,
    lastUpdatedTimestamp: row.lastUpdatedTimestamp,
    latestVersion: versions.length ? Math.max(...versions) : 0,
  };
}

function toModelVersion(row: ModelVersionRow, aliases: Record<string, number>): ModelVersion {
  return {
    name: row.name,
    version: row.version,
    runId: row.runId,
    artifactPath: row.artifactPath,
    source: runModelUri(row.runId, row.artifactPath),
    description: row.description,
    tags: keyedRecord(row.tags),
    aliases: Object.entries(aliases)
      .filter(([, target]) => target === row.version)
      .map(([alias]) => alias)
      .sort(),
    creationTimestamp: row.creationTimestamp,
    lastUpdatedTimestamp: row.lastUpdatedTimestamp,
    status: 'READY',
    userId: row.userId,
  };
}

/** MLflow's model registry (MlflowClient's registered-model and model-version calls) over IndexedDB. */
export class ModelRegistry {
  constructor(
    private readonly db: TrackingDb,
    private readonly userId: string,
  ) {}

  private async modelRow(name: string): Promise<StoredModelRow> {
    const row = await this.db.registeredModels.get(name);
    if (!row) throw new NotFoundError(`Registered model '${name}' does not exist.`);
    return row;
  }

  private async versionRow(name: string, version: number): Promise<ModelVersionRow> {
    const row = await this.db.modelVersions.get([name, version]);
    if (!row) throw new NotFoundError(`Model '${name}' has no version ${version}.`);
    return row;
  }

  private async versionNumbers(name: string): Promise<number[]> {
    return (await this.db.modelVersions.where('name').equals(name).primaryKeys()).map(([, v]) => v);
  }

  /** Read-modify-write of one model row; `touch` keeps lastUpdatedTimestamp in step with every change. */
  private async changeModel(name: string, change: (row: StoredModelRow) => void): Promise<void> {
    await guardQuota(() =>
      this.db.transaction('rw', this.db.registeredModels, async () => {
        const row = await this.modelRow(name);
        change(row);
        row.lastUpdatedTimestamp = Date.now();
        await this.db.registeredModels.put(row);
      }),
    );
  }

  private async changeVersion(
    name: string,
    version: number | string,
    change: (row: ModelVersionRow) => void,
  ): Promise<void> {
    const v = toVersionNumber(version);
    await guardQuota(() =>
      this.db.transaction('rw', this.db.modelVersions, async () => {
        const row = await this.versionRow(name, v);
        change(row);
        row.lastUpdatedTimestamp = Date.now();
        await this.db.modelVersions.put(row);
      }),
    );
  }

  async createRegisteredModel(name: string, options: RegistryEntryOptions = {}): Promise<RegisteredModel> {
    validateModelName(name);
    checkEntryOptions(options);
    const now = Date.now();
    const row: StoredModelRow = {
      name,
      description: options.description ?? '',
      tags: keyedRecord(options.tags),
      aliases: keyedRecord<number>(),
      creationTimestamp: now,
      lastUpdatedTimestamp: now,
      highestVersion: 0,
    };
    await guardQuota(() =>
      this.db.transaction('rw', this.db.registeredModels, async () => {
        if (await this.db.registeredModels.get(name))
          throw new AlreadyExistsError(`Registered model '${name}' already exists.`);
        await this.db.registeredModels.add(row);
      }),
    );
    return toRegisteredModel(row, []);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    return toRegisteredModel(await this.modelRow(name), await this.versionNumbers(name));
  }

  /** Every registered model, by name; `filter` keeps names containing it (case-insensitive). */
  async searchRegisteredModels(options: { filter?: string } = {}): Promise<RegisteredModel[]> {
    const [rows, keys] = await Promise.all([
      this.db.registeredModels.toArray(),
      this.db.modelVersions.toCollection().primaryKeys(),
    ]);
    const needle = options.filter?.toLowerCase() ?? '';
    return rows
      .filter((r) => r.name.toLowerCase().includes(needle))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((r) =>
        toRegisteredModel(
          r,
          keys.filter(([n]) => n === r.name).map(([, v]) => v),
        ),
      );
  }

  async updateRegisteredModel(name: string, description: string): Promise<void> {
    validateDescription(description);
    await this.changeModel(name, (row) => {
      row.description = description;
    });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    validateRegistryTag(key, value);
    await this.changeModel(name, (row) => {
      setOwn(row.tags, key, value);
    });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.changeModel(name, (row) => {
      deleteOwn(row.tags, key);
    });
  }

  /** Deletes the model with all its versions and aliases; the source runs and their artifacts stay. */
  async deleteRegisteredModel(name: string): Promise<void> {
    await this.db.transaction('rw', this.db.registeredModels, this.db.modelVersions, async () => {
      await this.modelRow(name);
      await this.db.modelVersions.where('name').equals(name).delete();
      await this.db.registeredModels.delete(name);
    });
  }

  /**
   * Registers the model logged at `artifactPath` in run `runId` as the next version of `name`, creating the
   * registered model when it does not exist yet (as `mlflow.register_model` does). Returns the version number.
   */
  async createModelVersion(
    name: string,
    runId: string,
    artifactPath: string,
    options: RegistryEntryOptions = {},
  ): Promise<number> {
    validateModelName(name);
    validateArtifactPath(artifactPath);
    checkEntryOptions(options);
    const folder = artifactPath.replace(/\/$/, '');
    return guardQuota(() =>
      this.db.transaction(
        'rw',
        [this.db.registeredModels, this.db.modelVersions, this.db.runs, this.db.artifacts],
        async () => {
          if (!(await this.db.runs.get(runId))) throw new NotFoundError(`No run with id '${runId}'.`);
          if (!(await this.db.artifacts.get([runId, `${folder}/${MODEL_JSON}`]))) {
            throw new NotFoundError(
              `Run '${runId}' has no model at '${folder}' (no ${folder}/${MODEL_JSON}), so there is nothing to register.`,
            );
          }
          const now = Date.now();
          const model: StoredModelRow = (await this.db.registeredModels.get(name)) ?? {
            name,
            description: '',
            tags: keyedRecord<string>(),
            aliases: keyedRecord<number>(),
            creationTimestamp: now,
            lastUpdatedTimestamp: now,
          };
          const existing = await this.versionNumbers(name);
          const version = Math.max(model.highestVersion ?? 0, ...existing) + 1;
          model.highestVersion = version;
          model.lastUpdatedTimestamp = now;
          await this.db.registeredModels.put(model);
          await this.db.modelVersions.add({
            name,
            version,
            runId,
            artifactPath: folder,
            description: options.description ?? '',
            tags: keyedRecord(options.tags),
            creationTimestamp: now,
            lastUpdatedTimestamp: now,
            userId: this.userId,
          });
          return version;
        },
      ),
    );
  }

  async getModelVersion(name: string, version: number | string): Promise<ModelVersion> {
    const v = toVersionNumber(version);
    const model = await this.modelRow(name);
    return toModelVersion(await this.versionRow(name, v), model.aliases);
  }

  /** Versions of one model, or registered from one run; newest first. */
  async searchModelVersions(options: { name?: string; runId?: string } = {}): Promise<ModelVersion[]> {
    const rows = options.name
      ? await this.db.modelVersions.where('name').equals(options.name).toArray()
      : options.runId
        ? await this.db.modelVersions.where('runId').equals(options.runId).toArray()
        : await this.db.modelVersions.toArray();
    const models = new Map((await this.db.registeredModels.toArray()).map((m) => [m.name, m.aliases]));
    return rows
      .filter((r) => !options.runId || r.runId === options.runId)
      .sort((a, b) => (a.name === b.name ? b.version - a.version : a.name < b.name ? -1 : 1))
      .map((r) => toModelVersion(r, models.get(r.name) ?? {}));
  }

  async updateModelVersion(name: string, version: number | string, description: string): Promise<void> {
    validateDescription(description);
    await this.changeVersion(name, version, (row) => {
      row.description = description;
    });
  }

  async setModelVersionTag(name: string, version: number | string, key: string, value: string): Promise<void> {
    validateRegistryTag(key, value);
    await this.changeVersion(name, version, (row) => {
      setOwn(row.tags, key, value);
    });
  }

  async deleteModelVersionTag(name: string, version: number | string, key: string): Promise<void> {
    await this.changeVersion(name, version, (row) => {
      deleteOwn(row.tags, key);
    });
  }

  /** Deletes one version and the aliases that pointed at it; the number is not given out again. */
  async deleteModelVersion(name: string, version: number | string): Promise<void> {
    const v = toVersionNumber(version);
    await this.db.transaction('rw', this.db.registeredModels, this.db.modelVersions, async () => {
      await this.versionRow(name, v);
      await this.db.modelVersions.delete([name, v]);
      await this.changeModel(name, (row) => {
        row.highestVersion = Math.max(row.highestVersion ?? 0, v);
        for (const [alias, target] of Object.entries(row.aliases)) if (target === v) deleteOwn(row.aliases, alias);
      });
    });
  }

  /** Points `alias` at `version`; an alias names one version, so it leaves the version that had it. */
  async setRegisteredModelAlias(name: string, alias: string, version: number | string): Promise<void> {
    validateAliasName(alias);
    const v = toVersionNumber(version);
    await this.db.transaction('rw', this.db.registeredModels, this.db.modelVersions, async () => {
      await this.versionRow(name, v);
      await this.changeModel(name, (row) => {
        setOwn(row.aliases, alias, v);
      });
    });
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    await this.changeModel(name, (row) => {
      if (!deleteOwn(row.aliases, alias))
        throw new NotFoundError(`Registered model '${name}' has no alias '${alias}'.`);
    });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const model = await this.modelRow(name);
    const version = ownValue(model.aliases, alias);
    if (version === undefined) throw new NotFoundError(`Registered model '${name}' has no alias '${alias}'.`);
    return toModelVersion(await this.versionRow(name, version), model.aliases);
  }

  /** The run and artifact path behind a models:/ or runs:/ URI. */
  async resolveModelUri(uri: string): Promise<ResolvedModel> {
    const parsed = parseModelUri(uri);
    switch (parsed.kind) {
      case 'run':
        return { runId: parsed.runId, artifactPath: parsed.artifactPath };
      case 'alias': {
        const mv = await this.getModelVersionByAlias(parsed.name, parsed.alias);
        return { runId: mv.runId, artifactPath: mv.artifactPath, name: mv.name, version: mv.version };
      }
      case 'latest': {
        const latest = (await this.getRegisteredModel(parsed.name)).latestVersion;
        if (latest === 0) throw new ValidationError(`Registered model '${parsed.name}' has no versions yet.`);
        const mv = await this.getModelVersion(parsed.name, latest);
        return { runId: mv.runId, artifactPath: mv.artifactPath, name: mv.name, version: mv.version };
      }
      case 'version': {
        const mv = await this.getModelVersion(parsed.name, parsed.version);
        return { runId: mv.runId, artifactPath: mv.artifactPath, name: mv.name, version: mv.version };
      }
    }
  }
}
