import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { odataStringLiteral } from '../../shared/filters';
import { findResource } from '../actions/resources';
import { listSites } from '../helpers/api';
import { companyConnection, getSage200Account, locatorValue, readCompanySite } from '../helpers/connection';
import { sage200FieldsOf } from '../helpers/fields';
import { fetchPage } from '../helpers/paging';

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

const RECORDS_PER_PAGE = 100;
const CODE_FIELDS = ['reference', 'code', 'document_no'];
const NAME_FIELDS = ['name', 'description', 'contact_name', 'customer_name'];

/**
 * Records of the chosen resource, company and site for a Record picker, 100 a page in ID order:
 * each shown by its code and name (the fields the OpenAPI gives the resource), searched by them
 * with contains() and, for a number, by ID.
 */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const resource = findResource(String(this.getCurrentNodeParameter('resource') ?? ''));
	if (!resource) return { results: [] };
	const node = this.getNode();
	const target = readCompanySite(node, this.getCurrentNodeParameter('company'), this.getCurrentNodeParameter('site'));
	const account = await getSage200Account.call(this);
	const { fields } = sage200FieldsOf(resource);
	const text = (name: string) => fields[name]?.type === 'text';
	const codeField = CODE_FIELDS.find(text);
	const nameField = NAME_FIELDS.find(text);
	const wanted = (filter ?? '').trim();
	const clauses = wanted ? [codeField, nameField].filter((field): field is string => !!field).map((field) => `contains(${field}, ${odataStringLiteral(wanted)})`) : [];
	if (/^\d{1,18}$/.test(wanted)) clauses.push(`id eq ${wanted}`);
	if (wanted && clauses.length === 0) return { results: [] };
	const skip = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
	const rows = await fetchPage.call(
		this,
		companyConnection(account, target),
		account.baseUrl,
		{
			path: resource.path,
			orderBy: 'id',
			filter: clauses.length ? clauses.join(' or ') : undefined,
			select: ['id', codeField, nameField].filter(Boolean).join(','),
		},
		{ top: RECORDS_PER_PAGE, skip, action: `Listing ${resource.displayName.toLowerCase()} records` },
	);
	const results = rows
		.filter((row) => row.id !== undefined && row.id !== null)
		.map((row) => {
			const label = [codeField && row[codeField], nameField && row[nameField]].filter((part) => typeof part === 'string' && part.trim() !== '').join(' – ');
			return { name: label ? `${label} (${row.id})` : `${resource.displayName} ${row.id}`, value: String(row.id) };
		});
	return { results, paginationToken: rows.length === RECORDS_PER_PAGE ? String(skip + RECORDS_PER_PAGE) : undefined };
}
