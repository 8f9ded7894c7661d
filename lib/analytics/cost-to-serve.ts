/**
 * Cost to serve: what the interactions with a customer cost, Σ count × cost per channel.
 * Channels without a configured cost are reported, not silently costed at zero.
 */

export interface Interaction {
  channel: string;
  /** How many interactions of this kind; 1 when omitted. */
  count?: number;
}

export interface CostToServe {
  cost: number;
  /** Channels seen without a configured cost (costed at 0). */
  unpricedChannels: string[];
  reason: string;
}

export function costToServe(
  interactions: readonly Interaction[],
  costPerChannel: Readonly<Record<string, number>>,
): CostToServe {
  let cost = 0;
  const unpriced = new Set<string>();
  for (const it of interactions) {
    const count = it.count ?? 1;
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError(`${it.channel}: interaction count must be finite and ≥ 0`);
    }
    const unit = Object.hasOwn(costPerChannel, it.channel) ? costPerChannel[it.channel] : undefined;
    if (unit === undefined || !Number.isFinite(unit)) {
      unpriced.add(it.channel);
      continue;
    }
    cost += count * unit;
  }
  const unpricedChannels = [...unpriced].sort();
  const total = interactions.reduce((n, it) => n + (it.count ?? 1), 0);
  const reason =
    `${total} interaction(s) cost ${Math.round(cost * 100) / 100}` +
    (unpricedChannels.length ? `; no cost set for ${unpricedChannels.join(', ')}` : '');
  return { cost, unpricedChannels, reason };
}
