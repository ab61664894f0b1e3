import type { IExecuteFunctions } from 'n8n-workflow';

import type { SageConnection } from '../../shared/transport';
import { RunSession } from '../../shared/operation';
import { companyConnection, getSage200Account, readCompanySite, type CompanySite, type Sage200Account } from './connection';

/**
 * One Sage 200 node run: every item shares the credential's account (API root, subscription key),
 * each item may name its own company and site.
 */
export class Sage200Session extends RunSession<IExecuteFunctions> {
	private account?: Sage200Account;

	/** The item's company and site, checked before any request. */
	companySite(itemIndex: number): CompanySite {
		return readCompanySite(this.node, this.parameter('company', itemIndex), this.parameter('site', itemIndex), itemIndex);
	}

	/**
	 * The credential, read once on the first request of the run (not before: items that fail their
	 * checks must not need it), then a connection sending the item's X-Company and X-Site.
	 */
	async connect(target: CompanySite, itemIndex: number): Promise<{ connection: SageConnection; baseUrl: string }> {
		this.account ??= await getSage200Account.call(this.context, itemIndex);
		return { connection: companyConnection(this.account, target), baseUrl: this.account.baseUrl };
	}
}
