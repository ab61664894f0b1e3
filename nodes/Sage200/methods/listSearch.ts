import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { listSites } from '../helpers/api';
import { getSage200Account, locatorValue } from '../helpers/connection';

const matches = (filter: string | undefined, ...texts: string[]) =>
	!filter || texts.some((text) => text.toLowerCase().includes(filter.toLowerCase()));

/** Sites from GET sites, one entry per site. */
export async function searchSites(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const sites = await listSites.call(this, await getSage200Account.call(this));
	const results = new Map<string, INodeListSearchItems>();
	for (const site of sites) {
		if (results.has(site.site_id) || !matches(filter, site.site_name, site.site_short_name ?? '', site.site_id)) continue;
		results.set(site.site_id, { name: site.site_short_name ? `${site.site_name} (${site.site_short_name})` : site.site_name, value: site.site_id });
	}
	return { results: [...results.values()] };
}

/** Companies from GET sites, each shown with its site; narrowed to the chosen site when there is one. */
export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const sites = await listSites.call(this, await getSage200Account.call(this));
	let chosenSite = '';
	try {
		chosenSite = locatorValue(this.getCurrentNodeParameter('site', { extractValue: true }));
	} catch {
		// An unresolvable expression in Site: offer every company.
	}
	const results = sites
		.filter((site) => !chosenSite || site.site_id.toLowerCase() === chosenSite.toLowerCase())
		.filter((site) => matches(filter, site.company_name, site.site_name, String(site.company_id)))
		.map((site) => ({ name: `${site.company_name} (${site.site_name})`, value: String(site.company_id) }));
	return { results };
}
