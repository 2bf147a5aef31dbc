import type { Principal } from '#grip/contracts';
import { EnterpriseRepository, MAX_PAGE_SIZE, type Enterprise } from '#grip/registry';

/**
 * Every enterprise the principal may see in a region (and industry, by GB/T 4754 prefix), read
 * page by page: the registry applies the scope, the callers only narrow it.
 */
export async function enterprisesInScope(
  enterprises: EnterpriseRepository,
  scope: Principal,
  filter: { readonly regionCode?: string; readonly industryCode?: string },
): Promise<Enterprise[]> {
  const all: Enterprise[] = [];
  for (let page = 1; ; page++) {
    const result = await enterprises.list(scope, { ...filter, page, pageSize: MAX_PAGE_SIZE });
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) return all;
  }
}
