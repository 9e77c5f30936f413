/**
 * The AWS-owned accounts known to publish public Lambda layers (data/trusted-layer-publishers.json),
 * each with the page that states it. A layer from one of them is AWS's own code; the list moves as
 * AWS opens regions and products, so it is a dated data file.
 */
import { z } from 'zod';
import publisherData from '../../data/trusted-layer-publishers.json' with { type: 'json' };

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

export const PublisherTable = z
  .object({
    retrievedAt: isoDay,
    notes: z.string().optional(),
    publishers: z
      .array(
        z.object({
          accountId,
          partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
          /** The regions the source lists for this account; null: one account for every region of the partition. */
          regions: z
            .array(z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/))
            .min(1)
            .nullable(),
          publisher: z.string().min(1),
          source: z.url().startsWith('https://'),
        }),
      )
      .min(1),
  })
  .refine(
    (t) => new Set(t.publishers.map((p) => `${p.partition}:${p.accountId}`)).size === t.publishers.length,
    'duplicate account: one entry per partition and account',
  );
export type PublisherTable = z.infer<typeof PublisherTable>;
export type PublisherEntry = PublisherTable['publishers'][number];

let table: { data: PublisherTable; byAccount: Map<string, PublisherEntry> } | undefined;

/** The publisher table, validated on first use (see runtimeTable for why not at import). */
export function publisherTable(): { data: PublisherTable; byAccount: Map<string, PublisherEntry> } {
  if (!table) {
    const data = PublisherTable.parse(publisherData);
    table = { data, byAccount: new Map(data.publishers.map((p) => [`${p.partition}:${p.accountId}`, p])) };
  }
  return table;
}
